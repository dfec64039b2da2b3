"""Fixtures for the screening tests: real Postgres (the session server), the real ONNX model, local storage."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import pytest_asyncio
import yaml
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api.storage.services import LocalStorage
from db.enums import JobStatus
from db.models import Application, Candidate, Company, Job, JobSkill
from nlp.embeddings import Embedder

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """One real model for the session (its stats are real counters; read deltas, not absolutes)."""
    return Embedder()


@pytest.fixture
def storage(tmp_path: Path) -> LocalStorage:
    return LocalStorage(tmp_path / "uploads")


@pytest.fixture(scope="session")
def labelled() -> tuple[list[dict], list[dict]]:
    jobs = yaml.safe_load((DATA / "labelled_jobs.yaml").read_text())
    cvs = yaml.safe_load((DATA / "labelled_cvs.yaml").read_text())
    return jobs, cvs


async def clear_queue(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        await conn.execute(text("TRUNCATE procrastinate.procrastinate_jobs, procrastinate.procrastinate_events,"
                                " procrastinate.procrastinate_periodic_defers RESTART IDENTITY CASCADE"))


@pytest_asyncio.fixture(loop_scope="session")
async def clean_db(db_sessionmaker, db_engine):
    """Empty app tables and an empty job queue."""
    await clear_queue(db_engine)
    return db_sessionmaker


async def make_company(session: AsyncSession, name: str = "Acme") -> Company:
    company = Company(name=name, slug=f"{name.lower()}-{uuid.uuid4().hex[:8]}")
    session.add(company)
    await session.flush()
    return company


async def make_job(session: AsyncSession, company: Company, spec: dict) -> Job:
    job = Job(company_id=company.id, title=spec["title"], description=spec.get("description", ""),
              requirements=spec.get("requirements", ""), status=JobStatus.OPEN,
              skills=[JobSkill(name=n, weight=float(w)) for n, w in spec.get("skills", {}).items()])
    session.add(job)
    await session.flush()
    return job


async def make_application(session: AsyncSession, job: Job, name: str, *, cv_key: str | None = None,
                           cv_text: str | None = None, filename: str | None = None,
                           content_type: str | None = None) -> Application:
    candidate = Candidate(full_name=name, email=f"{name.lower().replace(' ', '.')}.{uuid.uuid4().hex[:6]}@ex.test",
                          cv_storage_key=cv_key, cv_filename=filename, cv_content_type=content_type, cv_text=cv_text)
    application = Application(job_id=job.id, candidate=candidate)
    session.add(application)
    await session.flush()
    return application
