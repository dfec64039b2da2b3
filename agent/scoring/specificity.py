"""Specificity: does the answer tell a real case (when, what I did, figures, how it ended) or speak in general?

Counts of cue phrases from ``prompts/scoring.yaml``; each feature is capped so no single cue (and no length) can
carry the score. Fillers, simple words and broken grammar are not penalised: only what is said counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import prompts
from agent.scoring.text import words

# feature -> (count that earns it in full, weight)
FEATURES = {"figures": (3, 0.25), "own_actions": (4, 0.35), "situation": (1, 0.15), "outcome": (2, 0.25)}
GENERIC_PENALTY = 0.35  # taken off when every sentence hedges or generalises


@dataclass(frozen=True)
class Specificity:
    score: float  # 0..1
    counts: dict[str, int]

    def signals(self) -> dict[str, Any]:
        return {"score": round(self.score, 3), **self.counts}


@lru_cache(maxsize=1)
def _cues() -> dict[str, Any]:
    data = prompts.load_yaml("scoring.yaml")["specificity"]

    def phrases(key: str) -> re.Pattern[str]:
        alts = sorted((re.escape(p.lower()) for p in data[key]), key=len, reverse=True)
        return re.compile(r"(?<![a-z'])(?:" + "|".join(alts) + r")(?![a-z'])")

    past = "|".join(sorted(set(data["irregular_past"])))
    return {
        "situation": phrases("situation"), "outcome": phrases("outcome"), "generic": phrases("generic"),
        "number_words": set(data["number_words"]),
        # I or we, then (an adverb or two and) a verb in the past tense: an action the candidate took
        "own_action": re.compile(r"\b(?:i|we)\s+(?:\w+ly\s+|also\s+|then\s+|just\s+|first\s+){0,2}"
                                 rf"(?:\w{{3,}}ed|{past})\b"),
    }


def measure(text: str) -> Specificity:
    cues = _cues()
    lowered = " ".join(text.lower().replace("’", "'").split())
    tokens = [w.lower() for w in words(lowered)]
    figures = sum(1 for t in tokens if t.isdigit() or any(c.isdigit() for c in t) or t in cues["number_words"])
    counts = {
        "figures": figures,
        "own_actions": len(cues["own_action"].findall(lowered)),
        "situation": len(cues["situation"].findall(lowered)),
        "outcome": len(cues["outcome"].findall(lowered)),
        "generic": len(cues["generic"].findall(lowered)),
    }
    score = sum(weight * min(1.0, counts[name] / full) for name, (full, weight) in FEATURES.items())
    n_sentences = max(1, len(re.findall(r"[.!?]+", text)) or len(tokens) // 15)
    score -= GENERIC_PENALTY * min(1.0, counts["generic"] / n_sentences)
    return Specificity(score=max(0.0, min(1.0, score)), counts=counts)
