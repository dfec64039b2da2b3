"""The privacy endpoints' queries: erasure requests, an application's audit trail, a candidate's own demographics,
and the company's privacy settings."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.common.errors import Conflict, NotFound
from api.privacy.erasure import InterviewRunning, request_erasure
from api.privacy.schemas import AuditEventOut, DemographicsIn, ErasureOut, PrivacySettingsIn, PrivacySettingsOut
from db.models import Application, AuditEvent, Candidate, CandidateDemographics, Company, ErasureRequest, Job

SETTING_FIELDS = tuple(PrivacySettingsOut.__struct_fields__)


def privacy_settings(company: Company) -> PrivacySettingsOut:
    return PrivacySettingsOut(**{f: getattr(company, f) for f in SETTING_FIELDS})


async def change_privacy_settings(session: AsyncSession, company: Company, data: PrivacySettingsIn) -> Company:
    """Only the fields sent change (null is a value: kept forever)."""
    for f in SETTING_FIELDS:
        value = getattr(data, f)
        if value is not msgspec.UNSET:
            setattr(company, f, value)
    await session.flush()
    return company


def erasure_out(r: ErasureRequest) -> ErasureOut:
    return ErasureOut(id=r.id, scope=r.scope, status=r.status, candidate_id=r.candidate_id,
                      requested_at=r.created_at, completed_at=r.completed_at, steps=dict(r.steps or {}))


async def open_erasure(session: AsyncSession, **kwargs: Any) -> ErasureOut:
    """A queued erasure (or the open one); 409 while an interview of the candidate runs."""
    try:
        return erasure_out(await request_erasure(session, **kwargs))
    except InterviewRunning:
        raise Conflict("an interview of this candidate is in progress: erase them once it is over",
                       extra={"code": "interview_in_progress"}) from None


async def erase_company_candidate(session: AsyncSession, recruiter: Principal, candidate_id: uuid.UUID
                                  ) -> ErasureOut:
    """Erase a candidate who applied to one of the recruiter's company's jobs (404 for anyone else)."""
    ours = await session.scalar(
        select(Candidate.id).join(Application, Application.candidate_id == Candidate.id)
        .join(Job, Job.id == Application.job_id)
        .where(Candidate.id == candidate_id, Job.company_id == recruiter.company_id).limit(1))
    if ours is None:
        raise NotFound("candidate not found")
    return await open_erasure(session, scope="company", requested_by=recruiter.user_id,
                              company_id=recruiter.company_id, candidate_id=candidate_id)


async def erasure_of(session: AsyncSession, erasure_id: uuid.UUID, owned: ColumnElement[bool]) -> ErasureOut:
    """An erasure request that `owned` (its company's or its user's) allows this caller to see."""
    request = await session.scalar(select(ErasureRequest).where(ErasureRequest.id == erasure_id, owned))
    if request is None:
        raise NotFound("erasure not found")
    return erasure_out(request)


async def audit_events(session: AsyncSession, application_id: uuid.UUID, company_id: uuid.UUID | None
                      ) -> list[AuditEventOut]:
    """An application's audit events, oldest first, if it is to one of the company's jobs."""
    visible = await session.scalar(select(Application.id).join(Job, Job.id == Application.job_id).where(
        Application.id == application_id, Job.company_id == company_id))
    if visible is None:
        raise NotFound("application not found")
    events = await session.scalars(select(AuditEvent).where(AuditEvent.application_id == application_id)
                                   .order_by(AuditEvent.id))
    return [AuditEventOut(id=e.id, occurred_at=e.occurred_at, actor=e.actor, actor_user_id=e.actor_user_id,
                          entity=e.entity, entity_id=e.entity_id, action=e.action, interview_id=e.interview_id,
                          before=e.before, after=e.after) for e in events]


async def company_job(session: AsyncSession, job_id: uuid.UUID, company_id: uuid.UUID | None) -> Job:
    job = await session.scalar(select(Job).where(Job.id == job_id, Job.company_id == company_id))
    if job is None:
        raise NotFound("job not found")
    return job


async def save_demographics(session: AsyncSession, candidate: Principal, application_id: uuid.UUID,
                            data: DemographicsIn) -> None:
    """The candidate's voluntary answers on one of their own applications (404 for anyone else's)."""
    mine = await session.scalar(select(Application.id).join(Candidate, Candidate.id == Application.candidate_id)
                                .where(Application.id == application_id, Candidate.user_id == candidate.user_id))
    if mine is None:
        raise NotFound("application not found")
    row = await session.scalar(select(CandidateDemographics).where(
        CandidateDemographics.application_id == application_id))
    if row is None:
        row = CandidateDemographics(application_id=application_id)
        session.add(row)
    row.gender, row.race_ethnicity, row.age_band = data.gender, data.race_ethnicity, data.age_band
    await session.flush()
