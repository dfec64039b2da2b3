// The app shell works offline and the site installs as an app: register the service worker (served from the root).
"use strict";
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => { /* the pages work without it */ });
  });
}
