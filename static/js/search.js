// The search pages without reloads. Everything works without this file: the GET form, links and Apply buttons.
// With it:
// - ticking a facet, changing the sort, submitting the form, removing a chip or paging fetches only the parts of
//   the page that change (the server renders includes/_search_fragment.html from the page's own partials when
//   asked with the X-Search-Fragment header) and swaps them in place: one request, no reload;
// - the URL follows (History API), so every search stays shareable and Back/Forward walk the searches;
// - keyboard focus stays on the control that was used (see focusAfter), the page keeps its scroll position,
//   the phone's Filters panel stays open, and the new result count is announced (a polite live region);
// - only the newest answer is ever shown (the previous request is aborted, and a sequence number drops any
//   answer that still arrives late); a failed update leaves the page as it was, with a message, or falls back
//   to a normal page load; the page is never half updated.
// It loads in <head>, not deferred: on a phone the Filters panel starts folded, and folding it before the first
// paint (the class below hides its content until the panel is really closed) means nothing on the page jumps.
(function () {
  "use strict";
  var NARROW = "(max-width: 52rem)";
  var root = document.documentElement;
  var KEEP_OPEN = "techdiplo-filters-open"; // set before a fallback page load, so the panel stays open on a phone
  root.classList.add("js");
  var keepOpen = false;
  try {
    keepOpen = window.sessionStorage.getItem(KEEP_OPEN) === "1";
    window.sessionStorage.removeItem(KEEP_OPEN);
  } catch (error) {
    keepOpen = false; // storage can be switched off; the panel then starts folded, as on a first visit
  }
  if (!keepOpen && window.matchMedia && window.matchMedia(NARROW).matches) {
    root.classList.add("js-fold-filters");
  }

  var REGIONS = ["filters-label", "facets", "results"];
  var FRAGMENT_HEADER = "X-Search-Fragment";

  function ready() {
    var form = document.getElementById("search-form");
    var panel = document.getElementById("search-filters");
    if (root.classList.contains("js-fold-filters")) {
      if (panel) {
        panel.open = false; // in the same task as the class removal: no frame ever shows it open
      }
      root.classList.remove("js-fold-filters");
    }
    if (!form || !panel || !window.fetch || !window.history.pushState || !window.DOMParser) {
      return;
    }
    var results = document.querySelector(".search-results");
    var status = document.getElementById("search-status");
    var errorBox = document.getElementById("search-error");
    var controller = null;
    var sequence = 0;
    var messages = {
      network: form.getAttribute("data-message-network"),
      busy: form.getAttribute("data-message-busy"),
    };

    function region(doc, name) {
      return doc.querySelector('[data-search-region="' + name + '"]');
    }

    // The search the form describes, as a URL: empty fields (no text, no year) and the default order stay
    // out, so a shared search reads "?area=x", not "?q=&area=x&sort=newest".
    function formUrl() {
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, name) {
        if (typeof value === "string" && value.trim() !== "") {
          params.append(name, value.trim());
        }
      });
      // The order left at the shown search's default is no choice: a new text then sorts by relevance.
      var sort = document.getElementById("search-sort");
      if (sort) {
        var shownDefault = sort.querySelector('option[value="relevance"]') ? "relevance" : sort.dataset.default;
        if (params.get("sort") === shownDefault) {
          params.delete("sort");
        }
      }
      var query = params.toString();
      return new URL(form.getAttribute("action") + (query ? "?" + query : ""), window.location.href).href;
    }

    // The form's controls as the URL says (Back/Forward, or an update that failed): the text box is outside
    // the swapped regions, and the facets must not show a selection the results do not have.
    function restoreControls(url) {
      var params = new URL(url, window.location.href).searchParams;
      Array.prototype.forEach.call(form.elements, function (field) {
        if (!field.name) {
          return;
        }
        if (field.type === "checkbox" || field.type === "radio") {
          field.checked = params.getAll(field.name).indexOf(field.value) !== -1;
        } else if (field.tagName === "SELECT") {
          var value = params.get(field.name);
          var initial = field.querySelector("option[selected]"); // as the server rendered the shown search
          field.value = value !== null ? value : initial ? initial.value : field.value;
        } else if (field.type !== "submit" && field.type !== "button") {
          field.value = params.get(field.name) || "";
        }
      });
    }

    function showError(message) {
      errorBox.textContent = message;
      errorBox.hidden = false;
    }

    function clearError() {
      errorBox.hidden = true;
      errorBox.textContent = "";
    }

    function announce(text) {
      // Emptied first, so the same count twice in a row (another page of as many results) is read again.
      status.textContent = "";
      window.setTimeout(function () {
        status.textContent = text;
      }, 100);
    }

    // A normal page load of the same search: the server's own page (an error page, a 404 past the last page)
    // is always clearer than a guess; on a phone the panel stays open if it was.
    function navigate(url) {
      try {
        if (panel.open) {
          window.sessionStorage.setItem(KEEP_OPEN, "1");
        }
      } catch (error) {
        // no storage: the panel folds after the load, nothing else is lost
      }
      window.location.assign(url);
    }

    // Where focus and the view go after the swap. "control": the same checkbox (found again by name and
    // value: its place in the list may change), select or button, kept at the same height in the window, so
    // neither the page nor the open Filters panel seems to move (a control outside the swapped regions, like
    // the text box, simply keeps focus). "heading": the results' heading, after paging or "Clear all": the new
    // results start there. "chip": the chip that took the removed one's place, else the one before it, else the
    // heading, so a keyboard user can remove filter after filter with Enter.
    function focusAfter(before) {
      var target = null;
      if (before.kind === "control") {
        if (before.element && before.element.isConnected) {
          target = before.element;
        } else if (before.name) {
          target = Array.prototype.find.call(form.elements, function (field) {
            return field.name === before.name && (before.value === null || field.value === before.value);
          });
        } else if (before.id) {
          target = document.getElementById(before.id);
        }
        var more = target && target.closest(".facet__more");
        if (more && !more.open) {
          more.open = true; // the value moved behind "Show all": show it rather than lose the user's place
        }
      } else if (before.kind === "figure") {
        // The same country, prefecture or year on the redrawn map or timeline, if it is still a link there.
        var figure = document.getElementById(before.figure);
        target = figure && before.key ? figure.querySelector('a[data-key="' + before.key + '"]') : null;
      } else if (before.kind === "chip") {
        var links = document.querySelectorAll(".chips a");
        target = links.length > 1 ? links[Math.min(before.index, links.length - 2)] : null; // last: "Clear all"
      }
      if (!target || !target.getClientRects().length) {
        var heading = document.getElementById("result-count");
        heading.focus({ preventScroll: true });
        if (before.kind === "heading" || heading.getBoundingClientRect().top < 0) {
          heading.scrollIntoView({ block: "start" });
        }
        return;
      }
      if (before.kind === "control") {
        var moved = target.getBoundingClientRect().top - before.top;
        if (moved) {
          window.scrollBy(0, moved);
        }
      }
      if (document.activeElement !== target) {
        target.focus({ preventScroll: true });
      }
    }

    function describeFocus(element, kind) {
      var before = { kind: kind || "control", element: element, name: null, value: null, id: null, top: 0 };
      if (before.kind === "chip") {
        before.index = Array.prototype.indexOf.call(document.querySelectorAll(".chips a"), element);
        return before;
      }
      if (!element || element === document.body || element === document.documentElement) {
        before.kind = "none";
        return before;
      }
      if (element.form === form && element.name && element.type !== "submit") {
        before.name = element.name;
        before.value = element.type === "checkbox" || element.type === "radio" ? element.value : null;
      }
      before.id = element.id || null;
      before.top = element.getBoundingClientRect().top;
      return before;
    }

    function swap(doc, before) {
      var incoming = REGIONS.map(function (name) {
        return region(doc, name);
      });
      var current = REGIONS.map(function (name) {
        return region(document, name);
      });
      if (incoming.indexOf(null) !== -1 || current.indexOf(null) !== -1) {
        return false;
      }
      // "Show all" lists left open stay open; each is known by its facet (the name of its checkboxes).
      var openMore = Array.prototype.map.call(document.querySelectorAll(".facet__more[open] input"), function (input) {
        return input.name;
      });
      // A year typed while the answer was on its way is not thrown away with the old inputs.
      var typed = Array.prototype.filter.call(form.elements, function (field) {
        return field.type === "number" && field.value !== field.defaultValue;
      }).map(function (field) {
        return { id: field.id, value: field.value };
      });
      current.forEach(function (element, i) {
        element.replaceWith(document.importNode(incoming[i], true));
      });
      openMore.forEach(function (name) {
        var input = document.querySelector('.facet__more input[name="' + name + '"]');
        if (input) {
          input.closest(".facet__more").open = true;
        }
      });
      typed.forEach(function (field) {
        var input = document.getElementById(field.id);
        if (input) {
          input.value = field.value;
        }
      });
      if (doc.title) {
        document.title = doc.title;
      }
      if (before.kind !== "none") {
        focusAfter(before);
      }
      return true;
    }

    // The links that carry the current search elsewhere: the other language's page, its alternates.
    function followLinks() {
      var query = window.location.search;
      document.querySelectorAll("[data-language-switch], link[rel=alternate][hreflang]").forEach(function (link) {
        var url = new URL(link.href, window.location.href);
        url.search = query;
        var relative = link.getAttribute("href").charAt(0) === "/";
        link.setAttribute("href", relative ? url.pathname + url.search : url.href);
      });
    }

    // Fetch the fragment of `url` and swap it in. `push`: a new history entry (false for Back/Forward).
    function update(url, before, push) {
      if (controller) {
        controller.abort();
      }
      controller = new AbortController();
      var mine = ++sequence;
      var shownUrl = window.location.href;
      results.setAttribute("aria-busy", "true");
      var headers = {};
      headers[FRAGMENT_HEADER] = "1";
      fetch(url, { headers: headers, signal: controller.signal, cache: "no-store", credentials: "same-origin" })
        .then(function (response) {
          if (mine !== sequence) {
            return null;
          }
          if (response.status === 429) {
            var wait = parseInt(response.headers.get("Retry-After") || "", 10);
            var busy = new Error(messages.busy.replace("{seconds}", isNaN(wait) ? "60" : String(wait)));
            busy.isBusy = true;
            throw busy;
          }
          if (!response.ok || response.redirected) {
            navigate(url);
            return null;
          }
          return response.text();
        })
        .then(function (html) {
          if (html === null || mine !== sequence) {
            return; // a newer search was asked for meanwhile: only its answer may be shown
          }
          var doc = new DOMParser().parseFromString(html, "text/html");
          if (push) {
            window.history.pushState({ search: url }, "", url);
          }
          if (!swap(doc, before)) {
            navigate(url);
            return;
          }
          clearError();
          followLinks();
          results.removeAttribute("aria-busy");
          announce(document.getElementById("result-count").textContent.replace(/\s+/g, " ").trim());
        })
        .catch(function (error) {
          if (error.name === "AbortError" || mine !== sequence) {
            return;
          }
          if (!push) {
            navigate(url); // Back/Forward already changed the URL: load it rather than show another search
            return;
          }
          results.removeAttribute("aria-busy");
          restoreControls(shownUrl);
          showError(error.isBusy ? error.message : messages.network);
        });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      update(formUrl(), describeFocus(document.activeElement), true);
    });
    // Facets live outside the <form> element (form="search-form"), so the listener is on the document.
    document.addEventListener("change", function (event) {
      var field = event.target;
      if (field.form === form && field.hasAttribute("data-autosubmit")) {
        update(formUrl(), describeFocus(field), true);
      }
    });
    results.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest(".chips a, .pagination a, .search-figures .map a") : null;
      var modified = event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey;
      if (!link || event.defaultPrevented || modified) {
        return; // a new tab or window keeps the browser's own behaviour
      }
      event.preventDefault();
      var isChip = !!link.closest(".chips") && !link.classList.contains("chips__clear");
      var before = isChip ? describeFocus(link, "chip") : { kind: "heading" };
      var figure = link.closest(".search-figures .map");
      if (figure) {
        before = { kind: "figure", figure: figure.id, key: link.getAttribute("data-key") };
      }
      // A link in the SVG has no string href property: its attribute, resolved against the page, is the URL.
      update(new URL(link.getAttribute("href"), window.location.href).href, before, true);
    });
    window.addEventListener("popstate", function (event) {
      if (!event.state || !event.state.search) {
        return;
      }
      restoreControls(window.location.href);
      update(window.location.href, describeFocus(document.activeElement), false);
    });
    window.history.replaceState({ search: window.location.href }, "", window.location.href);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
