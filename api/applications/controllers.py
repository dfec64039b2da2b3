from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from advanced_alchemy.extensions.litestar.providers import create_service_provider
from advanced_alchemy.filters import (
    BeforeAfter,
    CollectionFilter,
    LimitOffset,
    OrderBy,
    StatementFilter,
)
from advanced_alchemy.service import OffsetPagination
from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, JSONBody, MultipartBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED
from sqlalchemy import exists, select

from api.applications.schemas import (
    ApplicationListItem,
    ApplicationOut,
    AppliedOut,
    ApplyForm,
    StatusChangeIn,
    StatusChangeOut,
)
from api.applications.services import ApplicationService, StatusHistoryService, visibility
from api.auth.deps import Principal
from api.common.errors import NotFound, ServiceUnavailable
from api.common.filters import PAGINATION, SortOrder
from api.common.openapi import BEARER
from api.common.ratelimit import apply_rate_limit
from api.config import Settings
from api.storage.services import Storage, StorageError
from api.storage.uploads import check_cv
from db.enums import ApplicationStatus, Role
from db.models import Application, ApplicationStatusChange, Job

provide_application_service = create_service_provider(ApplicationService)
provide_history_service = create_service_provider(StatusHistoryService)

# hard ceiling on the multipart body; the CV itself is held to settings.max_upload_bytes (5 MB by default)
APPLY_MAX_BODY_BYTES = 8 * 1024 * 1024


class ApplicationSort(StrEnum):
    created_at = "created_at"
    updated_at = "updated_at"
    screening_score = "screening_score"
    status = "status"


def _list_filters(
    limit_offset: NamedDependency[LimitOffset],
    status: list[ApplicationStatus] | None,
    created_after: datetime | None,
    created_before: datetime | None,
    order_by: ApplicationSort,
    sort_order: str,
) -> list[StatementFilter]:
    filters: list[StatementFilter] = [
        OrderBy(
            field_name=order_by.value,
            sort_order=sort_order,  # type: ignore[arg-type]
            nulls="last" if order_by == ApplicationSort.screening_score else None,
        ),
        limit_offset,
    ]
    if status:
        filters.append(CollectionFilter(field_name="status", values=status))
    if created_after or created_before:
        filters.append(BeforeAfter(field_name="created_at", before=created_before, after=created_after))
    return filters


