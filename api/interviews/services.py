from __future__ import annotations

import logging
import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
from advanced_alchemy.filters import StatementFilter
from advanced_alchemy.repository import SQLAlchemyAsyncRepository
from advanced_alchemy.service import SQLAlchemyAsyncRepositoryService
from sqlalchemy import ColumnElement, or_, select

from api.applications.services import ApplicationService
from api.auth.deps import Principal
from api.common import idempotency
from api.common.errors import BadRequest, Conflict, NotFound
from api.common.keyset import Found, keyset_page
from api.config import Settings
from api.email import events as email_events
from api.interviews import lifecycle
from api.interviews.delivery import (
    hides_delivery,
    metric_without_delivery,
    report_without_delivery,
    summary_without_delivery,
)
from api.interviews.dispatcher import capacity_view
from api.interviews.schemas import (
    CapacityOut,
    FeedbackIn,
    InterviewCreate,
    InterviewReschedule,
    MetricsPage,
    MetricsSummary,
    ReportOut,
)
from db.aggregates import interview_figures
from db.contract import MetricRow, room_name_for
from db.enums import (
    TERMINAL_INTERVIEW_STATUSES,
    ApplicationStatus,
    InterviewKind,
    InterviewMode,
    InterviewStatus,
)
from db.models import (
    Application,
    Candidate,
    Interview,
    InterviewFeedback,
    InterviewMetric,
    InterviewReport,
    InterviewUsage,
    Job,
    QuestionScore,
    ScheduleChange,
    TranscriptSegment,
)

logger = logging.getLogger(__name__)

SCHEDULABLE_APPLICATION_STATUSES = frozenset(
    {
        ApplicationStatus.APPLIED,
        ApplicationStatus.SCREENING,
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.INTERVIEW_SCHEDULED,
    }
)


def check_booking_time(scheduled_at: datetime, now: datetime | None = None) -> datetime:
    now = now or datetime.now(UTC)
    scheduled_at = scheduled_at.astimezone(UTC)
    if scheduled_at < now - timedelta(minutes=5):
        raise BadRequest("scheduled_at is in the past", extra={"field": "scheduled_at"})
    if scheduled_at > now + timedelta(days=365):
        raise BadRequest("scheduled_at is more than a year ahead", extra={"field": "scheduled_at"})
    return scheduled_at


def interview_visibility(principal: Principal) -> list[ColumnElement[bool]]:
    if principal.is_recruiter:
        return [Interview.company_id == principal.company_id]
    if principal.is_candidate:
        own_applications = (
            select(Application.id)
            .join(Candidate, Candidate.id == Application.candidate_id)
            .where(Candidate.user_id == principal.user_id)
        )
        return [or_(Interview.candidate_user_id == principal.user_id, Interview.application_id.in_(own_applications))]
    return [Interview.id.is_(None)]


class FeedbackService(SQLAlchemyAsyncRepositoryService[InterviewFeedback]):
    class Repo(SQLAlchemyAsyncRepository[InterviewFeedback]):
        model_type = InterviewFeedback

    repository_type = Repo

    async def add(self, interview_id: uuid.UUID, author: Principal, data: FeedbackIn) -> InterviewFeedback:
        await InterviewService(session=self.repository.session).get_visible(interview_id, author)
        return await self.create(InterviewFeedback(interview_id=interview_id, author_id=author.user_id,
                                                   rating=data.rating, notes=data.notes))

    async def of_interview(self, interview_id: uuid.UUID, principal: Principal) -> list[InterviewFeedback]:
        """The feedback on an interview this user may see, oldest first."""
        await InterviewService(session=self.repository.session).get_visible(interview_id, principal)
        return list(await self.get_many(InterviewFeedback.interview_id == interview_id,
                                        order_by=[(InterviewFeedback.created_at, False)]))


