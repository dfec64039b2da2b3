// A job's applications by status, every one of them: pages of 100 (the API's limit) in the chosen order, the next
// page loaded when the end of the board scrolls into view (or on "Show more"). Pages follow the API's next_cursor
// (keyset pages: a card added or moved meanwhile shifts nothing); only the first page asks for the total.
"use strict";
(() => {
  const { recruiterApi, $, el, show, num } = Interviewly;
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
    // a score made by an older scoring method is being re-scored in the background: until then it may not compare
    // with the cards around it, so it says so
    const stale = a.screening_current === false;
    return el("div", { class: "app-card", "data-application": a.id, "data-score": a.screening_score ?? "",
                       "data-stale": stale ? "yes" : "no" },
      el("div", { text: name }),
      el("div", {}, el("span", { class: "muted", text: "screening " }), el("span", { class: "score", text: score }),
        stale ? el("span", { class: "muted stale", text: " (older method, re-scoring)",
                             title: "Scored by an older version of the screening; a new score is on its way." }) : ""),
      select, book);
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
