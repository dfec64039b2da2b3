"""Engagement, from observable signals only: how soon the candidate answers, how much of the talking they do, how
long their answers are against what the question expects, their eye contact while answering, and how often they
start speaking while the interviewer is still talking.

Nothing here reads a face's expression, a voice's tone or anything about emotion or personality (EU AI Act
Art. 5(1)(f)): only times (who spoke when, from ``agent/turns.py``), word counts and the per-second eye contact
rows. Each signal is kept with its parts, and the engagement score is the plain mean of the parts' 0..1 values:
an advisory delivery signal, never in a skill score, hidden with the other delivery signals.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from statistics import median
from typing import Any

from agent.scoring.rubric import Rubric
from agent.turns import OVERLAP_TOLERANCE_S, Segment, TurnTracker
from db.aggregates import MetricLike, eye_contact_ratio

_TOKEN = re.compile(r"[A-Za-z0-9']+")
DEFAULT_STRONG_WORDS = 80  # a bank rubric's strong example answer is 63-103 words (median 80)
# an answer this much shorter or longer than the strong example is short or long (spoken answers run longer)
SHORT_BELOW, LONG_ABOVE = 0.5, 2.5
LATENCY_FULL_S, LATENCY_ZERO_S = 2.0, 12.0  # a reply within 2 s counts in full, one after 12 s not at all
SHARE_ZERO, SHARE_FULL = 0.2, 0.6  # the candidate's share of the talking


def _clip01(x: float) -> float:
    return max(0.0, min(1.0, x))


def expected_words(rubric: Rubric | None) -> tuple[int, int]:
    """The range of answer lengths (words) the question expects, from its rubric's strong example."""
    strong = rubric.example("strong") if rubric else None
    n = len(_TOKEN.findall(strong)) if strong else DEFAULT_STRONG_WORDS
    return max(10, round(SHORT_BELOW * n)), round(LONG_ABOVE * n)


def latency_part(latency_s: float) -> float:
    return _clip01(1.0 - (latency_s - LATENCY_FULL_S) / (LATENCY_ZERO_S - LATENCY_FULL_S))


def share_part(share: float) -> float:
    return _clip01((share - SHARE_ZERO) / (SHARE_FULL - SHARE_ZERO))


def length_part(words: int, lo: int, hi: int) -> float:
    if words < lo:
        return words / lo
    return 1.0 if words <= hi else max(0.5, hi / words)


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def _interruptions(segments: Sequence[Segment], agent: Sequence[tuple[float, float]], t0: float,
                   t1: float) -> list[float]:
    """When the candidate began speaking while the interviewer was still talking (not in its last moment)."""
    return [round(s.start_s, 1) for s in segments if t0 <= s.start_s < t1
            and any(a0 < s.start_s < a1 - OVERLAP_TOLERANCE_S for a0, a1 in agent)]


def _answering_rows(rows: Sequence[MetricLike], answers: Sequence[Segment]) -> list[MetricLike]:
    """The seconds spent answering: row t_s = k covers (k-1, k]; its middle lies inside an answer."""
    return [r for r in rows if any(a.start_s <= r.t_s - 0.5 <= a.end_s for a in answers)]


def _parts_score(parts: dict[str, float | None]) -> float | None:
    values = [v for v in parts.values() if v is not None]
    return round(100 * sum(values) / len(values), 1) if values else None


