// Kinerja — the phone app for daily reports (progressive enhancement: without this file the form posts normally).
//
// - Registers the service worker (/laporan/sw.js) so the app opens without signal.
// - Every report written here goes first into an IndexedDB queue on the phone, with an idempotency key (a UUID made
//   on the phone), and is sent to the API when online. The API returns the original report for a key it has seen,
//   so a retried sync never creates a duplicate.
// - The sync state is always visible: online/offline, "Tersimpan di ponsel — akan dikirim saat online", how many
//   reports wait, and when the last sync happened.
// - Polls elements marked data-poll-ms (htmx trigger "kinerja-poll") while the page is visible.
(function () {
  "use strict";

  var DB_NAME = "kinerja-laporan";
  var DB_VERSION = 1;
  var STORE = "antrian";
  var META = "meta";
  var PESAN_LURING = "Tersimpan di ponsel — akan dikirim saat online";

  // ---------------------------------------------------------------- polling (htmx "kinerja-poll" every N ms)
  if (!window.kinerjaPoll) {
    window.kinerjaPoll = true;
    var terakhirPoll = {};
    window.setInterval(function () {
      if (document.visibilityState !== "visible" || !window.htmx) return;
      var now = Date.now();
      document.querySelectorAll("[data-poll-ms]").forEach(function (el) {
        var ms = parseInt(el.getAttribute("data-poll-ms"), 10) || 5000;
        var key = el.id || "tanpa-id";
        if (!terakhirPoll[key]) { terakhirPoll[key] = now; return; }
        if (now - terakhirPoll[key] >= ms) {
          terakhirPoll[key] = now;
          window.htmx.trigger(el, "kinerja-poll");
        }
      });
    }, 500);
  }

  // ---------------------------------------------------------------- helpers
  function uuid() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }

  function hariIniLokal() {
    var d = new Date();
    var p = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());
  }

  function jamLabel(iso) {
    try {
      return new Date(iso).toLocaleTimeString("id-ID", { hour: "2-digit", minute: "2-digit" });
    } catch (e) { return iso; }
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  // ---------------------------------------------------------------- IndexedDB queue
  var dbPromise = null;
  function db() {
    if (!window.indexedDB) return Promise.reject(new Error("IndexedDB tidak tersedia"));
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var req = window.indexedDB.open(DB_NAME, DB_VERSION);
        req.onupgradeneeded = function () {
          var d = req.result;
          if (!d.objectStoreNames.contains(STORE)) d.createObjectStore(STORE, { keyPath: "kunci" });
          if (!d.objectStoreNames.contains(META)) d.createObjectStore(META);
        };
        req.onsuccess = function () { resolve(req.result); };
        req.onerror = function () { reject(req.error); };
      });
    }
    return dbPromise;
  }

  function tx(store, mode, fn) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var t = d.transaction(store, mode);
        var result;
        t.oncomplete = function () { resolve(result); };
        t.onerror = function () { reject(t.error); };
        t.onabort = function () { reject(t.error); };
        result = fn(t.objectStore(store));
        if (result && "onsuccess" in result) {
          var req = result;
          req.onsuccess = function () { result = req.result; };
        }
      });
    });
  }

  var konfig = null;
  var konfigEl = document.getElementById("laporan-konfigurasi");
  if (konfigEl) {
    try { konfig = JSON.parse(konfigEl.textContent); } catch (e) { konfig = null; }
  }
  var bar = document.querySelector("[data-sinkron]");
  var pengguna = bar ? bar.getAttribute("data-pengguna") : "";

  function semua() {
    return tx(STORE, "readonly", function (s) { return s.getAll(); }).then(function (items) {
      return (items || []).filter(function (i) { return String(i.pengguna) === String(pengguna); })
        .sort(function (a, b) { return a.dibuat < b.dibuat ? -1 : 1; });
    });
  }
  function simpan(item) { return tx(STORE, "readwrite", function (s) { return s.put(item); }); }
  function hapus(kunci) { return tx(STORE, "readwrite", function (s) { return s.delete(kunci); }); }
  function metaGet(key) { return tx(META, "readonly", function (s) { return s.get(pengguna + ":" + key); }); }
  function metaSet(key, value) { return tx(META, "readwrite", function (s) { return s.put(value, pengguna + ":" + key); }); }

  // ---------------------------------------------------------------- the visible sync state
  var sedangKirim = false;
  var galatSesi = "";

  function renderAntre(items) {
    var list = document.querySelector("[data-antre]");
    var wrap = document.querySelector("[data-antre-wrap]");
    if (!list || !wrap) return;
    list.textContent = "";
    wrap.hidden = items.length === 0;
    items.forEach(function (item) {
      var li = el("li", { "class": "list__item antre__item", "data-kunci": item.kunci });
      var d = item.data || {};
      var judul = el("p", {}, (d.tanggal || "") + " · " + (d.jam_mulai || "") + "–" + (d.jam_selesai || "") + " · " +
        String(d.uraian || "").slice(0, 80));
      li.appendChild(judul);
      var tag;
      if (item.keadaan === "ditolak") {
        tag = el("p", { "class": "field-error" }, "Ditolak server: " + (item.pesan || "periksa isian."));
        li.appendChild(tag);
        var aksi = el("div", { "class": "actions" });
        var perbaiki = el("button", { "type": "button", "class": "button button--small", "data-perbaiki": item.kunci }, "Perbaiki");
        var buang = el("button", { "type": "button", "class": "button button--small button--secondary", "data-buang": item.kunci }, "Hapus dari ponsel");
        aksi.appendChild(perbaiki);
        aksi.appendChild(buang);
        li.appendChild(aksi);
      } else {
        tag = el("span", { "class": "tag tag--warn" }, item.laporan_id ? "Mengirim bukti dukung…" : "Menunggu dikirim");
        li.appendChild(tag);
        li.appendChild(el("small", {}, " " + (item.ajukan ? "akan diajukan ke atasan" : "disimpan sebagai draf") +
          (item.berkas && item.berkas.length ? " · " + item.berkas.length + " berkas" : "")));
      }
      list.appendChild(li);
    });
  }

  function render() {
    if (!bar) return Promise.resolve();
    return Promise.all([semua().catch(function () { return []; }), metaGet("terakhir").catch(function () { return null; })])
      .then(function (res) {
        var items = res[0];
        var terakhir = res[1];
        var menunggu = items.filter(function (i) { return i.keadaan !== "ditolak"; }).length;
        var ditolak = items.length - menunggu;
        var online = navigator.onLine;
        var keadaan = online ? (sedangKirim ? "Mengirim…" : "Daring") : "Luring";
        var pesan;
        if (galatSesi) pesan = galatSesi;
        else if (menunggu && !online) pesan = PESAN_LURING + ".";
        else if (menunggu && sedangKirim) pesan = "Mengirim laporan yang tersimpan di ponsel…";
        else if (menunggu) pesan = PESAN_LURING + " (server belum dapat dihubungi; dicoba lagi otomatis).";
        else if (!online) pesan = "Anda luring. Laporan baru akan disimpan di ponsel.";
        else if (ditolak) pesan = "Ada laporan yang ditolak server: perbaiki atau hapus di bagian \u201cTersimpan di ponsel\u201d.";
        else pesan = "Semua laporan sudah terkirim.";
        bar.setAttribute("data-keadaan", online ? (menunggu ? "menunggu" : "daring") : "luring");
        bar.querySelector("[data-sinkron-keadaan]").textContent = keadaan;
        bar.querySelector("[data-sinkron-pesan]").textContent = pesan;
        bar.querySelector("[data-sinkron-antre]").textContent = menunggu + " laporan menunggu dikirim" +
          (ditolak ? ", " + ditolak + " ditolak" : "");
        bar.querySelector("[data-sinkron-terakhir]").textContent = "Sinkron terakhir: " +
          (terakhir ? jamLabel(terakhir) : "belum ada");
        renderAntre(items);
      });
  }

  // ---------------------------------------------------------------- sending
  function apiBase() { return bar.getAttribute("data-api"); }

  function kirimJson(url, body, kunci) {
    var headers = { "Content-Type": "application/json", "X-CSRFToken": csrf(), "Accept": "application/json" };
    if (kunci) headers["Idempotency-Key"] = kunci;
    return fetch(url, { method: "POST", credentials: "same-origin", headers: headers, body: JSON.stringify(body) });
  }

  function bacaGalat(res) {
    return res.json().catch(function () { return {}; }).then(function (js) {
      return { status: res.status, pesan: js.message || ("Ditolak server (" + res.status + ")."), detail: js.detail || {} };
    });
  }

  function Berhenti(pesan) { this.pesan = pesan; }

  function cekSesi(res) {
    if (res.status === 401) throw new Berhenti("Sesi Anda berakhir. Masuk lagi untuk mengirim laporan yang tersimpan di ponsel.");
    if (res.status === 403) {
      return res.clone().json().catch(function () { return {}; }).then(function (js) {
        if (/CSRF/i.test(js.message || "")) throw new Berhenti("Sesi perlu diperbarui. Muat ulang halaman saat online.");
        return res;
      });
    }
    return Promise.resolve(res);
  }

  async function kirimSatu(item) {
    var base = apiBase();
    if (!item.laporan_id) {
      var body = Object.assign({}, item.data, { ajukan: item.ajukan && !(item.berkas && item.berkas.length) });
      var res = await kirimJson(base, body, item.kunci);
      await cekSesi(res);
      if (res.status === 200 || res.status === 201) {
        var js = await res.json();
        item.laporan_id = js.id;
        await simpan(item);
      } else if (res.status >= 400 && res.status < 500) {
        var g = await bacaGalat(res);
        item.keadaan = "ditolak";
        item.pesan = g.pesan;
        item.detail = g.detail;
        await simpan(item);
        return "ditolak";
      } else {
        throw new Error("server " + res.status);
      }
    }
    var peringatan = [];
    for (var i = 0; i < (item.berkas || []).length; i++) {
      var b = item.berkas[i];
      if (b.terkirim) continue;
      var fd = new FormData();
      fd.append("berkas", b.blob, b.nama);
      var r2 = await fetch(base + "/" + item.laporan_id + "/bukti", {
        method: "POST", credentials: "same-origin", body: fd,
        headers: { "X-CSRFToken": csrf(), "Idempotency-Key": b.kunci, "Accept": "application/json" },
      });
      await cekSesi(r2);
      if (r2.ok) {
        b.terkirim = true;
      } else if (r2.status >= 400 && r2.status < 500) {
        var g2 = await bacaGalat(r2);
        b.terkirim = true;
        peringatan.push(b.nama + ": " + g2.pesan);
      } else {
        throw new Error("server " + r2.status);
      }
      b.blob = null;  // sent: free the phone's storage
      await simpan(item);
    }
    if (item.ajukan && item.berkas && item.berkas.length) {
      var r3 = await kirimJson(base + "/" + item.laporan_id + "/ajukan", {}, null);
      await cekSesi(r3);
      if (r3.status >= 500) throw new Error("server " + r3.status);
      if (!r3.ok) peringatan.push((await bacaGalat(r3)).pesan + " Laporan tersimpan sebagai draf.");
    }
    await hapus(item.kunci);
    if (peringatan.length) umumkan("Laporan terkirim, tetapi: " + peringatan.join(" "), true);
    return "terkirim";
  }

  var jedaCoba = 5000;
  var timerCoba = null;

  function jadwalkanCoba() {
    if (timerCoba) return;
    timerCoba = window.setTimeout(function () { timerCoba = null; sinkron(); }, jedaCoba);
    jedaCoba = Math.min(jedaCoba * 2, 60000);
  }

  async function sinkronSekali() {
    var items = (await semua()).filter(function (i) { return i.keadaan !== "ditolak"; });
    if (!items.length) return;
    var terkirim = 0;
    var ditolak = 0;
    for (var i = 0; i < items.length; i++) {
      if (!navigator.onLine) break;
      var hasil = await kirimSatu(items[i]);
      if (hasil === "terkirim") terkirim++;
      if (hasil === "ditolak") ditolak++;
    }
    if (ditolak) umumkan(ditolak + " laporan ditolak server. Lihat alasannya di bagian \u201cTersimpan di ponsel\u201d.", true);
    await metaSet("terakhir", new Date().toISOString());
    if (terkirim) {
      document.body.dispatchEvent(new CustomEvent("laporan-tersinkron", { detail: { jumlah: terkirim } }));
      if (!ditolak) umumkan(terkirim + " laporan terkirim ke server.");
    }
  }

  function sinkron() {
    if (!bar || sedangKirim || !navigator.onLine) return render();
    sedangKirim = true;
    galatSesi = "";
    render();
    var kerja = function () {
      return sinkronSekali().then(function () { jedaCoba = 5000; }, function (err) {
        if (err instanceof Berhenti) galatSesi = err.pesan;
        else jadwalkanCoba();
      });
    };
    var jalan = navigator.locks && navigator.locks.request ?
      navigator.locks.request("kinerja-laporan-sinkron", kerja) : kerja();
    return Promise.resolve(jalan).then(function () { sedangKirim = false; return render(); },
      function () { sedangKirim = false; return render(); });
  }

  // ---------------------------------------------------------------- the form
  var live = null;
  function umumkan(teks, penting) {
    if (!live) {
      live = el("p", { "class": "alert alert--success antre__umum", "role": "status", "aria-live": "polite" });
      if (bar) bar.parentNode.insertBefore(live, bar.nextSibling);
    }
    live.className = "alert antre__umum " + (penting ? "alert--warning" : "alert--success");
    live.textContent = teks;
  }

  var form = document.querySelector("[data-laporan-form]");

  function nilai(name) {
    var f = form.elements.namedItem(name);
    return f ? f.value : "";
  }

  function cekJam() {
    var mulai = form.elements.namedItem("jam_mulai");
    var selesai = form.elements.namedItem("jam_selesai");
    if (!mulai || !selesai) return;
    selesai.setCustomValidity(mulai.value && selesai.value && selesai.value <= mulai.value ?
      "Jam selesai harus setelah jam mulai." : "");
  }

  function cekBerkas() {
    var input = form.querySelector("input[type=file]");
    var galat = form.querySelector("[data-bukti-galat]");
    if (!input || !konfig) return true;
    var pesan = "";
    if (input.files.length > konfig.maksBukti) pesan = "Paling banyak " + konfig.maksBukti + " berkas per laporan.";
    Array.prototype.forEach.call(input.files, function (f) {
      if (f.size > konfig.maksBita) pesan = f.name + " terlalu besar (maksimal " + Math.round(konfig.maksBita / 1048576) + " MB).";
    });
    input.setCustomValidity(pesan);
    if (galat) { galat.textContent = pesan; galat.hidden = !pesan; }
    return !pesan;
  }

  function isianForm() {
    var sasaran = nilai("sasaran");
    var jenis = sasaran.split(":")[0];
    var id = parseInt(sasaran.split(":")[1], 10) || null;
    var num = function (v) { return v === "" || v == null ? null : Number(v); };
    return {
      tanggal: nilai("tanggal") || null, jam_mulai: nilai("jam_mulai"), jam_selesai: nilai("jam_selesai"),
      rhk_id: jenis === "rhk" ? id : null, indikator_id: jenis === "ind" ? id : null,
      uraian: nilai("uraian"), output_jumlah: nilai("output_jumlah"), output_satuan: nilai("output_satuan"),
      program_id: num(nilai("program")), latitude: num(nilai("latitude")), longitude: num(nilai("longitude")),
    };
  }

  function kosongkanForm() {
    var tanggal = nilai("tanggal");
    form.reset();
    ["latitude", "longitude"].forEach(function (n) { var f = form.elements.namedItem(n); if (f) f.value = ""; });
    var t = form.elements.namedItem("tanggal");
    if (t) t.value = tanggal || hariIniLokal();
    var k = form.elements.namedItem("kunci");
    if (k) k.value = uuid();
    var status = form.querySelector("[data-lokasi-status]");
    if (status) status.textContent = "";
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.remove();
  }

  function isiForm(item) {
    var d = item.data || {};
    var set = function (n, v) { var f = form.elements.namedItem(n); if (f && v != null) f.value = v; };
    set("tanggal", d.tanggal); set("jam_mulai", d.jam_mulai); set("jam_selesai", d.jam_selesai);
    set("sasaran", d.indikator_id ? "ind:" + d.indikator_id : (d.rhk_id ? "rhk:" + d.rhk_id : ""));
    set("uraian", d.uraian); set("output_jumlah", d.output_jumlah); set("output_satuan", d.output_satuan);
    set("program", d.program_id || ""); set("latitude", d.latitude); set("longitude", d.longitude);
    var input = form.querySelector("input[type=file]");
    var sisa = (item.berkas || []).filter(function (b) { return b.blob; });
    if (input && sisa.length && window.DataTransfer) {
      var dtf = new DataTransfer();
      sisa.forEach(function (b) { dtf.items.add(new File([b.blob], b.nama, { type: b.tipe })); });
      input.files = dtf.files;
    }
    umumkan("Perbaiki isian lalu kirim lagi: " + (item.pesan || ""), true);
    var first = form.querySelector("input, select, textarea");
    if (first) first.focus();
  }

  if (form && window.indexedDB && window.fetch && window.Promise) {
    form.addEventListener("input", function (ev) {
      if (ev.target.name === "jam_mulai" || ev.target.name === "jam_selesai") cekJam();
    });
    form.addEventListener("change", function (ev) {
      if (ev.target.type === "file") cekBerkas();
      if (ev.target.name === "sasaran" && konfig && konfig.satuan) {
        var satuan = form.elements.namedItem("output_satuan");
        if (satuan && !satuan.value && konfig.satuan[ev.target.value]) satuan.value = konfig.satuan[ev.target.value];
      }
    });
    form.addEventListener("submit", function (ev) {
      cekJam();
      if (!cekBerkas() || !form.checkValidity()) { ev.preventDefault(); form.reportValidity(); return; }
      ev.preventDefault();
      var aksi = ev.submitter && ev.submitter.value === "draf" ? "draf" : "ajukan";
      var input = form.querySelector("input[type=file]");
      var item = {
        kunci: uuid(), pengguna: pengguna, dibuat: new Date().toISOString(), ajukan: aksi === "ajukan",
        data: isianForm(), keadaan: "menunggu",
        berkas: Array.prototype.map.call(input ? input.files : [], function (f) {
          return { kunci: uuid(), nama: f.name, tipe: f.type, blob: f };
        }),
      };
      simpan(item).then(function () {
        kosongkanForm();
        umumkan(navigator.onLine ? "Laporan disimpan di ponsel dan sedang dikirim." : PESAN_LURING + ".");
        return render();
      }).then(sinkron).catch(function () {
        umumkan("Ponsel tidak dapat menyimpan laporan (penyimpanan penuh?). Coba kirim saat online.", true);
      });
    });
    var lokasiBtn = form.querySelector("[data-ambil-lokasi]");
    if (lokasiBtn && navigator.geolocation) {
      lokasiBtn.hidden = false;
      lokasiBtn.addEventListener("click", function () {
        var status = form.querySelector("[data-lokasi-status]");
        status.textContent = "Mencari lokasi…";
        navigator.geolocation.getCurrentPosition(function (pos) {
          form.elements.namedItem("latitude").value = pos.coords.latitude.toFixed(6);
          form.elements.namedItem("longitude").value = pos.coords.longitude.toFixed(6);
          status.textContent = "Lokasi terlampir (akurasi ± " + Math.round(pos.coords.accuracy) + " m).";
        }, function () {
          status.textContent = "Lokasi tidak dapat diambil. Laporan tetap bisa dikirim tanpa lokasi.";
        }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
      });
    }
  }

  document.addEventListener("click", function (ev) {
    var perbaiki = ev.target.closest("[data-perbaiki]");
    var buang = ev.target.closest("[data-buang]");
    if (!perbaiki && !buang) return;
    var kunci = (perbaiki || buang).getAttribute(perbaiki ? "data-perbaiki" : "data-buang");
    semua().then(function (items) {
      var item = items.filter(function (i) { return i.kunci === kunci; })[0];
      if (!item) return;
      return hapus(kunci).then(function () {
        if (perbaiki && form) isiForm(item);
        return render();
      });
    });
  });

  // Signing out clears what this app cached on the phone (pages with personal data).
  document.addEventListener("submit", function (ev) {
    var action = ev.target.getAttribute("action") || "";
    if (!/\/keluar\/?$/.test(action) || !window.caches || ev.target.dataset.dibersihkan) return;
    ev.preventDefault();
    ev.target.dataset.dibersihkan = "1";
    window.caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) { return k.indexOf("kinerja-laporan") === 0; })
        .map(function (k) { return window.caches.delete(k); }));
    }).then(function () { ev.target.submit(); }, function () { ev.target.submit(); });
  }, true);

  // ---------------------------------------------------------------- service worker and start-up
  if (bar) {
    if ("serviceWorker" in navigator) {
      var swUrl = bar.getAttribute("data-sw");
      navigator.serviceWorker.register(swUrl, { scope: bar.getAttribute("data-scope") }).then(function () {
        return navigator.serviceWorker.ready;
      }).then(function (reg) {
        // cache what this page needs so it opens offline (the first visit was fetched before the worker existed)
        var urls = [location.pathname];
        document.querySelectorAll("script[src], link[rel=stylesheet][href], link[rel=icon][href], link[rel=manifest][href]")
          .forEach(function (n) { urls.push(n.getAttribute("src") || n.getAttribute("href")); });
        if (reg.active) reg.active.postMessage({ type: "simpan", urls: urls });
      }).catch(function () { /* no offline shell: the queue still works while the page stays open */ });
    }
    window.addEventListener("online", function () { jedaCoba = 5000; sinkron(); });
    window.addEventListener("offline", render);
    document.addEventListener("visibilitychange", function () { if (document.visibilityState === "visible") sinkron(); });
    window.setInterval(function () { semua().then(function (items) { if (items.length) sinkron(); }); }, 20000);
    render().then(sinkron);
  }
})();
