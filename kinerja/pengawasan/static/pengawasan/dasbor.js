// Charts of the pengawasan dashboard (Chart.js from npm, served from our own origin). The numbers come from the
// <script type="application/json" id="data-grafik"> block the server renders; the same numbers are in the tables,
// so the page is complete before (or without) this script. Re-drawn after the minute refresh (htmx swap).
(function () {
  "use strict";
  var HIJAU = "#0b5d3b", BIRU = "#0a58ca", OREN = "#8a4b00", MERAH = "#b3261e";

  function data() {
    var el = document.getElementById("data-grafik");
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  function pct(v) { return v + "%"; }

  function baris(canvas, d) {
    var ambang = d.baris.labels.map(function () { return d.baris.ambang; });
    return new Chart(canvas, {
      type: "bar",
      data: { labels: d.baris.labels, datasets: [
        { label: "Kepatuhan laporan (%)", data: d.baris.kepatuhan, backgroundColor: HIJAU },
        { label: "Capaian thd jadwal (%)", data: d.baris.jadwal, backgroundColor: BIRU },
        { label: "Ambang kepatuhan", data: ambang, type: "line", borderColor: MERAH, borderDash: [6, 4],
          pointRadius: 0, fill: false }
      ] },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
                 scales: { y: { min: 0, suggestedMax: 100, ticks: { callback: pct } } } }
    });
  }

  function tren(canvas, d) {
    return new Chart(canvas, {
      type: "line",
      data: { labels: d.tren.labels, datasets: [
        { label: "Kepatuhan laporan (%)", data: d.tren.kepatuhan, borderColor: HIJAU, backgroundColor: HIJAU,
          spanGaps: true, yAxisID: "y" },
        { label: "IKM (25–100)", data: d.tren.ikm, borderColor: OREN, backgroundColor: OREN, spanGaps: true,
          yAxisID: "y" },
        { label: "Jam sampai ditinjau", data: d.tren.tinjauan, borderColor: BIRU, backgroundColor: BIRU,
          spanGaps: true, yAxisID: "y2" }
      ] },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
                 scales: { y: { min: 0, max: 100 }, y2: { position: "right", min: 0, grid: { drawOnChartArea: false } } } }
    });
  }

  function init(root) {
    if (typeof Chart === "undefined") return;
    var d = data();
    if (!d) return;
    (root || document).querySelectorAll("canvas[data-grafik]").forEach(function (canvas) {
      if (canvas.getAttribute("data-digambar")) return;
      canvas.setAttribute("data-digambar", "1");
      var kind = canvas.getAttribute("data-grafik");
      if (kind === "baris" && d.baris.labels.length) baris(canvas, d);
      if (kind === "tren" && d.tren.labels.length) tren(canvas, d);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { init(); });
  else init();
  document.addEventListener("htmx:afterSwap", function (e) { init(e.target); });
})();
