"""What the report and compare pages read, typed: the report bundle with its figures, notes, engagement and the
comparison with the job's other candidates, and a job's interviewed candidates side by side.

Figures and notes come from the per-second rows through ``db/aggregates.py`` (the same functions as the
interview's ``metrics_summary`` and the agent's report); engagement, eye contact and the fluency score of other
candidates come from their stored reports, which the agent computed with the same functions. A company that hides
delivery signals gets none of them.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from statistics import median
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.interviews.report_schemas import (
    CompareRow,
    Comparison,
    Engagement,
    IntegrityNoteOut,
    QuestionDelivery,
    QuestionEngagement,
)
from db.aggregates import describe_note, integrity_notes, skill_scores
from db.models import Application, Candidate, Interview, InterviewReport, QuestionScore

logger = logging.getLogger(__name__)


def notes_out(rows: list[Any], *, hidden: bool) -> list[IntegrityNoteOut]:
    return [IntegrityNoteOut(kind=n.kind, start_s=n.start_s, end_s=n.end_s, seconds=n.seconds,
                             detail=describe_note(n)) for n in integrity_notes(rows, include_look_away=not hidden)]


def engagement_of(delivery: dict[str, Any] | None) -> Engagement | None:
    """The stored engagement, typed (None: not computed, hidden, or from an older agent)."""
    raw = (delivery or {}).get("engagement")
    if not raw:
        return None
    try:
        return msgspec.convert(raw, Engagement)
    except msgspec.ValidationError as e:
        logger.warning("stored engagement does not match its schema: %s", e)
        return None


def question_delivery(score: QuestionScore) -> QuestionDelivery:
    d = (score.signals or {}).get("delivery") or {}
    fluency = score.fluency or {}
    return QuestionDelivery(
        eye_contact_ratio=score.eye_contact_ratio,
        face_in_view_ratio=d.get("face_in_view_ratio", d.get("face_present_ratio")),
        articulation_rate_sps=fluency.get("articulation_rate_sps"),
        speech_rate_sps=fluency.get("speech_rate_sps"),
        pause_count=fluency.get("pause_count"),
        fluency_score=d.get("fluency_score"),
    )


def question_extras(score: QuestionScore, engagement: Engagement | None, *, hidden: bool) -> dict[str, Any]:
    """The typed parts of a question's row: the signals that moved its score in words, its delivery and
    engagement (none when hidden)."""
    by_index: dict[int, QuestionEngagement] = {q.question_index: q for q in engagement.questions} if engagement else {}
    return {
        "reasons": [str(r) for r in (score.signals or {}).get("reasons") or []],
        "delivery": None if hidden else question_delivery(score),
        "engagement": None if hidden else by_index.get(score.question_index),
    }


# --- a job's interviewed candidates ---------------------------------------------------------------------------


@dataclass
class JobCandidate:
    """An application of the job and its latest interview with a report."""

    application_id: uuid.UUID
    interview_id: uuid.UUID
    name: str
    status: str
    started_at: datetime | None
    screening_score: float | None
    overall_score: float | None
    delivery: dict[str, Any]
    skill_scores: dict[str, float]


async def job_candidates(session: AsyncSession, job_id: uuid.UUID, company_id: uuid.UUID) -> list[JobCandidate]:
    rows = await session.execute(
        select(Interview.id, Interview.application_id, Interview.status, Interview.started_at, Candidate.full_name,
               Application.screening_score, InterviewReport.overall_score, InterviewReport.delivery)
        .join(InterviewReport, InterviewReport.interview_id == Interview.id)
        .join(Application, Application.id == Interview.application_id)
        .join(Candidate, Candidate.id == Application.candidate_id)
        .where(Application.job_id == job_id, Interview.company_id == company_id)
        .order_by(InterviewReport.created_at.desc()))
    latest: dict[uuid.UUID, JobCandidate] = {}
    for iid, app_id, status, started, name, screening, overall, delivery in rows:
        if app_id not in latest:  # newest report first: a re-interviewed candidate counts once, as now
            latest[app_id] = JobCandidate(app_id, iid, name, status.value, started, screening, overall,
                                          delivery or {}, {})
    by_interview = {c.interview_id: c for c in latest.values()}
    if by_interview:
        scores = await session.execute(select(QuestionScore.interview_id, QuestionScore.skill, QuestionScore.score)
                                       .where(QuestionScore.interview_id.in_(by_interview)))
        pairs: dict[uuid.UUID, list[tuple[str | None, float | None]]] = {}
        for iid, skill, score in scores:
            pairs.setdefault(iid, []).append((skill, score))
        for iid, candidate in by_interview.items():
            candidate.skill_scores = skill_scores(pairs.get(iid, []))
    return list(latest.values())


def compare_row(c: JobCandidate, *, hidden: bool) -> CompareRow:
    delivery = {} if hidden else c.delivery
    engagement = delivery.get("engagement") or {}
    figures = delivery.get("figures") or {}
    return CompareRow(
        application_id=c.application_id, interview_id=c.interview_id, candidate_name=c.name,
        interview_status=c.status, interviewed_at=c.started_at, screening_score=c.screening_score,
        overall_score=c.overall_score, skill_scores=c.skill_scores,
        engagement_score=engagement.get("score"), eye_contact_ratio=figures.get("eye_contact_ratio"),
        fluency_score=delivery.get("fluency_score"), response_latency_s=engagement.get("response_latency_s"),
        speaking_share=engagement.get("speaking_share"),
    )


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(median(present), 3) if present else None


def comparison(rows: list[CompareRow], interview_id: uuid.UUID) -> Comparison | None:
    """This interview against the job's other candidates; None when it has no report or nobody to compare to."""
    me = next((r for r in rows if r.interview_id == interview_id), None)
    others = [r for r in rows if r.interview_id != interview_id]
    if me is None or not others:
        return None
    ranked = sorted((r for r in rows if r.overall_score is not None), key=lambda r: -(r.overall_score or 0.0))
    rank = next((n for n, r in enumerate(ranked, 1) if r.interview_id == interview_id), None)
    return Comparison(
        others=len(others),
        overall_score_median=_median([r.overall_score for r in others]),
        overall_score_rank=rank, ranked=len(ranked),
        eye_contact_ratio_median=_median([r.eye_contact_ratio for r in others]),
        engagement_score_median=_median([r.engagement_score for r in others]),
        response_latency_median_s=_median([r.response_latency_s for r in others]),
        speaking_share_median=_median([r.speaking_share for r in others]),
    )


def skill_columns(job_skills: list[str], rows: list[CompareRow]) -> list[str]:
    seen = {s for r in rows for s in r.skill_scores}
    return [*job_skills, *sorted(seen - set(job_skills))]