class InterviewService(SQLAlchemyAsyncRepositoryService[Interview]):
    class Repo(SQLAlchemyAsyncRepository[Interview]):
        model_type = Interview

    repository_type = Repo

    async def get_visible(self, interview_id: uuid.UUID, principal: Principal, for_update: bool = False) -> Interview:
        statement = select(Interview).with_for_update() if for_update else None
        interview = await self.get_one_or_none(
            Interview.id == interview_id, *interview_visibility(principal), statement=statement
        )
        if interview is None:
            raise NotFound("interview not found")
        return interview

    async def list_visible(self, principal: Principal, filters: list[StatementFilter]
                           ) -> tuple[Found, dict[uuid.UUID, dict[str, str | None]]]:
        """One keyset page of the interviews this user may see, with their labels."""
        statement = select(Interview).where(*interview_visibility(principal))
        found = await keyset_page(self.repository.session, statement, Interview, filters, scalars=True)
        return found, await self.labels(found.rows)

    async def capacity(self, settings: Settings, company_id: uuid.UUID | None) -> CapacityOut:
        return await capacity_view(self.repository.session, settings, company_id)

    async def labels(self, interviews: list[Interview]) -> dict[uuid.UUID, dict[str, str | None]]:
        """Candidate name and job title for each interview (one query), so lists read like people, not ids."""
        app_ids = {i.application_id for i in interviews if i.application_id is not None}
        if not app_ids:
            return {}
        rows = await self.repository.session.execute(
            select(Application.id, Candidate.full_name, Job.title)
            .join(Candidate, Candidate.id == Application.candidate_id)
            .join(Job, Job.id == Application.job_id)
            .where(Application.id.in_(app_ids))
        )
        by_app = {app_id: {"candidate_name": name, "job_title": title} for app_id, name, title in rows}
        return {i.id: by_app[i.application_id] for i in interviews if i.application_id in by_app}

    async def schedule(
        self,
        application_id: uuid.UUID,
        recruiter: Principal,
        data: InterviewCreate,
        idempotency_key: str | None = None,
    ) -> tuple[Interview, bool]:
        """Book an interview: rows only, nothing outside Postgres (the room and the agent come when the candidate
        arrives). Returns the interview and whether this was a replay of an earlier request with the same key."""
        session = self.repository.session
        claimed = await idempotency.claim(
            session, user_id=recruiter.user_id, scope=f"book_interview:{application_id}", key=idempotency_key,
            body=msgspec.to_builtins(data),
        )
        if claimed is not None and claimed.replay_id is not None:
            return await self.get_visible(claimed.replay_id, recruiter), True
        applications = ApplicationService(session=session)
        application = await applications.get_visible(application_id, recruiter, for_update=True)
        if application.status not in SCHEDULABLE_APPLICATION_STATUSES:
            raise Conflict(
                f"an interview cannot be scheduled for an application that is {application.status.value}",
                extra={
                    "application_status": application.status.value,
                    "schedulable": sorted(s.value for s in SCHEDULABLE_APPLICATION_STATUSES),
                },
            )
        scheduled_at = check_booking_time(data.scheduled_at)
        interview_id = uuid.uuid4()
        interview = Interview(
            id=interview_id,
            application_id=application.id,
            company_id=recruiter.company_id,
            candidate_user_id=application.candidate.user_id,
            kind=data.kind,
            mode=InterviewMode.RECRUITING,
            status=InterviewStatus.SCHEDULED,
            scheduled_at=scheduled_at,
            duration_minutes=data.duration_minutes,
            # every interview meets in a room: AI ones with the agent, HUMAN ones with the hiring team
            room_name=room_name_for(interview_id),
            join_code=secrets.token_urlsafe(24),
            note_taker=data.kind == InterviewKind.HUMAN and data.note_taker,
        )
        interview = await self.create(interview)
        if claimed is not None:
            await claimed.record(session, interview.id)
        if application.status == ApplicationStatus.SHORTLISTED:
            await applications.change_status(
                application, ApplicationStatus.INTERVIEW_SCHEDULED, recruiter.user_id, "interview scheduled"
            )
        await email_events.interview_booked(session, interview)  # the invitation, in the booking's transaction
        return interview, False

    async def reschedule(self, interview_id: uuid.UUID, recruiter: Principal, data: InterviewReschedule
                         ) -> tuple[Interview, bool]:
        """The moved interview, and whether the candidate had arrived for the old time (their room is then closed
        by the caller once this has committed)."""
        interview = await self.get_visible(interview_id, recruiter, for_update=True)
        had_arrival = interview.candidate_arrived_at is not None
        scheduled_at = check_booking_time(data.scheduled_at)
        change = lifecycle.reschedule(interview, scheduled_at=scheduled_at, duration_minutes=data.duration_minutes,
                                      reason=data.reason, changed_by=recruiter.user_id)
        self.repository.session.add(change)
        interview = await self.update(interview)
        await email_events.interview_rescheduled(self.repository.session, interview, change)
        return interview, had_arrival

    async def schedule_history(self, interview_id: uuid.UUID, principal: Principal) -> list[ScheduleChange]:
        await self.get_visible(interview_id, principal)
        rows = await self.repository.session.scalars(
            select(ScheduleChange).where(ScheduleChange.interview_id == interview_id).order_by(ScheduleChange.id)
        )
        return list(rows.all())

    async def cancel(self, interview_id: uuid.UUID, recruiter: Principal, reason: str | None) -> Interview:
        """The room, if any, is closed by the caller once this has committed."""
        interview = await self.get_visible(interview_id, recruiter, for_update=True)
        if interview.status in TERMINAL_INTERVIEW_STATUSES:
            raise Conflict(
                f"the interview is already {interview.status.value}", extra={"interview_status": interview.status.value}
            )
        interview.status = InterviewStatus.CANCELLED
        interview.ended_at = datetime.now(UTC)
        interview.end_reason = reason or "cancelled by recruiter"
        interview.waiting_since = None
        return await self.update(interview)

    async def delivery_hidden(self, company_id: uuid.UUID | None) -> bool:
        """The company chose to keep delivery signals (eye contact, fluency) out of what its team sees."""
        return await hides_delivery(self.repository.session, company_id)

    async def team_view(self, interview: Interview) -> dict[str, Any]:
        """What only the hiring team sees of an interview: its figures and report, both without the delivery
        signals when the company hides them."""
        hidden = await self.delivery_hidden(interview.company_id)
        summary = await self.metrics_summary(interview.id)
        row = await self.report_of(interview.id)
        report = msgspec.convert(row, ReportOut, from_attributes=True) if row else None
        if hidden:
            summary = summary_without_delivery(summary) if summary else None
            report = report_without_delivery(report) if report else None
        return {"metrics_summary": summary, "report": report, "delivery_signals_hidden": hidden}

    async def metrics_page(self, interview_id: uuid.UUID, principal: Principal, since_t: int, limit: int
                           ) -> MetricsPage:
        interview = await self.get_visible(interview_id, principal)
        hidden = await self.delivery_hidden(interview.company_id)
        rows = await self.metric_rows(interview_id, since_t, limit)
        items = [msgspec.convert(r, MetricRow, from_attributes=True) for r in rows]
        if hidden:
            items = [metric_without_delivery(m) for m in items]
        return MetricsPage(items=items, next_since_t=rows[-1].t_s if rows else (since_t if since_t >= 0 else None))

    async def visible_transcript(self, interview_id: uuid.UUID, principal: Principal, since_s: float, limit: int
                                 ) -> list[TranscriptSegment]:
        await self.get_visible(interview_id, principal)
        return await self.transcript(interview_id, since_s, limit)

    async def report_of(self, interview_id: uuid.UUID) -> InterviewReport | None:
        return await self.repository.session.scalar(
            select(InterviewReport).where(InterviewReport.interview_id == interview_id))

    async def report_bundle(self, interview_id: uuid.UUID
                            ) -> tuple[InterviewReport | None, list[QuestionScore], InterviewUsage | None]:
        session = self.repository.session
        usage = await session.scalar(select(InterviewUsage).where(InterviewUsage.interview_id == interview_id))
        scores = await session.scalars(
            select(QuestionScore).where(QuestionScore.interview_id == interview_id)
            .order_by(QuestionScore.question_index))
        return await self.report_of(interview_id), list(scores), usage

    async def metric_rows(self, interview_id: uuid.UUID, since_t: int, limit: int) -> list[InterviewMetric]:
        rows = await self.repository.session.scalars(
            select(InterviewMetric).where(InterviewMetric.interview_id == interview_id, InterviewMetric.t_s > since_t)
            .order_by(InterviewMetric.t_s).limit(limit))
        return list(rows)

    async def transcript(self, interview_id: uuid.UUID, since_s: float, limit: int) -> list[TranscriptSegment]:
        rows = await self.repository.session.scalars(
            select(TranscriptSegment)
            .where(TranscriptSegment.interview_id == interview_id, TranscriptSegment.start_s > since_s)
            .order_by(TranscriptSegment.start_s, TranscriptSegment.id).limit(limit))
        return list(rows)

    async def figure_rows(self, interview_id: uuid.UUID) -> list[Any]:
        """The per-second rows' columns the figures read (db/aggregates.py), oldest first."""
        m = InterviewMetric
        rows = await self.repository.session.execute(
            select(m.t_s, m.question_index, m.face_present, m.num_faces, m.eye_contact, m.speech_rate_sps,
                   m.articulation_rate_sps, m.pause_count, m.phonation_ratio, m.frames_analyzed, m.frames_dropped)
            .where(m.interview_id == interview_id).order_by(m.t_s))
        return list(rows)

    async def metrics_summary(self, interview_id: uuid.UUID) -> MetricsSummary | None:
        """The interview's figures over its rows: the same function the agent's report uses."""
        return interview_figures(await self.figure_rows(interview_id))
