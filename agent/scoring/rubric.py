"""Rubrics as data: what a strong answer to a question covers (``prompts/questions/*.yaml``, key ``rubric``).

A rubric names the skill its question evidences, lists three to six points a strong answer covers (most important
first; each with the wording of a follow-up that asks for it) and gives a strong, a partial and an off-topic
example answer. Bank questions are found by their text after normalising case and spacing; the generic questions'
``{skill}`` placeholder matches any skill name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import prompts

EXAMPLE_LABELS = ("strong", "partial", "off_topic")


@dataclass(frozen=True)
class RubricPoint:
    covers: str  # what the answer should make clear
    ask: str  # the follow-up that asks for it when it is missing


@dataclass(frozen=True)
class Rubric:
    skill: str
    points: tuple[RubricPoint, ...]
    examples: tuple[tuple[str, str], ...] = ()  # (label, text)
    # neighbouring topics an answer may drift into that do not answer the question ("speeding up the test suite"
    # for a flaky test): what the answer is contrasted with, beside small talk and the bank's other questions
    near_topics: tuple[str, ...] = ()

    def example(self, label: str) -> str | None:
        return next((text for lab, text in self.examples if lab == label), None)

    def as_dict(self) -> dict[str, Any]:
        return {"skill": self.skill, "points": [{"covers": p.covers, "ask": p.ask} for p in self.points],
                "examples": dict(self.examples), "near_topics": list(self.near_topics)}

    @classmethod
    def from_dict(cls, data: dict[str, Any], **values: str) -> Rubric:
        """From the YAML (or a stored plan's JSON); ``values`` fill placeholders such as ``{skill}``."""
        def fill(text: Any) -> str:
            return " ".join(prompts.render(str(text), **values).split())

        points = tuple(RubricPoint(fill(p["covers"]), fill(p.get("ask") or p["covers"])) for p in data["points"])
        if not 1 <= len(points) <= 8:
            raise ValueError(f"a rubric needs 1-8 points, got {len(points)}")
        examples = tuple((label, fill(text)) for label, text in (data.get("examples") or {}).items()
                         if label in EXAMPLE_LABELS and text)
        near_topics = tuple(fill(t) for t in data.get("near_topics") or () if str(t).strip())
        return cls(skill=fill(data.get("skill") or ""), points=points, examples=examples, near_topics=near_topics)


def normalise(text: str) -> str:
    """Case and spacing folded, so a question matches however it was typed or transcribed."""
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class _Entry:
    bank: str
    text: str
    pattern: re.Pattern[str]
    rubric: dict[str, Any]


@lru_cache(maxsize=1)
def _bank_entries() -> tuple[_Entry, ...]:
    entries = []
    for name in [*prompts.question_bank_names(), "_behavioral", "_generic"]:
        for q in prompts.load_yaml(f"questions/{name}.yaml").get("questions") or []:
            if not q.get("rubric"):
                continue
            parts = normalise(q["text"]).split("{skill}")
            pattern = "(?P<skill>.+?)".join(re.escape(p) for p in parts)
            entries.append(_Entry(name, q["text"], re.compile(f"^{pattern}$"), q["rubric"]))
    return tuple(entries)


def _match(question: str) -> tuple[_Entry, str | None] | None:
    key = normalise(question)
    for entry in _bank_entries():
        m = entry.pattern.match(key)
        if m:
            skill = m.groupdict().get("skill")
            # the generic questions name the skill as the job did; keep its spelling from the question
            if skill is not None:
                start = m.start("skill")
                skill = " ".join(question.split())[start: start + len(skill)]
            return entry, skill
    return None


def _rubric(data: dict[str, Any], skill: str | None) -> Rubric:
    return Rubric.from_dict(data, skill=skill) if skill else Rubric.from_dict(data)


@lru_cache(maxsize=512)
def bank_rubric(question: str) -> Rubric | None:
    """The rubric of a bank question (matched after normalising case and spacing), or None."""
    found = _match(question)
    return _rubric(found[0].rubric, found[1]) if found else None


@lru_cache(maxsize=512)
def bank_siblings(question: str) -> tuple[tuple[str, Rubric], ...]:
    """The other questions of a bank question's bank, with their rubrics: the questions an answer to this one is
    most easily mistaken for (an answer to one of them is not an answer to this one)."""
    found = _match(question)
    if found is None:
        return ()
    entry, skill = found
    return tuple((prompts.render(e.text, skill=skill) if skill else e.text, _rubric(e.rubric, skill))
                 for e in _bank_entries() if e.bank == entry.bank and e is not entry)
