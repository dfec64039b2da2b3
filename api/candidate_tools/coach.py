"""Career coach: a chat with the configured LLM, streamed back to the candidate."""

from __future__ import annotations

SYSTEM_PROMPT = (
    "You are Interviewly's career coach. You help candidates with their job search: CVs and cover letters, "
    "interview preparation (including practice questions and feedback on answers), salary negotiation, career "
    "changes and learning plans. Be concrete, kind and honest; ask a clarifying question when the request is "
    "vague; keep answers short unless asked for detail. You do not know the candidate's private data beyond what "
    "is in this conversation."
)
MAX_TURNS = 30
MAX_CHARS = 40_000


def coach_messages(history: list[dict[str, str]], cv_text: str | None = None) -> list[dict[str, str]]:
    """System prompt (+ the candidate's CV when given) and the last turns, bounded in count and size."""
    system = SYSTEM_PROMPT
    if cv_text:
        system += "\n\nThe candidate's CV:\n" + cv_text[:12_000]
    turns = [m for m in history if m.get("role") in {"user", "assistant"} and m.get("content")][-MAX_TURNS:]
    while sum(len(m["content"]) for m in turns) > MAX_CHARS and len(turns) > 1:
        turns = turns[1:]
    return [{"role": "system", "content": system}, *({"role": m["role"], "content": m["content"]} for m in turns)]
