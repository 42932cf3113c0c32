// Kinerja — keyboard use of the review queue (the queue itself is live through htmx polling, see pwa.js).
//   j / k : next / previous report      o / Enter : open or close its details
//   a     : approve the current report   r : write a revision note   c : write a comment   x : tick for bulk approval
(function () {
  "use strict";
  var antrian = document.querySelector("[data-antrian]");
  if (!antrian) return;

  function items() { return Array.prototype.slice.call(antrian.querySelectorAll("[data-item]")); }
  function current() {
    var a = document.activeElement;
    return a ? a.closest("[data-item]") : null;
  }
  function pilih(item) {
    if (!item) return;
    items().forEach(function (x) { x.classList.remove("is-aktif"); });
    item.classList.add("is-aktif");
    item.focus();
    item.scrollIntoView({ block: "nearest" });
  }
  function buka(item) {
    var rinci = item && item.querySelector("[data-rinci]");
    if (rinci) rinci.open = true;
    return rinci;
  }
  function kosong() {
    var empty = document.querySelector("[data-antrian-kosong]");
    if (empty) empty.hidden = items().length > 0;
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var tag = (ev.target.tagName || "").toLowerCase();
    if (tag === "textarea" || tag === "input" || tag === "select") {
      if (ev.key === "Escape") { var it = current(); if (it) pilih(it); }
      return;
    }
    var list = items();
    if (!list.length) return;
    var item = current() || antrian.querySelector(".is-aktif");
    var i = item ? list.indexOf(item) : -1;
    switch (ev.key) {
      case "j": pilih(list[Math.min(i + 1, list.length - 1)]); break;
      case "k": pilih(list[Math.max(i - 1, 0)]); break;
      case "o":
        if (item) { var r = item.querySelector("[data-rinci]"); if (r) r.open = !r.open; }
        break;
      case "Enter":
        if (item && ev.target === item) { var r2 = item.querySelector("[data-rinci]"); if (r2) r2.open = !r2.open; }
        else return;
        break;
      case "a":
        if (item && buka(item)) item.querySelector("[data-aksi=setujui]").click();
        break;
      case "r":
      case "c":
        if (item && buka(item)) item.querySelector("[data-komentar]").focus();
        break;
      case "x":
        if (item) { var cb = item.querySelector("[data-pilih]"); if (cb) cb.checked = !cb.checked; }
        break;
      default:
        return;
    }
    ev.preventDefault();
  });

  // Validation errors (4xx) come back as the re-rendered item: swap them in instead of ignoring them.
  document.body.addEventListener("htmx:beforeSwap", function (ev) {
    var xhr = ev.detail.xhr;
    if (xhr && xhr.status >= 400 && xhr.status < 500 && ev.detail.target && ev.detail.target.closest("[data-antrian]")) {
      ev.detail.shouldSwap = true;
      ev.detail.isError = false;
    }
  });
  // After an action, keep the keyboard where it was: on the item just handled, then the next one.
  document.body.addEventListener("htmx:afterSwap", function (ev) {
    kosong();
    var target = ev.detail.target;
    if (target && target.id && target.id.indexOf("laporan-") === 0) {
      var fresh = document.getElementById(target.id);
      if (fresh) pilih(fresh);
    }
  });
  document.body.addEventListener("htmx:oobAfterSwap", kosong);
  kosong();
})();
