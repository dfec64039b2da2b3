// Shared helpers: the signed-in user's token, API calls with clear errors, small DOM utilities.
"use strict";
const Interviewly = (() => {
  const TOKEN_KEY = "interviewly.token";

  // A token in a link's fragment (#token=...) does not sign this browser in: whoever sent the link would choose the
  // account (login CSRF). Only the sign-in page takes one, as the answer to a sign-in it started (login.js). Here
  // it is only taken out of the address bar.
  if (location.pathname !== "/recruiter/login" && new URLSearchParams(location.hash.slice(1)).has("token")) {
    history.replaceState(null, "", location.pathname + location.search);
  }

  const token = () => localStorage.getItem(TOKEN_KEY);
  // With Clerk, session tokens live a minute and clerk-js refreshes them: pages that load it set this provider
  let tokenProvider = null;
  const setTokenProvider = (f) => { tokenProvider = f; };
  async function authHeaders() {
    const t = tokenProvider ? (await tokenProvider().catch(() => null)) || token() : token();
    return t ? { "Authorization": "Bearer " + t } : {};
  }
  const setToken = (t) => localStorage.setItem(TOKEN_KEY, t);
  const signOut = () => { localStorage.removeItem(TOKEN_KEY); location.href = "/recruiter/login"; };

  class ApiError extends Error {
    constructor(status, detail, body) { super(detail); this.status = status; this.body = body; }
  }

  async function api(path, { method = "GET", body, auth = true, headers: extra = {} } = {}) {
    const headers = { "Accept": "application/json", ...extra, ...(auth ? await authHeaders() : {}) };
    const form = body instanceof FormData;  // multipart uploads: the browser sets the type and boundary
    if (body !== undefined && !form) headers["Content-Type"] = "application/json";
    const res = await fetch(path, { method, headers, body: body === undefined || form ? body : JSON.stringify(body) });
    const text = await res.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { data = text; }
    if (!res.ok) {
      const detail = (data && (data.detail || data.message)) || res.statusText || "request failed";
      throw new ApiError(res.status, typeof detail === "string" ? detail : JSON.stringify(detail), data);
    }
    return data;
  }

  // Recruiter pages: no token or a rejected one sends the person to sign in.
  async function recruiterApi(path, opts) {
    if (!token()) { location.href = "/recruiter/login?next=" + encodeURIComponent(location.pathname); throw new Error("signed out"); }
    try { return await api(path, opts); }
    catch (e) {
      if (e.status === 401) location.href = "/recruiter/login?next=" + encodeURIComponent(location.pathname);
      throw e;
    }
  }

  const items = (page) => (Array.isArray(page) ? page : (page && page.items) || []);
  const $ = (sel) => document.querySelector(sel);
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "class") node.className = v; else if (k === "text") node.textContent = v; else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c);
    return node;
  }
  function show(msg, kind = "") {
    const box = $("#message");
    if (!box) return;
    box.textContent = msg; box.className = "notice " + kind; box.hidden = !msg;
  }
  const pct = (x) => (x === null || x === undefined ? "–" : Math.round(x * 100) + "%");
  const num = (x, d = 1) => (x === null || x === undefined ? "–" : Number(x).toFixed(d));
  const when = (iso) => (iso ? new Date(iso).toLocaleString() : "–");

  const logout = document.getElementById("logout");
  if (logout) logout.addEventListener("click", (e) => { e.preventDefault(); signOut(); });

  return { token, setToken, setTokenProvider, authHeaders, signOut, api, recruiterApi, ApiError, items, $, el, show, pct, num, when };
})();
