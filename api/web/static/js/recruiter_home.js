"use strict";
(async () => {
  const { recruiterApi, items, $, el, show, when } = Interviewly;
  try {
    const [live, all, jobs] = await Promise.all([
      recruiterApi("/api/ats/v1/interviews?status=IN_PROGRESS"),
      recruiterApi("/api/ats/v1/interviews"),
      recruiterApi("/api/ats/v1/jobs"),
    ]);
    const liveRows = items(live).map((i) => el("tr", {},
      el("td", { text: i.candidate_name || "–" }), el("td", { text: i.job_title || "–" }), el("td", { text: when(i.started_at) }),
      el("td", {}, el("a", { href: `/recruiter/interviews/${i.id}`, class: "watch", text: "Watch live" }))));
    $("#live-table tbody").replaceChildren(...liveRows);
    $("#live-empty").hidden = liveRows.length > 0;
    $("#interview-table tbody").replaceChildren(...items(all).map((i) => el("tr", {},
      el("td", { text: i.candidate_name || "–" }), el("td", { text: i.job_title || "–" }), el("td", { text: i.kind }),
      el("td", { text: when(i.scheduled_at) }), el("td", {}, el("span", { class: "badge", text: i.status })),
      el("td", {}, el("a", { href: i.status === "IN_PROGRESS" ? `/recruiter/interviews/${i.id}` : `/recruiter/interviews/${i.id}/report`,
        text: i.status === "IN_PROGRESS" ? "Watch" : "Report" })))));
    $("#job-table tbody").replaceChildren(...items(jobs).map((j) => el("tr", {},
      el("td", { text: j.title }), el("td", {}, el("span", { class: "badge", text: j.status })),
      el("td", { text: (j.skills || []).map((s) => `${s.name} ×${s.weight}`).join(", ") }),
      el("td", {}, el("a", { href: `/recruiter/jobs/${j.id}`, text: "Pipeline" })))));
  } catch (e) { if (e.message !== "signed out") show(e.message, "error"); }
})();
