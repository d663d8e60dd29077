// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) {
        event.preventDefault();
      }
    });
  });

  // Live checks in the vacancy composer: the server renders the findings panel for the
  // form as it is now; the page swaps it in. Saving still goes through the normal submit.
  var form = document.getElementById("vacancy-form");
  if (form && form.dataset.checkUrl && window.fetch) {
    var timer = null;
    var inFlight = null;
    var refresh = function () {
      if (inFlight) { inFlight.abort(); }
      inFlight = new AbortController();
      fetch(form.dataset.checkUrl, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        signal: inFlight.signal,
        headers: { "X-Requested-With": "fetch" }
      }).then(function (response) {
        return response.ok ? response.text() : null;
      }).then(function (html) {
        var panel = document.getElementById("findings");
        if (html && panel) {
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector("#findings");
          if (fresh) { panel.replaceWith(fresh); }
        }
      }).catch(function () { /* offline or aborted: the panel updates on save */ });
    };
    var schedule = function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 500);
    };
    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
  }
})();

// A background job's page: follow its progress, reload when it has finished.
(function () {
  var box = document.querySelector("[data-job-status]");
  if (!box || box.getAttribute("data-job-active") !== "true") { return; }
  var url = box.getAttribute("data-job-status");
  var poll = function () {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (job) {
        if (!job) { return; }
        var label = box.querySelector("[data-job-label]");
        if (label) { label.textContent = job.label; }
        var bar = box.querySelector("progress");
        if (bar) { bar.value = job.progress; }
        var count = box.querySelector("[data-job-count]");
        if (count && job.total) { count.textContent = job.progress + " / " + job.total; }
        if (job.status === "done" || job.status === "failed") {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1500);
        }
      }).catch(function () { window.setTimeout(poll, 5000); });
  };
  window.setTimeout(poll, 1000);
})();
