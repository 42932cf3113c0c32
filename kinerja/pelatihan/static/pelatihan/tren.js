// Trend chart of the adoption dashboard (Chart.js from npm, served from our own origin). The same numbers are in
// the table under the chart; the page is complete without this script.
(function () {
  "use strict";
  function draw(canvas) {
    if (typeof Chart === "undefined") return;
    fetch(canvas.getAttribute("data-tren-url"), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        var series = [["Aktif", d.aktif, "#0b5d3b"], ["Kepatuhan laporan", d.kepatuhan, "#0a58ca"],
                      ["SKP disetujui", d.skp, "#8a4b00"], ["Terlatih", d.terlatih, "#5a6470"]];
        new Chart(canvas, {
          type: "line",
          data: { labels: d.minggu, datasets: series.map(function (s) {
            return { label: s[0], data: s[1], borderColor: s[2], backgroundColor: s[2], tension: 0.2, spanGaps: true };
          }) },
          options: { responsive: true, maintainAspectRatio: false, animation: false,
                     scales: { y: { min: 0, max: 100, ticks: { callback: function (v) { return v + "%"; } } } } }
        });
      })
      .catch(function () { /* the table stays */ });
  }
  function init() { document.querySelectorAll("[data-tren-chart]").forEach(draw); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
