from __future__ import annotations

import uuid
from enum import StrEnum

from advanced_alchemy.extensions.litestar.providers import create_service_provider
from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, JSONBody, MultipartBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED
from sqlalchemy.ext.asyncio import AsyncSession

from api.applications.schemas import (
    ApplicantForm,
    ApplicationListItem,
    ApplicationOut,
    AppliedOut,
    ApplyForm,
    StatusChangeIn,
    StatusChangeOut,
)
from api.applications.services import (
    ApplicationService,
    cv_download,
    list_job_applications,
    list_visible_applications,
)
from api.applications.submit import read_cv, submit_application
from api.auth.deps import Principal
from api.common.db import READ_ONLY
from api.common.filters import Filters, listing
from api.common.keyset import KeysetPage
from api.common.openapi import BEARER, UNPROCESSABLE_CV, UNSUPPORTED_MEDIA
from api.common.ratelimit import APPLY, rate_limited
from api.config import Settings
from api.storage.services import Storage
from db.enums import ApplicationStatus, Role

provide_application_service = create_service_provider(ApplicationService)

# hard ceiling on the multipart body; the CV itself is held to settings.max_upload_bytes (5 MB by default)
APPLY_MAX_BODY_BYTES = 8 * 1024 * 1024


class ApplicationSort(StrEnum):
    created_at = "created_at"
    updated_at = "updated_at"
    screening_score = "screening_score"
    status = "status"


APPLICATION_LISTING = listing(sortable=ApplicationSort, default_sort=ApplicationSort.created_at,
                              choices={"status": ApplicationStatus}, created_at=True,
                              nulls_last=frozenset({ApplicationSort.screening_score.value}))


class ApplyController(Controller):
    path = "/api/ats/v1/jobs"
    tags = ["applications"]
    dependencies = {"applications_service": Provide(provide_application_service)}

    @post(
        "/{job_id:uuid}/apply",
        status_code=HTTP_201_CREATED,
        request_max_body_size=APPLY_MAX_BODY_BYTES,
        middleware=[rate_limited(APPLY)],
        raises=[UNSUPPORTED_MEDIA, UNPROCESSABLE_CV],
        summary="Apply to an OPEN job with a CV (public, rate limited)",
    )
    async def apply(
        self,
        request: Request,
        settings: NamedDependency[Settings],
        applications_service: NamedDependency[ApplicationService],
        optional_user: NamedDependency[Principal | None],
        job_id: FromPath[uuid.UUID],
        data: MultipartBody[ApplyForm],
    ) -> AppliedOut:
        content = await data.cv.read(settings.max_upload_bytes + 1)
        await data.cv.close()
        cv = await read_cv(request.app.state.cv_parser, content, data.cv.filename, settings.max_upload_bytes)
        user_id = optional_user.user_id if optional_user and optional_user.role == Role.CANDIDATE else None
        form = ApplicantForm(full_name=data.full_name, email=data.email, phone=data.phone,
                             cover_letter=data.cover_letter)
        storage: Storage = request.app.state.storage
        application = await submit_application(applications_service, storage, job_id, form, content, cv, user_id)
        return AppliedOut(application_id=application.id, job_id=job_id, status=application.status,
                          cv_filename=cv[0].filename, cv_content_type=cv[0].content_type)


class ApplicationController(Controller):
    path = "/api/ats/v1"
    tags = ["applications"]
    security = BEARER
    # the listing's filter providers serve the two list handlers (a handler resolves only what it asks for)
    dependencies = {"applications_service": Provide(provide_application_service), **APPLICATION_LISTING}

    @get("/jobs/{job_id:uuid}/applications", operation_id="listJobApplications", opt=READ_ONLY,
         summary="A job's applications (filter, sort; keyset pages by ?cursor=, ?count=true for the total)")
    async def list_for_job(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                           filters: Filters, job_id: FromPath[uuid.UUID], include_archived: FromQuery[bool] = False
                           ) -> KeysetPage[ApplicationListItem]:
        return await list_job_applications(db_session, job_id, recruiter, filters, include_archived)

    @get("/applications", operation_id="listApplications", opt=READ_ONLY,
         summary="The company's applications (candidates: /api/candidate/v1/applications)")
    async def list_visible(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                           filters: Filters, include_archived: FromQuery[bool] = False
                           ) -> KeysetPage[ApplicationListItem]:
        return await list_visible_applications(db_session, recruiter, filters, include_archived)

    @get("/applications/{application_id:uuid}", summary="Get an application")
    async def get_application(self, recruiter: NamedDependency[Principal],
                              applications_service: NamedDependency[ApplicationService],
                              application_id: FromPath[uuid.UUID]) -> ApplicationOut:
        application = await applications_service.get_visible(application_id, recruiter)
        return await applications_service.out(application)

    @post("/applications/{application_id:uuid}/status", status_code=HTTP_200_OK,
          summary="Move an application along the workflow (409 with the allowed moves otherwise)")
    async def change_status(self, recruiter: NamedDependency[Principal],
                            applications_service: NamedDependency[ApplicationService],
                            application_id: FromPath[uuid.UUID], data: JSONBody[StatusChangeIn]) -> ApplicationOut:
        application = await applications_service.get_visible(application_id, recruiter, for_update=True)
        application = await applications_service.change_status(application, data.status, recruiter.user_id, data.reason)
        return await applications_service.out(application)

    @get("/applications/{application_id:uuid}/history",
         summary="Every status change with the hiring team's reasons, oldest first")
    async def history(self, recruiter: NamedDependency[Principal],
                      applications_service: NamedDependency[ApplicationService],
                      application_id: FromPath[uuid.UUID]) -> list[StatusChangeOut]:
        rows = await applications_service.history(application_id, recruiter)
        return applications_service.to_schema(rows, schema_type=StatusChangeOut).items

    @get("/applications/{application_id:uuid}/cv", summary="Download the CV", media_type="application/octet-stream")
    async def download_cv(self, request: Request, recruiter: NamedDependency[Principal],
                          applications_service: NamedDependency[ApplicationService],
                          application_id: FromPath[uuid.UUID]) -> Response[bytes]:
        application = await applications_service.get_visible(application_id, recruiter)
        return await cv_download(request.app.state.storage, application.candidate)
