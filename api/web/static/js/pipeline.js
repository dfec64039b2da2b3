"use strict";
(() => {
  const { recruiterApi, items, $, el, show, num } = Interviewly;
  const STATUSES = ["APPLIED", "SCREENING", "SHORTLISTED", "INTERVIEW_SCHEDULED", "OFFERED", "REJECTED", "HIRED"];
  const id = window.JOB_ID;

  async function load() {
    const job = await recruiterApi(`/api/ats/v1/jobs/${id}`);
    $("#job-title").textContent = job.title;
    const salary = job.salary_min ? `${job.salary_min}–${job.salary_max} ${job.salary_currency || ""}` : "";
    $("#job-meta").textContent = [job.status, job.location, salary].filter(Boolean).join(" · ");
    const apps = items(await recruiterApi(`/api/ats/v1/jobs/${id}/applications?order_by=screening_score&page_size=100`));
    $("#pipeline").replaceChildren(...STATUSES.map((status) => {
      const col = el("div", { class: "column", "data-status": status }, el("h3", { text: status.replace("_", " ").toLowerCase() }));
      for (const a of apps.filter((x) => x.status === status)) col.append(card(a));
      return col;
    }));
  }

  function card(a) {
    const select = el("select", { "aria-label": "move to" }, el("option", { value: "", text: "Move to…" }),
      ...STATUSES.filter((s) => s !== a.status).map((s) => el("option", { value: s, text: s })));
    select.addEventListener("change", async () => {
      if (!select.value) return;
      try {
        await recruiterApi(`/api/ats/v1/applications/${a.id}/status`, { method: "POST", body: { status: select.value } });
        show(""); await load();
      } catch (e) {
        const allowed = e.body && e.body.extra && e.body.extra.allowed;
        show(`Cannot move to ${select.value}: ${e.message}${allowed ? " (allowed: " + allowed.join(", ") + ")" : ""}`, "error");
        select.value = "";
      }
    });
    const score = a.screening_score === null || a.screening_score === undefined ? "not screened" : num(a.screening_score, 0);
    return el("div", { class: "app-card", "data-application": a.id },
      el("div", { text: a.candidate_name || (a.candidate && a.candidate.full_name) || "candidate" }),
      el("div", {}, el("span", { class: "muted", text: "screening " }), el("span", { class: "score", text: score })), select);
  }

  load().catch((e) => { if (e.message !== "signed out") show(e.message, "error"); });
  // a finished import (imports.js) brings new candidates onto the board
  document.addEventListener("interviewly:imported", () => load().catch((e) => show(e.message, "error")));
})();
