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
    $("#interview-table tbody").replaceChildren(...items(all).map((i) => el("tr", { "data-interview": i.id },
      el("td", { text: i.candidate_name || "–" }), el("td", { text: i.job_title || "–" }), el("td", { text: i.kind }),
      el("td", { text: when(i.scheduled_at) }), el("td", {}, el("span", { class: "badge", text: i.status })),
      el("td", {}, el("a", { href: i.status === "IN_PROGRESS" ? `/recruiter/interviews/${i.id}` : `/recruiter/interviews/${i.id}/report`,
        text: i.status === "IN_PROGRESS" ? "Watch" : "Report" }), ...actions(i)))));
    $("#job-table tbody").replaceChildren(...items(jobs).map((j) => el("tr", {},
      el("td", { text: j.title }), el("td", {}, el("span", { class: "badge", text: j.status })),
      el("td", { text: (j.skills || []).map((s) => `${s.name} ×${s.weight}`).join(", ") }),
      el("td", {}, el("a", { href: `/recruiter/jobs/${j.id}`, text: "Pipeline" })))));
  } catch (e) { if (e.message !== "signed out") show(e.message, "error"); }

  // a booked interview can be moved (kept in its history) or cancelled until it starts
  function actions(i) {
    if (i.status !== "SCHEDULED") return [];
    const move = el("button", { type: "button", class: "secondary move", text: "Move" });
    move.addEventListener("click", () => Booking.open({ interview: i, application: { name: i.candidate_name || "" },
                                                        done: () => setTimeout(() => location.reload(), 800) }));
    const cancel = el("button", { type: "button", class: "secondary cancel", text: "Cancel" });
    cancel.addEventListener("click", async () => {
      if (!confirm("Cancel this interview? The candidate's link will say so.")) return;
      try { await recruiterApi(`/api/ats/v1/interviews/${i.id}/cancel`, { method: "POST" }); location.reload(); }
      catch (e) { show(e.message, "error"); }
    });
    return [" ", move, " ", cancel];
  }

  // who can interview now, and who waits for them: refreshed every few seconds
  async function capacity() {
    try {
      const c = await recruiterApi("/api/ats/v1/interviewers/capacity");
      const busy = c.workers.reduce((n, w) => n + w.active_jobs, 0);
      $("#capacity-summary").textContent = c.workers.length
        ? `${c.workers.length} worker(s), ${busy} interview(s) running, ${c.free_slots} free slot(s)` +
          (c.waiting_elsewhere ? `; ${c.waiting_elsewhere} candidate(s) of other teams in line` : "")
        : "No interviewer worker is running: arriving candidates wait until one starts.";
      document.body.dataset.freeSlots = String(c.free_slots);
      $("#worker-table tbody").replaceChildren(...c.workers.map((w) => el("tr", {},
        el("td", { text: w.worker_id }), el("td", { text: w.host }), el("td", { text: `${w.active_jobs} of ${w.max_jobs}` }),
        el("td", { text: w.draining ? "draining" : String(w.free_slots) }), el("td", { text: when(w.heartbeat_at) }))));
      $("#waiting-table tbody").replaceChildren(...c.waiting.map((w) => el("tr", {},
        el("td", { text: String(w.position) }), el("td", { text: w.candidate_name || "–" }),
        el("td", { text: w.job_title || "–" }), el("td", { text: when(w.waiting_since) }))));
      $("#waiting-empty").hidden = c.waiting.length > 0;
    } catch (e) { if (e.message !== "signed out") $("#capacity-summary").textContent = e.message; }
    setTimeout(capacity, 5000);
  }
  capacity();
})();