def question_engagement(index: int, *, asked: tuple[float, float], window_end: float, segments: Sequence[Segment],
                        agent: Sequence[tuple[float, float]], rows: Sequence[MetricLike],
                        expected: tuple[int, int]) -> dict[str, Any]:
    """One question's engagement signals, from when it was asked until the next question was."""
    ask_start, ask_end = asked
    answers = [s for s in segments if s.question_index == index and not s.overlap]
    latency = max(0.0, answers[0].start_s - ask_end) if answers else None
    candidate_s = sum(_overlap(s.start_s, s.end_s, ask_start, window_end) for s in segments)
    interviewer_s = sum(_overlap(a0, a1, ask_start, window_end) for a0, a1 in agent)
    talk = candidate_s + interviewer_s
    share = candidate_s / talk if talk > 0 else None
    words = sum(len(_TOKEN.findall(s.text)) for s in answers)
    lo, hi = expected
    length = "none" if not answers else "short" if words < lo else "long" if words > hi else "as_expected"
    eye = eye_contact_ratio(_answering_rows(rows, answers))
    interrupted = _interruptions(segments, agent, ask_start, window_end)
    parts = {
        "response_latency": None if latency is None else round(latency_part(latency), 3),
        "speaking_share": None if share is None else round(share_part(share), 3),
        "answer_length": round(length_part(words, lo, hi), 3),
        "eye_contact_answering": eye,
        "interruptions": round(1.0 / (1 + len(interrupted)), 3),
    }
    return {
        "question_index": index, "asked_s": round(ask_start, 1), "question_end_s": round(ask_end, 1),
        "answer_start_s": round(answers[0].start_s, 1) if answers else None,
        "response_latency_s": None if latency is None else round(latency, 2),
        "candidate_speaking_s": round(candidate_s, 1), "interviewer_speaking_s": round(interviewer_s, 1),
        "speaking_share": None if share is None else round(share, 3),
        "answer_words": words, "expected_min_words": lo, "expected_max_words": hi, "answer_length": length,
        "eye_contact_answering_ratio": eye,
        "interruptions": len(interrupted), "interruption_times_s": interrupted,
        "parts": parts, "score": _parts_score(parts),
    }


def _overall(questions: list[dict[str, Any]], rows: Sequence[MetricLike], segments: Sequence[Segment]
             ) -> dict[str, Any]:
    latencies = [q["response_latency_s"] for q in questions if q["response_latency_s"] is not None]
    candidate_s = sum(q["candidate_speaking_s"] for q in questions)
    interviewer_s = sum(q["interviewer_speaking_s"] for q in questions)
    talk = candidate_s + interviewer_s
    share = candidate_s / talk if talk > 0 else None
    answers = [s for s in segments if not s.overlap and s.question_index is not None]
    eye = eye_contact_ratio(_answering_rows(rows, answers))
    interruptions = sum(q["interruptions"] for q in questions)
    latency = median(latencies) if latencies else None
    parts = {
        "response_latency": None if latency is None else round(latency_part(latency), 3),
        "speaking_share": None if share is None else round(share_part(share), 3),
        "answer_length": round(sum(q["parts"]["answer_length"] for q in questions) / len(questions), 3),
        "eye_contact_answering": eye,
        "interruptions": round(_clip01(1.0 - 0.5 * interruptions / len(questions)), 3),
    }
    return {
        "response_latency_s": None if latency is None else round(latency, 2),
        "candidate_speaking_s": round(candidate_s, 1), "interviewer_speaking_s": round(interviewer_s, 1),
        "speaking_share": None if share is None else round(share, 3),
        "answers": sum(1 for q in questions if q["answer_length"] != "none"),
        "answers_short": sum(1 for q in questions if q["answer_length"] == "short"),
        "answers_long": sum(1 for q in questions if q["answer_length"] == "long"),
        "eye_contact_answering_ratio": eye,
        "interruptions": interruptions,
        "parts": parts, "score": _parts_score(parts),
    }


def compute_engagement(turns: TurnTracker, rows: Sequence[MetricLike], expected: dict[int, tuple[int, int]],
                       end_s: float) -> dict[str, Any] | None:
    """The interview's engagement (overall and per question) from the turn timings; None before any question."""
    first: dict[int, tuple[float, float]] = {}
    for index, start, end in turns.asks(end_s):
        first.setdefault(index, (start, end))  # a follow-up or a repeat belongs to its question's window
    if not first:
        return None
    order = sorted(first, key=lambda i: first[i][0])
    agent = turns.agent_intervals(end_s)
    questions = []
    for n, index in enumerate(order):
        window_end = first[order[n + 1]][0] if n + 1 < len(order) else end_s
        questions.append(question_engagement(
            index, asked=first[index], window_end=window_end, segments=turns.segments, agent=agent, rows=rows,
            expected=expected.get(index, expected_words(None))))
    return {"advisory": True, "in_scores": False, **_overall(questions, rows, turns.segments),
            "questions": questions}
