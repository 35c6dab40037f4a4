// Optional comfort on the search pages: the page works without it (Apply buttons submit the GET form).
// - ticking a facet or changing the sort submits the form at once;
// - on a narrow screen the filters start folded above the results;
// - empty fields (no text, no year) stay out of the URL, so a shared search reads "?area=x", not "?q=&area=x".
(function () {
  "use strict";
  function ready() {
    var form = document.getElementById("search-form");
    if (!form) {
      return;
    }
    document.documentElement.classList.add("js");
    // A disabled field is not submitted; "Back" may show this page from the cache, so they are enabled again.
    function dropEmptyFields() {
      Array.prototype.forEach.call(form.elements, function (field) {
        var typed = field.type !== "checkbox" && field.type !== "radio" && field.type !== "submit";
        if (field.name && typed && !field.disabled && field.value.trim() === "") {
          field.disabled = true;
          field.setAttribute("data-dropped-empty", "");
        }
      });
    }
    form.addEventListener("submit", dropEmptyFields);
    window.addEventListener("pageshow", function () {
      document.querySelectorAll("[data-dropped-empty]").forEach(function (field) {
        field.disabled = false;
        field.removeAttribute("data-dropped-empty");
      });
    });
    document.querySelectorAll("[data-autosubmit]").forEach(function (input) {
      input.addEventListener("change", function () {
        if (form.requestSubmit) {
          form.requestSubmit();
        } else {
          dropEmptyFields();
          form.submit();
        }
      });
    });
    if (window.matchMedia("(max-width: 52rem)").matches) {
      document.querySelectorAll("details[data-collapse-narrow]").forEach(function (details) {
        details.open = false;
      });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
