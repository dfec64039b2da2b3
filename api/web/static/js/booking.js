// Booking and moving interviews: one dialog for both. Every opening of the dialog gets its own Idempotency-Key,
// so a double click (or a retry after a lost response) books once.
"use strict";
const Booking = (() => {
  const { recruiterApi, $, el } = Interviewly;

  function localInput(date) {
    const d = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
    return d.toISOString().slice(0, 16);
  }

  function dialog() {
    let box = $("#booking");
    if (box) return box;
    box = el("dialog", { id: "booking", "aria-labelledby": "booking-title" },
      el("form", { method: "dialog", id: "booking-form" },
        el("h2", { id: "booking-title", text: "Book an interview" }),
        el("p", { id: "booking-who", class: "muted" }),
        el("label", { for: "booking-kind", text: "Interview", id: "booking-kind-label" }),
        el("select", { id: "booking-kind" }, el("option", { value: "AI", text: "AI interviewer" }),
          el("option", { value: "HUMAN", text: "With our team (in the interview room)" })),
        el("label", { class: "check", id: "booking-note-taker-label" },
          el("input", { type: "checkbox", id: "booking-note-taker" }), "The AI takes notes (transcript and signals)"),
        el("label", { for: "booking-when", text: "When (your local time)" }),
        el("input", { type: "datetime-local", id: "booking-when", required: "" }),
        el("label", { for: "booking-minutes", text: "Length (minutes)" }),
        el("input", { type: "number", id: "booking-minutes", min: "5", max: "240", value: "30" }),
        el("label", { for: "booking-reason", text: "Reason for the change (optional)", id: "booking-reason-label" }),
        el("input", { type: "text", id: "booking-reason", maxlength: "500" }),
        el("p", { id: "booking-message", class: "notice", hidden: "" }),
        el("p", { class: "toolbar" },
          el("button", { type: "submit", id: "booking-submit", value: "book", text: "Book" }),
          el("button", { type: "button", class: "secondary", id: "booking-close", text: "Close" }))));
    document.body.append(box);
    $("#booking-close").addEventListener("click", () => box.close());
    $("#booking-kind").addEventListener("change", () => {
      $("#booking-note-taker-label").hidden = $("#booking-kind").value !== "HUMAN";
    });
    return box;
  }

  function say(text, kind) {
    const m = $("#booking-message");
    m.textContent = text; m.className = "notice " + (kind || ""); m.hidden = !text;
  }

  // application: {id, name}; interview (to move it): {id, scheduled_at, duration_minutes}; done(result) on success
  function open({ application, interview, done }) {
    const box = dialog();
    const moving = Boolean(interview);
    const key = crypto.randomUUID();
    $("#booking-title").textContent = moving ? "Move the interview" : "Book an interview";
    $("#booking-who").textContent = application ? application.name : "";
    for (const id of ["booking-kind", "booking-kind-label"]) $("#" + id).hidden = moving;
    $("#booking-note-taker-label").hidden = moving || $("#booking-kind").value !== "HUMAN";
    for (const id of ["booking-reason", "booking-reason-label"]) $("#" + id).hidden = !moving;
    $("#booking-when").value = localInput(moving ? new Date(interview.scheduled_at) : new Date(Date.now() + 86400000));
    $("#booking-minutes").value = String(moving ? interview.duration_minutes : 30);
    $("#booking-submit").textContent = moving ? "Move" : "Book";
    $("#booking-submit").disabled = false;
    say("");
    const form = $("#booking-form");
    form.onsubmit = async (ev) => {
      ev.preventDefault();
      $("#booking-submit").disabled = true;
      const when = new Date($("#booking-when").value).toISOString();
      const minutes = Number($("#booking-minutes").value);
      try {
        const result = moving
          ? await recruiterApi(`/api/ats/v1/interviews/${interview.id}`, { method: "PATCH",
              body: { scheduled_at: when, duration_minutes: minutes, reason: $("#booking-reason").value || null } })
          : await recruiterApi(`/api/ats/v1/applications/${application.id}/interviews`, { method: "POST",
              headers: { "Idempotency-Key": key },
              body: { kind: $("#booking-kind").value, scheduled_at: when, duration_minutes: minutes,
                      note_taker: $("#booking-kind").value === "HUMAN" && $("#booking-note-taker").checked } });
        say(moving ? "Moved. The candidate's link shows the new time."
          : `Booked. Send the candidate this link: ${result.join_url}`, "ok");
        document.body.dataset.booked = result.id;
        if (done) done(result);
      } catch (e) {
        say(e.message, "error");
        $("#booking-submit").disabled = false;
      }
    };
    box.showModal();
  }

  return { open };
})();
