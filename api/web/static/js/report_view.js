// The report page's pieces, drawn from the API's typed report bundle: the headline figures, each question with
// the signals that moved its score and its answer, the delivery and engagement tables. No figure is computed
// here: every number is the API's (db/aggregates.py, agent/engagement.py); this file only words them.
"use strict";
const ReportView = (() => {
  const { el, pct, num } = Interviewly;
  const clock = Charts.clock;
  const dash = (x) => x === null || x === undefined;
  const secs = (x) => (dash(x) ? "–" : `${num(x, 1)} s`);
  const part = (x) => (dash(x) ? "–" : num(x, 2));
  const ordinal = (n) => n + (n % 10 === 1 && n % 100 !== 11 ? "st" : n % 10 === 2 && n % 100 !== 12 ? "nd" : n % 10 === 3 && n % 100 !== 13 ? "rd" : "th");

  function tile(key, label, value, unit, compare) {
    return el("div", { class: "kpi", "data-figure": key }, el("span", { class: "label", text: label }),
      el("span", { class: "value", text: value }), el("span", { class: "unit", text: unit }),
      el("span", { class: "compare", text: compare || "" }));
  }

  function rankText(c) {
    if (!c || !c.overall_score_rank) return "";
    const place = c.overall_score_rank === 1 ? "the highest" : ordinal(c.overall_score_rank);
    return `, ${place} of ${c.ranked} candidates interviewed for this job`;
  }

  function headline(interview, bundle) {
    const report = bundle.report, c = bundle.comparison;
    const answered = bundle.question_scores.filter((q) => (q.signals || {}).answer_words).length;
    const who = interview.candidate_name || "The candidate";
    if (dash(report.overall_score)) return `${who}: no skill score (${answered} of ${bundle.question_scores.length} questions answered).`;
    return `${who}: advisory skill score ${num(report.overall_score, 0)}/100 from the content of the answers${rankText(c)}. ` +
      `${answered} of ${bundle.question_scores.length} questions answered.`;
  }

  function figures(bundle) {
    const f = bundle.figures || {}, e = bundle.engagement, c = bundle.comparison, report = bundle.report;
    const others = (m, fmt) => (c && !dash(m) ? `others' median ${fmt(m)}` : c ? "" : "no other candidate for this job yet");
    const tiles = [tile("overall", "Skill score (content)", dash(report.overall_score) ? "–" : `${num(report.overall_score, 0)}/100`,
      "advisory, from what the answers say", c ? `${ordinal(c.overall_score_rank || 0)} of ${c.ranked} · ${others(c.overall_score_median, (m) => num(m, 0))}` : others(null))];
    tiles[0].querySelector(".value").id = "overall-score";
    if (bundle.video_analysis === false) {
      // not collected is not zero: say why there is no figure at all
      const why = bundle.video_analysis_off_reason === "not_shortlisted"
        ? "the company analyses video for shortlisted applications only" : "the candidate declined video analysis";
      tiles.push(tile("video_not_collected", "Video analysis", "not collected", why, ""));
      tiles[tiles.length - 1].id = "video-not-collected";
      return tiles;
    }
    if (!bundle.delivery_signals_hidden) {
      if (e) tiles.push(tile("engagement", "Engagement", dash(e.score) ? "–" : `${num(e.score, 0)}/100`, "observable signals, advisory", others(c && c.engagement_score_median, (m) => num(m, 0))));
      tiles.push(tile("eye_contact", "Eye contact", pct(f.eye_contact_ratio), "of the time the face was in view", others(c && c.eye_contact_ratio_median, pct)));
      if (e) tiles.push(tile("latency", "Response time", secs(e.response_latency_s), "median, question's end to answer", others(c && c.response_latency_median_s, secs)));
      if (e) tiles.push(tile("speaking_share", "Speaking share", pct(e.speaking_share), "of the talking while questions were open", others(c && c.speaking_share_median, pct)));
    }
    tiles.push(tile("face_in_view", "Face in view", pct(f.face_in_view_ratio), dash(f.video_seconds) ? "" : `of the ${f.video_seconds} s with video`, ""));
    return tiles;
  }

  function engagementWords(e) {
    if (!e) return "";
    const parts = [dash(e.response_latency_s) ? "no answer" : `answered ${secs(e.response_latency_s)} after the question`];
    const length = { none: "no answer", short: "short", as_expected: "as expected", long: "long" }[e.answer_length] || e.answer_length;
    parts.push(`${e.answer_words} words (expected ${e.expected_min_words}–${e.expected_max_words}: ${length})`);
    if (!dash(e.eye_contact_answering_ratio)) parts.push(`eye contact while answering ${pct(e.eye_contact_answering_ratio)}`);
    parts.push(e.interruptions ? `${e.interruptions} interruption${e.interruptions > 1 ? "s" : ""} at ${e.interruption_times_s.map(clock).join(", ")}` : "no interruptions");
    return parts.join(" · ");
  }

  function line(seg) {
    const who = seg.speaker === "AGENT" ? "Interviewer" : seg.speaker === "CANDIDATE" ? "Candidate" : "Interviewer (person)";
    return el("li", { class: seg.speaker === "CANDIDATE" ? "candidate" : "interviewer", "data-start": String(seg.start_s) }, el("span", { class: "time", text: clock(seg.start_s) }),
      el("span", { class: "who", text: who }), seg.text + (seg.overlap ? " (over the interviewer)" : ""));
  }

  function question(q, segments, hidden) {
    const score = dash(q.score) ? "–" : num(q.score, 0);
    const meta = [q.skill, dash(q.started_s) ? null : `asked at ${clock(q.started_s)}`].filter(Boolean).join(" · ");
    const d = q.delivery;
    const delivery = !hidden && d ? [dash(d.articulation_rate_sps) ? null : `speech ${num(d.articulation_rate_sps)} syl/s`,
      dash(d.pause_count) ? null : `${d.pause_count} pause${d.pause_count === 1 ? "" : "s"}`].filter(Boolean).join(" · ") : "";
    const answer = segments.filter((s) => s.question_index === q.question_index);
    return el("article", { class: "question", id: `q-${q.question_index}`, "data-q": String(q.question_index) },
      el("header", {}, el("h3", { text: `${q.question_index + 1}. ${q.question}` }), el("span", { class: "score-badge", title: "content score, advisory", text: score })),
      el("p", { class: "muted small", text: meta }),
      el("ul", { class: "reasons" }, ...(q.reasons || []).map((r) => el("li", { text: r }))),
      hidden ? "" : el("p", { class: "engagement-line muted small", text: [engagementWords(q.engagement), delivery].filter(Boolean).join(" · ") }),
      el("h4", { text: "Transcript" }),
      answer.length ? el("ol", { class: "transcript answer" }, ...answer.map(line)) : el("p", { class: "muted", text: q.answer_text || "No answer." }));
  }

  function transcriptGroups(segments, questions) {
    const titles = new Map(questions.map((q) => [q.question_index, `Q${q.question_index + 1}. ${q.question}`]));
    const out = [];
    let current;
    for (const seg of segments) {
      const key = seg.question_index ?? "before";
      if (key !== current) {
        current = key;
        out.push(el("li", { class: "group", id: key === "before" ? "transcript-before" : `transcript-q${key}`,
          text: key === "before" ? "Before the questions" : titles.get(key) || `Question ${key + 1}` }));
      }
      out.push(line(seg));
    }
    return out;
  }

  const row = (...cells) => el("tr", {}, ...cells.map((c) => el("td", { text: c })));

  function deliveryRows(bundle) {
    const f = bundle.figures || {}, flu = (bundle.report || {}).fluency_summary || {}, d = (bundle.report || {}).delivery || {};
    const comps = Object.entries((d.fluency || {}).components || {}).map(([k, v]) => `${k} ${num(v, 2)}`).join(" · ");
    return [
      row("Eye contact", `${pct(f.eye_contact_ratio)} of the ${f.face_in_view_seconds ?? 0} s the face was in view`),
      row("Face in view", `${pct(f.face_in_view_ratio)} of the ${f.video_seconds ?? 0} s with video`),
      row("Speech rate", dash(f.speech_rate_sps) ? "–" : `${num(f.speech_rate_sps)} syl/s of floor time (${num(f.articulation_rate_sps)} syl/s while speaking)`),
      row("Pauses", dash(f.pause_count) ? "–" : `${f.pause_count}` + (dash(flu.mean_pause_s) ? "" : ` (mean ${num(flu.mean_pause_s, 2)} s, longest ${num(flu.longest_pause_s, 2)} s)`)),
      row("Fillers", dash(flu.fillers_per_100_words) ? "–" : `${num(flu.fillers_per_100_words, 1)} per 100 words`),
      row("Fluency score", dash(d.fluency_score) ? "–" : `${num(d.fluency_score, 2)}${comps ? " (" + comps + ")" : ""}`),
    ];
  }

  function engagementRows(e) {
    const p = e.parts, qs = e.questions || [];
    const perQ = (f) => qs.map((q) => `Q${q.question_index + 1} ${f(q)}`).join(" · ");
    const times = qs.flatMap((q) => q.interruption_times_s.map((t) => `Q${q.question_index + 1} ${clock(t)}`));
    return [
      row("Response time", `median ${secs(e.response_latency_s)} (${perQ((q) => secs(q.response_latency_s))})`, part(p.response_latency)),
      row("Speaking share", `${pct(e.speaking_share)} (${num(e.candidate_speaking_s, 0)} s of ${num(e.candidate_speaking_s + e.interviewer_speaking_s, 0)} s)`, part(p.speaking_share)),
      row("Answer length", `${e.answers - e.answers_short - e.answers_long} of ${qs.length} as expected, ${e.answers_short} short, ${e.answers_long} long`, part(p.answer_length)),
      row("Eye contact while answering", pct(e.eye_contact_answering_ratio), part(p.eye_contact_answering)),
      row("Interruptions", e.interruptions ? `${e.interruptions} (${times.join(", ")})` : "none", part(p.interruptions)),
    ];
  }

  return { headline, figures, question, transcriptGroups, deliveryRows, engagementRows, clock };
})();
