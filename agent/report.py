"""Advisory scores and the final report, each figure traceable to the signals it came from.

A question's score is its content score only (``agent/scoring``): the LLM's when one is configured, the offline
scorer's otherwise, the offline one always stored beside it. Delivery (fluency, eye contact) is recorded next to
it as advisory context (``agent/delivery.py``) and never enters a score. No emotion or personality inference.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from agent.delivery import delivery_report, question_delivery
from agent.scoring.content import ContentScore, Embed, score_answer
from agent.scoring.reasons import score_reasons
from agent.scoring.rubric import Rubric
from db.aggregates import (
    InterviewFigures,
    MetricLike,
    describe_note,
    integrity_notes,
    interview_figures,
    skill_scores,
)
from db.contract import VIDEO_NOT_COLLECTED

_TOKEN = re.compile(r"[a-z0-9']+")
STRONG_AT, WEAK_BELOW = 65.0, 40.0  # a skill's average content score that makes it a strength / a weakness


def score_question(
    *, question: str, answer: str, rubric: Rubric | None, figures: InterviewFigures | None, fluency: dict[str, Any],
    transcript: dict[str, Any] | None = None, probed: str | None = None, embed: Embed | None = None,
) -> tuple[float | None, dict[str, Any]]:
    """Advisory 0..100 content score of one answer and the signals behind it (delivery alongside, not in it);
    ``figures`` are the question's per-second figures (eye contact, face in view)."""
    content = score_answer(question, answer, rubric, embed=embed)
    return question_signals(content, answer=answer, rubric=rubric, probed=probed,
                            delivery=question_delivery(figures, fluency, transcript))


