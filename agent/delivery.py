"""Delivery signals: speech fluency and eye contact, advisory and kept apart from the skill scores.

They describe how an answer was delivered, not what it showed about the skill asked about: a stutter, a second
language or looking away from the camera say nothing about SQL. So they are never part of a question's or the
interview's score; the report shows them beside the scores, and a company may hide them entirely
(``companies.hide_delivery_signals``). No emotion or personality is inferred from them.
"""

from __future__ import annotations

from typing import Any

import msgspec

from db.aggregates import InterviewFigures

GOOD_RATE = (2.5, 5.5)  # syllables per second, conversational speech (De Jong & Wempe's range)


def _clip(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return max(lo, min(hi, x))


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def fluency_score(fluency: dict[str, Any], transcript: dict[str, Any] | None = None) -> tuple[float | None, dict]:
    """0..1 from speech rate, long pauses and fillers; None when there was (almost) no speech."""
    speaking = float(fluency.get("speaking_seconds") or 0.0)
    if speaking < 2.0:
        return None, {"speaking_seconds": speaking}
    rate = float(fluency.get("articulation_rate_sps") or 0.0)
    lo, hi = GOOD_RATE
    rate_part = 1.0 if lo <= rate <= hi else _clip(1.0 - (lo - rate if rate < lo else rate - hi) / 2.0)
    mean_pause = float(fluency.get("mean_pause_s") or 0.0)
    pause_part = _clip(1.0 - max(0.0, mean_pause - 0.8) / 2.0)
    parts = {"rate": rate_part, "pauses": pause_part}
    fillers = None
    if transcript and transcript.get("word_count"):
        fillers = float(transcript.get("fillers_per_100_words") or 0.0)
        parts["fillers"] = _clip(1.0 - max(0.0, fillers - 3.0) / 9.0)
    score = sum(parts.values()) / len(parts)
    return score, {"articulation_rate_sps": round(rate, 2), "mean_pause_s": round(mean_pause, 2),
                   "fillers_per_100_words": None if fillers is None else round(fillers, 1),
                   "components": {k: round(v, 3) for k, v in parts.items()}}


def question_delivery(figures: InterviewFigures | None, fluency: dict[str, Any],
                      transcript: dict[str, Any] | None = None) -> dict[str, Any]:
    """One answer's delivery signals (advisory; not in its score). Eye contact and face in view are the question's
    seconds' figures (db/aggregates.py), as everywhere else."""
    flu, flu_signals = fluency_score(fluency, transcript)
    return {
        "advisory": True,
        "fluency_score": None if flu is None else round(flu, 3),
        "fluency": flu_signals,
        "eye_contact_ratio": figures.eye_contact_ratio if figures else None,
        "face_in_view_ratio": figures.face_in_view_ratio if figures else None,
        "video_seconds": figures.video_seconds if figures else 0,
    }


def _eye_observations(figures: InterviewFigures | None) -> list[dict[str, Any]]:
    if figures is None or figures.eye_contact_ratio is None or figures.face_in_view_seconds < 10:
        return []
    sig = {k: getattr(figures, k) for k in ("eye_contact_ratio", "face_in_view_ratio", "face_in_view_seconds")}
    return [{"area": "Eye contact", "detail": f"Looked at the screen {_pct(figures.eye_contact_ratio)} of the "
             f"{figures.face_in_view_seconds} s the face was in view", "signals": sig}]


def _fluency_observations(fluency: dict[str, Any]) -> list[dict[str, Any]]:
    if float(fluency.get("speaking_seconds") or 0.0) < 10:
        return []
    rate = float(fluency.get("articulation_rate_sps") or 0.0)
    sig = {k: fluency.get(k) for k in ("articulation_rate_sps", "speech_rate_sps", "mean_pause_s", "pause_count",
                                       "phonation_ratio", "fillers_per_100_words")}
    lo, hi = GOOD_RATE
    pace = "steady" if lo <= rate <= hi else ("fast" if rate > hi else "slow")
    out = [{"area": "Speech pace", "detail": f"{pace.capitalize()} pace ({rate:.1f} syllables/s), "
            f"{int(fluency.get('pause_count') or 0)} pauses", "signals": sig}]
    fillers = fluency.get("fillers_per_100_words")
    if fillers is not None:
        out.append({"area": "Fillers", "detail": f"{fillers:.0f} filler words per 100 words", "signals": sig})
    return out


def delivery_report(fluency: dict[str, Any], figures: InterviewFigures | None,
                    engagement: dict[str, Any] | None = None) -> dict[str, Any]:
    """The report's delivery section: what was observed, with its signals; never a verdict, never in a score.
    ``figures`` are the interview's per-second figures, ``engagement`` its observable engagement signals."""
    observations = _eye_observations(figures) + _fluency_observations(fluency)
    flu, flu_signals = fluency_score(fluency, fluency if fluency.get("word_count") else None)
    return {
        "advisory": True,
        "in_scores": False,
        "note": "How the answers were delivered, shown for context only: not part of any score. A stutter, a second "
                "language or looking away from the camera say nothing about the skills asked about.",
        "observations": observations,
        "figures": msgspec.to_builtins(figures) if figures else None,
        "fluency_score": None if flu is None else round(flu, 3),
        "fluency": flu_signals,
        "engagement": engagement,
    }
