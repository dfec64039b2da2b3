"""The changes that send mail, as one call each from the service that makes the change (in its transaction):
``application_received``, ``status_changed``, ``interview_booked``, ``interview_rescheduled``. Reminders and
finished interviews are found by the periodic email job (``api/email/periodic.py``)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.email.outbox import add_mail, when_text
from api.email.templates import STATUS_LABELS
from db.enums import ApplicationStatus
from db.models import Application, Candidate, Company, CompanyEmailSettings, Interview, Job, ScheduleChange

# the statuses candidates hear about unless their company chose others; INTERVIEW_SCHEDULED is left out because
# the invitation itself tells them
DEFAULT_NOTIFY_STATUSES = ("SHORTLISTED", "OFFERED", "REJECTED", "HIRED")


async def application_context(session: AsyncSession, application_id: uuid.UUID) -> dict[str, Any] | None:
    row = (await session.execute(
        select(Candidate.full_name, Candidate.email, Job.title, Job.id, Company.id, Company.name)
        .select_from(Application)
        .join(Candidate, Candidate.id == Application.candidate_id)
        .join(Job, Job.id == Application.job_id)
        .join(Company, Company.id == Job.company_id)
        .where(Application.id == application_id))).first()
    if row is None:
        return None
    name, email, title, job_id, company_id, company_name = row
    return {"candidate_name": name, "candidate_email": email, "job_title": title, "job_id": str(job_id),
            "company_id": str(company_id), "company_name": company_name, "application_id": str(application_id)}


async def _send_to_candidate(session: AsyncSession, kind: str, context: dict[str, Any],
                             dedupe_key: str | None = None) -> uuid.UUID | None:
    return await add_mail(session, company_id=uuid.UUID(context["company_id"]), kind=kind,
                          to=context["candidate_email"], context=context, dedupe_key=dedupe_key)


async def application_received(session: AsyncSession, application_id: uuid.UUID) -> uuid.UUID | None:
    context = await application_context(session, application_id)
    return await _send_to_candidate(session, "application_received", context) if context else None


async def notify_statuses(session: AsyncSession, company_id: uuid.UUID) -> set[str]:
    chosen = await session.scalar(select(CompanyEmailSettings.notify_statuses).where(
        CompanyEmailSettings.company_id == company_id))
    return set(chosen if chosen is not None else DEFAULT_NOTIFY_STATUSES)


async def status_changed(session: AsyncSession, application_id: uuid.UUID, previous: ApplicationStatus | None,
                         status: ApplicationStatus) -> uuid.UUID | None:
    context = await application_context(session, application_id)
    if context is None or status.value not in await notify_statuses(session, uuid.UUID(context["company_id"])):
        return None
    context |= {"status": status.value, "status_label": STATUS_LABELS.get(status.value, status.value.lower()),
                "previous_status": previous.value if previous else None}
    return await _send_to_candidate(session, "status_changed", context)


async def interview_context(session: AsyncSession, interview: Interview) -> dict[str, Any] | None:
    if interview.application_id is None:  # a candidate's practice interview: nothing to tell anyone
        return None
    context = await application_context(session, interview.application_id)
    if context is None:
        return None
    moves = await session.scalar(select(func.count()).select_from(ScheduleChange).where(
        ScheduleChange.interview_id == interview.id))
    return context | {
        "interview_id": str(interview.id), "interview_kind": interview.kind.value,
        "scheduled_at": interview.scheduled_at.isoformat(), "scheduled_at_text": when_text(interview.scheduled_at),
        "duration_minutes": interview.duration_minutes,
        "join_path": f"/interview/{interview.join_code}" if interview.join_code else None,
        # the calendar event's SEQUENCE: each move supersedes the event the candidate already has
        "sequence": int(moves or 0),
    }


async def interview_booked(session: AsyncSession, interview: Interview) -> uuid.UUID | None:
    context = await interview_context(session, interview)
    if context is None:
        return None
    return await _send_to_candidate(session, "interview_invitation", context, dedupe_key=f"invite:{interview.id}")


async def interview_rescheduled(session: AsyncSession, interview: Interview, change: ScheduleChange
                                ) -> uuid.UUID | None:
    await session.flush()  # the change row counts in the calendar SEQUENCE
    context = await interview_context(session, interview)
    if context is None:
        return None
    context |= {"old_scheduled_at_text": when_text(change.old_scheduled_at), "reason": change.reason or ""}
    key = f"moved:{interview.id}:{context['sequence']}"
    return await _send_to_candidate(session, "interview_rescheduled", context, dedupe_key=key)
