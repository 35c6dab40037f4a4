// Optional comfort on the search pages: the page works without it (Apply buttons submit the GET form).
// - ticking a facet or changing the sort submits the form at once;
// - on a narrow screen the filters start folded above the results.
(function () {
  "use strict";
  function ready() {
    var form = document.getElementById("search-form");
    if (!form) {
      return;
    }
    document.documentElement.classList.add("js");
    document.querySelectorAll("[data-autosubmit]").forEach(function (input) {
      input.addEventListener("change", function () {
        if (form.requestSubmit) {
          form.requestSubmit();
        } else {
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
