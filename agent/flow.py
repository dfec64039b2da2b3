"""The interview as a small state machine: planned questions in order, at most one probe each, then closing.

Pure logic, no I/O. The interviewer agent feeds it the candidate's answers and gets back a ``Directive``:
what to say next. The directive is handed to the LLM as a system note (``Directive.note()``): the cloud
LLM phrases it, the offline plan-driven LLM speaks its ``SAY:`` line verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

import prompts
from agent.interview_plan import InterviewPlan, PlannedQuestion

DirectiveKind = Literal["question", "probe", "repeat", "closing"]
NOTE_PREFIX = "PLAN:"
SAY_PREFIX = "SAY:"
_SAY_RE = re.compile(r"^SAY:\s*(.+)$", re.MULTILINE)
_WORD_RE = re.compile(r"[A-Za-z0-9']+")
_REPEAT_RE = re.compile(
    r"\b(repeat( that| the question)?|say (that|it) again|pardon|come again|didn'?t (catch|hear|understand))\b", re.I
)
_AFFIRMATIVE_RE = re.compile(r"^(yes|yeah|yep|sure|please|ok(ay)?|go ahead)\b", re.I)
# Below this much time left, no probes; below the second, no new questions: go to closing.
MIN_S_FOR_PROBE = 90.0
MIN_S_FOR_QUESTION = 45.0


@dataclass(frozen=True)
class Directive:
    kind: DirectiveKind
    text: str
    question_index: int | None = None
    question_count: int = 0
    skill: str | None = None
    reason: str | None = None  # why a probe: "short" or "vague"

    def note(self) -> str:
        """The system note for the LLM. The SAY line is the reference wording (verbatim offline)."""
        if self.kind == "closing":
            what = "the interview is over; say goodbye"
        elif self.kind == "probe":
            what = (f"ask one follow-up on question {self.question_index + 1} of {self.question_count}"
                    f" (the answer was {self.reason})")
        elif self.kind == "repeat":
            what = f"repeat question {self.question_index + 1} of {self.question_count}"
        else:
            what = f"ask question {self.question_index + 1} of {self.question_count}"
            if self.skill:
                what += f" (skill: {self.skill})"
        return (f"{NOTE_PREFIX} {what}. Say the following, keeping its meaning; say nothing else.\n"
                f"{SAY_PREFIX} {self.text}")


def parse_note(text: str) -> str | None:
    """The SAY line of a plan note, or None when ``text`` is not one."""
    if not text.startswith(NOTE_PREFIX):
        return None
    m = _SAY_RE.search(text)
    return m.group(1).strip() if m else None


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def assess_answer(text: str, *, min_words: int) -> str | None:
    """``"short"``, ``"vague"`` or None (a substantive answer)."""
    n = len(words(text))
    if n < min_words:
        return "short"
    lowered = " " + " ".join(words(text.lower())) + " "
    markers = prompts.load_yaml("probes.yaml").get("vague_markers") or []
    hits = sum(lowered.count(" " + " ".join(words(m)) + " ") for m in markers)
    # hedging is only vague when it is a large part of a not-so-long answer
    if hits and n < 3 * min_words and hits * 12 >= n:
        return "vague"
    return None


def is_repeat_request(text: str) -> bool:
    return len(words(text)) <= 10 and bool(_REPEAT_RE.search(text))


@dataclass
class QuestionState:
    question: PlannedQuestion
    answers: list[str] = field(default_factory=list)
    probe: str | None = None
    probe_reason: str | None = None

    @property
    def answer_text(self) -> str:
        return " ".join(a.strip() for a in self.answers if a.strip())


class InterviewFlow:
    def __init__(self, plan: InterviewPlan, *, follow_up_min_words: int = 15) -> None:
        if not plan.questions:
            raise ValueError("an interview plan needs at least one question")
        self.plan = plan
        self.follow_up_min_words = follow_up_min_words
        self.states = [QuestionState(q) for q in plan.questions]
        self.index = -1  # the question being asked/answered; -1 before the first
        self.closed = False
        self._ack_turn = 0
        self._probe_turn = 0
        self.offered_repeat = False  # the interviewer just asked "would you like me to repeat the question?"

    @property
    def count(self) -> int:
        return len(self.states)

    @property
    def current(self) -> QuestionState | None:
        return self.states[self.index] if 0 <= self.index < self.count else None

    def _ack(self) -> str:
        acks = prompts.load_yaml("flow.yaml").get("acknowledgements") or ["Thank you."]
        ack = acks[self._ack_turn % len(acks)]
        self._ack_turn += 1
        return ack

    def _ask(self, index: int, lead: str) -> Directive:
        self.index = index
        q = self.states[index].question
        return Directive("question", f"{lead} {q.text}".strip(), index, self.count, q.skill)

    def start(self) -> Directive:
        lead = prompts.load_yaml("flow.yaml").get("first_question_lead", "")
        return self._ask(0, lead)

    def close(self) -> Directive:
        self.closed = True
        return Directive("closing", "", self.index if self.index >= 0 else None, self.count)

    def repeat(self) -> Directive:
        cur = self.current
        if cur is None:
            return self.start()
        text = cur.probe if cur.probe else cur.question.text
        return Directive("repeat", text, self.index, self.count, cur.question.skill)

    def _probe_text(self, q: PlannedQuestion, reason: str) -> str:
        if q.probes:
            return q.probes[0]
        options = prompts.load_yaml("probes.yaml").get(reason) or prompts.load_yaml("probes.yaml")["short"]
        text = options[self._probe_turn % len(options)]
        self._probe_turn += 1
        return prompts.render(text, skill=q.skill or "this", topic=q.skill or "this")

    def on_answer(self, text: str, *, remaining_s: float | None = None) -> Directive:
        """The candidate finished a turn: record it and decide what comes next."""
        if self.closed:
            return self.close()
        cur = self.current
        if cur is None:  # spoke before the first question: start the plan
            return self.start()
        offered, self.offered_repeat = self.offered_repeat, False
        if is_repeat_request(text) or (offered and _AFFIRMATIVE_RE.match(text.strip()) and len(words(text)) <= 5):
            return self.repeat()
        cur.answers.append(text)
        if (cur.probe is None and (remaining_s is None or remaining_s >= MIN_S_FOR_PROBE)):
            reason = assess_answer(text, min_words=self.follow_up_min_words)
            if reason is not None:
                cur.probe = self._probe_text(cur.question, reason)
                cur.probe_reason = reason
                return Directive("probe", cur.probe, self.index, self.count, cur.question.skill, reason)
        return self.advance(remaining_s=remaining_s)

    def advance(self, *, remaining_s: float | None = None, lead: str | None = None) -> Directive:
        """Move to the next planned question, or to the closing when none is left (or no time is)."""
        nxt = self.index + 1
        if nxt >= self.count or (remaining_s is not None and remaining_s < MIN_S_FOR_QUESTION):
            return self.close()
        return self._ask(nxt, self._ack() if lead is None else lead)
