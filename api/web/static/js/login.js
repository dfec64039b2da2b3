"use strict";
(() => {
  const { api, setToken, show, $ } = Interviewly;
  const next = new URLSearchParams(location.search).get("next") || "/recruiter";
  const go = () => { location.href = next.startsWith("/") ? next : "/recruiter"; };
  const dev = $("#dev-login");
  if (dev) dev.addEventListener("click", async () => {
    try {
      const r = await api("/api/auth/dev/token", { method: "POST", auth: false,
        body: { sub: "dev|recruiter", email: "recruiter@acme.test", name: "Demo Recruiter" } });
      setToken(r.token); go();
    } catch (e) { show("Could not sign in: " + e.message, "error"); }
  });
  $("#token-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const t = $("#token").value.trim();
    if (!t) return show("Paste a token first.", "error");
    setToken(t);
    try { await api("/api/auth/me"); go(); }
    catch (e) { show("That token was refused: " + e.message, "error"); }
  });
})();
