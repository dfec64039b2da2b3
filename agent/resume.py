"""Resuming an interview another agent host ran until it was lost (killed, crashed, cut off).

The lifecycle job puts such an interview back in line while the candidate is still in the room
(``api/interviews/tasks.py`` resume_lost); the host it goes to reads here what Postgres already holds: which
questions were asked and answered, the consent, the per-second metrics and the closed questions' scores. The
interview's clock goes on from its original start, so metrics seconds and transcript times keep their meaning.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from analytics.gaze_calibration import GazeCalibration
from db.contract import MetricRow
from db.enums import ConsentDecision, Speaker
from db.models import Interview, InterviewConsent, InterviewMetric, QuestionScore, TranscriptSegment


@dataclass
class ResumeState:
    started_at: datetime
    consent_given: bool
    last_asked: int  # the last question the interviewer finished saying (-1: none yet)
    last_asked_at_s: float | None
    answers: dict[int, list[str]] = field(default_factory=dict)  # the candidate's answers by question
    metrics: list[MetricRow] = field(default_factory=list)
    scores: list[dict[str, Any]] = field(default_factory=list)  # question_scores rows of closed questions
    calibration: GazeCalibration | None = None

    @property
    def last_answered(self) -> bool:
        return bool(self.answers.get(self.last_asked))


_METRIC_FIELDS = tuple(f for f in MetricRow.__struct_fields__)


async def load_resume_state(session: AsyncSession, interview_id: uuid.UUID, started_at: datetime) -> ResumeState:
    interview = await session.get(Interview, interview_id)
    segments = (await session.scalars(
        sa.select(TranscriptSegment).where(TranscriptSegment.interview_id == interview_id)
        .order_by(TranscriptSegment.start_s))).all()
    asked = [s for s in segments if s.speaker == Speaker.AGENT and s.question_index is not None]
    answers: dict[int, list[str]] = {}
    for s in segments:
        if s.speaker == Speaker.CANDIDATE and not s.overlap and s.question_index is not None and s.text.strip():
            answers.setdefault(s.question_index, []).append(s.text)
    consent = await session.scalar(
        sa.select(sa.func.count()).select_from(InterviewConsent)
        .where(InterviewConsent.interview_id == interview_id, InterviewConsent.decision == ConsentDecision.GIVEN))
    metrics = (await session.scalars(
        sa.select(InterviewMetric).where(InterviewMetric.interview_id == interview_id)
        .order_by(InterviewMetric.t_s))).all()
    scores = (await session.scalars(
        sa.select(QuestionScore).where(QuestionScore.interview_id == interview_id))).all()
    last = max(asked, key=lambda s: (s.question_index, s.start_s)) if asked else None
    calibration = None
    if interview is not None and interview.gaze_calibration:
        try:
            calibration = GazeCalibration.from_dict(interview.gaze_calibration)
        except (KeyError, TypeError, ValueError):
            calibration = None
    return ResumeState(
        started_at=started_at,
        consent_given=bool(consent) or bool(asked),
        last_asked=last.question_index if last is not None else -1,
        last_asked_at_s=last.start_s if last is not None else None,
        answers=answers,
        metrics=[MetricRow(**{f: getattr(m, f) for f in _METRIC_FIELDS}) for m in metrics],
        scores=[{"question_index": q.question_index, "answer_text": q.answer_text, "score": q.score,
                 "signals": q.signals or {}, "fluency": q.fluency or {}} for q in scores],
        calibration=calibration,
    )
