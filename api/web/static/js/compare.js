// A job's interviewed candidates side by side, sortable by any column; each name links to its report.
"use strict";
(() => {
  const { recruiterApi, $, el, show, pct, num, when } = Interviewly;
  const id = window.JOB_ID;
  let columns = [], rows = [], sortKey = "overall_score", descending = true;

  const score = (x) => (x === null || x === undefined ? "–" : num(x, 0));
  const secs = (x) => (x === null || x === undefined ? "–" : `${num(x, 1)} s`);

  function columnsFor(data) {
    const cols = [
      { key: "candidate_name", label: "Candidate", text: (r) => r.candidate_name, link: true },
      { key: "overall_score", label: "Overall (/100)", text: (r) => score(r.overall_score), num: true },
      ...data.skills.map((s) => ({ key: `skill:${s}`, label: s, value: (r) => r.skill_scores[s], text: (r) => score(r.skill_scores[s]), num: true })),
    ];
    if (!data.delivery_signals_hidden) {
      cols.push({ key: "engagement_score", label: "Engagement (/100)", text: (r) => score(r.engagement_score), num: true },
        { key: "eye_contact_ratio", label: "Eye contact", text: (r) => pct(r.eye_contact_ratio), num: true },
        { key: "fluency_score", label: "Fluency (0–1)", text: (r) => (r.fluency_score === null ? "–" : num(r.fluency_score, 2)), num: true },
        { key: "response_latency_s", label: "Response time", text: (r) => secs(r.response_latency_s), num: true, lowFirst: true },
        { key: "speaking_share", label: "Speaking share", text: (r) => pct(r.speaking_share), num: true });
    }
    cols.push({ key: "screening_score", label: "CV screening", text: (r) => score(r.screening_score), num: true },
      { key: "interviewed_at", label: "Interviewed", text: (r) => when(r.interviewed_at) });
    return cols;
  }

  const valueOf = (col, r) => (col.value ? col.value(r) : r[col.key]);

  function render() {
    const col = columns.find((c) => c.key === sortKey) || columns[1];
    const sorted = [...rows].sort((a, b) => {
      const x = valueOf(col, a), y = valueOf(col, b);
      if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;  // blanks last either way
      if (y === null || y === undefined) return -1;
      const cmp = typeof x === "string" ? x.localeCompare(y) : x - y;
      return descending ? -cmp : cmp;
    });
    $("#compare thead tr").replaceChildren(...columns.map((c) => {
      const th = el("th", { "data-sort": c.key, class: c.num ? "num" : "", text: c.label, scope: "col" });
      if (c.key === sortKey) th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      th.addEventListener("click", () => {
        descending = c.key === sortKey ? !descending : !(c.lowFirst || !c.num);
        sortKey = c.key; render();
      });
      return th;
    }));
    $("#compare tbody").replaceChildren(...sorted.map((r) => el("tr", { "data-interview": r.interview_id }, ...columns.map((c) =>
      el("td", { class: c.num ? "num" : "" }, c.link ? el("a", { href: `/recruiter/interviews/${r.interview_id}/report`, text: c.text(r) }) : c.text(r))))));
    document.body.dataset.sortedBy = `${sortKey}:${descending ? "desc" : "asc"}`;
  }

  async function load() {
    const data = await recruiterApi(`/api/ats/v1/jobs/${id}/interview-comparison`);
    $("#job-title").textContent = `Compare candidates: ${data.job_title}`;
    $("#delivery-hidden").hidden = !data.delivery_signals_hidden;
    columns = columnsFor(data);
    rows = data.candidates;
    $("#compare-empty").hidden = rows.length > 0;
    render();
    document.body.dataset.compare = "ready";
  }

  load().catch((e) => { if (e.message !== "signed out") show(e.status === 404 ? "This job does not exist or is not yours." : e.message, "error"); });
})();
