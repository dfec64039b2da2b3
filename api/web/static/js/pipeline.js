// A job's applications by status, every one of them: pages of 100 (the API's limit) in the chosen order, the next
// page loaded when the end of the board scrolls into view (or on "Show more"). Pages follow the API's next_cursor
// (keyset pages: a card added or moved meanwhile shifts nothing); only the first page asks for the total.
"use strict";
(() => {
  const { recruiterApi, $, el, show, num, when } = Interviewly;
  const STATUSES = ["APPLIED", "SCREENING", "SHORTLISTED", "INTERVIEW_SCHEDULED", "OFFERED", "REJECTED", "HIRED"];
  const PAGE_SIZE = 100;
  const id = window.JOB_ID;
  const params = new URLSearchParams(location.search);
  let order = params.get("order_by") === "created_at" ? "created_at" : "screening_score";
  let loaded = 0, total = null, cursor = null, done = false, loading = null, generation = 0;

  function columns() {
    $("#pipeline").replaceChildren(...STATUSES.map((status) => el("div", { class: "column", "data-status": status },
      el("h3", { text: status.replace("_", " ").toLowerCase() }))));
  }

  function card(a) {
    const select = el("select", { "aria-label": "move to" }, el("option", { value: "", text: "Move to…" }),
      ...STATUSES.filter((s) => s !== a.status).map((s) => el("option", { value: s, text: s })));
    select.addEventListener("change", async () => {
      if (!select.value) return;
      try {
        await recruiterApi(`/api/ats/v1/applications/${a.id}/status`, { method: "POST", body: { status: select.value } });
        show(""); await reload(loaded);
      } catch (e) {
        const allowed = e.body && e.body.extra && e.body.extra.allowed;
        show(`Cannot move to ${select.value}: ${e.message}${allowed ? " (allowed: " + allowed.join(", ") + ")" : ""}`, "error");
        select.value = "";
      }
    });
    const score = a.screening_score === null || a.screening_score === undefined ? "not screened" : num(a.screening_score, 0);
    const name = a.candidate_name || (a.candidate && a.candidate.full_name) || "candidate";
    const book = el("button", { type: "button", class: "secondary book", text: "Book interview" });
    book.addEventListener("click", () => Booking.open({ application: { id: a.id, name },
                                                         done: () => reload(loaded).catch(fail) }));
    const trail = el("ol", { class: "audit-trail small" });
    trail.hidden = true;
    const history = el("button", { type: "button", class: "secondary history", text: "History",
                                   "aria-expanded": "false" });
    history.addEventListener("click", () => toggleHistory(a, trail, history).catch(fail));
    const erase = el("button", { type: "button", class: "danger erase", text: "Erase…",
                                 title: "Erase this candidate's data from your company" });
    erase.addEventListener("click", () => eraseCandidate(a, name, erase).catch((e) => { erase.disabled = false; fail(e); }));
    // a score made by an older scoring method is being re-scored in the background: until then it may not compare
    // with the cards around it, so it says so
    const stale = a.screening_current === false;
    return el("div", { class: "app-card", "data-application": a.id, "data-score": a.screening_score ?? "",
                       "data-stale": stale ? "yes" : "no" },
      el("div", { text: name }),
      el("div", {}, el("span", { class: "muted", text: "screening " }), el("span", { class: "score", text: score }),
        stale ? el("span", { class: "muted stale", text: " (older method, re-scoring)",
                             title: "Scored by an older version of the screening; a new score is on its way." }) : ""),
      select, book, el("div", { class: "card-actions" }, history, erase), trail);
  }

  // the application's audit trail (who changed what, when), fetched each time it is opened: it grows
  async function toggleHistory(a, trail, button) {
    if (!trail.hidden) { trail.hidden = true; button.setAttribute("aria-expanded", "false"); return; }
    const events = await recruiterApi(`/api/ats/v1/applications/${a.id}/audit`);
    trail.replaceChildren(...(events.length ? events.map(auditLine)
      : [el("li", { class: "muted", text: "Nothing recorded yet." })]));
    trail.hidden = false; button.setAttribute("aria-expanded", "true");
  }

  const shown = (v) => {
    const text = v === null || v === undefined ? "–" : typeof v === "object" ? JSON.stringify(v) : String(v);
    return text.length > 40 ? text.slice(0, 39) + "…" : text;
  };

  function auditLine(e) {
    const before = e.before || {}, after = e.after || {};
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map((k) => `${k.replace(/_/g, " ")} ${shown(before[k])} → ${shown(after[k])}`);
    const what = `${e.entity.replace(/_/g, " ")} ${e.action.toLowerCase()}`;
    return el("li", { "data-entity": e.entity, "data-action": e.action },
      el("span", { class: "muted", text: `${when(e.occurred_at)} · ${e.actor} · ` }),
      el("span", { text: changed.length ? `${what}: ${changed.join("; ")}` : what }));
  }

  // erasure is queued by the API and cannot be undone: asked once, then followed until it is done
  async function eraseCandidate(a, name, button) {
    if (!confirm(`Erase ${name}'s data from your company? Their CV, transcripts, recordings, scores and reports are `
                 + "deleted; an anonymous record of the application stays. This cannot be undone.")) return;
    button.disabled = true;
    let erasure = await recruiterApi(`/api/ats/v1/candidates/${a.candidate.id}/erasure`, { method: "POST" });
    show(`Erasing ${name}'s data…`);
    const deadline = Date.now() + 120_000;
    while (erasure.status !== "DONE" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      erasure = await recruiterApi(`/api/ats/v1/erasures/${erasure.id}`);
    }
    if (erasure.status === "DONE") { show(`${name}'s data was erased.`); await reload(loaded); }
    else show(`${name}'s erasure is queued and still running; the board shows it once done.`);
  }

  function counted() {
    $("#app-count").textContent = total === null ? "" : `${loaded} of ${total} application${total === 1 ? "" : "s"} shown`;
    $("#load-more").hidden = total === null || done;
    document.body.dataset.applicationsShown = String(loaded);
    document.body.dataset.applicationsTotal = String(total ?? "");
  }

  async function fetchPage() {
    const mine = generation;
    const where = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "&count=true";
    const page = await recruiterApi(`/api/ats/v1/jobs/${id}/applications?order_by=${order}&sort_order=desc` +
      `&page_size=${PAGE_SIZE}${where}`);
    if (mine !== generation) return;  // the order changed meanwhile: this page belongs to the old board
    for (const a of page.items) document.querySelector(`.column[data-status="${a.status}"]`)?.append(card(a));
    loaded += page.items.length;
    if (page.total !== null && page.total !== undefined) total = page.total;
    cursor = page.next_cursor;
    done = !cursor;
    // cards added since the first page: the count grows with what was shown, never below it
    if (total !== null && loaded > total) total = loaded;
    counted();
    // the board is still shorter than the window: the observer will not fire again, so keep going
    if (!done && $("#pipeline-end").getBoundingClientRect().top < window.innerHeight + 400) {
      setTimeout(() => more().catch(fail), 0);
    }
  }

  // one page at a time; a call while one loads waits for it
  function more() {
    if (done) return Promise.resolve();
    if (!loading) loading = fetchPage().finally(() => { loading = null; });
    return loading;
  }

  // from the first page again (a card moved, or another order), as far down as the board had been
  async function reload(keep = 0) {
    generation += 1;
    loaded = 0; total = null; cursor = null; done = false; loading = null;
    columns(); counted();
    do { await more(); } while (loaded < keep && !done);
  }

  async function load() {
    const job = await recruiterApi(`/api/ats/v1/jobs/${id}`);
    $("#job-title").textContent = job.title;
    const salary = job.salary_min ? `${job.salary_min}–${job.salary_max} ${job.salary_currency || ""}` : "";
    $("#job-meta").textContent = [job.status, job.location, salary].filter(Boolean).join(" · ");
    $("#sort").value = order;
    $("#sort").addEventListener("change", () => { order = $("#sort").value; reload().catch(fail); });
    $("#load-more").addEventListener("click", () => more().catch(fail));
    await reload();
    new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) more().catch(fail); },
      { rootMargin: "400px" }).observe($("#pipeline-end"));
    document.body.dataset.pipeline = "ready";
  }

  const fail = (e) => { if (e.message !== "signed out") show(e.message, "error"); };
  load().catch(fail);
  // a finished import (imports.js) brings new candidates onto the board
  document.addEventListener("interviewly:imported", () => reload(loaded).catch(fail));
})();
