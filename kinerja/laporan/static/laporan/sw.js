// Kinerja — service worker of the daily-report phone app (scope /laporan/). Served by laporan.views_pwa.service_worker,
// which fills in the version so a new release replaces the old cache.
//
// - Pages of the app: network first, the cached copy when offline (so the app opens without signal).
// - Static files (CSS, JS, icons): cache first, refreshed in the background.
// - The API and everything else: network only (reports are queued by pwa.js in IndexedDB, never by this worker).
"use strict";

var VERSI = "__VERSI__";
var CACHE = "kinerja-laporan-" + VERSI;
var SCOPE = new URL(self.registration.scope).pathname;

function bolehDisimpan(res) {
  return res && res.ok && !res.redirected && res.type === "basic";
}

function simpan(url) {
  return fetch(url, { credentials: "same-origin" }).then(function (res) {
    if (bolehDisimpan(res)) {
      return caches.open(CACHE).then(function (c) { return c.put(url, res); });
    }
    return null;
  }).catch(function () { return null; });
}

self.addEventListener("install", function (event) {
  event.waitUntil(simpan(SCOPE).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("kinerja-laporan-") === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "simpan" && Array.isArray(data.urls)) {
    event.waitUntil(Promise.all(data.urls.filter(Boolean).map(function (u) {
      var url = new URL(u, self.location.origin);
      if (url.origin !== self.location.origin) return null;
      return caches.match(url.href).then(function (hit) { return hit || simpan(url.href); });
    })));
  }
});

function halamanLuring() {
  var html = "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" " +
    "content=\"width=device-width, initial-scale=1\"><title>Luring · Kinerja</title></head><body>" +
    "<main><h1>Anda sedang luring</h1><p>Halaman ini belum tersimpan di ponsel. Buka <a href=\"" + SCOPE +
    "\">Laporan harian</a>: laporan yang Anda tulis tersimpan di ponsel dan dikirim saat online.</p></main></body></html>";
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

self.addEventListener("fetch", function (event) {
  var req = event.request;
  if (req.method !== "GET") return;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.indexOf("/api/") === 0) return;

  if (req.mode === "navigate" && url.pathname.indexOf(SCOPE) === 0) {
    event.respondWith(fetch(req).then(function (res) {
      if (bolehDisimpan(res)) {
        var copy = res.clone();
        caches.open(CACHE).then(function (c) { c.put(req, copy); });
      }
      return res;
    }).catch(function () {
      return caches.match(req, { ignoreSearch: false }).then(function (hit) {
        return hit || caches.match(SCOPE).then(function (shell) { return shell || halamanLuring(); });
      });
    }));
    return;
  }

  var statis = url.pathname.indexOf("/static/") === 0 || /\/(ikon-\d+\.png|manifest\.webmanifest)$/.test(url.pathname);
  if (statis) {
    event.respondWith(caches.match(req).then(function (hit) {
      var segar = fetch(req).then(function (res) {
        if (bolehDisimpan(res)) {
          var copy = res.clone();
          caches.open(CACHE).then(function (c) { c.put(req, copy); });
        }
        return res;
      });
      if (hit) {
        event.waitUntil(segar.catch(function () { return null; }));
        return hit;
      }
      return segar;
    }));
  }
});
