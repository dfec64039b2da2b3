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

    def example(self, label: str) -> str | None:
        return next((text for lab, text in self.examples if lab == label), None)

    def as_dict(self) -> dict[str, Any]:
        return {"skill": self.skill, "points": [{"covers": p.covers, "ask": p.ask} for p in self.points],
                "examples": dict(self.examples)}

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
        return cls(skill=fill(data.get("skill") or ""), points=points, examples=examples)


def normalise(text: str) -> str:
    """Case and spacing folded, so a question matches however it was typed or transcribed."""
    return " ".join(text.lower().split())


@lru_cache(maxsize=1)
def _bank_entries() -> tuple[tuple[re.Pattern[str], dict[str, Any]], ...]:
    entries = []
    for name in [*prompts.question_bank_names(), "_behavioral", "_generic"]:
        for q in prompts.load_yaml(f"questions/{name}.yaml").get("questions") or []:
            if not q.get("rubric"):
                continue
            parts = normalise(q["text"]).split("{skill}")
            pattern = "(?P<skill>.+?)".join(re.escape(p) for p in parts)
            entries.append((re.compile(f"^{pattern}$"), q["rubric"]))
    return tuple(entries)


@lru_cache(maxsize=512)
def bank_rubric(question: str) -> Rubric | None:
    """The rubric of a bank question (matched after normalising case and spacing), or None."""
    key = normalise(question)
    for pattern, data in _bank_entries():
        m = pattern.match(key)
        if m:
            skill = m.groupdict().get("skill")
            # the generic questions name the skill as the job did; keep its spelling from the question
            if skill is not None:
                start = m.start("skill")
                skill = " ".join(question.split())[start: start + len(skill)]
            return Rubric.from_dict(data, skill=skill) if skill else Rubric.from_dict(data)
    return None
