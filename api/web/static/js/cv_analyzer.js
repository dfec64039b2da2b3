// The CV analyzer: a file or pasted text, optionally against a job description; the ATS score with its parts,
// keyword coverage (found and missing, drawn and listed), and each section and formatting issue with what to do.
"use strict";
(() => {
  const { $, el, show } = Interviewly;
  const { call, fail } = Candidate;
  const PART_NAMES = { sections: "Sections", contact: "Contact details", length: "Length", formatting: "Formatting", keywords: "Job keywords" };
  const SEVERITY = { high: "Important", medium: "Worth fixing", low: "Minor" };

  $("#analyze-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const file = $("#cv-file").files[0];
    const text = $("#cv-text").value.trim();
    if (!file && !text) return show("Choose a CV file or paste its text.", "error");
    const form = new FormData();
    if (file) form.append("cv", file); else form.append("cv_text", text);
    const jd = $("#target-jd").value.trim();
    if (jd) form.append("target_jd", jd);
    show("");
    $("#analyze").disabled = true;
    $("#working").textContent = "Analysing your CV…";
    try {
      const analysis = await call("/api/candidate/v1/cv/analyses", { method: "POST", body: form });
      render(analysis.result);
      $("#working").textContent = "Analysis ready.";
    } catch (e) {
      $("#working").textContent = "";
      $("#result").hidden = true;
      // the parser says why a file cannot be read (scanned or encrypted PDF, wrong type) and what to do
      fail(e);
    } finally { $("#analyze").disabled = false; }
  });

  function render(r) {
    $("#ats-score").textContent = Math.round(r.ats_score);
    $("#score-parts").replaceChildren(...Object.entries(r.score_parts).map(([k, v]) => {
      const max = r.max_parts[k];
      return el("li", {}, el("span", { class: "part-name", text: `${PART_NAMES[k] || k}: ${v} of ${max} points` }),
        el("span", { class: "part-bar", "aria-hidden": "true" }, el("span", { style: `width:${(100 * v / max).toFixed(0)}%` })));
    }));
    const kw = r.keyword_coverage;
    $("#keywords-card").hidden = false;
    if (!kw) {
      $("#keyword-summary").textContent = "Add a job description to see which of its keywords your CV has.";
      $("#coverage-bar").hidden = true;
      $("#keywords-found").replaceChildren(); $("#keywords-missing").replaceChildren();
    } else {
      const share = kw.total ? kw.matched.length / kw.total : 0;
      const words = `${kw.matched.length} of ${kw.total} keywords from the job are in your CV (${Math.round(share * 100)}%).`;
      $("#keyword-summary").textContent = words;
      $("#coverage-bar").hidden = false;
      $("#coverage-bar").setAttribute("aria-label", words);
      $("#coverage-bar .found").style.width = (share * 100).toFixed(0) + "%";
      $("#keywords-found").replaceChildren(...chips(kw.matched, "✓", "found"));
      $("#keywords-missing").replaceChildren(...chips(kw.missing, "✗", "missing"));
    }
    $("#section-issues").replaceChildren(...issues(r.section_issues, (i) => i.section ? i.section[0].toUpperCase() + i.section.slice(1) : null));
    $("#formatting-issues").replaceChildren(...issues(r.formatting_issues, () => null));
    $("#suggestions").replaceChildren(...(r.suggestions || []).map((s) => el("li", { text: s })));
    $("#result").hidden = false;
    $("#result-title").focus();
    document.body.dataset.analysed = String(Math.round(r.ats_score));
  }

  const chips = (words, mark, kind) => (words.length ? words.map((w) => el("li", { class: "chip " + kind },
    el("span", { "aria-hidden": "true", text: mark + " " }), w)) : [el("li", { class: "muted", text: "None." })]);

  function issues(list, label) {
    if (!list || !list.length) return [el("li", { class: "muted", text: "Nothing to fix here." })];
    return list.map((i) => el("li", { class: "issue " + i.severity },
      el("span", { class: "severity", text: SEVERITY[i.severity] || i.severity }), " ",
      ...(label(i) ? [el("strong", { text: label(i) + ": " })] : []), i.issue));
  }
  $("#result-title").setAttribute("tabindex", "-1");
})();
