// Live feedback in a practice interview: the candidate's own speaking pace, pauses and eye contact, as words first
// (the bars only repeat them). Screen-reader users may have a summary read out every 30 s; nothing is announced
// unless they ask, so it never talks over the interviewer. The agent sends these in practice interviews only.
"use strict";
const SelfFeedback = (() => {
  const $ = (s) => document.querySelector(s);
  let last = null;
  let announcer = null;

  const paceWords = (wpm) => (wpm === null ? "Not measured yet: start answering."
    : `${Math.round(wpm)} words a minute, ${wpm < 110 ? "on the slow side" : wpm > 170 ? "on the fast side" : "a comfortable pace"} (about 120 to 160 is easy to follow).`);
  const pauseWords = (f) => (f.pause_count === 0 ? "No pauses yet."
    : `${f.pause_count} pause${f.pause_count === 1 ? "" : "s"} while answering, ${f.mean_pause_s.toFixed(1)} s on average, the longest ${f.longest_pause_s.toFixed(1)} s.`);
  const eyeWords = (f) => (f.face_in_view === false ? "Your face is not in view of the camera."
    : f.eye_contact_30s === null ? "Not measured yet."
    : `${Math.round(f.eye_contact_30s * 100)}% of the last 30 seconds looking at the screen.`);

  function bar(id, share) {
    const el = $(id);
    if (el) el.style.width = `${Math.max(0, Math.min(1, share)) * 100}%`;
  }

  function summary(f) {
    return `Your pace: ${paceWords(f.words_per_minute)} Pauses: ${pauseWords(f)} Eye contact: ${eyeWords(f)}`;
  }

  function update(f) {
    if (!f || f.type !== "self_feedback") return;
    last = f;
    $("#live-feedback").hidden = false;
    $("#fb-pace").textContent = paceWords(f.words_per_minute);
    $("#fb-pauses").textContent = pauseWords(f);
    $("#fb-eyes").textContent = eyeWords(f);
    bar("#fb-pace-bar", f.words_per_minute === null ? 0 : f.words_per_minute / 220);
    bar("#fb-eyes-bar", f.eye_contact_30s ?? 0);
    $("#fb-speaking").textContent = f.speaking ? "You are speaking." : "";
    document.body.dataset.selfFeedback = String(f.t_s);
  }

  const toggle = $("#fb-announce");
  if (toggle) toggle.addEventListener("change", () => {
    clearInterval(announcer);
    if (toggle.checked) announcer = setInterval(() => { if (last) $("#fb-spoken").textContent = summary(last); }, 30_000);
    else $("#fb-spoken").textContent = "";
  });

  return { update, summary };
})();
