// Bulk import on the job page: upload → dry-run preview (change the column mapping, see created / updated /
// skipped rows and every bad row with its reason) → confirm → a progress bar while the queue job runs.
"use strict";
(() => {
  const { token, recruiterApi, el, $, show } = Interviewly;
  const jobId = window.JOB_ID;
  let current = null;

  async function upload(form) {
    const body = new FormData(form);
    if (!body.get("cvs") || !body.get("cvs").size) body.delete("cvs");
    const res = await fetch(`/api/ats/v1/jobs/${jobId}/imports`, {
      method: "POST", body, headers: { Authorization: "Bearer " + token(), Accept: "application/json" } });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(data.detail || res.statusText);
    return data;
  }

  function mappingRow(p, field) {
    const select = el("select", { name: field.name, "aria-label": field.label },
      el("option", { value: "", text: field.required ? "(choose a column)" : "(not imported)" }),
      ...p.columns.map((c) => el("option", { value: c, text: c })));
    select.value = p.mapping[field.name] || "";
    select.addEventListener("change", async () => {
      try { renderPreview(await recruiterApi(`/api/ats/v1/imports/${p.id}/preview`, {
        method: "POST", body: { mapping: { [field.name]: select.value || null } } })); }
      catch (e) { show(e.message, "error"); select.value = p.mapping[field.name] || ""; }
    });
    return el("tr", {}, el("th", { text: field.label + (field.required ? " *" : "") }), el("td", {}, select));
  }

  function renderPreview(p) {
    current = p;
    const box = $("#import-preview");
    const c = p.counts;
    const confirm = el("button", { type: "button", id: "import-confirm", text: `Import ${c.create + c.update} row(s)` });
    confirm.disabled = c.create + c.update === 0;
    confirm.addEventListener("click", commit);
    box.replaceChildren(
      el("h3", { text: `${p.file_name}: ${p.total_rows} rows (${p.file_kind}${p.encoding ? ", " + p.encoding : ""})` }),
      el("p", { id: "import-counts", text: `${c.create} to create · ${c.update} to update · ${c.skip} unchanged (skipped) · ${c.error} bad` }),
      el("table", { class: "list" }, el("caption", { class: "muted", text: "Columns → fields" }),
        ...p.fields.map((f) => mappingRow(p, f))),
      el("table", { class: "list", id: "import-rows" },
        el("thead", {}, el("tr", {}, ...["Line", "Action", "Email", "Name", "Changes"].map((h) => el("th", { text: h })))),
        el("tbody", {}, ...p.rows.slice(0, 50).map((r) => el("tr", {}, el("td", { text: String(r.line) }),
          el("td", { class: "action-" + r.action, text: r.action }), el("td", { text: r.email }),
          el("td", { text: r.full_name }), el("td", { text: r.changes.join(", ") }))))),
      el("h3", { text: p.errors.length ? "Rows that will not be imported" : "No bad rows" }),
      el("table", { class: "list", id: "import-errors" }, el("tbody", {}, ...p.errors.slice(0, 200).map((e) =>
        el("tr", {}, el("td", { text: `line ${e.line}` }), el("td", { text: e.column || "" }), el("td", { text: e.reason }))))),
      confirm);
    box.hidden = false;
  }

  async function commit() {
    const batch = await recruiterApi(`/api/ats/v1/imports/${current.id}/commit`, { method: "POST", body: {} });
    $("#import-preview").hidden = true;
    $("#import-progress").hidden = false;
    poll(batch.id);
  }

  async function poll(id) {
    const b = await recruiterApi(`/api/ats/v1/imports/${id}`);
    const pct = Math.round(b.progress * 100);
    const bar = $("#import-progress .progress-bar");
    bar.setAttribute("aria-valuenow", String(pct));
    bar.firstElementChild.style.width = pct + "%";
    $("#import-status").textContent = `${b.status.toLowerCase()}: ${b.processed_rows} of ${b.total_rows} rows · ` +
      `${b.created_count} created, ${b.updated_count} updated, ${b.skipped_count} skipped, ${b.error_count} bad`;
    if (b.status === "QUEUED" || b.status === "RUNNING") setTimeout(() => poll(id).catch((e) => show(e.message, "error")), 1000);
    else if (b.status === "FAILED") show(`The import failed: ${b.failure}`, "error");
    else document.dispatchEvent(new Event("interviewly:imported"));
  }

  $("#import-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    show("");
    try { renderPreview(await upload(e.target)); } catch (err) { show(err.message, "error"); }
  });
})();
