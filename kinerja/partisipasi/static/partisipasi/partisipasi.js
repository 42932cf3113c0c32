// Kinerja — citizen forms. Progressive enhancement only: every form works without this file (the security check
// then asks a small sum instead).
//  1. ALTCHA proof-of-work: find n with SHA-256(salt + n) == challenge, offline, in the background, then put the
//     base64 payload in the hidden "altcha" field. Uses WebCrypto when available, a small SHA-256 otherwise.
//  2. Long forms in steps ([data-langkah]): one group of questions at a time, with "Langkah x dari y".
(function () {
  "use strict";

  // --- SHA-256 (fallback for pages served over plain HTTP where crypto.subtle is missing) ----------------------
  var K = [0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1,
    0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
    0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
    0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3,
    0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb,
    0xbef9a3f7, 0xc67178f2];

  function sha256Js(ascii) {
    var H = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var bytes = [], i, j;
    for (i = 0; i < ascii.length; i++) bytes.push(ascii.charCodeAt(i) & 0xff);
    var bitLen = bytes.length * 8;
    bytes.push(0x80);
    while (bytes.length % 64 !== 56) bytes.push(0);
    for (i = 7; i >= 0; i--) bytes.push(i >= 4 ? 0 : (bitLen >>> (i * 8)) & 0xff);
    var w = new Array(64);
    for (i = 0; i < bytes.length; i += 64) {
      for (j = 0; j < 16; j++) w[j] = (bytes[i + 4 * j] << 24) | (bytes[i + 4 * j + 1] << 16) | (bytes[i + 4 * j + 2] << 8) | bytes[i + 4 * j + 3];
      for (j = 16; j < 64; j++) {
        var a0 = w[j - 15], a1 = w[j - 2];
        var s0 = ((a0 >>> 7) | (a0 << 25)) ^ ((a0 >>> 18) | (a0 << 14)) ^ (a0 >>> 3);
        var s1 = ((a1 >>> 17) | (a1 << 15)) ^ ((a1 >>> 19) | (a1 << 13)) ^ (a1 >>> 10);
        w[j] = (w[j - 16] + s0 + w[j - 7] + s1) | 0;
      }
      var a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
      for (j = 0; j < 64; j++) {
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[j] + w[j]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
      H[4] = (H[4] + e) | 0; H[5] = (H[5] + f) | 0; H[6] = (H[6] + g) | 0; H[7] = (H[7] + h) | 0;
    }
    return H.map(function (x) { return ("00000000" + (x >>> 0).toString(16)).slice(-8); }).join("");
  }

  function toHex(buffer) {
    var view = new Uint8Array(buffer), out = "";
    for (var i = 0; i < view.length; i++) out += ("0" + view[i].toString(16)).slice(-2);
    return out;
  }

  var subtle = window.crypto && window.crypto.subtle && window.isSecureContext;

  function solve(ch) {
    var CHUNK = 400;
    if (!subtle) {
      return new Promise(function (resolve) {
        var n = 0;
        (function step() {
          var end = Math.min(n + 2000, ch.maxNumber + 1);
          for (; n < end; n++) if (sha256Js(ch.salt + n) === ch.challenge) return resolve(n);
          if (n > ch.maxNumber) return resolve(null);
          setTimeout(step, 0);
        })();
      });
    }
    var enc = new TextEncoder();
    function chunk(start) {
      var jobs = [];
      for (var n = start; n < start + CHUNK && n <= ch.maxNumber; n++) {
        jobs.push(window.crypto.subtle.digest("SHA-256", enc.encode(ch.salt + n)));
      }
      return Promise.all(jobs).then(function (digests) {
        for (var i = 0; i < digests.length; i++) if (toHex(digests[i]) === ch.challenge) return start + i;
        if (start + CHUNK > ch.maxNumber) return null;
        return chunk(start + CHUNK);
      });
    }
    return chunk(0);
  }

  function setupAltcha(form) {
    var ch;
    try { ch = JSON.parse(form.getAttribute("data-altcha")); } catch (e) { return; }
    var field = form.querySelector("input[name=altcha]");
    var status = form.querySelector("[data-altcha-status]");
    var button = form.querySelector("[type=submit][data-kirim]") || form.querySelector("[type=submit]");
    var done = false, waiting = false;
    if (status) { status.hidden = false; status.textContent = "Pemeriksaan keamanan berjalan di ponsel Anda…"; }
    var started = Date.now();
    var job = solve(ch).then(function (number) {
      if (number === null) throw new Error("tidak ditemukan");
      field.value = btoa(JSON.stringify({ algorithm: ch.algorithm, challenge: ch.challenge, number: number,
        salt: ch.salt, signature: ch.signature, took: Date.now() - started }));
      done = true;
      if (status) { status.textContent = "✓ Pemeriksaan keamanan selesai."; status.classList.add("is-ok"); }
      if (waiting) { form.submit(); }
    }).catch(function () {
      if (status) status.textContent = "Pemeriksaan keamanan gagal. Muat ulang halaman ini.";
    });
    form.addEventListener("submit", function (event) {
      if (done) return;
      event.preventDefault();
      waiting = true;
      if (button) button.setAttribute("aria-busy", "true");
      if (status) status.textContent = "Sebentar, pemeriksaan keamanan hampir selesai…";
      return job;
    });
  }

  function setupLangkah(form) {
    var steps = Array.prototype.slice.call(form.querySelectorAll("[data-langkah]"));
    if (steps.length < 2) return;
    var info = form.querySelector("[data-langkah-info]");
    var current = 0;
    var firstError = steps.findIndex(function (s) { return s.querySelector(".field--error, .field-error"); });
    if (firstError >= 0) current = firstError;

    function show(i, focus) {
      steps.forEach(function (s, k) { s.hidden = k !== i; });
      current = i;
      if (info) info.textContent = "Langkah " + (i + 1) + " dari " + steps.length;
      var heading = steps[i].querySelector("h2, legend");
      if (focus && heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    }
    steps.forEach(function (step, i) {
      var nav = document.createElement("div");
      nav.className = "langkah-nav";
      if (i > 0) {
        var back = document.createElement("button");
        back.type = "button"; back.className = "button button--secondary"; back.textContent = "Kembali";
        back.addEventListener("click", function () { show(i - 1, true); });
        nav.appendChild(back);
      }
      if (i < steps.length - 1) {
        var msg = document.createElement("p");
        msg.className = "js-pesan"; msg.setAttribute("role", "alert");
        var next = document.createElement("button");
        next.type = "button"; next.className = "button"; next.textContent = "Lanjut";
        next.addEventListener("click", function () {
          var missing = Array.prototype.slice.call(step.querySelectorAll("fieldset[data-wajib]")).filter(function (fs) {
            return !fs.querySelector("input:checked");
          });
          if (missing.length) {
            msg.textContent = "Jawab dulu: " + missing.map(function (fs) { return fs.getAttribute("data-nama"); }).join(", ") + ".";
            missing[0].querySelector("input").focus();
            return;
          }
          msg.textContent = "";
          show(i + 1, true);
        });
        nav.appendChild(next);
        step.appendChild(msg);
      }
      step.appendChild(nav);
    });
    show(current, firstError >= 0);
    if (info) info.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-altcha]"), setupAltcha);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-langkah-form]"), setupLangkah);
  });
})();
