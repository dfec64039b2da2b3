from __future__ import annotations

import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from advanced_alchemy.repository import SQLAlchemyAsyncRepository
from advanced_alchemy.service import SQLAlchemyAsyncRepositoryService
from sqlalchemy import ColumnElement, Integer, cast, func, or_, select

from api.applications.services import ApplicationService
from api.auth.deps import Principal
from api.common.errors import BadRequest, Conflict, Gone, NotFound, ServiceUnavailable
from api.config import Settings
from api.interviews.schemas import InterviewCreate, MetricsSummary
from api.livekit_tokens.gateway import LiveKitGateway, LiveKitUnavailable, room_name_for
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
    Job,
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


@dataclass(frozen=True)
class Window:
    opens_at: datetime
    closes_at: datetime


def join_window(interview: Interview, settings: Settings) -> Window:
    start = interview.scheduled_at
    return Window(
        opens_at=start - timedelta(minutes=settings.join_early_minutes),
        closes_at=start + timedelta(minutes=interview.duration_minutes + settings.join_late_minutes),
    )


def link_state(interview: Interview, settings: Settings, now: datetime | None = None) -> tuple[str, str]:
    """(state, message) for the candidate's join page and the token endpoint."""
    now = now or datetime.now(UTC)
    status = interview.status
    if status == InterviewStatus.CANCELLED:
        return "cancelled", "This interview was cancelled."
    if status == InterviewStatus.COMPLETED:
        return "completed", "This interview is over. Thank you!"
    if status in TERMINAL_INTERVIEW_STATUSES:
        return "over", f"This interview has ended ({status.value.lower().replace('_', ' ')})."
    if interview.kind != InterviewKind.AI or not interview.room_name:
        return "unavailable", "This interview does not take place in an online room."
    window = join_window(interview, settings)
    if now < window.opens_at:
        return "not_open_yet", f"The interview room opens at {window.opens_at.isoformat()}."
    if now > window.closes_at:
        return "over", "The time for this interview has passed."
    return "open", "The interview room is open."


def ensure_joinable(interview: Interview, settings: Settings, *, early_ok: bool = False) -> None:
    state, message = link_state(interview, settings)
    if state == "open" or (state == "not_open_yet" and early_ok):
        return
    if state in {"cancelled", "completed", "over"}:
        raise Gone(message, extra={"state": state, "interview_status": interview.status.value})
    raise Conflict(message, extra={"state": state, "interview_status": interview.status.value})


class FeedbackService(SQLAlchemyAsyncRepositoryService[InterviewFeedback]):
    class Repo(SQLAlchemyAsyncRepository[InterviewFeedback]):
        model_type = InterviewFeedback

    repository_type = Repo


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
        settings: Settings,
        livekit: LiveKitGateway,
    ) -> Interview:
        session = self.repository.session
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
        now = datetime.now(UTC)
        scheduled_at = data.scheduled_at.astimezone(UTC)
        if scheduled_at < now - timedelta(minutes=5):
            raise BadRequest("scheduled_at is in the past", extra={"field": "scheduled_at"})
        if scheduled_at > now + timedelta(days=365):
            raise BadRequest("scheduled_at is more than a year ahead", extra={"field": "scheduled_at"})
        interview_id = uuid.uuid4()
        is_ai = data.kind == InterviewKind.AI
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
            room_name=room_name_for(interview_id) if is_ai else None,
            join_code=secrets.token_urlsafe(24) if is_ai else None,
        )
        interview = await self.create(interview)  # flushed: constraint errors surface before LiveKit is touched
        if application.status == ApplicationStatus.SHORTLISTED:
            await applications.change_status(
                application, ApplicationStatus.INTERVIEW_SCHEDULED, recruiter.user_id, "interview scheduled"
            )
        if is_ai:
            await self._dispatch(interview, settings, livekit)
        return interview

    async def _dispatch(self, interview: Interview, settings: Settings, livekit: LiveKitGateway) -> None:
        window = join_window(interview, settings)
        empty_timeout = int((window.closes_at - datetime.now(UTC)).total_seconds())
        try:
            dispatch = await livekit.create_room_and_dispatch(interview.id, empty_timeout)
        except LiveKitUnavailable as exc:
            raise ServiceUnavailable(f"{exc}; the interview was not scheduled", extra={"service": "livekit"}) from exc
        interview.dispatch_id = dispatch.dispatch_id
        try:
            await self.update(interview)
        except Exception:
            await livekit.delete_room(dispatch.room_name)
            raise

    async def ensure_dispatched(self, interview: Interview, settings: Settings, livekit: LiveKitGateway) -> None:
        """The room (and with it the dispatch) may have been closed since scheduling (LiveKit closes empty rooms,
        the agent may have given up waiting): dispatch again before the candidate joins."""
        if interview.kind != InterviewKind.AI or interview.status != InterviewStatus.SCHEDULED:
            return
        try:
            if interview.room_name and await livekit.has_dispatch(interview.room_name):
                return
        except LiveKitUnavailable as exc:
            raise ServiceUnavailable(str(exc), extra={"service": "livekit"}) from exc
        await self._dispatch(interview, settings, livekit)

    async def cancel(self, interview: Interview, reason: str | None, livekit: LiveKitGateway) -> Interview:
        if interview.status in TERMINAL_INTERVIEW_STATUSES:
            raise Conflict(
                f"the interview is already {interview.status.value}", extra={"interview_status": interview.status.value}
            )
        interview.status = InterviewStatus.CANCELLED
        interview.ended_at = datetime.now(UTC)
        interview.end_reason = reason or "cancelled by recruiter"
        interview = await self.update(interview)
        if interview.room_name:
            await livekit.delete_room(interview.room_name)
        return interview

    async def metrics_summary(self, interview_id: uuid.UUID) -> MetricsSummary | None:
        m = InterviewMetric
        row = (
            await self.repository.session.execute(
                select(
                    func.count(),
                    func.max(m.t_s),
                    func.avg(cast(m.face_present, Integer)),
                    func.avg(m.eye_contact),
                    func.avg(m.speech_rate_sps),
                    func.sum(m.pause_count),
                    func.coalesce(func.sum(m.frames_analyzed), 0),
                    func.coalesce(func.sum(m.frames_dropped), 0),
                ).where(m.interview_id == interview_id)
            )
        ).one()
        seconds, last_t, face, eye, rate, pauses, analyzed, dropped = row
        if not seconds:
            return None
        return MetricsSummary(
            seconds=seconds,
            last_t_s=last_t,
            face_present_ratio=round(float(face), 4) if face is not None else None,
            eye_contact_avg=round(float(eye), 4) if eye is not None else None,
            speech_rate_avg_sps=round(float(rate), 3) if rate is not None else None,
            pause_count=int(pauses) if pauses is not None else None,
            frames_analyzed=int(analyzed),
            frames_dropped=int(dropped),
        )
