// Suggestions as you type, on every search box marked data-suggest (its value: the /suggest/ URL in the page's
// language; data-suggest-register: the register the box searches, if any). Without this file each box is a
// plain search form.
//
// The box becomes a WAI-ARIA 1.2 combobox with a list popup (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/):
// the input keeps focus and points at the highlighted option with aria-activedescendant; Down and Up move
// through the options (and open the list), Enter opens the highlighted one (or submits the search when none
// is), Escape closes the list, and a polite live region says how many suggestions there are. A name that
// is a facet of the register being searched is added to the current search; anything else opens its page.
(function () {
  "use strict";
  var DELAY_MS = 150; // typing faster than this asks once, for the last text
  var MIN_LENGTH = 2;

  function Combobox(input) {
    this.input = input;
    this.url = input.getAttribute("data-suggest");
    this.register = input.getAttribute("data-suggest-register") || "";
    this.options = [];
    this.active = -1;
    this.timer = null;
    this.request = null;
    this.lastText = null;

    var id = input.id;
    this.list = document.createElement("ul");
    this.list.id = id + "-suggestions";
    this.list.className = "suggest__list";
    this.list.setAttribute("role", "listbox");
    this.list.setAttribute("aria-label", input.getAttribute("data-suggest-label") || "");
    this.list.hidden = true;
    this.status = document.createElement("p");
    this.status.className = "visually-hidden";
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-atomic", "true");
    input.parentNode.appendChild(this.list);
    input.parentNode.appendChild(this.status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.list.id);
    input.setAttribute("autocomplete", "off");

    input.addEventListener("input", this.onInput.bind(this));
    input.addEventListener("keydown", this.onKeydown.bind(this));
    input.addEventListener("blur", this.close.bind(this));
    // Pressing on an option must not take focus from the box (the list would close before the click).
    this.list.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    this.list.addEventListener("click", this.onClick.bind(this));
  }

  Combobox.prototype.onInput = function () {
    var self = this;
    window.clearTimeout(this.timer);
    var text = this.input.value.trim();
    if (text.length < MIN_LENGTH) {
      this.abort();
      this.lastText = null;
      this.render([], "");
      return;
    }
    this.timer = window.setTimeout(function () {
      self.fetch(text);
    }, DELAY_MS);
  };

  Combobox.prototype.abort = function () {
    if (this.request) {
      this.request.abort();
      this.request = null;
    }
  };

  Combobox.prototype.fetch = function (text) {
    var self = this;
    if (text === this.lastText) {
      return;
    }
    this.abort();
    var controller = new AbortController();
    this.request = controller;
    var url = this.url + "?q=" + encodeURIComponent(text);
    if (this.register) {
      url += "&register=" + encodeURIComponent(this.register);
    }
    window
      .fetch(url, { headers: { Accept: "application/json" }, signal: controller.signal })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (answer) {
        if (self.request !== controller) {
          return; // a newer text was typed meanwhile
        }
        self.request = null;
        self.lastText = text;
        self.render(answer.suggestions || [], answer.status || "");
      })
      .catch(function () {
        if (self.request === controller) {
          self.request = null;
          self.render([], ""); // the box stays a plain search box
        }
      });
  };

  Combobox.prototype.render = function (suggestions, status) {
    var list = this.list;
    var id = this.input.id;
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    this.options = suggestions.map(function (suggestion, index) {
      var option = document.createElement("li");
      option.id = id + "-suggestion-" + index;
      option.className = "suggest__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      var label = document.createElement("span");
      label.className = "suggest__label";
      label.textContent = suggestion.label;
      var detail = document.createElement("span");
      detail.className = "suggest__detail";
      detail.textContent = suggestion.count_text
        ? suggestion.kind_label + " · " + suggestion.count_text
        : suggestion.kind_label;
      option.appendChild(label);
      option.appendChild(document.createTextNode(" "));
      option.appendChild(detail);
      list.appendChild(option);
      return { element: option, suggestion: suggestion };
    });
    this.setActive(-1);
    this.status.textContent = status;
    if (this.options.length && document.activeElement === this.input) {
      this.open();
    } else {
      this.close();
    }
  };

  Combobox.prototype.open = function () {
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  Combobox.prototype.close = function () {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.setActive(-1);
  };

  Combobox.prototype.isOpen = function () {
    return !this.list.hidden;
  };

  Combobox.prototype.setActive = function (index) {
    if (this.active >= 0 && this.options[this.active]) {
      this.options[this.active].element.setAttribute("aria-selected", "false");
    }
    this.active = index;
    if (index < 0) {
      this.input.removeAttribute("aria-activedescendant");
      return;
    }
    var element = this.options[index].element;
    element.setAttribute("aria-selected", "true");
    this.input.setAttribute("aria-activedescendant", element.id);
    if (element.scrollIntoView) {
      element.scrollIntoView({ block: "nearest" });
    }
  };

  Combobox.prototype.move = function (step) {
    var count = this.options.length;
    if (!count) {
      return;
    }
    if (!this.isOpen()) {
      this.open();
    }
    var next = this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count;
    this.setActive(next);
  };

  Combobox.prototype.onKeydown = function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp":
        if (this.options.length) {
          event.preventDefault();
          this.move(event.key === "ArrowDown" ? 1 : -1);
        }
        break;
      case "Enter":
        if (this.isOpen() && this.active >= 0) {
          event.preventDefault();
          this.choose(this.options[this.active].suggestion);
        } else {
          this.close(); // the form's own search runs
        }
        break;
      case "Escape":
        if (this.isOpen()) {
          event.preventDefault(); // closes the list only: the text stays (a second Escape clears it)
          this.close();
        }
        break;
      case "Tab":
        this.close();
        break;
      default:
        break;
    }
  };

  Combobox.prototype.onClick = function (event) {
    var element = event.target.closest ? event.target.closest("[role=option]") : null;
    var index = this.options.findIndex(function (option) {
      return option.element === element;
    });
    if (index >= 0) {
      this.choose(this.options[index].suggestion);
    }
  };

  // A facet of the register being searched joins the current search (its text and page dropped: the name was
  // typed to find the facet); anything else opens the suggestion's own URL.
  Combobox.prototype.choose = function (suggestion) {
    this.close();
    var url = suggestion.url;
    if (suggestion.facet && this.register) {
      var target = new URL(suggestion.url, window.location.href);
      if (target.pathname === window.location.pathname) {
        var params = new URLSearchParams(window.location.search);
        params.delete("q");
        params.delete("page");
        var values = params.getAll(suggestion.facet.name);
        if (values.indexOf(suggestion.facet.value) < 0) {
          params.append(suggestion.facet.name, suggestion.facet.value);
        }
        url = target.pathname + "?" + params.toString();
      }
    }
    window.location.assign(url);
  };

  function ready() {
    var inputs = document.querySelectorAll("input[data-suggest]");
    for (var i = 0; i < inputs.length; i += 1) {
      new Combobox(inputs[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
