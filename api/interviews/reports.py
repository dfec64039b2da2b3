"""The report of an interview and a job's interviewed candidates side by side (the hiring team's)."""

from __future__ import annotations

import uuid

import msgspec
from litestar import Controller, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath
from sqlalchemy import select

from api.auth.deps import Principal
from api.common.errors import NotFound
from api.common.openapi import BEARER
from api.interviews.controllers import provide_interview_service
from api.interviews.delivery import report_without_delivery, score_without_delivery, summary_without_delivery
from api.interviews.report_data import (
    compare_row,
    comparison,
    engagement_of,
    job_candidates,
    notes_out,
    question_extras,
    skill_columns,
)
from api.interviews.report_schemas import CompareOut
from api.interviews.schemas import QuestionScoreOut, ReportBundle, ReportOut, UsageOut
from api.interviews.services import InterviewService
from db.aggregates import interview_figures
from db.models import Application, Interview, Job


def _convert(obj: object, schema: type) -> object:
    return msgspec.convert(obj, schema, from_attributes=True)


class ReportController(Controller):
    path = "/api/ats/v1"
    tags = ["interviews"]
    security = BEARER
    dependencies = {"interviews_service": Provide(provide_interview_service)}

    @get("/interviews/{interview_id:uuid}/report", operation_id="getInterviewReport",
         summary="Report, per-question scores with the signals that moved them, the interview's figures and "
         "integrity notes, engagement, the comparison with the job's other candidates, and usage (null until "
         "written)")
    async def report(
        self,
        recruiter: NamedDependency[Principal],
        interviews_service: NamedDependency[InterviewService],
        interview_id: FromPath[uuid.UUID],
    ) -> ReportBundle:
        interview = await interviews_service.get_visible(interview_id, recruiter)
        hidden = await interviews_service.delivery_hidden(interview.company_id)
        report, scores, usage = await interviews_service.report_bundle(interview_id)
        rows = await interviews_service.figure_rows(interview_id)
        engagement = None if hidden or report is None else engagement_of(report.delivery)
        report_out = _convert(report, ReportOut) if report else None
        questions = [msgspec.structs.replace(_convert(s, QuestionScoreOut),  # type: ignore[type-var]
                                             **question_extras(s, engagement, hidden=hidden)) for s in scores]
        figures = interview_figures(rows)
        if hidden:
            report_out = report_without_delivery(report_out) if report_out else None
            questions = [score_without_delivery(q) for q in questions]
            figures = summary_without_delivery(figures) if figures else None
        job_id = await self._job_of(interviews_service, interview)
        compared = None
        if job_id is not None and report is not None:
            candidates = await job_candidates(interviews_service.repository.session, job_id, recruiter.company_id)
            compared = comparison([compare_row(c, hidden=hidden) for c in candidates], interview.id)
        return ReportBundle(
            interview_id=interview.id, status=interview.status, report=report_out,  # type: ignore[arg-type]
            question_scores=questions,  # type: ignore[arg-type]
            usage=_convert(usage, UsageOut) if usage else None,  # type: ignore[arg-type]
            job_id=job_id, delivery_signals_hidden=hidden, figures=figures, notes=notes_out(rows, hidden=hidden),
            engagement=engagement, comparison=compared, video_analysis=interview.video_analysis,
            video_analysis_off_reason=interview.video_analysis_off_reason,
        )

    @staticmethod
    async def _job_of(interviews_service: InterviewService, interview: Interview) -> uuid.UUID | None:
        if interview.application_id is None:
            return None
        return await interviews_service.repository.session.scalar(
            select(Application.job_id).where(Application.id == interview.application_id))

    @get("/jobs/{job_id:uuid}/interview-comparison", operation_id="compareJobCandidates",
         summary="A job's interviewed candidates side by side (their latest interview with a report): overall and "
         "per-skill scores, engagement, eye contact, fluency. Advisory: a person makes the decision")
    async def compare(
        self,
        recruiter: NamedDependency[Principal],
        interviews_service: NamedDependency[InterviewService],
        job_id: FromPath[uuid.UUID],
    ) -> CompareOut:
        session = interviews_service.repository.session
        job = await session.scalar(select(Job).where(Job.id == job_id, Job.company_id == recruiter.company_id))
        if job is None:
            raise NotFound("job not found")
        hidden = await interviews_service.delivery_hidden(recruiter.company_id)
        rows = [compare_row(c, hidden=hidden) for c in await job_candidates(session, job_id, job.company_id)]
        rows.sort(key=lambda r: (r.overall_score is None, -(r.overall_score or 0.0)))
        skills = [s.name for s in sorted(job.skills, key=lambda s: -s.weight)]
        return CompareOut(job_id=job.id, job_title=job.title, skills=skill_columns(skills, rows),
                          delivery_signals_hidden=hidden, candidates=rows)
