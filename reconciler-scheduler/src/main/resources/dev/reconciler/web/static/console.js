// The console's only script (no inline script: the CSP forbids it). It refreshes the main content
// every few seconds by fetching the same page as a fragment, while the tab is visible and no form
// in it is being filled in, and draws the charts from their data-series attributes.
(function () {
  "use strict";

  function charts(root) {
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      if (typeof uPlot === "undefined") return;
      var data = JSON.parse(el.getAttribute("data-series"));
      var width = Math.max(280, el.clientWidth - 16);
      var opts, series;
      if (el.getAttribute("data-chart") === "minutes") {
        series = [data.t, data.succeeded, data.retried, data.failed];
        opts = { width: width, height: 220, series: [{},
          { label: "succeeded", stroke: "#1b7f3b" },
          { label: "retried", stroke: "#b54708" },
          { label: "failed", stroke: "#b42318" }] };
      } else {
        series = [data.t, data.match, data.discrepancies];
        opts = { width: width, height: 240,
          scales: { x: { time: true, range: [data.from, data.to] }, pct: { range: [0, 100] } },
          axes: [{}, { scale: "pct", label: "match %" }, { side: 1, scale: "n", label: "discrepancies", grid: { show: false } }],
          series: [{},
            { label: "match rate %", stroke: "#2f5fd0", scale: "pct", points: { show: true } },
            { label: "discrepancies", stroke: "#b42318", scale: "n", points: { show: true } }] };
      }
      el.textContent = "";
      if (series[0].length === 0) {
        el.textContent = "No data yet.";
        return;
      }
      new uPlot(opts, series, el);
    });
  }

  var editing = false;
  document.addEventListener("input", function () { editing = true; });

  function refresh() {
    var main = document.getElementById("main");
    if (!main || !main.hasAttribute("data-refresh") || document.hidden || editing) return;
    var active = document.activeElement;
    if (active && main.contains(active) && /INPUT|SELECT|TEXTAREA/.test(active.tagName)) return;
    fetch(location.href, { headers: { "X-Fragment": "1" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html === null) return;
        main.innerHTML = html;
        charts(main);
      })
      .catch(function () { /* the next tick tries again */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    charts(document);
    var main = document.getElementById("main");
    var seconds = main && Number(main.getAttribute("data-refresh"));
    if (seconds > 0) setInterval(refresh, seconds * 1000);
    document.addEventListener("visibilitychange", function () { if (!document.hidden) refresh(); });
  });
})();
