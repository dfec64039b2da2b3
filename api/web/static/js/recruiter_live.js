// Recruiter live page: hidden, subscribe-only in the room; live scores arrive on the contract's live topic.
// The charts start from the stored rows (the whole interview so far, or all of it once it is over), and live
// messages add to them; the "so far" line is the API's summary (db/aggregates.py), the report's figures.
"use strict";
(() => {
  const { recruiterApi, items, $, el, show, pct, num } = Interviewly;
  const LK = window.LivekitClient;
  const id = window.INTERVIEW_ID;
  const C = window.INTERVIEWLY_CONTRACT;
  const LIVE_TOPIC = C.liveTopic;
  const decoder = new TextDecoder();
  const seenSegments = new Set();
  let eyeChart, fluencyChart, room;
  let messages = 0;
  const points = new Map();  // t_s -> the second's figures, stored rows and live messages alike
  let storedUntil = -1, backfilling = false;

  $("#report-link").href = `/recruiter/interviews/${id}/report`;

  // The agent's message is the LiveMessage of db/contract.py; read it defensively so an older
  // agent or a missing signal shows a dash rather than breaking the page.
  function normalize(m) {
    const eye = m.eye_contact || {};
    const flu = m.fluency || {};
    return {
      t: m.t_s ?? m.t ?? 0,
      question: m.question_index,
      total: m.question_count ?? m.question_total,
      eye1: typeof eye === "object" ? eye.last_1s : eye,
      eye30: typeof eye === "object" ? eye.rolling_30s : m.eye_contact_30s,
      face: m.face_present,
      flags: m.flags || [],
      rate: flu.speech_rate_sps,
      speaking: m.speaking,
    };
  }

  function render() {
    const ts = [...points.keys()].sort((a, b) => a - b);
    eyeChart.set(ts, ts.map((t) => points.get(t).eye1), ts.map((t) => points.get(t).eye30));
    fluencyChart.set(ts, ts.map((t) => points.get(t).rate));
    document.body.dataset.chartSeconds = String(ts.length);
  }

  function showNow(s) {
    $("#eye-contact-value").textContent = pct(s.eye1);
    $("#eye-contact-30s-value").textContent = pct(s.eye30);
    $("#face-present-value").textContent = s.face === undefined || s.face === null ? "–" : s.face ? "yes" : "no";
    $("#speech-rate-value").textContent = s.rate === undefined || s.rate === null ? "–" : num(s.rate) + " syl/s";
    $("#speaking").textContent = s.speaking && s.speaking !== "none" ? `${s.speaking} speaking` : "nobody speaking";
    if (s.question !== undefined && s.question !== null) {
      $("#question-progress").textContent = `Question ${s.question + 1}${s.total ? " of " + s.total : ""}`;
    }
    const flags = $("#flags");
    flags.replaceChildren(...(s.flags.length ? s.flags.map((f) => el("li", { text: describeFlag(f) }))
      : [el("li", { class: "muted", text: "No notes." })]));
  }

  function onLive(m) {
    const s = normalize(m);
    messages += 1;
    document.body.dataset.liveMessages = String(messages);
    showNow(s);
    // seconds written between loading the stored rows and joining the room: fetch them once
    if (!backfilling && s.t > storedUntil + 1 && !points.has(s.t - 1)) {
      backfilling = true;
      loadStored(storedUntil).then(render).catch(() => {}).finally(() => { backfilling = false; });
    }
    points.set(s.t, { eye1: s.eye1, eye30: s.eye30, rate: s.rate });
    render();
  }

  // the stored per-second rows after `since` (the same figures the live messages carried)
  async function loadStored(since) {
    let last = null;
    for (let page = 0; page < 50; page++) {
      const batch = items(await recruiterApi(`/api/ats/v1/interviews/${id}/metrics?since_t=${since}&limit=1000`));
      for (const r of batch) {
        if (!points.has(r.t_s)) points.set(r.t_s, { eye1: r.eye_contact, eye30: r.eye_contact_30s, rate: r.speech_rate_sps });
        last = r;
      }
      if (batch.length < 1000) break;
      since = batch[batch.length - 1].t_s;
    }
    if (last) storedUntil = Math.max(storedUntil, last.t_s);
    return last;
  }

  async function soFar() {
    const interview = await recruiterApi(`/api/ats/v1/interviews/${id}`);
    const f = interview.metrics_summary;
    if (!f) { $("#so-far").textContent = ""; return interview; }
    const over = !["SCHEDULED", "IN_PROGRESS"].includes(interview.status);
    const parts = [`face in view ${pct(f.face_in_view_ratio)} of ${f.video_seconds} s with video`];
    if (!interview.delivery_signals_hidden) {
      parts.unshift(`eye contact ${pct(f.eye_contact_ratio)} of the time the face was in view`);
      parts.push(`speech ${f.speech_rate_sps === null ? "–" : num(f.speech_rate_sps)} syl/s`, `${f.pause_count ?? "–"} pause${f.pause_count === 1 ? "" : "s"}`);
    }
    $("#so-far").textContent = `${over ? "Whole interview" : "So far"} (${Math.floor(f.duration_s / 60)}:${String(f.duration_s % 60).padStart(2, "0")}): ${parts.join(" · ")}`;
    return interview;
  }

  function describeFlag(f) {
    const name = typeof f === "string" ? f : f.name || JSON.stringify(f);
    if (name === "no_face") return "Note: no face in view";
    if (name === "multiple_faces") return "Note: more than one face in view";
    if (name.startsWith("look_away")) return "Note: looking away for a while";
    return "Note: " + name;
  }

  function addTranscript(who, text, key) {
    if (!text || !text.trim() || (key && seenSegments.has(key))) return;
    if (key) seenSegments.add(key);
    const list = $("#transcript");
    list.append(el("li", {}, el("span", { class: "who", text: who }), text));
    list.scrollTop = list.scrollHeight;
  }

  let transcriptSince = -1;
  async function pollTranscript() {
    // a line may be stored after a later-starting one (a candidate answer is written when it ends): look back
    const since = transcriptSince < 0 ? -1 : Math.max(-1, transcriptSince - 60);
    const page = await recruiterApi(`/api/ats/v1/interviews/${id}/transcript?since_s=${since}`);
    for (const seg of Interviewly.items(page)) {
      addTranscript(seg.speaker === "AGENT" ? "Interviewer" : "Candidate", seg.text, "db-" + seg.id);
      transcriptSince = Math.max(transcriptSince, seg.start_s);
    }
  }

  async function start() {
    eyeChart = Charts.lineChart($("#eye-chart"), [
      { label: "last 1 s", color: "#3056d3" }, { label: "rolling 30 s", color: "#12b76a" }], { yRange: [0, 1] });
    fluencyChart = Charts.lineChart($("#fluency-chart"), [{ label: "speech rate", color: "#b54708" }]);
    let interview;
    try { interview = await recruiterApi(`/api/ats/v1/interviews/${id}`); }
    catch (e) { return show(e.status === 404 ? "This interview does not exist or is not yours." : e.message, "error"); }
    $("#title").textContent = `Live: ${interview.candidate_name || "candidate"} · ${interview.job_title || ""}`;
    // the company hides delivery signals: the agent sends none and the page shows no place for them
    $("#delivery-live").hidden = Boolean(interview.delivery_signals_hidden);
    $("#delivery-hidden").hidden = !interview.delivery_signals_hidden;
    await pollTranscript();
    // the stored transcript is the one source both speakers' lines reach (the agent writes them as it goes)
    setInterval(() => pollTranscript().catch(() => {}), 3000);
    // the whole interview so far (or all of it), before anything live arrives
    const last = await loadStored(-1);
    render();
    if (last) showNow({ eye1: last.eye_contact, eye30: last.eye_contact_30s, face: last.face_present, flags: [], rate: last.speech_rate_sps, speaking: "none", question: last.question_index });
    await soFar();
    document.body.dataset.history = "loaded";
    if (["COMPLETED", "CANCELLED", "NO_SHOW", "INTERRUPTED", "DECLINED"].includes(interview.status)) {
      document.body.dataset.state = "over";
      return show("This interview is over: these are its stored figures. Open the report for the whole picture.", "");
    }
    setInterval(() => soFar().catch(() => {}), 15000);
    let grant;
    try { grant = await recruiterApi("/api/livekit/token", { method: "POST", body: { interview_id: id } }); }
    catch (e) { return show("Cannot watch: " + e.message, "error"); }
    room = new LK.Room();
    room.on(LK.RoomEvent.DataReceived, (payload, participant, kind, topic) => {
      if (topic !== LIVE_TOPIC) return;
      try { onLive(JSON.parse(decoder.decode(payload))); } catch (err) { console.warn("bad live message", err); }
    });
    room.on(LK.RoomEvent.TrackSubscribed, (track, pub, participant) => {
      if (participant.identity.startsWith(C.candidatePrefix) && track.kind === LK.Track.Kind.Video) track.attach($("#candidate-video"));
      if (track.kind === LK.Track.Kind.Audio) { const a = track.attach(); a.muted = true; a.dataset.audio = participant.identity; document.body.append(a); }
    });
    room.on(LK.RoomEvent.Disconnected, () => { document.body.dataset.state = "ended"; show("The interview has ended.", ""); });
    await room.connect(grant.url, grant.token);
    document.body.dataset.state = "watching";
  }

  $("#unmute").addEventListener("click", () => {
    document.querySelectorAll("audio[data-audio]").forEach((a) => { a.muted = false; a.play(); });
    $("#unmute").hidden = true;
  });
  start();
})();
