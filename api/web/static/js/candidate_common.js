// What the candidate's pages share: signed-in calls that send a signed-out person to sign in (and someone without a
// role to choose one), where each role lands, downloads and streams with the token, and Clerk's token refresh.
"use strict";
const Candidate = (() => {
  const { api, authHeaders, setTokenProvider, token, $, el, show, ApiError } = Interviewly;
  const CLERK_KEY = "interviewly.clerk-publishable-key";  // set at sign-in when Clerk signed the person in

  const home = (me) => (me && me.role === "RECRUITER" ? "/recruiter" : me && me.role === "CANDIDATE" ? "/candidate" : "/onboarding/role");
  // a path of this site only (never "//host" or "/\host"): where to go after signing in
  function safeNext(value, fallback) {
    if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
    try { const u = new URL(value, location.origin); return u.origin === location.origin ? u.pathname + u.search : fallback; }
    catch { return fallback; }
  }
  const toSignIn = () => { location.href = "/sign-in?next=" + encodeURIComponent(location.pathname + location.search); };

  // With Clerk, clerk-js keeps the session and gives a fresh token for each call
  const clerkKey = localStorage.getItem(CLERK_KEY);
  let clerkReady = null;
  function loadClerk(key) {
    if (!clerkReady) {
      clerkReady = new Promise((resolve, reject) => {
        const s = document.createElement("script");
        s.src = "/static/vendor/clerk/clerk.browser.js";
        s.dataset.clerkPublishableKey = key;
        s.crossOrigin = "anonymous";
        s.onload = () => window.Clerk.load().then(() => resolve(window.Clerk), reject);
        s.onerror = () => reject(new Error("the Clerk library did not load"));
        document.head.append(s);
      });
    }
    return clerkReady;
  }
  if (clerkKey && location.pathname !== "/sign-in") {
    setTokenProvider(async () => { const c = await loadClerk(clerkKey); return c.session ? c.session.getToken() : null; });
  }

  // Candidate pages: no token or a refused one goes to sign-in; no role yet goes to the role choice.
  async function call(path, opts) {
    if (!token() && !clerkKey) { toSignIn(); throw new Error("signed out"); }
    try { return await api(path, opts); }
    catch (e) {
      if (e.status === 401) { toSignIn(); throw new Error("signed out"); }
      if (e.status === 403 && /choose a role/.test(e.message)) { location.href = "/onboarding/role"; throw new Error("signed out"); }
      if (e.status === 403 && /for candidates/.test(e.message)) {
        throw new ApiError(403, "These pages are for candidates, and you are signed in as a recruiter: your pages are at /recruiter.", e.body);
      }
      throw e;
    }
  }

  // A file from the API, saved under the name the API gives it (downloads need the token, so no plain link)
  async function download(path, fallbackName) {
    const res = await fetch(path, { headers: await authHeaders() });
    if (!res.ok) {
      let detail = res.statusText;
      try { detail = (await res.json()).detail || detail; } catch { /* not JSON */ }
      throw new ApiError(res.status, detail);
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") || "");
    const url = URL.createObjectURL(await res.blob());
    const a = el("a", { href: url, download: name ? name[1] : fallbackName });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  // Server-Sent Events from a POST (EventSource only does GET): calls onEvent(name, data) for each event
  async function stream(path, body, onEvent, onOpen = () => {}) {
    const res = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json", "Accept": "text/event-stream", ...(await authHeaders()) }, body: JSON.stringify(body) });
    if (!res.ok) {
      let data = null; try { data = await res.json(); } catch { /* not JSON */ }
      throw new ApiError(res.status, (data && data.detail) || res.statusText, data);
    }
    onOpen();
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let cut;
      while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, "");
        let event = "message"; const data = [];
        for (const line of block.split(/\r?\n/)) {
          if (line.startsWith("event:")) event = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
        }
        if (data.length) onEvent(event, JSON.parse(data.join("\n")));
      }
    }
  }

  const date = (iso) => (iso ? new Date(iso).toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric" }) : "–");
  const STYLE_NAMES = { MODERN: "Modern", MINIMAL: "Minimal", EXECUTIVE: "Executive", ATS_OPTIMIZED: "ATS-optimized" };
  const fail = (e) => { if (e.message !== "signed out") show(e.message, "error"); };

  // the current page in the navigation, for assistive technology too
  document.querySelectorAll(".topbar nav a").forEach((a) => {
    if (a.getAttribute("href") === location.pathname) a.setAttribute("aria-current", "page");
  });
  const signOut = $("#sign-out");
  if (signOut) signOut.addEventListener("click", async (ev) => {
    ev.preventDefault();
    localStorage.removeItem("interviewly.token");
    if (clerkKey) { try { await (await loadClerk(clerkKey)).signOut(); } catch { /* signed out here anyway */ } }
    localStorage.removeItem(CLERK_KEY);
    location.href = "/sign-in";
  });

  return { call, download, stream, home, safeNext, loadClerk, CLERK_KEY, date, STYLE_NAMES, fail };
})();
