"""Mail that no request causes: reminders before interviews, and the report of a finished interview to its
recruiter (the agent, which ends interviews, never imports the API). Both are found by time on every email tick;
each has a ``dedupe_key``, so a tick that runs twice, or two workers at once, still queue one mail."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.email.events import application_context, interview_context
from api.email.outbox import add_mail
from db.enums import InterviewStatus
from db.models import (
    CompanyEmailSettings,
    CompanyMembership,
    EmailOutbox,
    Interview,
    InterviewReport,
    Job,
    ScheduleChange,
    User,
)

DEFAULT_REMINDER_HOURS = (24, 1)
# a finished interview older than this is not reported any more (e.g. after the feature is first deployed)
COMPLETED_LOOKBACK = timedelta(days=2)


async def _reminder_hours(session: AsyncSession) -> dict[uuid.UUID, list[int]]:
    rows = await session.execute(select(CompanyEmailSettings.company_id, CompanyEmailSettings.reminder_hours))
    return {company_id: sorted(int(h) for h in hours) for company_id, hours in rows}


def due_reminder(hours: list[int], scheduled_at: datetime, booked_at: datetime, now: datetime) -> int | None:
    """The reminder to send now: the closest to the interview whose moment has come, if the booking (or the last
    move) was made before that moment (an interview booked two hours ahead gets no 24-hour reminder)."""
    for h in sorted(hours):
        moment = scheduled_at - timedelta(hours=h)
        if moment <= now < scheduled_at and booked_at <= moment:
            return h
    return None


async def queue_reminders(session: AsyncSession, now: datetime | None = None) -> list[uuid.UUID]:
    now = now or datetime.now(UTC)
    per_company = await _reminder_hours(session)
    horizon = max([*DEFAULT_REMINDER_HOURS, *(h for hours in per_company.values() for h in hours)], default=0)
    last_move = (select(ScheduleChange.interview_id, func.max(ScheduleChange.changed_at).label("moved_at"))
                 .group_by(ScheduleChange.interview_id).subquery())
    rows = await session.execute(
        select(Interview, func.greatest(Interview.created_at, func.coalesce(last_move.c.moved_at,
                                                                              Interview.created_at)))
        .outerjoin(last_move, last_move.c.interview_id == Interview.id)
        .where(Interview.status == InterviewStatus.SCHEDULED, Interview.application_id.is_not(None),
               Interview.scheduled_at > now, Interview.scheduled_at <= now + timedelta(hours=horizon)))
    queued = []
    for interview, booked_at in rows.all():
        hours = per_company.get(interview.company_id, list(DEFAULT_REMINDER_HOURS))
        h = due_reminder(hours, interview.scheduled_at, booked_at, now)
        if h is None:
            continue
        context = await interview_context(session, interview)
        if context is None:
            continue
        key = f"remind:{interview.id}:{h}:{int(interview.scheduled_at.timestamp())}"
        mail_id = await add_mail(session, company_id=interview.company_id, kind="interview_reminder",
                                 to=context["candidate_email"], context=context | {"hours_before": h},
                                 dedupe_key=key)
        if mail_id:
            queued.append(mail_id)
    return queued


async def _recruiters(session: AsyncSession, job_id: uuid.UUID, company_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    """The job's creator while still a member; otherwise (imported, seeded, or the creator left) every member of
    the company."""
    members = (select(User.id, User.email).join(CompanyMembership, CompanyMembership.user_id == User.id)
               .where(CompanyMembership.company_id == company_id, User.email.is_not(None)))
    creator = (await session.execute(members.join(Job, Job.created_by_id == User.id).where(Job.id == job_id))).all()
    if creator:
        return [(r[0], r[1]) for r in creator]
    return [(r[0], r[1]) for r in await session.execute(members)]


async def queue_completed_reports(session: AsyncSession, now: datetime | None = None) -> list[uuid.UUID]:
    now = now or datetime.now(UTC)
    rows = (await session.execute(
        select(Interview, InterviewReport.overall_score)
        .outerjoin(InterviewReport, InterviewReport.interview_id == Interview.id)
        .where(Interview.status == InterviewStatus.COMPLETED, Interview.application_id.is_not(None),
               Interview.ended_at > now - COMPLETED_LOOKBACK))).all()
    if not rows:
        return []
    done = set(await session.scalars(select(EmailOutbox.dedupe_key).where(
        EmailOutbox.kind == "interview_completed", EmailOutbox.created_at > now - 2 * COMPLETED_LOOKBACK)))
    queued = []
    for interview, overall in rows:
        if any(key and key.startswith(f"done:{interview.id}:") for key in done):
            continue
        context = await application_context(session, interview.application_id)
        if context is None:
            continue
        context |= {"interview_id": str(interview.id), "interview_kind": interview.kind.value,
                    "end_reason": interview.end_reason, "overall_score": overall}
        for user_id, email in await _recruiters(session, uuid.UUID(context["job_id"]), interview.company_id):
            mail_id = await add_mail(session, company_id=interview.company_id, kind="interview_completed",
                                     to=email, context=context, dedupe_key=f"done:{interview.id}:{user_id}")
            if mail_id:
                queued.append(mail_id)
    return queued
