"""The interview, in the order it happens: pure logic, no I/O, every decision the interviewer makes.

1. **Greeting and consent.** The greeting ends with the consent question, spoken in full. The interview waits for
   an answer: yes starts question 1, asked on its own; no ends it politely (DECLINED); anything else gets the
   consent question once more, then ends it. Silence gets one nudge, then ends it.
2. **Each planned question**, with at most one follow-up when the answer is short or vague or misses a point of the
   question's rubric (then the follow-up asks for the most important missing point, referring to what the candidate
   said: the ``follow_ups`` picker, ``agent/scoring/follow_up.py``), and a repeat when the candidate asks for one.
   Silence after a question gets one nudge ("shall I repeat it?"), then the next question.
3. **Closing**: after the last question, or when too little time is left for another one.

Around these: the **time limit** cuts whatever is being said and says goodbye; a candidate who **drops out** for
longer than the grace period ends the interview (INTERRUPTED); one who **rejoins** is welcomed back and hears the
current question again.

Each event returns the actions to take, in order (``Say`` fixed words, ``Ask`` a planned question through the
LLM, ``RecordConsent``, ``End``). ``agent/interviewer.py`` performs them; ``agent/run.py`` says when events happen.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import prompts
from agent.plan import InterviewPlan, PlannedQuestion
from db.enums import ConsentDecision, InterviewStatus

if TYPE_CHECKING:
    from agent.scoring.follow_up import FollowUp
    from agent.scoring.rubric import Rubric

# (question text, its rubric, the answer so far) -> the follow-up it calls for, or None
FollowUpPicker = Callable[[str, "Rubric | None", str], "FollowUp | None"]

Phase = Literal["consent", "questions", "closing"]
DirectiveKind = Literal["question", "probe", "repeat"]
NOTE_PREFIX = "PLAN:"
SAY_PREFIX = "SAY:"
_SAY_RE = re.compile(r"^SAY:\s*(.+)$", re.MULTILINE)
_WORD_RE = re.compile(r"[A-Za-z0-9']+")
_REPEAT_RE = re.compile(
    r"\b(repeat( that| the question)?|say (that|it) again|pardon|come again|didn'?t (catch|hear|understand))\b", re.I
)
_AFFIRMATIVE_RE = re.compile(r"^(yes|yeah|yep|sure|please|ok(ay)?|go ahead)\b", re.I)
# Consent answers. A "no" phrase wins over a "yes" word inside it ("no, I don't agree"); a few "no"-looking
# phrases mean yes ("no problem", "I don't mind").
_CONSENT_YES_PHRASES = re.compile(
    r"\b(no problem|no worries|not a problem|(i )?don'?t mind|(i )?do not mind|why not|of course|"
    r"sounds good|that'?s (fine|ok(ay)?|good|alright)|(i'?m|i am) (happy|fine|ok(ay)?|ready|good)|"
    r"let'?s (go|start|begin|do (it|this))|go ahead|i (do )?(agree|consent|accept))\b", re.I)
_CONSENT_NO_PHRASES = re.compile(
    r"\b(no|nope|nah|not really|i'?d rather not|i would rather not|(i )?(do not|don'?t) (agree|consent|accept|"
    r"want)|not (comfortable|ok(ay)?|happy|fine)|(i )?decline|i refuse|stop)\b", re.I)
_CONSENT_YES_WORDS = re.compile(r"\b(yes|yeah|yep|yup|sure|ok(ay)?|alright|absolutely|certainly|definitely|"
                                r"fine|agreed|correct|right)\b", re.I)
_PROBE_WHY = {"missing_point": "the answer missed a key point of the question",
              "off_topic": "the answer was about something else"}
# Below this much time left, no follow-ups; below the second, no new questions: go to the closing.
MIN_S_FOR_PROBE = 90.0
MIN_S_FOR_QUESTION = 45.0


# --- actions ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Directive:
    """A planned question, its follow-up or a repeat: what the LLM is told to say (offline: said verbatim)."""

    kind: DirectiveKind
    text: str
    question_index: int
    question_count: int
    skill: str | None = None
    reason: str | None = None  # why a follow-up: "short", "vague", "missing_point" or "off_topic"

    def note(self) -> str:
        """The system note for the LLM. The SAY line is the reference wording (verbatim offline)."""
        n = f"{self.question_index + 1} of {self.question_count}"
        if self.kind == "probe":
            why = _PROBE_WHY.get(self.reason or "", f"the answer was {self.reason}")
            what = f"ask one follow-up on question {n} ({why})"
        elif self.kind == "repeat":
            what = f"repeat question {n}"
        else:
            what = f"ask question {n}" + (f" (skill: {self.skill})" if self.skill else "")
        return (f"{NOTE_PREFIX} {what}. Say the following, keeping its meaning; say nothing else.\n"
                f"{SAY_PREFIX} {self.text}")


@dataclass(frozen=True)
class Say:
    """Fixed words (consent, nudges, goodbyes): the same in both pipelines, never rephrased."""

    text: str
    interruptible: bool = True


@dataclass(frozen=True)
class Ask:
    directive: Directive


@dataclass(frozen=True)
class RecordConsent:
    decision: ConsentDecision


@dataclass(frozen=True)
class End:
    """After what is being said, the interview ends with this status."""

    status: InterviewStatus
    reason: str


Action = Say | Ask | RecordConsent | End


def parse_note(text: str) -> str | None:
    """The SAY line of a plan note, or None when ``text`` is not one."""
    if not text.startswith(NOTE_PREFIX):
        return None
    m = _SAY_RE.search(text)
    return m.group(1).strip() if m else None


# --- reading what the candidate said -----------------------------------------------------------------------


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


def classify_consent(text: str) -> Literal["yes", "no", "unclear"]:
    """A spoken answer to "are you happy to go ahead?". Long answers are unclear: consent must be plain."""
    t = text.strip().lower().replace("’", "'")
    if not t or len(words(t)) > 25:
        return "unclear"
    if _CONSENT_YES_PHRASES.search(t) and not re.search(r"\b(do not|don'?t) (agree|consent|accept)\b", t):
        return "yes"
    if _CONSENT_NO_PHRASES.search(t):
        return "no"
    if _CONSENT_YES_WORDS.search(t):
        return "yes"
    return "unclear"


# --- the interview -----------------------------------------------------------------------------------------


@dataclass
class QuestionState:
    question: PlannedQuestion
    answers: list[str] = field(default_factory=list)
    probe: str | None = None
    probe_reason: str | None = None
    probe_point: str | None = None  # the rubric point the follow-up asked for

    @property
    def answer_text(self) -> str:
        return " ".join(a.strip() for a in self.answers if a.strip())


class InterviewFlow:
    def __init__(self, plan: InterviewPlan, texts: dict[str, str], *, follow_up_min_words: int = 15,
                 follow_ups: FollowUpPicker | None = None) -> None:
        if not plan.questions:
            raise ValueError("an interview plan needs at least one question")
        self.plan = plan
        self.texts = texts  # from prompts/ (see agent/interviewer.py interview_texts)
        self.follow_up_min_words = follow_up_min_words
        self.follow_ups = follow_ups
        self.states = [QuestionState(q) for q in plan.questions]
        self.phase: Phase = "consent"
        self.index = -1  # the question being asked/answered; -1 before the first
        self.consent: ConsentDecision | None = None
        self._consent_asks = 0
        self._silences = 0  # nudges given since the interviewer last asked something
        self.offered_repeat = False  # the interviewer just asked "would you like me to repeat the question?"
        self._ack_turn = 0
        self._probe_turn = 0

    @property
    def count(self) -> int:
        return len(self.states)

    @property
    def closed(self) -> bool:
        return self.phase == "closing"

    @property
    def current(self) -> QuestionState | None:
        return self.states[self.index] if 0 <= self.index < self.count else None

    # --- 1. greeting and consent --------------------------------------------------------------------------

    def start(self) -> list[Action]:
        self._consent_asks = 1
        intro = " ".join(t for t in (self.texts["greeting"], self.texts["consent"], self.texts["consent_question"])
                         if t)
        # the notice is heard in full: nothing the candidate says can cut it short
        return [Say(intro, interruptible=False)]

    def _on_consent_answer(self, text: str) -> list[Action]:
        if is_repeat_request(text):
            return [Say(f"{self.texts['consent']} {self.texts['consent_question']}")]
        answer = classify_consent(text)
        if answer == "yes":
            self.consent = ConsentDecision.GIVEN
            return [RecordConsent(ConsentDecision.GIVEN), self._ask(0, self.texts["first_question_lead"])]
        if answer == "unclear" and self._consent_asks < 2:
            self._consent_asks += 1
            return [Say(self.texts["consent_repeat"])]
        reason = "the candidate declined" if answer == "no" else "no clear consent"
        return self._decline(reason)

    def _decline(self, reason: str) -> list[Action]:
        self.consent = ConsentDecision.DECLINED
        self.phase = "closing"
        return [RecordConsent(ConsentDecision.DECLINED), Say(self.texts["consent_declined"], interruptible=False),
                End(InterviewStatus.DECLINED, reason)]

    # --- 2. the planned questions ----------------------------------------------------------------------------

    def _ack(self) -> str:
        acks = prompts.load_yaml("flow.yaml").get("acknowledgements") or ["Thank you."]
        ack = acks[self._ack_turn % len(acks)]
        self._ack_turn += 1
        return ack

    def _ask(self, index: int, lead: str) -> Ask:
        self.phase = "questions"
        self.index = index
        self._silences = 0
        q = self.states[index].question
        return Ask(Directive("question", f"{lead} {q.text}".strip(), index, self.count, q.skill))

    def _repeat(self, lead: str = "") -> Ask:
        cur = self.current
        assert cur is not None
        text = cur.probe if cur.probe else cur.question.text
        return Ask(Directive("repeat", f"{lead} {text}".strip(), self.index, self.count, cur.question.skill))

    def _probe_text(self, q: PlannedQuestion, reason: str) -> str:
        if q.probes:
            return q.probes[0]
        options = prompts.load_yaml("probes.yaml").get(reason) or prompts.load_yaml("probes.yaml")["short"]
        text = options[self._probe_turn % len(options)]
        self._probe_turn += 1
        return prompts.render(text, skill=q.skill or "this", topic=q.skill or "this")

    def on_turn(self, text: str, *, earlier: dict[int, str] | None = None,
                remaining_s: float | None = None) -> list[Action]:
        """The candidate finished a turn. ``text`` answers what was asked last; ``earlier`` holds speech that
        began before the current question was asked (it lands on the question it answers)."""
        for index, late in (earlier or {}).items():
            if 0 <= index < self.count and late.strip():
                self.states[index].answers.append(late)
        if self.phase == "closing":
            return []
        if self.phase == "consent":
            return self._on_consent_answer(text) if text.strip() else []
        if not text.strip():
            # they were finishing an earlier answer while the question was asked: ask it again
            return [self._repeat()] if earlier else []
        cur = self.current
        assert cur is not None
        self._silences = 0
        offered, self.offered_repeat = self.offered_repeat, False
        if is_repeat_request(text) or (offered and _AFFIRMATIVE_RE.match(text.strip()) and len(words(text)) <= 5):
            return [self._repeat()]
        cur.answers.append(text)
        if cur.probe is None and (remaining_s is None or remaining_s >= MIN_S_FOR_PROBE):
            probe = self._follow_up(cur, text)
            if probe is not None:
                return [probe]
        return self.advance(remaining_s=remaining_s)

    def follow_up_request(self, text: str, *, remaining_s: float | None = None) -> tuple[str, Rubric, str] | None:
        """What the follow-up picker would be asked if ``text`` ended the current answer now (None: nothing), so
        the caller can compute it ahead, off the event loop."""
        cur = self.current
        if (self.phase != "questions" or cur is None or cur.probe is not None or cur.question.rubric is None
                or self.follow_ups is None or (remaining_s is not None and remaining_s < MIN_S_FOR_PROBE)):
            return None
        answer = " ".join(a.strip() for a in [*cur.answers, text] if a.strip())
        return cur.question.text, cur.question.rubric, answer

    def _follow_up(self, cur: QuestionState, text: str) -> Ask | None:
        """The one follow-up for this answer, or None: short or vague answers get one, and so do answers that miss
        a rubric point; with a rubric the wording asks for the most important missing point."""
        reason = assess_answer(text, min_words=self.follow_up_min_words)
        picked = None
        if self.follow_ups is not None and cur.question.rubric is not None:
            try:
                picked = self.follow_ups(cur.question.text, cur.question.rubric, cur.answer_text)
            except Exception:  # no adaptive wording then: the generic follow-up rules still apply
                picked = None
        if picked is not None:
            cur.probe, cur.probe_point = picked.text, picked.point
            cur.probe_reason = reason or picked.reason
        elif reason is not None:
            cur.probe, cur.probe_reason = self._probe_text(cur.question, reason), reason
        else:
            return None
        return Ask(Directive("probe", cur.probe, self.index, self.count, cur.question.skill, cur.probe_reason))

    def advance(self, *, remaining_s: float | None = None, lead: str | None = None) -> list[Action]:
        """The next planned question, or the closing when none is left (or no time is)."""
        nxt = self.index + 1
        if nxt >= self.count or (remaining_s is not None and remaining_s < MIN_S_FOR_QUESTION):
            return self.close()
        return [self._ask(nxt, self._ack() if lead is None else lead)]

    def on_silence(self, *, remaining_s: float | None = None) -> list[Action]:
        """Nobody has spoken for SILENCE_NUDGE_SECONDS since the interviewer last spoke."""
        if self.phase == "closing":
            return []
        self._silences += 1
        if self.phase == "consent":
            if self._silences == 1:
                return [Say(self.texts["consent_nudge"])]
            return self._decline("no answer to the consent question")
        if self._silences == 1:
            self.offered_repeat = True
            return [Say(self.texts["nudge"])]
        return self.advance(remaining_s=remaining_s, lead=self.texts["move_on"])

    # --- 3. closing, and what can happen at any time ---------------------------------------------------------

    def close(self) -> list[Action]:
        self.phase = "closing"
        return [Say(self.texts["closing"], interruptible=False), End(InterviewStatus.COMPLETED, "completed")]

    def on_time_up(self) -> list[Action]:
        if self.phase == "closing":
            return []
        self.phase = "closing"
        return [Say(self.texts["time_up"], interruptible=False), End(InterviewStatus.COMPLETED, "time limit")]

    def on_rejoin(self) -> list[Action]:
        """Back after dropping out: welcome them and repeat where we were."""
        lead = self.texts["welcome_back"]
        if self.phase == "consent":
            return [Say(f"{lead} {self.texts['consent_question']}")]
        if self.phase == "questions":
            return [self._repeat(lead)]
        return []

    def resume(self, *, last_asked: int, answers: dict[int, list[str]], consent_given: bool,
               remaining_s: float | None = None) -> list[Action]:
        """Take over an interview another interviewer ran until it was lost: its answers so far are kept; a
        question it asked and heard answered is not asked again, one it asked without an answer is asked again."""
        if not consent_given:
            return self.start()
        self.consent = ConsentDecision.GIVEN
        for index, texts in answers.items():
            if 0 <= index < self.count:
                self.states[index].answers = list(texts)
        lead = self.texts["resumed"]
        if last_asked < 0:
            return [self._ask(0, lead)]
        last_asked = min(last_asked, self.count - 1)
        if not answers.get(last_asked):
            return [self._ask(last_asked, lead)]
        self.phase, self.index = "questions", last_asked
        return self.advance(remaining_s=remaining_s, lead=lead)

    def on_left_for_good(self) -> list[Action]:
        self.phase = "closing"
        return [End(InterviewStatus.INTERRUPTED, "candidate left")]
