// Interviewly's service worker: keeps the app shell (styles, scripts, icons, the offline page) so the installed app
// opens without a connection. Pages and static files come from the network first, so nothing stale is shown while
// online; API calls, uploads and streams are never touched.
"use strict";
const SHELL = "interviewly-shell-v1";
const SHELL_FILES = [
  "/offline", "/static/app.css", "/static/candidate.css", "/static/js/common.js", "/static/js/candidate_common.js",
  "/static/js/pwa.js", "/icons/192.png", "/icons/512.png", "/manifest.webmanifest",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(SHELL_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== location.origin || url.pathname.startsWith("/api/")) return;
  if (req.mode === "navigate") {
    event.respondWith(fetch(req).catch(() => caches.match("/offline")));
  } else if (url.pathname.startsWith("/static/") || url.pathname.startsWith("/icons/")) {
    event.respondWith(fetch(req).then((res) => {
      if (res.ok) { const copy = res.clone(); caches.open(SHELL).then((c) => c.put(req, copy)); }
      return res;
    }).catch(() => caches.match(req)));
  }
});
