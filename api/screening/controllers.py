"""Recruiter endpoints: an application's screening (read, re-run) and semantic candidate search (pgvector)."""

from __future__ import annotations

import uuid
from typing import Annotated

from litestar import Controller, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_202_ACCEPTED
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.common.errors import NotFound
from api.common.openapi import BEARER
from api.screening.schemas import CandidateMatch, CandidateSearchIn, ScreeningOut, ScreeningQueued
from api.screening.services import (
    CandidateHit,
    candidates_like_job,
    candidates_like_text,
    company_application,
    company_job,
    screening_of,
)
from api.screening.tasks import enqueue_screening, is_current
from db.models import Application


def _match(hit: CandidateHit, job_id: uuid.UUID | None = None) -> CandidateMatch:
    return CandidateMatch(**vars(hit), applied_to_this_job=(hit.job_id == job_id) if job_id else None)


async def provide_company_application(recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                                      application_id: FromPath[uuid.UUID]) -> Application:
    """The application in the path, if it is to one of the recruiter's company's jobs (404 otherwise)."""
    return await company_application(db_session, application_id, recruiter.company_id)


class ScreeningController(Controller):
    path = "/api/ats/v1"
    tags = ["screening"]
    security = BEARER
    dependencies = {"company_application": Provide(provide_company_application)}

    @get("/applications/{application_id:uuid}/screening",
         summary="The application's screening: score, skill and semantic parts, matched and missing skills")
    async def get_screening(self, company_application: NamedDependency[Application],
                            db_session: NamedDependency[AsyncSession]) -> ScreeningOut:
        screening = await screening_of(db_session, company_application.id)
        if screening is None:
            raise NotFound(
                "this application has not been screened yet (screening runs in the background after applying)",
                extra={"state": "pending"},
            )
        return ScreeningOut(**{f: getattr(screening, f) for f in ScreeningOut.__struct_fields__ if f != "current"},
                            current=is_current(screening))

    @post("/applications/{application_id:uuid}/screening", status_code=HTTP_202_ACCEPTED,
          summary="Screen the application again (e.g. after the job's skills changed); runs in the background")
    async def rescreen(self, company_application: NamedDependency[Application],
                       db_session: NamedDependency[AsyncSession]) -> ScreeningQueued:
        await enqueue_screening(db_session, company_application.id)
        return ScreeningQueued(application_id=company_application.id)

    @get("/jobs/{job_id:uuid}/similar-candidates",
         summary="The company's candidates whose CVs are most similar to this job (any job they applied to)")
    async def similar_candidates(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                                 job_id: FromPath[uuid.UUID],
                                 limit: Annotated[int, QueryParameter(ge=1, le=100)] = 20) -> list[CandidateMatch]:
        job = await company_job(db_session, job_id, recruiter.company_id)
        return [_match(h, job_id) for h in await candidates_like_job(db_session, job, limit)]

    @post("/candidates/search", status_code=HTTP_200_OK,
          summary="Semantic search of the company's candidates by free text (e.g. 'ICU nurse with ACLS')")
    async def search_candidates(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                                data: JSONBody[CandidateSearchIn]) -> list[CandidateMatch]:
        hits = await candidates_like_text(db_session, recruiter.company_id, data.query, data.limit)
        return [_match(h) for h in hits]
