"""The offline content score of one answer: relevance gates, then rubric coverage and specificity (see __init__).

Every figure that went into a score is returned in ``ContentScore.signals()``, including, for each rubric point,
the sentence of the answer that made it (or that came closest).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

import prompts
from agent.scoring.rubric import Rubric, bank_siblings
from agent.scoring.specificity import Specificity, measure
from agent.scoring.text import sentences, words

Embed = Callable[[list[str]], np.ndarray]  # texts -> L2-normalised vectors, one row each


@dataclass(frozen=True)
class Params:
    """The scorer's constants, set on the answers dev set only (bench/bench_answer_scoring.py)."""

    # relevance: the answer's best similarity to the question side minus its best to off-topic speech, mapped
    margin_lo: float = -0.10
    margin_hi: float = 0.30
    # ... and the share of sentences nearer the question side than off-topic speech
    share_lo: float = 0.30
    share_hi: float = 0.80
    # off-topic anchors this similar to the question itself are dropped (they would be the question)
    anchor_overlap: float = 0.5
    # the other questions of the bank as "something else": none, "q" (their text), "q+points", "full" (+ examples)
    siblings: str = "q+points"
    sibling_handicap: float = 0.05
    # the rubric's near topics as "something else" (each must be clearly nearer than the question to count)
    near_topics: bool = True
    near_handicap: float = 0.05
    # the gate: relevance below gate_lo scores nothing, above gate_hi everything
    gate_lo: float = 0.30
    gate_hi: float = 0.65
    # a rubric point counts as made when a sentence is this similar to it (soft coverage in between)
    cover_lo: float = 0.30
    cover_hi: float = 0.55
    covered_at: float = 0.40
    # the mix, with a rubric and without one
    w_coverage: float = 0.35
    w_specificity: float = 0.45
    w_relevance: float = 0.20
    w_specificity_no_rubric: float = 0.60


PARAMS = Params()


@dataclass(frozen=True)
class PointResult:
    covers: str
    ask: str
    similarity: float
    evidence: str | None  # the answer's sentence closest to the point
    covered: bool


@dataclass(frozen=True)
class ContentScore:
    score: float  # 0..100
    rubric: bool
    relevance: float  # 0..1
    gate: float  # 0..1, what relevance lets through
    coverage: float | None  # 0..1 (soft), None without a rubric
    specificity: Specificity
    points: tuple[PointResult, ...]
    details: dict[str, float]

    @property
    def points_covered(self) -> list[str]:
        return [p.covers for p in self.points if p.covered]

    @property
    def points_missing(self) -> list[PointResult]:
        """Missing rubric points, most important first (rubric order)."""
        return [p for p in self.points if not p.covered]

    def signals(self) -> dict[str, Any]:
        return {
            "score": self.score, "scorer": "offline", "rubric": self.rubric,
            "relevance": round(self.relevance, 3), "relevance_gate": round(self.gate, 3),
            "coverage": None if self.coverage is None else round(self.coverage, 3),
            "specificity": self.specificity.signals(),
            "points": [{"covers": p.covers, "covered": p.covered, "similarity": round(p.similarity, 3),
                        "evidence": p.evidence} for p in self.points],
            **{k: round(v, 3) for k, v in self.details.items()},
        }


def _clip01(x: float) -> float:
    return float(min(1.0, max(0.0, x)))


def _ramp(x: float, lo: float, hi: float) -> float:
    return _clip01((x - lo) / (hi - lo))


@lru_cache(maxsize=1)
def off_topic_anchors() -> tuple[str, ...]:
    return tuple(prompts.load_yaml("scoring.yaml")["off_topic_anchors"])


def _default_embed(texts: list[str]) -> np.ndarray:
    from nlp.embeddings import get_embedder

    return get_embedder().embed(texts)


