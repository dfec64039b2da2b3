// The company switcher in the top bar: shown to a recruiter who belongs to more than one company. Choosing one
// makes it the company every later request acts in (the API sets a cookie the pages' requests carry).
"use strict";
(async () => {
  const { api, token, el } = Interviewly;
  const bar = document.querySelector(".topbar nav");
  if (!token() || !bar || location.pathname === "/recruiter/login" || !location.pathname.startsWith("/recruiter")) {
    return;
  }
  let companies;
  try { companies = await api("/api/teams/v1/companies"); } catch { return; }
  if (!Array.isArray(companies) || companies.length < 2) return;
  const select = el("select", { id: "company-switch", "aria-label": "Company" });
  for (const c of companies) {
    const option = el("option", { value: c.id, text: `${c.name} (${c.role.toLowerCase().replace("_", " ")})` });
    option.selected = c.current;
    select.append(option);
  }
  select.addEventListener("change", async () => {
    await api("/api/teams/v1/current-company", { method: "POST", body: { company_id: select.value } });
    location.reload();
  });
  bar.prepend(select);
})();
