"""Demo data for `make up`: idempotent (a second run finds what the first created)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import ApplicationStatus, CompanyRole, JobStatus, Role
from db.models import (
    Application,
    ApplicationStatusChange,
    Candidate,
    Company,
    CompanyMembership,
    Job,
    JobSkill,
    RecruiterProfile,
    User,
)

COMPANY_NAME = "Acme Robotics"
COMPANY_SLUG = "acme-robotics"
RECRUITER = {"clerk_id": "dev|recruiter", "email": "recruiter@acme.test", "full_name": "Riley Recruiter"}
CANDIDATE = {"clerk_id": "dev|candidate", "email": "candidate@example.test", "full_name": "Casey Candidate"}
JOB_TITLE = "Backend Engineer"
SKILLS = [("Python", 3.0), ("PostgreSQL", 2.0), ("distributed systems", 2.0), ("communication", 1.0)]
CV_TEXT = (
    "Casey Candidate - Backend engineer. 6 years of Python (FastAPI, asyncio), PostgreSQL tuning and "
    "replication, distributed systems (Kafka, Raft-based stores). Led a team of four; clear writer and speaker."
)


async def _user(session: AsyncSession, spec: dict[str, str], role: Role) -> User:
    user = await session.scalar(select(User).where(User.clerk_id == spec["clerk_id"]))
    if user is None:
        user = User(**spec, role=role)
        session.add(user)
        await session.flush()
    elif user.role is None:
        user.role = role
    return user


async def _job(session: AsyncSession, company: Company, recruiter: User) -> Job:
    job = await session.scalar(select(Job).where(Job.company_id == company.id, Job.title == JOB_TITLE))
    if job is None:
        job = Job(
            company_id=company.id,
            created_by_id=recruiter.id,
            title=JOB_TITLE,
            status=JobStatus.OPEN,
            description="Build and run the services behind our robot fleet: APIs, data pipelines, and the "
            "Postgres that holds it all.",
            requirements="Python, PostgreSQL, distributed systems; you explain trade-offs clearly.",
            location="Remote (EU)",
            salary_min=70000,
            salary_max=95000,
            salary_currency="EUR",
            skills=[JobSkill(name=n, weight=w) for n, w in SKILLS],
        )
        session.add(job)
        await session.flush()
    return job


async def _candidate(session: AsyncSession, user: User) -> Candidate:
    candidate = await session.scalar(select(Candidate).where(Candidate.user_id == user.id))
    if candidate is None:
        candidate = Candidate(user_id=user.id, full_name=CANDIDATE["full_name"], email=CANDIDATE["email"],
                              cv_filename="casey-cv.txt", cv_content_type="text/plain", cv_text=CV_TEXT)
        session.add(candidate)
        await session.flush()
    return candidate


async def _application(session: AsyncSession, job: Job, candidate: Candidate, user: User) -> Application:
    application = await session.scalar(
        select(Application).where(Application.job_id == job.id, Application.candidate_id == candidate.id)
    )
    if application is None:
        application = Application(job_id=job.id, candidate_id=candidate.id, status=ApplicationStatus.APPLIED)
        session.add(application)
        await session.flush()
        session.add(ApplicationStatusChange(application_id=application.id, from_status=None,
                                            to_status=ApplicationStatus.APPLIED, changed_by_id=user.id,
                                            reason="demo seed"))
        await session.flush()
    return application


async def seed_demo(session: AsyncSession) -> dict[str, Any]:
    """Create (or find) the demo company, recruiter, candidate, open job and application; return their ids.
    The caller commits."""
    company = await session.scalar(select(Company).where(Company.slug == COMPANY_SLUG))
    if company is None:
        company = Company(name=COMPANY_NAME, slug=COMPANY_SLUG)
        session.add(company)
        await session.flush()
    recruiter = await _user(session, RECRUITER, Role.RECRUITER)
    profile = await session.scalar(select(RecruiterProfile).where(RecruiterProfile.user_id == recruiter.id))
    if profile is None:
        session.add(RecruiterProfile(user_id=recruiter.id, company_id=company.id, title="Talent Partner"))
    await session.execute(insert(CompanyMembership).values(
        id=uuid.uuid4(), company_id=company.id, user_id=recruiter.id, role=CompanyRole.OWNER,
        created_at=func.now(), updated_at=func.now()).on_conflict_do_nothing())
    candidate_user = await _user(session, CANDIDATE, Role.CANDIDATE)
    job = await _job(session, company, recruiter)
    candidate = await _candidate(session, candidate_user)
    application = await _application(session, job, candidate, candidate_user)
    return {
        "company_id": company.id,
        "recruiter_user_id": recruiter.id,
        "recruiter_clerk_id": recruiter.clerk_id,
        "candidate_user_id": candidate_user.id,
        "candidate_clerk_id": candidate_user.clerk_id,
        "job_id": job.id,
        "candidate_id": candidate.id,
        "application_id": application.id,
    }