class TextVectors:
    """Vectors of texts, each embedded once: the texts an answer is compared with (questions, rubrics, anchors),
    and, in a cache of their own, the answer's sentences (scored again as the answer grows, agent/scoring/ahead.py).
    The float32 model gives a text the same vector whatever else shares its call (tests/agent/test_reply_ahead.py
    holds this), so a cached vector is the one a fresh call would give. Least recently used texts go first."""

    def __init__(self, embed: Embed, size: int) -> None:
        self.embed = embed
        self._size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()  # interviews score in threads of their own

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        unique = list(dict.fromkeys(texts))
        with self._lock:
            found = {t: self._vectors[t] for t in unique if t in self._vectors}
            for t in found:
                self._vectors.move_to_end(t)
        missing = [t for t in unique if t not in found]
        if missing:
            embedded = self.embed(missing)
            with self._lock:
                for text, vec in zip(missing, embedded, strict=True):
                    self._vectors[text] = found[text] = vec
                while len(self._vectors) > self._size:
                    self._vectors.popitem(last=False)
        return np.vstack([found[t] for t in texts])


ANCHORS_KEPT = 2048
SENTENCES_KEPT = 512
_caches: dict[int, tuple[TextVectors, TextVectors]] = {}


def _text_vectors(embed: Embed) -> tuple[TextVectors, TextVectors]:
    """(anchors, answer sentences) for this embed function."""
    caches = _caches.get(id(embed))
    if caches is None or caches[0].embed is not embed:
        caches = _caches[id(embed)] = (TextVectors(embed, ANCHORS_KEPT), TextVectors(embed, SENTENCES_KEPT))
    return caches


def _question_side(question: str, rubric: Rubric | None) -> list[str]:
    side = [question]
    if rubric is not None:
        side.append(f"{question} {' '.join(p.covers for p in rubric.points)}")
        side += [t for t in (rubric.example("strong"), rubric.example("partial")) if t]
    return side


def _sibling_texts(question: str, rubric: Rubric | None, siblings: Sequence[tuple[str, Rubric]] | None,
                   mode: str) -> list[str]:
    if rubric is None or mode == "none":
        return []
    found = bank_siblings(question) if siblings is None else siblings
    texts: list[str] = []
    for text, r in found:
        side = _question_side(text, r)
        texts += side[:2] if mode == "q+points" else side[:1] if mode == "q" else side
    return texts


def _relevance(anchors: TextVectors, question: str, rubric: Rubric | None,
               siblings: Sequence[tuple[str, Rubric]] | None, sent_vecs: np.ndarray,
               params: Params) -> tuple[float, dict[str, float]]:
    """0..1: is the answer about this question rather than something else (a prepared speech, another question)?"""
    side = anchors.vectors(_question_side(question, rubric))
    off = [*off_topic_anchors(), *([rubric.example("off_topic")] if rubric and rubric.example("off_topic") else [])]
    sibling = _sibling_texts(question, rubric, siblings, params.siblings)
    near = list(rubric.near_topics) if rubric is not None and params.near_topics else []
    negative = anchors.vectors([*off, *sibling, *near])
    # another question of the bank, or a neighbouring topic, must be clearly nearer than this one to count against
    # the answer
    handicap = np.array([0.0] * len(off) + [params.sibling_handicap] * len(sibling)
                        + [params.near_handicap] * len(near), dtype=np.float32)
    # an anchor that asks much the same as the question is not "something else": leave it out
    keep = (negative @ side[0]) < params.anchor_overlap
    negative, handicap = negative[keep], handicap[keep]
    # the answer as a whole: the mean of its sentences (as the embedder pools long texts), at no extra model run
    whole = sent_vecs.mean(0)
    whole /= max(float(np.linalg.norm(whole)), 1e-12)
    margin = float((side @ whole).max() - (negative @ whole - handicap).max())
    points = anchors.vectors([p.covers for p in rubric.points]) if rubric else np.zeros((0, side.shape[1]))
    positive = np.vstack([side, points]) if len(points) else side
    share = float(np.mean((sent_vecs @ positive.T).max(1) > (sent_vecs @ negative.T - handicap).max(1)))
    relevance = 0.5 * _ramp(margin, params.margin_lo, params.margin_hi) + \
        0.5 * _ramp(share, params.share_lo, params.share_hi)
    return relevance, {"relevance_margin": margin, "on_topic_sentence_share": share}


