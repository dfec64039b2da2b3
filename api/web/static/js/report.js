"use strict";
(() => {
  const { recruiterApi, items, $, el, show, pct, num, when } = Interviewly;
  const id = window.INTERVIEW_ID;

  const signalText = (s) => (s && typeof s === "object"
    ? Object.entries(s).filter(([, v]) => v !== null && typeof v !== "object").map(([k, v]) => `${k.replaceAll("_", " ")}: ${typeof v === "number" ? num(v, 2) : v}`).join(" · ")
    : String(s ?? ""));
  // each point names its area, says what was seen, and lists the signals it came from
  const point = (p) => el("li", {}, el("strong", { text: (p.area ? p.area + ": " : "") + (p.detail || "") }),
    p.signals ? el("div", { class: "muted", text: signalText(p.signals) }) : "");

  // what a question's score came from: the rubric points made, with the candidate's words, and the scorer
  const evidenceText = (s) => {
    const judged = s.llm ? s.llm.points || [] : ((s.content || {}).points || []).filter((p) => p.covered);
    const made = judged.filter((p) => p.covered).map((p) => `${p.covers}${p.evidence ? ` ("${p.evidence}")` : ""}`);
    const parts = [made.length ? "Made: " + made.join("; ") : "No rubric point made"];
    if ((s.points_missing || []).length) parts.push("Missing: " + s.points_missing.join("; "));
    const spec = ((s.content || {}).specificity || {}).score;
    if (spec !== undefined) parts.push(`specificity ${num(spec, 2)}, relevance ${num((s.content || {}).relevance, 2)}`);
    parts.push(`scored by ${s.score_source === "llm" ? "the LLM (offline score " + num((s.content || {}).score, 0) + ")" : "the offline scorer"}`);
    return parts.join(" · ");
  };

  async function load() {
    const interview = await recruiterApi(`/api/ats/v1/interviews/${id}`);
    // the company hides delivery signals: the API sends none, and the page shows no place for them
    const hidden = Boolean(interview.delivery_signals_hidden);
    $("#delivery-card").hidden = hidden;
    $("#delivery-hidden").hidden = !hidden;
    $("#title").textContent = `Interview report: ${interview.candidate_name || "candidate"}`;
    $("#meta").textContent = [interview.job_title, interview.status, when(interview.started_at)].filter(Boolean).join(" · ");
    let data = null;
    try { data = await recruiterApi(`/api/ats/v1/interviews/${id}/report`); }
    catch (e) { if (e.status !== 404) throw e; }
    const report = data && (data.report || data);
    if (!report || report.overall_score === undefined) {
      show(interview.status === "IN_PROGRESS" ? "The interview is still running: the report appears when it ends." : "No report yet.");
    } else {
      $("#overall-score").textContent = report.overall_score === null ? "–" : num(report.overall_score, 0);
      if (!hidden) {
        const eye = report.eye_contact_summary || {}, flu = report.fluency_summary || {};
        $("#eye-contact-summary").textContent = pct(eye.eye_contact_ratio) + (eye.eye_contact_ratio === undefined ? ""
          : eye.calibrated ? " (calibrated to the candidate's screen)" : " (not calibrated: measured against the camera)");
        $("#speech-rate-summary").textContent = flu.speech_rate_sps === undefined ? "–" : num(flu.speech_rate_sps) + " syl/s";
        $("#pause-summary").textContent = flu.pause_count === undefined ? "–" : `${flu.pause_count} (${num(flu.mean_pause_s, 2)} s avg)`;
        $("#delivery-observations").replaceChildren(...((report.delivery || {}).observations || []).map(point));
      }
      $("#summary-text").textContent = report.summary || "";
      $("#strengths").replaceChildren(...(report.strengths || []).map(point));
      $("#weaknesses").replaceChildren(...(report.weaknesses || []).map(point));
      $("#report-flags").replaceChildren(...(report.flags || []).map((f) => typeof f === "string" ? el("li", { text: f })
        : el("li", {}, el("strong", { text: "Note: " + String(f.flag || f.name || "").replaceAll("_", " ") }),
          f.signals ? el("div", { class: "muted", text: signalText(f.signals) }) : "")));
      document.body.dataset.hasReport = "yes";
    }
    const questions = (data && (data.questions || data.question_scores)) || [];
    $("#questions tbody").replaceChildren(...questions.map((q) => el("tr", {},
      el("td", { text: q.question_index + 1 }), el("td", { text: q.question }),
      el("td", { text: q.score === null || q.score === undefined ? "–" : num(q.score, 0) }),
      el("td", { class: "muted", text: evidenceText(q.signals || {}) }))));
    const usage = data && data.usage;
    if (usage) {
      $("#usage-card").hidden = false;
      $("#usage").textContent = `$${num(usage.cost_usd, 4)} · STT ${num(usage.stt_seconds, 0)} s · LLM ${usage.llm_prompt_tokens + usage.llm_completion_tokens} tokens · TTS ${usage.tts_characters} chars · room ${num(usage.room_minutes, 1)} min`;
    }
    if (!hidden) await charts();
    const transcript = items(await recruiterApi(`/api/ats/v1/interviews/${id}/transcript`));
    $("#transcript").replaceChildren(...transcript.map((s) => el("li", {}, el("span", { class: "who", text: s.speaker === "AGENT" ? "Interviewer" : "Candidate" }), s.text)));
    await loadFeedback();
    document.body.dataset.report = "ready";  // everything on the page is loaded
  }

  async function charts() {
    const rows = [];
    let since = -1;
    for (let page = 0; page < 50; page++) {  // an interview is at most a few thousand seconds
      const batch = items(await recruiterApi(`/api/ats/v1/interviews/${id}/metrics?since_t=${since}&limit=1000`));
      rows.push(...batch);
      if (batch.length < 1000) break;
      since = batch[batch.length - 1].t_s;
    }
    const eye = Charts.lineChart($("#eye-chart"), [{ label: "eye contact (1 s)", color: "#3056d3" }, { label: "rolling 30 s", color: "#12b76a" }], { yRange: [0, 1] });
    eye.set(rows.map((r) => r.t_s), rows.map((r) => r.eye_contact), rows.map((r) => r.eye_contact_30s));
    const flu = Charts.lineChart($("#fluency-chart"), [{ label: "speech rate", color: "#b54708" }]);
    flu.set(rows.map((r) => r.t_s), rows.map((r) => r.speech_rate_sps));
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
