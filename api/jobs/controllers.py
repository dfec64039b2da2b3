from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Annotated

from advanced_alchemy.extensions.litestar.providers import create_service_provider
from advanced_alchemy.filters import LimitOffset, OrderBy, StatementFilter
from advanced_alchemy.service import OffsetPagination
from litestar import Controller, get, patch, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK

from api.auth.deps import Principal
from api.common.filters import PAGINATION, Filters, SortOrder
from api.common.openapi import BEARER
from api.jobs.schemas import JobCreate, JobOut, JobUpdate, PublicJobOut, SuggestedSkillOut
from api.jobs.services import JobService, job_filters, suggested_skills
from db.enums import JobStatus
from db.models import Job

provide_job_service = create_service_provider(JobService)


class JobSort(StrEnum):
    created_at = "created_at"
    updated_at = "updated_at"
    title = "title"
    status = "status"


def provide_job_filters(
    limit_offset: NamedDependency[LimitOffset],
    status: Annotated[list[JobStatus] | None, QueryParameter(description="any of these statuses")] = None,
    search: Annotated[str | None, QueryParameter(max_length=200, description="in title or location")] = None,
    order_by: FromQuery[JobSort] = JobSort.created_at,
    sort_order: FromQuery[SortOrder] = "desc",
) -> list[StatementFilter]:
    return job_filters(limit_offset, OrderBy(field_name=order_by.value, sort_order=sort_order), status, search)


JOB_LISTING = {**PAGINATION, "filters": Provide(provide_job_filters, sync_to_thread=False)}


class JobController(Controller):
    path = "/api/ats/v1/jobs"
    tags = ["jobs"]
    security = BEARER
    dependencies = {"jobs_service": Provide(provide_job_service), **JOB_LISTING}

    @post("/", summary="Create a job")
    async def create_job(self, recruiter: NamedDependency[Principal], jobs_service: NamedDependency[JobService],
                         data: JSONBody[JobCreate]) -> JobOut:
        job = await jobs_service.create_job(recruiter.company_id, recruiter.user_id, data)  # type: ignore[arg-type]
        out = jobs_service.to_schema(job, schema_type=JobOut)
        if not job.skills:
            out.suggested_skills = [SuggestedSkillOut(**s) for s in suggested_skills(job)]
        return out

    @get("/", summary="List the company's jobs")
    async def list_jobs(self, recruiter: NamedDependency[Principal], jobs_service: NamedDependency[JobService],
                        filters: Filters) -> OffsetPagination[JobOut]:
        items, total = await jobs_service.get_many_and_count(*filters, Job.company_id == recruiter.company_id)
        return jobs_service.to_schema(items, total, filters=filters, schema_type=JobOut)

    @get("/{job_id:uuid}", summary="Get a job")
    async def get_job(self, recruiter: NamedDependency[Principal], jobs_service: NamedDependency[JobService],
                      job_id: FromPath[uuid.UUID]) -> JobOut:
        job = await jobs_service.get_for_company(job_id, recruiter.company_id)  # type: ignore[arg-type]
        return jobs_service.to_schema(job, schema_type=JobOut)

    @patch("/{job_id:uuid}", summary="Update a job (status DRAFT -> OPEN <-> PAUSED -> CLOSED)")
    async def update_job(self, recruiter: NamedDependency[Principal], jobs_service: NamedDependency[JobService],
                         job_id: FromPath[uuid.UUID], data: JSONBody[JobUpdate]) -> JobOut:
        job = await jobs_service.get_for_company(job_id, recruiter.company_id)  # type: ignore[arg-type]
        return jobs_service.to_schema(await jobs_service.update_job(job, data), schema_type=JobOut)

    @post("/{job_id:uuid}/close", status_code=HTTP_200_OK, summary="Close a job (no more applications)")
    async def close_job(self, recruiter: NamedDependency[Principal], jobs_service: NamedDependency[JobService],
                        job_id: FromPath[uuid.UUID]) -> JobOut:
        job = await jobs_service.get_for_company(job_id, recruiter.company_id)  # type: ignore[arg-type]
        return jobs_service.to_schema(await jobs_service.close(job), schema_type=JobOut)


class PublicJobController(Controller):
    path = "/api/ats/v1/public/jobs"
    tags = ["jobs"]
    dependencies = {"jobs_service": Provide(provide_job_service)}

    @get("/{job_id:uuid}", summary="An OPEN job as applicants see it (public)")
    async def get_public_job(self, jobs_service: NamedDependency[JobService], job_id: FromPath[uuid.UUID]
                             ) -> PublicJobOut:
        return await jobs_service.public_job(job_id)
