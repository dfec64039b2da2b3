// The report page: loads the interview, its report bundle, per-second rows and transcript, and lays them out
// (ReportView words them; Charts draws the timeline).
"use strict";
(() => {
  const { recruiterApi, items, $, el, show, num, when } = Interviewly;
  const id = window.INTERVIEW_ID;
  const none = (x) => x === null || x === undefined;

  // each point names its area, says what was seen, and lists the signals it came from
  const point = (p) => el("li", {}, el("strong", { text: (p.area ? p.area + ": " : "") + (p.detail || "") }));

  async function allRows() {
    const rows = [];
    let since = -1;
    for (let page = 0; page < 50; page++) {  // an interview is at most a few thousand seconds
      const batch = items(await recruiterApi(`/api/ats/v1/interviews/${id}/metrics?since_t=${since}&limit=1000`));
      rows.push(...batch);
      if (batch.length < 1000) break;
      since = batch[batch.length - 1].t_s;
    }
    return rows;
  }

  // the speech rate of each answer, held over the seconds of its question
  function rateSeries(rows, questions) {
    return rows.map((r) => {
      const q = questions.find((s) => !none(s.started_s) && r.t_s > s.started_s && r.t_s <= (s.ended_s ?? Infinity));
      return q && q.delivery ? q.delivery.articulation_rate_sps ?? null : null;
    });
  }

  function drawTimeline(rows, segments, bundle) {
    const hidden = bundle.delivery_signals_hidden;
    const questions = bundle.question_scores;
    return Charts.timeline($("#timeline"), {
      t: rows.map((r) => r.t_s),
      face: rows.map((r) => (r.face_present === null ? null : r.face_present ? 1 : 0)),
      eye: rows.map((r) => (r.face_present ? r.eye_contact : null)),
      rate: rateSeries(rows, questions),
      turns: segments.filter((s) => s.speaker !== "CANDIDATE" && s.end_s !== null).map((s) => [s.start_s, s.end_s]),
      questions: questions.filter((q) => !none(q.started_s)).map((q) => ({ index: q.question_index, start: q.started_s, title: q.question })),
      hideDelivery: hidden,
    });
  }

  function drawReport(interview, bundle, segments) {
    const report = bundle.report, hidden = bundle.delivery_signals_hidden;
    $("#headline").textContent = ReportView.headline(interview, bundle);
    $("#figures").replaceChildren(...ReportView.figures(bundle));
    $("#summary-text").textContent = report.summary || "";
    $("#strengths").replaceChildren(...(report.strengths || []).map(point));
    $("#weaknesses").replaceChildren(...(report.weaknesses || []).map(point));
    $("#integrity-notes").replaceChildren(...(bundle.notes.length ? bundle.notes.map((n) => el("li", { "data-kind": n.kind, text: n.detail }))
      : [el("li", { class: "muted", text: "No notes." })]));
    $("#questions").replaceChildren(...(bundle.question_scores.length ? bundle.question_scores.map((q) => ReportView.question(q, segments, hidden))
      : [el("p", { class: "muted", text: "No question was asked." })]));
    if (!hidden) {
      $("#delivery-figures tbody").replaceChildren(...ReportView.deliveryRows(bundle));
      const e = bundle.engagement;
      $("#engagement-score").textContent = e && e.score !== null ? `${num(e.score, 0)}/100` : "";
      $("#engagement tbody").replaceChildren(...(e ? ReportView.engagementRows(e) : [el("tr", {}, el("td", { text: "Not measured for this interview." }))]));
    }
    document.body.dataset.hasReport = "yes";
  }

  async function load() {
    const interview = await recruiterApi(`/api/ats/v1/interviews/${id}`);
    $("#title").textContent = `Interview report: ${interview.candidate_name || "candidate"}`;
    $("#meta").textContent = [interview.job_title, interview.status, when(interview.started_at)].filter(Boolean).join(" · ");
    const [bundle, segments, rows] = await Promise.all([
      recruiterApi(`/api/ats/v1/interviews/${id}/report`),
      recruiterApi(`/api/ats/v1/interviews/${id}/transcript`).then(items),
      allRows(),
      ReportRecording.load(id).catch((e) => show("The recording could not be loaded: " + e.message, "error")),
    ]);
    // the company hides delivery signals: the API sends none, and the page shows no place for them
    const hidden = Boolean(bundle.delivery_signals_hidden);
    $("#delivery-card").hidden = hidden;
    $("#delivery-hidden").hidden = !hidden;
    if (hidden) $("#timeline-help").textContent = "Each second: the face in view (grey dashed; seconds without it shaded red). The interviewer's turns are shaded blue; Q1, Q2… mark where each question was asked: click one to read it.";
    if (bundle.job_id) { $("#compare-link").href = `/recruiter/jobs/${bundle.job_id}/compare`; $("#compare-link").hidden = false; }
    if (!bundle.report) {
      show(interview.status === "IN_PROGRESS" ? "The interview is still running: the report appears when it ends." : "No report yet.");
    } else {
      drawReport(interview, bundle, segments);
    }
    $("#transcript").replaceChildren(...ReportView.transcriptGroups(segments, bundle.question_scores));
    ReportRecording.attachTranscript();
    if (rows.length) {
      ReportRecording.attachTimeline(drawTimeline(rows, segments, bundle));
      document.body.dataset.timelineSeconds = String(rows.length);
    } else $("#timeline").replaceChildren(el("p", { class: "muted", text: "No per-second figures were recorded." }));
    const usage = bundle.usage;
    if (usage) {
      $("#usage-card").hidden = false;
      $("#usage").textContent = `$${num(usage.cost_usd, 4)} · STT ${num(usage.stt_seconds, 0)} s · LLM ${usage.llm_prompt_tokens + usage.llm_completion_tokens} tokens · TTS ${usage.tts_characters} chars · room ${num(usage.room_minutes, 1)} min`;
    }
    await loadFeedback();
    if (location.hash) document.querySelector(location.hash)?.scrollIntoView();
    document.body.dataset.report = "ready";  // everything on the page is loaded
  }

  async function loadFeedback() {
    const list = items(await recruiterApi(`/api/ats/v1/interviews/${id}/feedback`));
    $("#feedback-list").replaceChildren(...list.map((f) => el("li", { text: `${f.rating}/5 — ${f.notes || ""}` })));
  }

  $("#feedback-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      await recruiterApi(`/api/ats/v1/interviews/${id}/feedback`, { method: "POST", body: { rating: Number($("#rating").value), notes: $("#notes").value } });
      $("#notes").value = ""; show("Feedback saved.", "ok"); await loadFeedback();
    } catch (e) { show("Feedback not saved: " + e.message, "error"); }
  });

  load().catch((e) => { if (e.message !== "signed out") show(e.status === 404 ? "This interview does not exist or is not yours." : e.message, "error"); });
})();
