"use strict";
(() => {
  const { api, setToken, show, $ } = Interviewly;
  const PENDING_KEY = "interviewly.sign-in";  // sessionStorage: the sign-in this tab started ({state, next})

  // Where to go after signing in: a path of this site only. "//host", "/\host" and absolute URLs would send the
  // person (and what they type next) to another site.
  function safeNext(value) {
    const fallback = "/recruiter";
    if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
    try {
      const url = new URL(value, location.origin);
      return url.origin === location.origin ? url.pathname + url.search + url.hash : fallback;
    } catch { return fallback; }
  }
  const next = safeNext(new URLSearchParams(location.search).get("next"));
  const go = (to) => { location.replace(to); };

  function randomState() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // A token in the fragment is accepted only as the answer to a sign-in this tab started: its `state` must be the
  // one kept in sessionStorage when the person left for the identity provider (used once). A link with #token=
  // from anywhere else is ignored, so nobody can sign a browser into their own account (login CSRF).
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.has("token")) {
    history.replaceState(null, "", location.pathname + location.search);
    const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || "null");
    sessionStorage.removeItem(PENDING_KEY);
    if (pending && pending.state && fragment.get("state") === pending.state) {
      setToken(fragment.get("token"));
      return go(safeNext(pending.next));
    }
    show("That sign-in link did not come from a sign-in started in this browser, so it was ignored: sign in here.",
         "error");
  }

  const provider = $("#provider-sign-in");  // when SIGN_IN_URL is set: the identity provider's sign-in page
  if (provider) provider.addEventListener("click", () => {
    const state = randomState();
    sessionStorage.setItem(PENDING_KEY, JSON.stringify({ state, next }));
    const url = new URL(provider.dataset.url);
    url.searchParams.set("redirect_url", location.origin + "/recruiter/login");
    url.searchParams.set("state", state);
    location.assign(url.toString());
  });

  const dev = $("#dev-login");
  if (dev) dev.addEventListener("click", async () => {
    try {
      const r = await api("/api/auth/dev/token", { method: "POST", auth: false,
        body: { sub: "dev|recruiter", email: "recruiter@acme.test", name: "Demo Recruiter" } });
      setToken(r.token); go(next);
    } catch (e) { show("Could not sign in: " + e.message, "error"); }
  });
  $("#token-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const t = $("#token").value.trim();
    if (!t) return show("Paste a token first.", "error");
    setToken(t);
    try { await api("/api/auth/me"); go(next); }
    catch (e) { show("That token was refused: " + e.message, "error"); }
  });
})();
