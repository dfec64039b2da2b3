"""Keyword overlap weighted by how rare each word is in everyday English (a fixed inverse document frequency).

A word's weight is 7 minus its Zipf frequency in the `wordfreq` package's English list (Apache-2.0 code, data
from public corpora; installed from PyPI, read from the package): "the" weighs 0, "team" about 1.5, "payroll"
about 3, "vasopressor" the full 7. The weights are the same for every text, so the similarity of a CV and a job
depends on those two texts alone, never on which other jobs or CVs are around (a TF-IDF fitted on a pool would).
Term frequency is sublinear (1 + ln n): a CV repeating a word ten times does not count it ten times as much.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

MAX_WEIGHT = 7.0  # Zipf 0 (a word the list has never seen); Zipf 7 is "a", "the", "and"
_WORD = re.compile(r"[a-z][a-z0-9+#]*")


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("en", wordlist="large")


def word_weight(word: str) -> float:
    frequency = _frequencies().get(word)
    if not frequency:
        return MAX_WEIGHT
    zipf = math.log10(frequency) + 9.0
    return min(MAX_WEIGHT, max(0.0, MAX_WEIGHT - zipf))


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if len(w) > 1]


@dataclass(frozen=True)
class KeywordVector:
    """A text's words → weight (rarity × sublinear count), L2-normalised."""

    weights: dict[str, float]

    @classmethod
    def of(cls, text: str, discounted: str = "", discount: float = 1.0) -> KeywordVector:
        """`discounted` text counts too, each of its words `discount` times an occurrence (a CV's earlier roles,
        api/screening/profiles.earlier_roles); a word counted less than once in all weighs its count."""
        counts: Counter[str] = Counter()
        counts.update(words(text))
        for w, n in Counter(words(discounted)).items():
            counts[w] += discount * n
        raw = {w: (1.0 + math.log(n) if n >= 1 else n) * word_weight(w) for w, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        return cls({w: v / norm for w, v in raw.items() if v > 0})


@dataclass(frozen=True)
class KeywordOverlap:
    similarity: float  # cosine, 0..1
    shared: list[str]  # the shared words that contribute most, heaviest first


def keyword_overlap(a: KeywordVector, b: KeywordVector, top: int = 10) -> KeywordOverlap:
    small, large = (a, b) if len(a.weights) <= len(b.weights) else (b, a)
    parts = {w: v * large.weights[w] for w, v in small.weights.items() if w in large.weights}
    shared = sorted(parts, key=lambda w: (-parts[w], w))[:top]
    return KeywordOverlap(similarity=sum(parts.values()), shared=shared)
