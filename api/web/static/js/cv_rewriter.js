// The CV rewriter: one of four styles; the original and the rewrite side by side with the changes marked (word
// diff by jsdiff: <ins> and <del>, which screen readers announce), downloads as DOCX and as plain text.
"use strict";
(() => {
  const { $, el, show } = Interviewly;
  const { call, download, fail, STYLE_NAMES } = Candidate;
  let current = null;

  $("#rewrite-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const cvText = $("#cv-text").value.trim();
    const style = new FormData(ev.target).get("style");
    if (cvText.length < 40) return show("Paste your whole CV (at least 40 characters).", "error");
    show("");
    $("#rewrite").disabled = true;
    $("#working").textContent = `Rewriting your CV in the ${STYLE_NAMES[style]} style…`;
    try {
      current = await call("/api/candidate/v1/cv/rewrites", { method: "POST", body: { cv_text: cvText, style } });
      render(cvText, current);
      $("#working").textContent = "Rewrite ready.";
    } catch (e) {
      $("#working").textContent = "";
      fail(e);  // with no LLM configured, the API's message names the settings to set
    } finally { $("#rewrite").disabled = false; }
  });

  // the LLM writes Markdown: compare and show the words, not its marks (the DOCX keeps headings and bold)
  const plain = (md) => md.replace(/^#{1,6}\s+/gm, "").replace(/\*\*|__|`/g, "").replace(/^\s*[*+•]\s+/gm, "- ");

  function render(original, rewrite) {
    const left = [], right = [];
    for (const part of Diff.diffWordsWithSpace(original, plain(rewrite.output))) {
      if (part.added) right.push(el("ins", { text: part.value }));
      else if (part.removed) left.push(el("del", { text: part.value }));
      else { left.push(document.createTextNode(part.value)); right.push(document.createTextNode(part.value)); }
    }
    $("#original").replaceChildren(...left);
    $("#rewritten").replaceChildren(...right);
    $("#result-style").textContent = STYLE_NAMES[rewrite.style];
    $("#result").hidden = false;
    $("#result-title").focus();
    document.body.dataset.rewrite = rewrite.id;
  }

  call("/api/candidate/v1/coach/messages/llm").then((llm) => {
    if (!llm.configured) { show(llm.message, "error"); document.body.dataset.llm = "missing"; }
  }).catch(fail);

  $("#download-docx").addEventListener("click", () => current && download(`/api/candidate/v1/cv/rewrites/${current.id}/docx`, "cv.docx").catch(fail));
  $("#download-txt").addEventListener("click", () => current && download(`/api/candidate/v1/cv/rewrites/${current.id}/txt`, "cv.txt").catch(fail));
})();
