// Practice interviews: what the plan leaves this month, starting one (the plan's limit in words, with its reset
// date), joining it in the interview room, and each one's report.
"use strict";
(() => {
  const { $, el, show } = Interviewly;
  const { call, date, fail } = Candidate;

  const planText = (p) => (p.mock_interviews_limit === null
    ? `${p.plan} plan: unlimited practice interviews.`
    : `${p.plan} plan: ${p.mock_interviews_remaining} of ${p.mock_interviews_limit} practice interviews left this month (the count resets on ${date(p.resets_at)}).`);

  async function load() {
    const [plan, practices] = await Promise.all([call("/api/candidate/v1/plan"), call("/api/candidate/v1/mock-interviews")]);
    $("#plan-text").textContent = planText(plan);
    document.body.dataset.remaining = String(plan.mock_interviews_remaining ?? "unlimited");
    $("#practice-table tbody").replaceChildren(...(practices.length ? practices.map(row)
      : [el("tr", {}, el("td", { colspan: "5", class: "muted", text: "None yet." }))]));
    document.body.dataset.loaded = "1";
  }

  function row(p) {
    const score = p.feedback && p.feedback.overall_score !== null && p.feedback.overall_score !== undefined ? `${Math.round(p.feedback.overall_score)}/100` : "–";
    const action = p.feedback || ["COMPLETED", "INTERRUPTED"].includes(p.status)
      ? el("a", { href: `/candidate/practice/${p.id}`, text: "Report", "aria-label": `Report: ${p.target_role}, ${date(p.created_at)}` })
      : p.join_url && ["SCHEDULED", "IN_PROGRESS"].includes(p.status)
        ? el("a", { href: new URL(p.join_url).pathname, text: "Join", "aria-label": `Join: ${p.target_role}` }) : "";
    return el("tr", { "data-practice": p.id },
      el("td", { "data-label": "Role", text: p.target_role }), el("td", { "data-label": "Started", text: date(p.created_at) }),
      el("td", { "data-label": "Status" }, el("span", { class: "badge", text: (p.status || "").toLowerCase().replace("_", " ") })),
      el("td", { "data-label": "Score", text: score }), el("td", {}, action));
  }

  $("#practice-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    show("");
    $("#start").disabled = true;
    try {
      const p = await call("/api/candidate/v1/mock-interviews", { method: "POST",
        body: { target_role: $("#target-role").value.trim(), duration_minutes: Number($("#duration").value) } });
      location.href = new URL(p.join_url).pathname;  // the same room as a real interview
    } catch (e) {
      $("#start").disabled = false;
      if (e.status === 402 && e.body && e.body.extra) {
        const x = e.body.extra;
        show(`You have used all ${x.limit} practice interviews of your ${x.plan} plan this month. ` +
             `You can start another on ${date(x.resets_at)}, or move to ${x.upgrade_to} for unlimited practice.`, "error");
        document.body.dataset.limit = "reached";
      } else fail(e);
    }
  });

  load().catch(fail);
})();