class ApplyController(Controller):
    path = "/api/ats/v1/jobs"
    tags = ["applications"]
    dependencies = {"applications_service": Provide(provide_application_service)}

    @post(
        "/{job_id:uuid}/apply",
        status_code=HTTP_201_CREATED,
        request_max_body_size=APPLY_MAX_BODY_BYTES,
        middleware=[apply_rate_limit],
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
        checked = check_cv(content, data.cv.filename, settings.max_upload_bytes)
        storage: Storage = request.app.state.storage
        user_id = optional_user.user_id if optional_user and optional_user.role == Role.CANDIDATE else None
        application = await applications_service.apply(
            job_id,
            full_name=data.full_name,
            email=data.email,
            phone=data.phone,
            cover_letter=data.cover_letter,
            cv=checked,
            cv_bytes=content,
            storage=storage,
            user_id=user_id,
        )
        return AppliedOut(
            application_id=application.id,
            job_id=job_id,
            status=application.status,
            cv_filename=checked.filename,
            cv_content_type=checked.content_type,
        )


class ApplicationController(Controller):
    path = "/api/ats/v1"
    tags = ["applications"]
    security = BEARER
    dependencies = {
        "applications_service": Provide(provide_application_service),
        "history_service": Provide(provide_history_service),
        **PAGINATION,
    }

    @get("/jobs/{job_id:uuid}/applications", summary="A job's applications (filter, sort, paginate)")
    async def list_for_job(
        self,
        recruiter: NamedDependency[Principal],
        applications_service: NamedDependency[ApplicationService],
        limit_offset: NamedDependency[LimitOffset],
        job_id: FromPath[uuid.UUID],
        status: Annotated[list[ApplicationStatus] | None, QueryParameter(description="any of these statuses")] = None,
        created_after: FromQuery[datetime | None] = None,
        created_before: FromQuery[datetime | None] = None,
        order_by: FromQuery[ApplicationSort] = ApplicationSort.created_at,
        sort_order: FromQuery[SortOrder] = "desc",
    ) -> OffsetPagination[ApplicationListItem]:
        filters = _list_filters(limit_offset, status, created_after, created_before, order_by, sort_order)
        owned_job = exists(select(Job.id).where(Job.id == job_id, Job.company_id == recruiter.company_id))
        # isolation in the same query: an uncorrelated EXISTS, evaluated once
        items, total = await applications_service.list_rows(filters, Application.job_id == job_id, owned_job)
        if total == 0 and not await applications_service.repository.session.scalar(select(owned_job)):
            raise NotFound("job not found")
        return OffsetPagination(items=items, limit=limit_offset.limit, offset=limit_offset.offset, total=total)

    @get("/applications", summary="Applications I may see: a recruiter's company's, or a candidate's own")
    async def list_visible(
        self,
        member: NamedDependency[Principal],
        applications_service: NamedDependency[ApplicationService],
        limit_offset: NamedDependency[LimitOffset],
        status: Annotated[list[ApplicationStatus] | None, QueryParameter(description="any of these statuses")] = None,
        created_after: FromQuery[datetime | None] = None,
        created_before: FromQuery[datetime | None] = None,
        order_by: FromQuery[ApplicationSort] = ApplicationSort.created_at,
        sort_order: FromQuery[SortOrder] = "desc",
    ) -> OffsetPagination[ApplicationListItem]:
        filters = _list_filters(limit_offset, status, created_after, created_before, order_by, sort_order)
        items, total = await applications_service.list_rows(filters, *visibility(member))
        return OffsetPagination(items=items, limit=limit_offset.limit, offset=limit_offset.offset, total=total)

    @get("/applications/{application_id:uuid}", summary="Get an application")
    async def get_application(
        self,
        member: NamedDependency[Principal],
        applications_service: NamedDependency[ApplicationService],
        application_id: FromPath[uuid.UUID],
    ) -> ApplicationOut:
        application = await applications_service.get_visible(application_id, member)
        return applications_service.to_schema(application, schema_type=ApplicationOut)

    @post(
        "/applications/{application_id:uuid}/status",
        status_code=HTTP_200_OK,
        summary="Move an application along the workflow (409 with the allowed moves otherwise)",
    )
    async def change_status(
        self,
        recruiter: NamedDependency[Principal],
        applications_service: NamedDependency[ApplicationService],
        application_id: FromPath[uuid.UUID],
        data: JSONBody[StatusChangeIn],
    ) -> ApplicationOut:
        application = await applications_service.get_visible(application_id, recruiter, for_update=True)
        application = await applications_service.change_status(application, data.status, recruiter.user_id, data.reason)
        return applications_service.to_schema(application, schema_type=ApplicationOut)

    @get("/applications/{application_id:uuid}/history", summary="Every status change, oldest first")
    async def history(
        self,
        member: NamedDependency[Principal],
        applications_service: NamedDependency[ApplicationService],
        history_service: NamedDependency[StatusHistoryService],
        application_id: FromPath[uuid.UUID],
    ) -> list[StatusChangeOut]:
        await applications_service.get_visible(application_id, member)
        rows = await history_service.get_many(
            ApplicationStatusChange.application_id == application_id, order_by=[(ApplicationStatusChange.id, False)]
        )
        return history_service.to_schema(rows, schema_type=StatusChangeOut).items

    @get("/applications/{application_id:uuid}/cv", summary="Download the CV", media_type="application/octet-stream")
    async def download_cv(
        self,
        request: Request,
        member: NamedDependency[Principal],
        applications_service: NamedDependency[ApplicationService],
        application_id: FromPath[uuid.UUID],
    ) -> Response[bytes]:
        application = await applications_service.get_visible(application_id, member)
        candidate = application.candidate
        if not candidate.cv_storage_key:
            raise NotFound("this application has no CV")
        storage: Storage = request.app.state.storage
        try:
            content = await storage.get(candidate.cv_storage_key)
        except StorageError as exc:
            raise ServiceUnavailable("the file store is unavailable") from exc
        filename = (candidate.cv_filename or "cv").replace('"', "")
        return Response(
            content,
            media_type=candidate.cv_content_type or "application/octet-stream",
            headers={
                "Content-Disposition": f"attachment; filename*=UTF-8''{_quote(filename)}",
                "X-Content-Type-Options": "nosniff",
                "Cache-Control": "private, no-store",
            },
        )


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")
