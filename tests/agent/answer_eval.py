"""Scoring the labelled answers set (tests/evalsets/answers/): ordering accuracy and off-topic maxima.

Shared by the floor test (tests/agent/test_answer_scoring.py) and bench/bench_answer_scoring.py. Pairs are taken
within a question between answers of different levels (strong and strong_plain > partial > off_topic); a pair counts
as ordered when the higher level scores strictly higher.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent.scoring.content import ContentScore, score_answer
from agent.scoring.rubric import bank_rubric

ANSWERS_DIR = Path(__file__).resolve().parents[1] / "evalsets" / "answers"
LEVEL = {"strong": 2, "strong_plain": 2, "partial": 1, "off_topic": 0}


def load_half(name: str) -> list[dict[str, Any]]:
    return json.loads((ANSWERS_DIR / f"{name}.json").read_text(encoding="utf-8"))


@dataclass
class HalfResult:
    pairs: int = 0
    ordered: int = 0
    off_topic_max: float = 0.0
    off_topic_max_by_kind: dict[str, float] = field(default_factory=lambda: {"bank": 0.0, "non_bank": 0.0})
    by_kind: dict[str, list[int]] = field(default_factory=lambda: {"bank": [0, 0], "non_bank": [0, 0]})
    by_pair: dict[str, list[int]] = field(default_factory=dict)  # "strong>partial": [ordered, pairs]
    scores: list[dict[str, Any]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.ordered / self.pairs if self.pairs else 0.0

    def summary(self) -> dict[str, Any]:
        return {"ordering_accuracy": round(self.accuracy, 4), "pairs": self.pairs, "ordered": self.ordered,
                "off_topic_max": self.off_topic_max,
                **{f"off_topic_max_{k}": v for k, v in self.off_topic_max_by_kind.items()},
                **{f"accuracy_{k}": round(o / n, 4) if n else None for k, (o, n) in self.by_kind.items()},
                **{f"accuracy_{k}": round(o / n, 4) if n else None for k, (o, n) in self.by_pair.items()}}


def evaluate(questions: list[dict[str, Any]], answer_text: Callable[[dict[str, Any], dict[str, Any]], str] | None = None
             ) -> HalfResult:
    """Score every answer (``answer_text`` may substitute a transcript for the written text) and count pairs."""
    result = HalfResult()
    for q in questions:
        rubric = bank_rubric(q["question"])
        scored: list[tuple[str, ContentScore]] = []
        for a in q["answers"]:
            text = answer_text(q, a) if answer_text else a["text"]
            s = score_answer(q["question"], text, rubric)
            scored.append((a["label"], s))
            result.scores.append({"id": q["id"], "label": a["label"], "score": s.score, "rubric": s.rubric})
            if a["label"] == "off_topic":
                result.off_topic_max = max(result.off_topic_max, s.score)
                kind_key = "bank" if rubric else "non_bank"
                result.off_topic_max_by_kind[kind_key] = max(result.off_topic_max_by_kind[kind_key], s.score)
        kind = result.by_kind["bank" if rubric else "non_bank"]
        for (la, sa), (lb, sb) in itertools.combinations(scored, 2):
            if LEVEL[la] == LEVEL[lb]:
                continue
            (hl, hi), (ll, lo) = sorted([(la, sa), (lb, sb)], key=lambda x: -LEVEL[x[0]])
            ok = int(hi.score > lo.score)
            result.pairs += 1
            result.ordered += ok
            kind[0] += ok
            kind[1] += 1
            key = f"{'strong' if LEVEL[hl] == 2 else hl}>{ll}"
            counts = result.by_pair.setdefault(key, [0, 0])
            counts[0] += ok
            counts[1] += 1
    return result
