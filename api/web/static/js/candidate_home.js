// The candidate's home: plan and this month's practice usage, recent CV analyses and rewrites, practice interviews
// with their feedback, and their own applications and interviews (status only: the hiring team's scores stay theirs).
"use strict";
(async () => {
  const { items, $, el } = Interviewly;
  const { call, date, STYLE_NAMES, fail, download } = Candidate;
  const empty = (text) => el("li", { class: "muted", text });
  const fill = (sel, rows, none) => $(sel).replaceChildren(...(rows.length ? rows : [empty(none)]));

  try {
    const [plan, analyses, rewrites, practices, applications, interviews] = await Promise.all([
      call("/api/candidate/v1/plan"), call("/api/candidate/v1/cv/analyses"), call("/api/candidate/v1/cv/rewrites"),
      call("/api/candidate/v1/mock-interviews"), call("/api/candidate/v1/applications"), call("/api/ats/v1/interviews"),
    ]);
    $("#plan-text").textContent = planText(plan);
    if (plan.mock_interviews_limit !== null) {
      const bar = $("#usage-bar");
      bar.hidden = false;
      bar.setAttribute("role", "img");
      bar.setAttribute("aria-label", `${plan.mock_interviews_used} of ${plan.mock_interviews_limit} practice interviews used`);
      bar.firstElementChild.style.width = Math.min(100, 100 * plan.mock_interviews_used / plan.mock_interviews_limit) + "%";
    }
    fill("#analyses", analyses.slice(0, 5).map((a) => el("li", {},
      el("strong", { text: `ATS score ${Math.round(a.ats_score)}/100` }),
      ` · ${date(a.created_at)}` + (a.result.keyword_coverage ? ` · ${a.result.keyword_coverage.matched.length} of ${a.result.keyword_coverage.total} job keywords found` : " · no job description"))),
      "No analysis yet.");
    fill("#rewrites", rewrites.slice(0, 5).map((r) => {
      const get = el("button", { type: "button", class: "secondary small-button", text: "Download DOCX" });
      get.setAttribute("aria-label", `Download DOCX: the ${STYLE_NAMES[r.style]} rewrite of ${date(r.created_at)}`);
      get.addEventListener("click", () => download(`/api/candidate/v1/cv/rewrites/${r.id}/docx`, "cv.docx").catch(fail));
      return el("li", {}, el("strong", { text: STYLE_NAMES[r.style] }), ` · ${date(r.created_at)} `, get);
    }), "No rewrite yet.");
    fill("#practices", practices.map(practiceItem), "No practice interview yet.");
    fill("#applications", items(applications).map((a) => el("li", {},
      el("strong", { text: a.job.title }), ` at ${a.job.company_name} · `, el("span", { class: "badge", text: a.status.toLowerCase() }),
      ` · applied ${date(a.created_at)}`)), "No application yet.");
    // recruiting interviews only (practice ones are listed above); what stands and when, never a score
    fill("#interviews", items(interviews).filter((i) => i.mode !== "PRACTICE").map((i) => el("li", {},
      el("strong", { text: i.job_title || "Interview" }), ` · ${new Date(i.scheduled_at).toLocaleString()} · `,
      el("span", { class: "badge", text: i.status.toLowerCase().replace("_", " ") }),
      ...(i.join_url && ["SCHEDULED", "IN_PROGRESS"].includes(i.status) ? [" · ", el("a", { href: new URL(i.join_url).pathname, text: "Join" })] : []))),
      "No interview booked.");
    document.body.dataset.loaded = "1";
  } catch (e) { fail(e); }

  function planText(p) {
    if (p.mock_interviews_limit === null) return `${p.plan} plan: unlimited practice interviews (${p.mock_interviews_used} this month).`;
    return `${p.plan} plan: ${p.mock_interviews_used} of ${p.mock_interviews_limit} practice interviews used this month, ` +
      `${p.mock_interviews_remaining} left. The count resets on ${date(p.resets_at)}.`;
  }

  function practiceItem(p) {
    const parts = [el("strong", { text: p.target_role }), ` · ${date(p.created_at)} · `,
      el("span", { class: "badge", text: (p.status || "").toLowerCase().replace("_", " ") })];
    if (p.feedback) {
      const f = p.feedback;
      parts.push(el("p", { class: "small", text: `Score ${f.overall_score === null ? "–" : Math.round(f.overall_score)}/100. ${f.summary || ""}` }));
      if (f.tips && f.tips.length) parts.push(el("p", { class: "small muted", text: "Tip: " + f.tips[0] }));
      parts.push(el("a", { href: `/candidate/practice/${p.id}`, text: `Report: ${p.target_role}` }));
    } else if (p.join_url && ["SCHEDULED", "IN_PROGRESS"].includes(p.status)) {
      parts.push(" · ", el("a", { href: new URL(p.join_url).pathname, text: "Join" }));
    }
    return el("li", {}, ...parts);
  }
})();