def anchor_texts(question: str, rubric: Rubric | None, *, params: Params = PARAMS,
                 siblings: Sequence[tuple[str, Rubric]] | None = None) -> list[str]:
    """Every text an answer to ``question`` is compared with (they never change for a question)."""
    texts = [*_question_side(question, rubric), *off_topic_anchors()]
    if rubric is not None:
        texts += [*([rubric.example("off_topic")] if rubric.example("off_topic") else []),
                  *_sibling_texts(question, rubric, siblings, params.siblings),
                  *(rubric.near_topics if params.near_topics else ()), *(p.covers for p in rubric.points)]
    return list(dict.fromkeys(texts))


def warm_anchors(question: str, rubric: Rubric | None, *, embed: Embed | None = None, params: Params = PARAMS,
                 siblings: Sequence[tuple[str, Rubric]] | None = None) -> None:
    """Embed the question's anchors ahead (while it is asked): scoring its answer then embeds only the answer.
    The vectors are the ones ``score_answer`` would compute itself (one text per row, same model)."""
    _text_vectors(embed or _default_embed)[0].vectors(anchor_texts(question, rubric, params=params, siblings=siblings))


def _points(anchors: TextVectors, rubric: Rubric, sents: list[str], sent_vecs: np.ndarray,
            params: Params) -> tuple[list[PointResult], float]:
    """Each rubric point with the sentence closest to it, and the soft coverage (0..1)."""
    sims = sent_vecs @ anchors.vectors([p.covers for p in rubric.points]).T  # sentences x points
    points = []
    for k, point in enumerate(rubric.points):
        best = int(sims[:, k].argmax())
        sim = float(sims[best, k])
        points.append(PointResult(point.covers, point.ask, sim, sents[best], sim >= params.covered_at))
    coverage = float(np.mean([_ramp(p.similarity, params.cover_lo, params.cover_hi) for p in points]))
    return points, coverage


def score_answer(question: str, answer: str, rubric: Rubric | None = None, *, embed: Embed | None = None,
                 params: Params = PARAMS, siblings: Sequence[tuple[str, Rubric]] | None = None) -> ContentScore:
    """The offline content score (0..100) of ``answer`` to ``question``, against ``rubric`` when there is one.

    ``siblings``: other questions (with rubrics) an answer to this one could be mistaken for; by default the other
    questions of its bank."""
    embed = embed or _default_embed
    spec = measure(answer)
    sents = sentences(answer)
    if not words(answer) or not sents:
        return ContentScore(0.0, rubric is not None, 0.0, 0.0, 0.0 if rubric else None, spec, (), {"sentences": 0})
    anchors, sentence_vectors = _text_vectors(embed)
    sent_vecs = sentence_vectors.vectors(sents)
    relevance, details = _relevance(anchors, question, rubric, siblings, sent_vecs, params)
    gate = _ramp(relevance, params.gate_lo, params.gate_hi)
    points: list[PointResult] = []
    coverage = None
    if rubric is not None:
        points, coverage = _points(anchors, rubric, sents, sent_vecs, params)
        quality = params.w_coverage * coverage + params.w_specificity * spec.score + params.w_relevance * relevance
    else:
        w = params.w_specificity_no_rubric
        quality = w * spec.score + (1 - w) * relevance
    score = round(100.0 * gate * quality, 1)
    details["sentences"] = float(len(sents))
    return ContentScore(score, rubric is not None, relevance, gate, coverage, spec, tuple(points), details)
