"""What a join code shows: the interview with its job and company, its join state and the last time it moved."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.common.errors import NotFound
from api.config import Settings
from api.interviews.lifecycle import join_window, link_state, waiting_position
from api.interviews.schemas import InterviewLinkOut
from api.privacy.consent import offer_for
from db.models import Application, Company, Interview, Job, ScheduleChange


async def _moved_from(session: AsyncSession, interview: Interview) -> datetime | None:
    return await session.scalar(
        select(ScheduleChange.old_scheduled_at).where(ScheduleChange.interview_id == interview.id)
        .order_by(ScheduleChange.id.desc()).limit(1)
    )


async def link_view(session: AsyncSession, settings: Settings, join_code: str) -> InterviewLinkOut:
    """The candidate's join page for a code (404 for an unknown one)."""
    row = (
        await session.execute(
            select(Interview, Job.title, Company.name)
            .outerjoin(Application, Application.id == Interview.application_id)
            .outerjoin(Job, Job.id == Application.job_id)
            .outerjoin(Company, Company.id == Interview.company_id)
            .where(Interview.join_code == join_code)
        )
    ).first()
    if row is None:
        raise NotFound("unknown interview link")
    interview, job_title, company_name = row
    state = link_state(interview, settings, position=await waiting_position(session, interview))
    window = join_window(interview, settings)
    return InterviewLinkOut(
        state=state.state,  # type: ignore[arg-type]
        message=state.message,
        position=state.position,
        rescheduled_from=await _moved_from(session, interview),
        interview_status=interview.status,
        kind=interview.kind,
        job_title=job_title,
        company_name=company_name,
        scheduled_at=interview.scheduled_at,
        duration_minutes=interview.duration_minutes,
        opens_at=window.opens_at,
        start_by=window.start_by,
        closes_at=window.ends_at,
        consent_text=settings.consent_text,
        consent=(await offer_for(session, interview, settings.consent_text)).out(),
    )
