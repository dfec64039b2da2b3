"""Privacy endpoints: company retention and analytics settings, erasure (recruiter and candidate), an application's
audit trail, the candidate's data export, voluntary demographics and the bias export."""

from __future__ import annotations

import uuid

from litestar import Controller, Request, Response, get, patch, post, put
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_202_ACCEPTED
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.common.openapi import BEARER
from api.company.services import ADMIN_COMPANY, OWN_COMPANY
from api.privacy.bias import BiasReportOut, bias_report
from api.privacy.export import export_zip
from api.privacy.schemas import AuditEventOut, DemographicsIn, ErasureOut, PrivacySettingsIn, PrivacySettingsOut
from api.privacy.services import (
    audit_events,
    change_privacy_settings,
    company_job,
    erase_company_candidate,
    erasure_of,
    open_erasure,
    privacy_settings,
    save_demographics,
)
from db.models import Company, ErasureRequest


class PrivacyController(Controller):
    path = "/api/ats/v1"
    tags = ["privacy"]
    security = BEARER

    @get("/company/privacy", dependencies=OWN_COMPANY,
         summary="My company's retention and video analytics settings")
    async def get_privacy(self, own_company: NamedDependency[Company]) -> PrivacySettingsOut:
        return privacy_settings(own_company)

    @patch("/company/privacy", dependencies=ADMIN_COMPANY,
           summary="Change retention (days; null keeps), video analytics for ALL AI interviews or SHORTLISTED "
           "applications only, and whether candidates' exports include the hiring team's scores")
    async def update_privacy(self, admin_company: NamedDependency[Company], db_session: NamedDependency[AsyncSession],
                             data: JSONBody[PrivacySettingsIn]) -> PrivacySettingsOut:
        return privacy_settings(await change_privacy_settings(db_session, admin_company, data))

    @post("/candidates/{candidate_id:uuid}/erasure", status_code=HTTP_202_ACCEPTED,
          summary="Erase a candidate from my company: CV files and text, embeddings, transcripts, metrics, reports, "
          "recordings (a queued job; asking again returns the open request). An anonymous tombstone stays")
    async def erase_candidate(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                              candidate_id: FromPath[uuid.UUID]) -> ErasureOut:
        return await erase_company_candidate(db_session, recruiter, candidate_id)

    @get("/erasures/{erasure_id:uuid}", summary="Where an erasure stands (steps done, DONE when finished)")
    async def get_erasure(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                          erasure_id: FromPath[uuid.UUID]) -> ErasureOut:
        return await erasure_of(db_session, erasure_id, ErasureRequest.company_id == recruiter.company_id)

    @get("/applications/{application_id:uuid}/audit", summary="The application's audit trail, oldest first: every "
         "change of its status, screening score, interview scores, reports and ratings (who, when, before, after)")
    async def audit_trail(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                          application_id: FromPath[uuid.UUID]) -> list[AuditEventOut]:
        return await audit_events(db_session, application_id, recruiter.company_id)

    @get("/jobs/{job_id:uuid}/bias-report", summary="Selection rates and score distributions by stage, and impact "
         "ratios by voluntarily self-reported group where candidates gave one (never inferred)")
    async def job_bias_report(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                              job_id: FromPath[uuid.UUID]) -> BiasReportOut:
        return await bias_report(db_session, await company_job(db_session, job_id, recruiter.company_id))


class CandidatePrivacyController(Controller):
    path = "/api/candidate/v1"
    tags = ["privacy"]
    security = BEARER

    @post("/me/erasure", status_code=HTTP_202_ACCEPTED, summary="Erase my account's data everywhere (a queued job; "
          "asking again returns the open request)")
    async def erase_me(self, candidate: NamedDependency[Principal], db_session: NamedDependency[AsyncSession]
                       ) -> ErasureOut:
        return await open_erasure(db_session, scope="account", requested_by=candidate.user_id, company_id=None,
                                  user_id=candidate.user_id)

    @get("/me/erasures/{erasure_id:uuid}", summary="Where my erasure stands")
    async def my_erasure(self, candidate: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                         erasure_id: FromPath[uuid.UUID]) -> ErasureOut:
        return await erasure_of(db_session, erasure_id, ErasureRequest.user_id == candidate.user_id)

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
        await save_demographics(db_session, candidate, application_id, data)
        return data
