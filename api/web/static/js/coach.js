// The coach: the kept conversation, and each answer streamed in as it is written. Screen readers hear "answering"
// and then the whole answer once, not every fragment.
"use strict";
(async () => {
  const { $, el, show } = Interviewly;
  const { call, stream, fail } = Candidate;
  const chat = $("#chat");
  const BASE = "/api/candidate/v1/coach/messages";

  const bubble = (role, text) => {
    const body = el("div", { class: "text", text });
    const li = el("li", { class: "msg " + role }, el("span", { class: "who", text: role === "user" ? "You" : "Coach" }), body);
    chat.append(li);
    li.scrollIntoView({ block: "end" });
    return body;
  };

  try {
    // no LLM on this server: say which setting to set before anyone types
    const llm = await call(BASE + "/llm");
    if (!llm.configured) { show(llm.message, "error"); document.body.dataset.llm = "missing"; }
    const history = await call(BASE);
    history.forEach((m) => bubble(m.role, m.content));
    if (!history.length) $("#coach-status").textContent = "Ask your first question below.";
    document.body.dataset.history = String(history.length);
  } catch (e) { fail(e); }

  async function send() {
    const input = $("#chat-input");
    const content = input.value.trim();
    if (!content) return;
    show("");
    $("#send").disabled = true;
    $("#coach-status").textContent = "The coach is answering…";
    let answer = null;
    let written = "";
    try {
      await stream(BASE, { content }, (event, data) => {
        if (event === "message" && data.delta) {
          written += data.delta;
          answer.textContent = written;
          answer.parentElement.scrollIntoView({ block: "end" });
          document.body.dataset.streamed = String(Number(document.body.dataset.streamed || 0) + 1);
        } else if (event === "error") {
          throw new Error("The coach stopped answering: " + data.detail);
        }
      }, () => { bubble("user", content); input.value = ""; answer = bubble("assistant", ""); });
      $("#coach-status").textContent = written ? "The coach answered: " + written : "";
      document.body.dataset.answers = String(chat.querySelectorAll(".msg.assistant").length);
    } catch (e) {
      $("#coach-status").textContent = "";
      // no LLM configured: the API's message names the settings; the message stays in the box to send again
      fail(e);
    } finally { $("#send").disabled = false; }
  }

  $("#chat-form").addEventListener("submit", (ev) => { ev.preventDefault(); send(); });
  $("#chat-input").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); send(); }
  });
  $("#clear").addEventListener("click", async () => {
    if (!confirm("Forget the whole conversation with the coach?")) return;
    try { await call(BASE, { method: "DELETE" }); chat.replaceChildren(); $("#coach-status").textContent = "Conversation forgotten."; }
    catch (e) { fail(e); }
  });
})();
