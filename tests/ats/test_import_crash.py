"""The import job's worker is SIGKILLed mid-import: a new worker takes the job over (stalled-job retry) and
finishes it from the first unwritten row, with no duplicate and exact counts."""

from __future__ import annotations

import asyncio
import os
import signal
import time

from sqlalchemy import func, select

from db.enums import ImportStatus
from db.models import Application, Candidate, ImportBatch
from tests.api.conftest import create_job, dev_user
from tests.ats.conftest import worker_process
from tests.ats.files import csv_bytes, people
from tests.ats.test_email import ats_database_url
from tests.ats.test_imports import upload

ROWS = 6000


async def _batch(sessionmaker, batch_id: str) -> ImportBatch:
    async with sessionmaker() as s:
        return await s.scalar(select(ImportBatch).where(ImportBatch.id == batch_id))


async def test_a_killed_import_resumes_without_duplicates(ats, ats_settings, db_sessionmaker, artifacts_dir) -> None:
    recruiter = await dev_user(ats, "rec-crash", "RECRUITER", "Crash Corp")
    job = await create_job(ats, recruiter)
    preview = (await upload(ats, recruiter, job["id"], csv_bytes(people(ROWS)))).json()
    assert (await ats.post(f"/api/ats/v1/imports/{preview['id']}/commit",
                           headers=recruiter.headers)).status_code == 202
    url, log = ats_database_url(db_sessionmaker), artifacts_dir / "import-crash-worker.log"
    storage = ats_settings.storage_local_dir
    worker = worker_process(url, storage, log)
    deadline = time.monotonic() + 120
    while (await _batch(db_sessionmaker, preview["id"])).processed_rows == 0:
        assert time.monotonic() < deadline and worker.poll() is None, f"the import did not start; see {log}"
        await asyncio.sleep(0.05)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    killed_at = (await _batch(db_sessionmaker, preview["id"])).processed_rows
    assert 0 < killed_at < ROWS, "the kill should land mid-import"

    worker = worker_process(url, storage, log)
    try:
        deadline = time.monotonic() + 180
        while (batch := await _batch(db_sessionmaker, preview["id"])).status != ImportStatus.COMPLETED:
            assert batch.status != ImportStatus.FAILED, batch.failure
            assert time.monotonic() < deadline and worker.poll() is None, f"the import did not finish; see {log}"
            await asyncio.sleep(0.3)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)
    assert (batch.processed_rows, batch.created_count, batch.updated_count, batch.skipped_count) == (ROWS, ROWS, 0, 0)
    async with db_sessionmaker() as s:
        assert await s.scalar(select(func.count()).select_from(Application)) == ROWS
        assert await s.scalar(select(func.count(func.distinct(func.lower(Candidate.email))))) == ROWS
        assert await s.scalar(select(func.count()).select_from(Candidate)) == ROWS