def question_signals(content: ContentScore, *, answer: str, rubric: Rubric | None, probed: str | None,
                     delivery: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    n_words = len(_TOKEN.findall(answer.lower()))
    signals: dict[str, Any] = {
        "answer_words": n_words,
        "score_source": "offline",
        "skill_evidenced": rubric.skill if rubric else None,
        "content": content.signals(),
        "points_covered": content.points_covered,
        "points_missing": [p.covers for p in content.points_missing],
        "probe": probed,
        "delivery": delivery,
    }
    signals["reasons"] = score_reasons(signals)
    if n_words == 0:
        return 0.0, {**signals, "note": "no answer"}
    return content.score, signals


def with_llm_score(signals: dict[str, Any], llm: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    """The LLM's rubric score becomes the question's score; the offline one stays in ``signals["content"]``."""
    out = {**signals, "score_source": "llm", "llm": llm,
           "points_covered": [p["covers"] for p in llm.get("points", []) if p.get("covered")],
           "points_missing": [p["covers"] for p in llm.get("points", []) if not p.get("covered")]}
    out["reasons"] = score_reasons(out)
    if not signals.get("answer_words"):
        return 0.0, out
    return float(llm["score"]), out


@dataclass
class QuestionResult:
    index: int
    question: str
    skill: str | None
    weight: float
    answer: str
    score: float | None
    signals: dict[str, Any]
    fluency: dict[str, Any] = field(default_factory=dict)


def _skill_findings(scored: list[QuestionResult]) -> tuple[list[dict], list[dict], dict[str, float]]:
    strengths: list[dict[str, Any]] = []
    weaknesses: list[dict[str, Any]] = []
    by_skill: dict[str, list[QuestionResult]] = {}
    for r in scored:
        by_skill.setdefault(r.skill or "General", []).append(r)
    averages = skill_scores((r.skill, r.score) for r in scored)
    for skill, rs in by_skill.items():
        avg = averages[skill]
        sig = {"questions": [r.index for r in rs], "average_score": avg,
               "points_covered": [p for r in rs for p in r.signals.get("points_covered") or []],
               "points_missing": [p for r in rs for p in r.signals.get("points_missing") or []],
               "score_source": sorted({r.signals.get("score_source", "offline") for r in rs})}
        if avg >= STRONG_AT:
            strengths.append({"area": skill, "detail": f"Specific, on-topic answers on {skill}", "signals": sig})
        elif avg < WEAK_BELOW:
            weaknesses.append({"area": skill, "detail": f"Answers on {skill} were general, thin or off the question",
                               "signals": sig})
    return strengths, weaknesses, averages


def note_flags(rows: Sequence[MetricLike], *, show_delivery: bool) -> list[dict[str, Any]]:
    """Integrity notes with their times (db/aggregates.py), as the report's flags: notes, never verdicts."""
    return [{"flag": n.kind, "start_s": n.start_s, "end_s": n.end_s, "detail": describe_note(n),
             "signals": {"seconds": n.seconds}} for n in integrity_notes(rows, include_look_away=show_delivery)]


def build_report(
    results: list[QuestionResult], *, eye: dict[str, Any], fluency: dict[str, Any], rows: Sequence[MetricLike] = (),
    engagement: dict[str, Any] | None = None, end_reason: str | None = None, show_delivery: bool = True,
) -> dict[str, Any]:
    """The interview_reports row: the content-only overall score, skill strengths and weaknesses with their
    signals, a summary; delivery (figures over the per-second ``rows``, fluency, engagement) in its own advisory
    section, left out when the company hides it. Eye contact and face in view are the rows' figures, the same the
    API's summary computes (db/aggregates.py); the frame-level details stay beside them."""
    scored = [r for r in results if r.score is not None]
    total_w = sum(r.weight for r in scored)
    overall = round(sum(r.score * r.weight for r in scored) / total_w, 1) if total_w else None
    strengths, weaknesses, averages = _skill_findings(scored)

    probed = [r.index for r in results if r.signals.get("probe")]
    if results and len(probed) > len(results) / 2:
        weaknesses.append({"area": "Depth", "detail": "Most answers needed a follow-up question",
                           "signals": {"probed_questions": probed, "questions": len(results)}})

    figures = interview_figures(rows)
    # the camera was not analysed (declined, or not a shortlisted application): not collected, never zero
    video_collected = not rows or not all(VIDEO_NOT_COLLECTED in (getattr(r, "flags", None) or ()) for r in rows)
    if not video_collected:
        eye = {"collected": False}
    elif figures is not None:
        eye = {**eye, "eye_contact_ratio": figures.eye_contact_ratio, "face_present_ratio": figures.face_in_view_ratio}
    answered = sum(1 for r in results if r.signals.get("answer_words"))
    parts = [f"Advisory skill score {overall:.0f}/100 from the content of the answers" if overall is not None
             else "No score", f"{answered} of {len(results)} questions answered"]
    if averages:
        parts.append("; ".join(f"{skill} {avg:.0f}" for skill, avg in averages.items()))
    if end_reason:
        parts.append(f"ended: {end_reason}")
    return {
        "overall_score": overall,
        "summary": ". ".join(parts) + ". Scores are advisory; a person makes the decision.",
        "strengths": strengths,
        "weaknesses": weaknesses,
        "eye_contact_summary": eye if show_delivery else {},
        "fluency_summary": fluency if show_delivery else {},
        "delivery": ({**delivery_report(fluency, figures, engagement), "video_collected": video_collected}
                     if show_delivery else {"hidden": True}),
        "flags": note_flags(rows, show_delivery=show_delivery),
    }


def practice_feedback(report: dict[str, Any], results: list[QuestionResult]) -> dict[str, Any]:
    """Candidate-facing feedback for a practice interview, in plain words; delivery tips kept apart."""
    tips: list[str] = []
    for w in report["weaknesses"]:
        if w["area"] == "Depth":
            tips.append("Answer with a concrete example: the situation, what you did and the result.")
        else:
            tips.append(f"Prepare one or two concrete stories that show your {w['area']} experience.")
    if not tips:
        tips.append("Keep practising with new questions; your answers were specific and on topic.")
    delivery_tips = [f"{o['area']}: {o['detail']}." for o in (report.get("delivery") or {}).get("observations", [])]
    return {
        "overall_score": report["overall_score"],
        "summary": report["summary"],
        "strengths": [s["detail"] for s in report["strengths"]],
        "tips": tips,
        "delivery": {"advisory": True, "not_in_score": True, "observations": delivery_tips},
        "questions": [_question_feedback(r) for r in results],
        "advisory": True,
    }


def _question_feedback(r: QuestionResult) -> dict[str, Any]:
    missing = (r.signals.get("points_missing") or [])[:2]
    tip = None
    if not r.signals.get("answer_words"):
        tip = "You did not answer this one: even a short, honest answer is better than none."
    elif missing:
        tip = "A strong answer would also cover: " + "; ".join(m[0].lower() + m[1:] for m in missing) + "."
    elif ((r.signals.get("content") or {}).get("specificity") or {}).get("score", 1.0) < 0.3:
        tip = "Use a concrete example: when it happened, what you did, and how it turned out."
    return {"question": r.question, "score": r.score, "points_covered": r.signals.get("points_covered") or [],
            "tip": tip}
