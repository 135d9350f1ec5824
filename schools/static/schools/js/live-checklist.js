// The school report editor's statutory checklist and plain-English help, kept up to date
// as the editor types or ticks. The server runs the same rules as when the draft is saved
// (schools.views.report_advice); without JavaScript the panels show the saved draft's.
(function () {
  "use strict";

  var DELAY_MS = 700;
  // Draftail copies its content into the form a moment after each keystroke, without an
  // event on the form: look again now and then, and only ask when something changed.
  var POLL_MS = 3000;

  function showLive(root) {
    root.querySelectorAll("[data-checklist-static]").forEach(function (el) {
      el.hidden = true;
    });
    root.querySelectorAll("[data-checklist-live]").forEach(function (el) {
      el.hidden = false;
    });
  }

  function snapshot(form) {
    var parts = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") {
        parts.push(name + "=" + value);
      }
    });
    return parts.join("&");
  }

  function replaceAdvice(key, html) {
    var box = document.querySelector('[data-readability-for="' + key + '"]');
    if (!box) {
      return;
    }
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    var fresh = template.content.firstElementChild;
    if (fresh && box.innerHTML !== fresh.innerHTML) {
      box.className = fresh.className;
      box.innerHTML = fresh.innerHTML;
    }
  }

  function start() {
    var panel = document.querySelector("[data-live-checklist]");
    var form = document.getElementById("page-edit-form");
    var url = panel && panel.getAttribute("data-live-checklist");
    if (!panel || !form || !url || !window.fetch) {
      return;
    }
    var timer = null;
    var busy = false;
    var again = false;
    var last = snapshot(form);

    function refresh() {
      var current = snapshot(form);
      if (current === last) {
        return;
      }
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      last = current;
      fetch(url, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" },
      })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (data) {
          if (!data) {
            return;
          }
          panel.innerHTML = data.checklist;
          panel.setAttribute("data-missing", data.missing);
          showLive(panel);
          Object.keys(data.advice).forEach(function (key) {
            replaceAdvice(key, data.advice[key]);
          });
        })
        .catch(function () {
          last = null; // try again on the next change
        })
        .then(function () {
          busy = false;
          if (again) {
            again = false;
            schedule();
          }
        });
    }

    function schedule() {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, DELAY_MS);
    }

    ["input", "change", "keyup", "paste", "cut"].forEach(function (name) {
      form.addEventListener(name, schedule, true);
    });
    window.setInterval(refresh, POLL_MS);
    showLive(panel);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
