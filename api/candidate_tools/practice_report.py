"""A practice interview's report for the candidate who took it, in the same form as the hiring team's report.

Only PRACTICE interviews the candidate started (their own interview_sessions row) are served here: a recruiting
interview's scores stay with the hiring team.
"""

from __future__ import annotations

import uuid
from typing import Annotated

import msgspec
from litestar import Controller, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, QueryParameter
from sqlalchemy import select

from api.auth.deps import Principal
from api.common.errors import NotFound
from api.common.openapi import BEARER
from api.interviews.controllers import provide_interview_service
from api.interviews.report_data import engagement_of, notes_out, question_extras
from api.interviews.schemas import (
    MetricsPage,
    QuestionScoreOut,
    ReportBundle,
    ReportOut,
    TranscriptSegmentOut,
)
from api.interviews.services import InterviewService
from db.aggregates import interview_figures
from db.contract import MetricRow
from db.enums import InterviewMode
from db.models import Interview, InterviewSession


def _convert(obj: object, schema: type) -> object:
    return msgspec.convert(obj, schema, from_attributes=True)


async def own_practice(service: InterviewService, candidate: Principal, session_id: uuid.UUID) -> Interview:
    interview = await service.repository.session.scalar(
        select(Interview).join(InterviewSession, InterviewSession.interview_id == Interview.id)
        .where(InterviewSession.id == session_id, InterviewSession.user_id == candidate.user_id,
               Interview.mode == InterviewMode.PRACTICE))
    if interview is None:
        raise NotFound("practice interview not found")
    return interview


class PracticeReportController(Controller):
    path = "/api/candidate/v1/mock-interviews/{session_id:uuid}"
    tags = ["candidate tools"]
    security = BEARER
    dependencies = {"interviews_service": Provide(provide_interview_service)}

    @get("/report", operation_id="getMyPracticeReport",
         summary="My practice interview's report: per-question scores with their reasons, figures, notes and "
         "engagement (null until written)")
    async def report(self, candidate: NamedDependency[Principal], session_id: FromPath[uuid.UUID],
                     interviews_service: NamedDependency[InterviewService]) -> ReportBundle:
        interview = await own_practice(interviews_service, candidate, session_id)
        report, scores, _usage = await interviews_service.report_bundle(interview.id)
        rows = await interviews_service.figure_rows(interview.id)
        engagement = None if report is None else engagement_of(report.delivery)
        questions = [msgspec.structs.replace(_convert(s, QuestionScoreOut),  # type: ignore[type-var]
                                             **question_extras(s, engagement, hidden=False)) for s in scores]
        return ReportBundle(
            interview_id=interview.id, status=interview.status,
            report=_convert(report, ReportOut) if report else None,  # type: ignore[arg-type]
            question_scores=questions, usage=None, job_id=None,  # type: ignore[arg-type]
            delivery_signals_hidden=False, figures=interview_figures(rows), notes=notes_out(rows, hidden=False),
            engagement=engagement, comparison=None,
        )

    @get("/metrics", operation_id="listMyPracticeMetrics", summary="My practice interview's per-second figures")
    async def metrics(self, candidate: NamedDependency[Principal], session_id: FromPath[uuid.UUID],
                      interviews_service: NamedDependency[InterviewService],
                      since_t: Annotated[int, QueryParameter(ge=-1, le=10_000_000)] = -1,
                      limit: Annotated[int, QueryParameter(ge=1, le=1000)] = 300) -> MetricsPage:
        interview = await own_practice(interviews_service, candidate, session_id)
        rows = await interviews_service.metric_rows(interview.id, since_t, limit)
        return MetricsPage(items=[_convert(r, MetricRow) for r in rows],  # type: ignore[misc]
                           next_since_t=rows[-1].t_s if rows else (since_t if since_t >= 0 else None))

    @get("/transcript", operation_id="listMyPracticeTranscript", summary="My practice interview's transcript")
    async def transcript(self, candidate: NamedDependency[Principal], session_id: FromPath[uuid.UUID],
                         interviews_service: NamedDependency[InterviewService]) -> list[TranscriptSegmentOut]:
        interview = await own_practice(interviews_service, candidate, session_id)
        rows = await interviews_service.transcript(interview.id, -1, 5000)
        return [_convert(r, TranscriptSegmentOut) for r in rows]  # type: ignore[misc]
