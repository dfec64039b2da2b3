from __future__ import annotations

import uuid
from typing import Any

import msgspec
from advanced_alchemy.filters import CollectionFilter, LimitOffset, OrderBy, SearchFilter, StatementFilter
from advanced_alchemy.repository import SQLAlchemyAsyncRepository
from advanced_alchemy.service import SQLAlchemyAsyncRepositoryService
from sqlalchemy import select

from api.common.errors import BadRequest, Conflict, NotFound
from api.jobs.schemas import JobCreate, JobUpdate, PublicJobOut, SkillIn
from api.screening.skills import suggest_skills
from db.enums import JobStatus
from db.models import Company, Job, JobSkill

JOB_TRANSITIONS: dict[JobStatus, frozenset[JobStatus]] = {
    JobStatus.DRAFT: frozenset({JobStatus.OPEN, JobStatus.CLOSED}),
    JobStatus.OPEN: frozenset({JobStatus.PAUSED, JobStatus.CLOSED}),
    JobStatus.PAUSED: frozenset({JobStatus.OPEN, JobStatus.CLOSED}),
    JobStatus.CLOSED: frozenset(),
}


def _check_skills(skills: list[SkillIn]) -> None:
    names = [s.name.strip().lower() for s in skills]
    if any(not n for n in names):
        raise BadRequest("skill names must not be blank", extra={"field": "skills"})
    if len(set(names)) != len(names):
        raise BadRequest("skill names must be unique", extra={"field": "skills"})


def _check_salary(salary_min: int | None, salary_max: int | None, currency: str | None) -> None:
    if salary_min is not None and salary_max is not None and salary_min > salary_max:
        raise BadRequest("salary_min must not exceed salary_max", extra={"field": "salary_min"})
    if (salary_min is not None or salary_max is not None) and currency is None:
        raise BadRequest("salary_currency is required with a salary range", extra={"field": "salary_currency"})


def suggested_skills(job: Job) -> list[dict]:
    """Weighted skills taken from the job's text (for a job created without any)."""
    return suggest_skills(job.title, job.description, job.requirements)


class JobService(SQLAlchemyAsyncRepositoryService[Job]):
    class Repo(SQLAlchemyAsyncRepository[Job]):
        model_type = Job

    repository_type = Repo

    async def get_for_company(self, job_id: uuid.UUID, company_id: uuid.UUID) -> Job:
        job = await self.get_one_or_none(Job.id == job_id, Job.company_id == company_id)
        if job is None:
            raise NotFound("job not found")
        return job

    async def public_job(self, job_id: uuid.UUID) -> PublicJobOut:
        """An OPEN job as applicants see it, with its company's name; 404 for any other job."""
        row = (await self.repository.session.execute(
            select(Job, Company.name).join(Company, Company.id == Job.company_id)
            .where(Job.id == job_id, Job.status == JobStatus.OPEN))).first()
        if row is None:
            raise NotFound("job not found or not open")
        job, company_name = row
        fields = {f: getattr(job, f) for f in PublicJobOut.__struct_fields__ if f not in {"company_name", "skills"}}
        return PublicJobOut(**fields, company_name=company_name, skills=[s.name for s in job.skills])

    async def create_job(self, company_id: uuid.UUID, user_id: uuid.UUID, data: JobCreate) -> Job:
        if data.status == JobStatus.CLOSED:
            raise BadRequest("a job cannot be created CLOSED", extra={"field": "status"})
        _check_skills(data.skills)
        _check_salary(data.salary_min, data.salary_max, data.salary_currency)
        fields = msgspec.structs.asdict(data)
        skills = fields.pop("skills")
        job = Job(
            **fields,
            company_id=company_id,
            created_by_id=user_id,
            skills=[JobSkill(name=s.name.strip(), weight=s.weight) for s in skills],
        )
        return await self.create(job)

    async def update_job(self, job: Job, data: JobUpdate) -> Job:
        changes: dict[str, Any] = {
            k: v for k, v in msgspec.structs.asdict(data).items() if v is not msgspec.UNSET and k != "skills"
        }
        if job.status == JobStatus.CLOSED:
            raise Conflict("a closed job cannot be changed", extra={"status": job.status.value})
        new_status = changes.get("status")
        if new_status is not None and new_status != job.status and new_status not in JOB_TRANSITIONS[job.status]:
            raise Conflict(
                f"a job cannot go from {job.status.value} to {new_status.value}",
                extra={"from": job.status.value, "allowed": sorted(s.value for s in JOB_TRANSITIONS[job.status])},
            )
        _check_salary(
            changes.get("salary_min", job.salary_min),
            changes.get("salary_max", job.salary_max),
            changes.get("salary_currency", job.salary_currency),
        )
        for key, value in changes.items():
            setattr(job, key, value)
        if data.skills is not msgspec.UNSET:
            _check_skills(data.skills)
            existing = {s.name.lower(): s for s in job.skills}
            wanted: list[JobSkill] = []
            for skill in data.skills:
                current = existing.get(skill.name.strip().lower())
                if current is not None:
                    current.name = skill.name.strip()
                    current.weight = skill.weight
                    wanted.append(current)
                else:
                    wanted.append(JobSkill(name=skill.name.strip(), weight=skill.weight))
            job.skills = wanted
        return await self.update(job)

    async def close(self, job: Job) -> Job:
        if job.status == JobStatus.CLOSED:
            raise Conflict("the job is already closed", extra={"status": job.status.value})
        job.status = JobStatus.CLOSED
        return await self.update(job)


def job_filters(limit_offset: LimitOffset, order: OrderBy, statuses: list[JobStatus] | None,
                search: str | None) -> list[StatementFilter]:
    """The company job list's page, order, status choice and title/location search as advanced-alchemy filters."""
    filters: list[StatementFilter] = [order, limit_offset]
    if statuses:
        filters.append(CollectionFilter(field_name="status", values=statuses))
    if search:
        filters.append(SearchFilter(field_name={"title", "location"}, value=search, ignore_case=True,
                                    escape_wildcards=True))
    return filters
