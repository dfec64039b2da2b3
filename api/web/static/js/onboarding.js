// The role choice after a first sign-in: candidate or recruiter (with a new company), once.
"use strict";
(async () => {
  const { api, token, show, $ } = Interviewly;
  const { home } = Candidate;
  if (!token() && !localStorage.getItem(Candidate.CLERK_KEY)) { location.replace("/sign-in?next=/onboarding/role"); return; }
  let me;
  try { me = await api("/api/auth/me"); }
  catch (e) { if (e.status === 401) location.replace("/sign-in?next=/onboarding/role"); else show(e.message, "error"); return; }
  if (me.role) { location.replace(home(me)); return; }  // chosen already: the choice is made once
  if (me.full_name) $("#welcome-name").textContent = ", " + me.full_name;
  const form = $("#role-form");
  const company = $("#company-field");
  form.addEventListener("change", () => {
    const recruiter = form.role.value === "RECRUITER";
    company.hidden = !recruiter;
    $("#company-name").required = recruiter;
  });
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const role = form.role.value;
    const body = { role };
    if (role === "RECRUITER") body.company_name = $("#company-name").value.trim();
    try {
      const chosen = await api("/api/auth/set-role", { method: "POST", body });
      location.replace(home(chosen));
    } catch (e) { show("Your choice was not saved: " + e.message, "error"); }
  });
  document.body.dataset.ready = "1";
})();
