from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Annotated

from advanced_alchemy.extensions.litestar.providers import create_service_provider
from advanced_alchemy.filters import CollectionFilter, LimitOffset, OrderBy, SearchFilter, StatementFilter
from advanced_alchemy.service import OffsetPagination
from litestar import Controller, get, patch, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK
from sqlalchemy import select

from api.auth.deps import Principal
from api.common.errors import NotFound
from api.common.filters import PAGINATION, SortOrder
from api.common.openapi import BEARER
from api.jobs.schemas import JobCreate, JobOut, JobUpdate, PublicJobOut, SuggestedSkillOut
from api.jobs.services import JobService, suggested_skills
from db.enums import JobStatus
from db.models import Company, Job

provide_job_service = create_service_provider(JobService)


class JobSort(StrEnum):
    created_at = "created_at"
    updated_at = "updated_at"
    title = "title"
    status = "status"


class JobController(Controller):
    path = "/api/ats/v1/jobs"
    tags = ["jobs"]
    security = BEARER
    dependencies = {"jobs_service": Provide(provide_job_service), **PAGINATION}

    @post("/", summary="Create a job")
    async def create_job(
        self,
        recruiter: NamedDependency[Principal],
        jobs_service: NamedDependency[JobService],
        data: JSONBody[JobCreate],
    ) -> JobOut:
        job = await jobs_service.create_job(recruiter.company_id, recruiter.user_id, data)  # type: ignore[arg-type]
        out = jobs_service.to_schema(job, schema_type=JobOut)
        if not job.skills:
            out.suggested_skills = [SuggestedSkillOut(**s) for s in suggested_skills(job)]
        return out

    @get("/", summary="List the company's jobs")
    async def list_jobs(
        self,
        recruiter: NamedDependency[Principal],
        jobs_service: NamedDependency[JobService],
        limit_offset: NamedDependency[LimitOffset],
        status: Annotated[list[JobStatus] | None, QueryParameter(description="any of these statuses")] = None,
        search: Annotated[str | None, QueryParameter(max_length=200, description="in title or location")] = None,
        order_by: FromQuery[JobSort] = JobSort.created_at,
        sort_order: FromQuery[SortOrder] = "desc",
    ) -> OffsetPagination[JobOut]:
        filters: list[StatementFilter] = [OrderBy(field_name=order_by.value, sort_order=sort_order), limit_offset]
        if status:
            filters.append(CollectionFilter(field_name="status", values=status))
        if search:
            filters.append(
                SearchFilter(field_name={"title", "location"}, value=search, ignore_case=True, escape_wildcards=True)
            )
        items, total = await jobs_service.get_many_and_count(*filters, Job.company_id == recruiter.company_id)
        return jobs_service.to_schema(items, total, filters=filters, schema_type=JobOut)

    @get("/{job_id:uuid}", summary="Get a job")
    async def get_job(
        self,
        recruiter: NamedDependency[Principal],
        jobs_service: NamedDependency[JobService],
        job_id: FromPath[uuid.UUID],
    ) -> JobOut:
        job = await jobs_service.get_for_company(job_id, recruiter.company_id)  # type: ignore[arg-type]
        return jobs_service.to_schema(job, schema_type=JobOut)

    @patch("/{job_id:uuid}", summary="Update a job (status DRAFT -> OPEN <-> PAUSED -> CLOSED)")
    async def update_job(
        self,
        recruiter: NamedDependency[Principal],
        jobs_service: NamedDependency[JobService],
        job_id: FromPath[uuid.UUID],
        data: JSONBody[JobUpdate],
    ) -> JobOut:
        job = await jobs_service.get_for_company(job_id, recruiter.company_id)  # type: ignore[arg-type]
        job = await jobs_service.update_job(job, data)
        return jobs_service.to_schema(job, schema_type=JobOut)

    @post("/{job_id:uuid}/close", status_code=HTTP_200_OK, summary="Close a job (no more applications)")
    async def close_job(
        self,
        recruiter: NamedDependency[Principal],
        jobs_service: NamedDependency[JobService],
        job_id: FromPath[uuid.UUID],
    ) -> JobOut:
        job = await jobs_service.get_for_company(job_id, recruiter.company_id)  # type: ignore[arg-type]
        job = await jobs_service.close(job)
        return jobs_service.to_schema(job, schema_type=JobOut)


class PublicJobController(Controller):
    path = "/api/ats/v1/public/jobs"
    tags = ["jobs"]
    dependencies = {"jobs_service": Provide(provide_job_service)}

    @get("/{job_id:uuid}", summary="An OPEN job as applicants see it (public)")
    async def get_public_job(
        self, jobs_service: NamedDependency[JobService], job_id: FromPath[uuid.UUID]
    ) -> PublicJobOut:
        session = jobs_service.repository.session
        row = (
            await session.execute(
                select(Job, Company.name)
                .join(Company, Company.id == Job.company_id)
                .where(Job.id == job_id, Job.status == JobStatus.OPEN)
            )
        ).first()
        if row is None:
            raise NotFound("job not found or not open")
        job, company_name = row
        return PublicJobOut(
            id=job.id,
            company_name=company_name,
            title=job.title,
            description=job.description,
            requirements=job.requirements,
            location=job.location,
            salary_min=job.salary_min,
            salary_max=job.salary_max,
            salary_currency=job.salary_currency,
            skills=[s.name for s in job.skills],
        )
