from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import PathParameter
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.common.errors import NotFound
from api.common.ratelimit import PUBLIC, rate_limited
from api.config import Settings
from api.interviews.lifecycle import join_window, link_state, waiting_position
from api.interviews.schemas import InterviewLinkOut
from api.privacy.consent import offer_for
from db.models import Application, Company, Interview, Job, ScheduleChange


class InterviewLinkController(Controller):
    path = "/api/interview-links"
    tags = ["interviews"]

    @get(
        "/{join_code:str}",
        middleware=[rate_limited(PUBLIC)],
        summary="What the candidate's join page shows (public; the code is the capability)",
    )
    async def get_link(
        self,
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
        join_code: Annotated[str, PathParameter(min_length=1, max_length=64)],
    ) -> InterviewLinkOut:
        row = (
            await db_session.execute(
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
        state = link_state(interview, settings, position=await waiting_position(db_session, interview))
        window = join_window(interview, settings)
        moved_from = await db_session.scalar(
            select(ScheduleChange.old_scheduled_at).where(ScheduleChange.interview_id == interview.id)
            .order_by(ScheduleChange.id.desc()).limit(1)
        )
        return InterviewLinkOut(
            state=state.state,  # type: ignore[arg-type]
            message=state.message,
            position=state.position,
            rescheduled_from=moved_from,
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
            consent=(await offer_for(db_session, interview, settings.consent_text)).out(),
        )
