"""A candidate's own applications (`/api/candidate/v1/applications`), in the candidate's schema.

The ATS endpoints (`/api/ats/v1/applications...`) are the hiring team's view: screening scores, sorting by them,
and the status history with the recruiters' reasons and user ids. A candidate gets status, dates, the job and what
they sent themselves, and may sort only by what they can see.
"""

from __future__ import annotations

import uuid
from enum import StrEnum

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from sqlalchemy import ColumnElement, Row, Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.applications.schemas import JobRef, MyApplicationOut, MyStatusChangeOut
from api.applications.services import cv_download
from api.auth.deps import Principal
from api.common.db import READ_ONLY
from api.common.errors import NotFound
from api.common.filters import Filters, keyset, listing
from api.common.keyset import KeysetPage, keyset_page
from api.common.openapi import BEARER
from db.enums import ApplicationStatus
from db.models import Application, ApplicationStatusChange, Candidate, Company, Job


class MyApplicationSort(StrEnum):
    created_at = "created_at"
    updated_at = "updated_at"
    status = "status"


MY_APPLICATION_LISTING = listing(sortable=MyApplicationSort, default_sort=MyApplicationSort.created_at,
                                 choices={"status": ApplicationStatus}, created_at=True)

_COLUMNS = (
    Application.id, Application.status, Application.created_at, Application.updated_at, Application.cover_letter,
    Job.id.label("job_id"), Job.title.label("job_title"), Company.name.label("company_name"), Candidate.full_name,
    Candidate.email, Candidate.phone, Candidate.cv_filename, Candidate.cv_content_type,
)


def _mine(candidate: Principal) -> ColumnElement[bool]:
    return Candidate.user_id == candidate.user_id


def _statement(*where: ColumnElement[bool]) -> Select:
    return (select(*_COLUMNS).join(Candidate, Candidate.id == Application.candidate_id)
            .join(Job, Job.id == Application.job_id).join(Company, Company.id == Job.company_id).where(*where))


def _out(row: Row) -> MyApplicationOut:
    return MyApplicationOut(
        id=row.id, status=row.status, created_at=row.created_at, updated_at=row.updated_at,
        job=JobRef(id=row.job_id, title=row.job_title, company_name=row.company_name),
        full_name=row.full_name, email=row.email, phone=row.phone, cover_letter=row.cover_letter,
        cv_filename=row.cv_filename, cv_content_type=row.cv_content_type,
    )


async def _one(session: AsyncSession, candidate: Principal, application_id: uuid.UUID) -> Row:
    row = (await session.execute(_statement(Application.id == application_id, _mine(candidate)))).first()
    if row is None:
        raise NotFound("application not found")
    return row


class MyApplicationController(Controller):
    path = "/api/candidate/v1/applications"
    tags = ["candidate applications"]
    security = BEARER

    @get("/", operation_id="listMyApplications", dependencies=MY_APPLICATION_LISTING, opt=READ_ONLY,
         summary="My applications: status, dates, the job, and what I sent")
    async def list_mine(self, candidate: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                        filters: Filters) -> KeysetPage[MyApplicationOut]:
        found = await keyset_page(db_session, _statement(_mine(candidate)), Application, filters)
        return keyset([_out(r) for r in found.rows], found, filters)

    @get("/{application_id:uuid}", operation_id="getMyApplication", summary="One of my applications")
    async def get_mine(self, candidate: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                       application_id: FromPath[uuid.UUID]) -> MyApplicationOut:
        return _out(await _one(db_session, candidate, application_id))

    @get("/{application_id:uuid}/history", operation_id="listMyApplicationHistory",
         summary="How my application's status moved, oldest first")
    async def history(self, candidate: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                      application_id: FromPath[uuid.UUID]) -> list[MyStatusChangeOut]:
        await _one(db_session, candidate, application_id)
        rows = (await db_session.execute(
            select(ApplicationStatusChange.to_status, ApplicationStatusChange.changed_at)
            .where(ApplicationStatusChange.application_id == application_id).order_by(ApplicationStatusChange.id)
        )).all()
        return [MyStatusChangeOut(status=r.to_status, changed_at=r.changed_at) for r in rows]

    @get("/{application_id:uuid}/cv", operation_id="downloadMyCv", media_type="application/octet-stream",
         summary="Download the CV I sent")
    async def download_cv(self, request: Request, candidate: NamedDependency[Principal],
                          db_session: NamedDependency[AsyncSession], application_id: FromPath[uuid.UUID]
                          ) -> Response[bytes]:
        await _one(db_session, candidate, application_id)
        owner = await db_session.scalar(
            select(Candidate).join(Application, Application.candidate_id == Candidate.id)
            .where(Application.id == application_id))
        assert owner is not None  # _one found it under the same conditions
        return await cv_download(request.app.state.storage, owner)
