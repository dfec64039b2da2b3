"""Adaptive follow-ups offline: ask for the most important rubric point the answer missed, in words that refer to
what the candidate said ("You mentioned that you added an index. How would you ...?").

``RubricFollowUps`` is the flow's follow-up picker (``agent/flow.py`` stays pure: it is handed one). It scores the
answer with the offline scorer, so the same rubric and the same evidence decide both the follow-up and the score.
Results are cached per (question, answer): the interviewer computes them off the event loop first (``prepare``,
ahead of the end of the turn: ``agent/scoring/ahead.py``), the flow then reads them.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

from agent.scoring.content import ContentScore, Embed, score_answer, warm_anchors
from agent.scoring.rubric import Rubric
from agent.scoring.text import to_second_person, words

NO_FOLLOW_UP_AT = 70.0  # an answer this good needs no follow-up
OFF_TOPIC_GATE = 0.5  # below this relevance gate the answer was about something else
ECHO_WORDS = (4, 14)  # the candidate's words said back: at least / at most this many
_CLAUSE_END = re.compile(r"[;:()]|\s(?:because|so that|which|but|and then|so)\s", re.I)
# fillers and hedges before the substance: "so, um, I think the key is" -> "the key is"
_LEAD = re.compile(r"^(?:(?:so|um+|uh+|er+|well|okay|ok|yes|yeah|right|and|first|then|like|honestly|basically|"
                   r"actually|i think|i guess|i believe|i mean|i'd say|i would say)[,\s]+)+", re.I)


@dataclass(frozen=True)
class FollowUp:
    text: str  # what the interviewer asks
    reason: str  # "missing_point" or "off_topic"
    point: str | None  # the rubric point asked for
    echo: str | None  # the candidate's words it refers to


def _clause(sentence: str) -> str | None:
    """A short, whole clause of a sentence (ECHO_WORDS long), without leading fillers or hedges; None if none."""
    if sentence.rstrip().endswith("?"):  # a question they asked themselves reads oddly said back
        return None
    clause = _CLAUSE_END.split(sentence, maxsplit=1)[0]
    clause = _LEAD.sub("", clause.strip()).rstrip(".!?,")
    tokens = clause.split()
    if len(tokens) > ECHO_WORDS[1]:
        # cut at a comma only where what comes before it can stand alone
        head = clause.split(",")[0].split()
        if not ECHO_WORDS[0] + 2 <= len(head) <= ECHO_WORDS[1]:
            return None
        tokens = head
    if len(words(" ".join(tokens))) < ECHO_WORDS[0]:
        return None
    return " ".join(tokens)


def _echo(content: ContentScore) -> str | None:
    """A clause the candidate said, turned to address them: from the sentences that made their best points."""
    for point in sorted(content.points, key=lambda p: -p.similarity):
        clause = _clause(point.evidence or "")
        if clause:
            said = to_second_person(clause)
            return said if said.startswith("I ") else said[0].lower() + said[1:]
    return None


def follow_up_for(content: ContentScore, rubric: Rubric) -> FollowUp | None:
    """The follow-up a scored answer calls for, or None when it covered what matters."""
    if not content.points or content.score >= NO_FOLLOW_UP_AT:
        return None
    if content.gate < OFF_TOPIC_GATE:
        point = rubric.points[0]
        return FollowUp(f"Thank you. Coming back to the question: {point.ask}", "off_topic", point.covers, None)
    missing = content.points_missing
    if not missing:
        return None
    point = missing[0]
    echo = _echo(content)
    text = f"You mentioned that {echo}. {point.ask}" if echo else point.ask
    return FollowUp(text, "missing_point", point.covers, echo)


class RubricFollowUps:
    """The flow's follow-up picker: (question text, rubric, answer so far) -> FollowUp or None, cached."""

    def __init__(self, embed: Embed | None = None, cache_size: int = 64) -> None:
        self.embed = embed
        self._cache: OrderedDict[tuple[str, str], FollowUp | None] = OrderedDict()
        self._size = cache_size
        self._lock = threading.Lock()

    def prepare(self, question: str, rubric: Rubric | None, answer: str) -> FollowUp | None:
        """Score the answer and pick its follow-up (slow: call it off the event loop)."""
        if rubric is None or not answer.strip():
            return None
        key = (question, answer)
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        result = follow_up_for(score_answer(question, answer, rubric, embed=self.embed), rubric)
        with self._lock:
            self._cache[key] = result
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return result

    def ready(self, question: str, answer: str) -> bool:
        """Whether ``prepare`` for this answer would return at once (from the cache)."""
        with self._lock:
            return (question, answer) in self._cache

    def warm(self, question: str, rubric: Rubric | None) -> None:
        """Embed what every answer to ``question`` is compared with (slow: off the event loop, while it is asked)."""
        if rubric is not None:
            warm_anchors(question, rubric, embed=self.embed)

    def __call__(self, question: str, rubric: Rubric | None, answer: str) -> FollowUp | None:
        return self.prepare(question, rubric, answer)
