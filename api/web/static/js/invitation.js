// The invitation link carries its single-use token in the fragment (#invite=...), which no server sees. It is kept
// in this tab's sessionStorage while the person signs in, then sent once to the accept endpoint.
"use strict";
(() => {
  const { api, token, show, $ } = Interviewly;
  const KEY = "interviewly.invite";
  const fromLink = new URLSearchParams(location.hash.slice(1)).get("invite");
  if (fromLink) {
    sessionStorage.setItem(KEY, fromLink);
    history.replaceState(null, "", location.pathname);
  }
  const invite = sessionStorage.getItem(KEY);
  const button = $("#accept");
  if (!invite) { show("This page needs the link from the invitation mail.", "error"); button.hidden = true; return; }
  if (!token()) { location.href = "/recruiter/login?next=" + encodeURIComponent("/recruiter/invitation"); return; }
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const joined = await api("/api/teams/v1/invitations/accept", { method: "POST", body: { token: invite } });
      sessionStorage.removeItem(KEY);
      show(`You joined ${joined.company_name}.`, "ok");
      button.hidden = true;
      $("#joined").hidden = false;
    } catch (e) {
      show(e.message, "error");
      if (e.status !== 403) sessionStorage.removeItem(KEY);  // a wrong account may sign in again; the rest is final
      button.disabled = false;
    }
  });
})();
