// Kinerja — the guided tour on first use (our own small script; no third-party tour library).
// The steps come from the page as JSON (json_script "tur-data"); each step names CSS selectors and the first
// visible one is highlighted, else the card is centred. Finishing or skipping posts to the "tur selesai" form so
// the tour does not return. Without JavaScript the panel shows the same steps as a list and a button.
(function () {
  "use strict";

  function visible(el) {
    if (!el) return false;
    var r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && window.getComputedStyle(el).visibility !== "hidden";
  }

  function findTarget(selectors) {
    for (var i = 0; i < (selectors || []).length; i++) {
      var nodes;
      try { nodes = document.querySelectorAll(selectors[i]); } catch (e) { continue; }
      for (var j = 0; j < nodes.length; j++) if (visible(nodes[j])) return nodes[j];
    }
    return null;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function Tour(root, steps) {
    this.root = root;
    this.steps = steps;
    this.index = 0;
    this.form = root.querySelector("[data-tur-form]");
    this.returnFocus = document.activeElement;
  }

  Tour.prototype.start = function () {
    this.overlay = el("div", "tur-lapis");
    this.overlay.setAttribute("data-tur-lapis", "");
    this.ring = el("div", "tur-sorot");
    this.card = el("div", "tur-kartu");
    this.card.setAttribute("role", "dialog");
    this.card.setAttribute("aria-modal", "true");
    this.card.setAttribute("aria-labelledby", "tur-judul");
    this.card.setAttribute("aria-describedby", "tur-teks");
    this.card.setAttribute("data-tur-kartu", "");
    this.counter = el("p", "tur-kartu__langkah");
    this.title = el("h2");
    this.title.id = "tur-judul";
    this.title.tabIndex = -1;
    this.text = el("p");
    this.text.id = "tur-teks";
    var buttons = el("div", "tur-kartu__tombol");
    this.skip = el("button", "button button--small button--secondary", "Lewati tur");
    this.back = el("button", "button button--small button--secondary", "Kembali");
    this.next = el("button", "button button--small", "Lanjut");
    [this.skip, this.back, this.next].forEach(function (b) { b.type = "button"; buttons.appendChild(b); });
    this.card.appendChild(this.counter);
    this.card.appendChild(this.title);
    this.card.appendChild(this.text);
    this.card.appendChild(buttons);
    document.body.appendChild(this.overlay);
    document.body.appendChild(this.ring);
    document.body.appendChild(this.card);
    var self = this;
    this.skip.addEventListener("click", function () { self.finish(); });
    this.back.addEventListener("click", function () { self.show(self.index - 1); });
    this.next.addEventListener("click", function () {
      if (self.index >= self.steps.length - 1) self.finish(); else self.show(self.index + 1);
    });
    this.onKey = function (e) {
      if (e.key === "Escape") { e.preventDefault(); self.finish(); }
      if (e.key === "Tab") {  // keep focus inside the card
        var f = self.card.querySelectorAll("button");
        var first = f[0], last = f[f.length - 1];
        if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
        else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
      }
    };
    this.onResize = function () { self.place(); };
    document.addEventListener("keydown", this.onKey);
    window.addEventListener("resize", this.onResize);
    this.show(0);
  };

  Tour.prototype.show = function (i) {
    if (i < 0 || i >= this.steps.length) return;
    this.index = i;
    var step = this.steps[i];
    this.counter.textContent = "Langkah " + (i + 1) + " dari " + this.steps.length;
    this.title.textContent = step.judul;
    this.text.textContent = step.teks;
    this.back.hidden = i === 0;
    this.next.textContent = i === this.steps.length - 1 ? "Selesai" : "Lanjut";
    this.target = findTarget(step.target);
    if (this.target) {  // bring the target's top near the top of the screen, leaving room for the card below
      var top = this.target.getBoundingClientRect().top + window.scrollY;
      window.scrollTo(0, Math.max(0, top - 16));
    }
    this.place();
    this.title.focus({ preventScroll: true });
  };

  Tour.prototype.place = function () {
    var sx = window.scrollX, sy = window.scrollY, vw = document.documentElement.clientWidth;
    var card = this.card;
    this.overlay.classList.toggle("is-terang", !!this.target);
    if (!this.target) {
      this.ring.hidden = true;
      card.style.position = "fixed";
      card.style.left = Math.max(16, (vw - card.offsetWidth) / 2) + "px";
      card.style.top = Math.max(16, (window.innerHeight - card.offsetHeight) / 2) + "px";
      return;
    }
    var r = this.target.getBoundingClientRect();
    this.ring.hidden = false;
    this.ring.style.left = (r.left + sx - 4) + "px";
    this.ring.style.top = (r.top + sy - 4) + "px";
    this.ring.style.width = (r.width + 8) + "px";
    this.ring.style.height = (r.height + 8) + "px";
    card.style.position = "absolute";
    var h = card.offsetHeight, vh = window.innerHeight, top;
    if (r.bottom + 12 + h <= vh) top = r.bottom + 12;          // below the target
    else if (r.top - 12 - h >= 0) top = r.top - 12 - h;        // above it
    else top = Math.max(12, vh - h - 12);                      // a tall target: at the bottom of the screen
    card.style.top = (top + sy) + "px";
    card.style.left = (Math.min(Math.max(12, r.left), vw - card.offsetWidth - 12) + sx) + "px";
  };

  Tour.prototype.finish = function () {
    document.removeEventListener("keydown", this.onKey);
    window.removeEventListener("resize", this.onResize);
    [this.overlay, this.ring, this.card].forEach(function (n) { if (n && n.parentNode) n.parentNode.removeChild(n); });
    var form = this.form, root = this.root;
    if (form) {
      var body = new FormData(form);
      fetch(form.action, { method: "POST", body: body, credentials: "same-origin",
                           headers: { "Accept": "application/json" } })
        .then(function (res) {
          if (!res.ok) throw new Error(res.status);
          var done = root.querySelector("[data-tur-selesai-pesan]");
          var intro = root.querySelector("[data-tur-intro]");
          if (intro) intro.hidden = true;
          if (done) { done.hidden = false; done.focus(); }
        })
        .catch(function () { form.submit(); });
    }
    if (this.returnFocus && this.returnFocus.focus) this.returnFocus.focus();
  };

  function init() {
    var root = document.querySelector("[data-tur]");
    var data = document.getElementById("tur-data");
    if (!root || !data) return;
    var steps;
    try { steps = JSON.parse(data.textContent); } catch (e) { return; }
    if (!steps || !steps.length) return;
    var startButton = root.querySelector("[data-tur-mulai]");
    if (startButton) {
      startButton.hidden = false;
      startButton.addEventListener("click", function () { new Tour(root, steps).start(); });
    }
    if (root.hasAttribute("data-tur-otomatis")) new Tour(root, steps).start();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
