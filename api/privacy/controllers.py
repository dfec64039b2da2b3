"""Privacy endpoints: company retention and analytics settings, erasure (recruiter and candidate), an application's
audit trail, the candidate's data export, voluntary demographics and the bias export."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from litestar import Controller, Request, Response, get, patch, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_202_ACCEPTED
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.common.errors import Conflict, NotFound
from api.common.openapi import BEARER
from api.privacy.bias import BiasReportOut, bias_report
from api.privacy.erasure import InterviewRunning, request_erasure
from api.privacy.export import export_zip
from api.privacy.schemas import (
    AuditEventOut,
    DemographicsIn,
    ErasureOut,
    PrivacySettingsIn,
    PrivacySettingsOut,
)
from db.models import Application, AuditEvent, Candidate, CandidateDemographics, Company, ErasureRequest, Job

SETTING_FIELDS = tuple(PrivacySettingsOut.__struct_fields__)


def _erasure_out(r: ErasureRequest) -> ErasureOut:
    return ErasureOut(id=r.id, scope=r.scope, status=r.status, candidate_id=r.candidate_id,
                      requested_at=r.created_at, completed_at=r.completed_at, steps=dict(r.steps or {}))


async def _request(session: AsyncSession, **kwargs: Any) -> ErasureOut:
    try:
        return _erasure_out(await request_erasure(session, **kwargs))
    except InterviewRunning:
        raise Conflict("an interview of this candidate is in progress: erase them once it is over",
                       extra={"code": "interview_in_progress"}) from None


async def _company(session: AsyncSession, recruiter: Principal) -> Company:
    company = await session.get(Company, recruiter.company_id)
    if company is None:
        raise NotFound("company not found")
    return company


class PrivacyController(Controller):
    path = "/api/ats/v1"
    tags = ["privacy"]
    security = BEARER

    @get("/company/privacy", summary="My company's retention and video analytics settings")
    async def get_privacy(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession]
                          ) -> PrivacySettingsOut:
        company = await _company(db_session, recruiter)
        return PrivacySettingsOut(**{f: getattr(company, f) for f in SETTING_FIELDS})

    @patch("/company/privacy", summary="Change retention (days; null keeps), video analytics for ALL AI interviews "
           "or SHORTLISTED applications only, and whether candidates' exports include the hiring team's scores")
    async def update_privacy(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                             data: JSONBody[PrivacySettingsIn]) -> PrivacySettingsOut:
        company = await _company(db_session, recruiter)
        for f in SETTING_FIELDS:
            value = getattr(data, f)
            if value is not msgspec.UNSET:
                setattr(company, f, value)
        await db_session.flush()
        return PrivacySettingsOut(**{f: getattr(company, f) for f in SETTING_FIELDS})

    @post("/candidates/{candidate_id:uuid}/erasure", status_code=HTTP_202_ACCEPTED,
          summary="Erase a candidate from my company: CV files and text, embeddings, transcripts, metrics, reports, "
          "recordings (a queued job; asking again returns the open request). An anonymous tombstone stays")
    async def erase_candidate(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                              candidate_id: FromPath[uuid.UUID]) -> ErasureOut:
        ours = await db_session.scalar(
            select(Candidate.id).join(Application, Application.candidate_id == Candidate.id)
            .join(Job, Job.id == Application.job_id)
            .where(Candidate.id == candidate_id, Job.company_id == recruiter.company_id).limit(1))
        if ours is None:
            raise NotFound("candidate not found")
        return await _request(db_session, scope="company", requested_by=recruiter.user_id,
                              company_id=recruiter.company_id, candidate_id=candidate_id)

    @get("/erasures/{erasure_id:uuid}", summary="Where an erasure stands (steps done, DONE when finished)")
    async def get_erasure(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                          erasure_id: FromPath[uuid.UUID]) -> ErasureOut:
        request = await db_session.scalar(select(ErasureRequest).where(
            ErasureRequest.id == erasure_id, ErasureRequest.company_id == recruiter.company_id))
        if request is None:
            raise NotFound("erasure not found")
        return _erasure_out(request)

    @get("/applications/{application_id:uuid}/audit", summary="The application's audit trail, oldest first: every "
         "change of its status, screening score, interview scores, reports and ratings (who, when, before, after)")
    async def audit_trail(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                          application_id: FromPath[uuid.UUID]) -> list[AuditEventOut]:
        visible = await db_session.scalar(select(Application.id).join(Job, Job.id == Application.job_id).where(
            Application.id == application_id, Job.company_id == recruiter.company_id))
        if visible is None:
            raise NotFound("application not found")
        events = await db_session.scalars(select(AuditEvent).where(AuditEvent.application_id == application_id)
                                          .order_by(AuditEvent.id))
        return [AuditEventOut(id=e.id, occurred_at=e.occurred_at, actor=e.actor, actor_user_id=e.actor_user_id,
                              entity=e.entity, entity_id=e.entity_id, action=e.action, interview_id=e.interview_id,
                              before=e.before, after=e.after) for e in events]

    @get("/jobs/{job_id:uuid}/bias-report", summary="Selection rates and score distributions by stage, and impact "
         "ratios by voluntarily self-reported group where candidates gave one (never inferred)")
    async def job_bias_report(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                              job_id: FromPath[uuid.UUID]) -> BiasReportOut:
        job = await db_session.scalar(select(Job).where(Job.id == job_id, Job.company_id == recruiter.company_id))
        if job is None:
            raise NotFound("job not found")
        return await bias_report(db_session, job)


class CandidatePrivacyController(Controller):
    path = "/api/candidate/v1"
    tags = ["privacy"]
    security = BEARER

    @post("/me/erasure", status_code=HTTP_202_ACCEPTED, summary="Erase my account's data everywhere (a queued job; "
          "asking again returns the open request)")
    async def erase_me(self, candidate: NamedDependency[Principal], db_session: NamedDependency[AsyncSession]
                       ) -> ErasureOut:
        return await _request(db_session, scope="account", requested_by=candidate.user_id, company_id=None,
                              user_id=candidate.user_id)

    @get("/me/erasures/{erasure_id:uuid}", summary="Where my erasure stands")
    async def my_erasure(self, candidate: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                         erasure_id: FromPath[uuid.UUID]) -> ErasureOut:
        request = await db_session.scalar(select(ErasureRequest).where(
            ErasureRequest.id == erasure_id, ErasureRequest.user_id == candidate.user_id))
        if request is None:
            raise NotFound("erasure not found")
        return _erasure_out(request)

    @get("/me/export", media_type="application/zip", summary="Everything stored about me (GDPR Art. 15 and 20): "
         "data.json (applications, interviews, transcripts, my practice feedback) and my CV files, as one ZIP")
    async def export_me(self, request: Request, candidate: NamedDependency[Principal],
                        db_session: NamedDependency[AsyncSession]) -> Response[bytes]:
        data = await export_zip(db_session, request.app.state.storage, candidate.user_id)
        return Response(data, media_type="application/zip",
                        headers={"Content-Disposition": 'attachment; filename="interviewly-my-data.zip"'})

    @put("/applications/{application_id:uuid}/demographics", summary="Voluntarily self-report demographics for "
         "bias audits (aggregated only; never shown one by one to the hiring team)")
    async def put_demographics(self, candidate: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                               application_id: FromPath[uuid.UUID], data: JSONBody[DemographicsIn]) -> DemographicsIn:
        mine = await db_session.scalar(select(Application.id).join(Candidate, Candidate.id == Application.candidate_id)
                                       .where(Application.id == application_id,
                                              Candidate.user_id == candidate.user_id))
        if mine is None:
            raise NotFound("application not found")
        row = await db_session.scalar(select(CandidateDemographics).where(
            CandidateDemographics.application_id == application_id))
        if row is None:
            row = CandidateDemographics(application_id=application_id)
            db_session.add(row)
        row.gender, row.race_ethnicity, row.age_band = data.gender, data.race_ethnicity, data.age_band
        await db_session.flush()
        return data
