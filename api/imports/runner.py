"""The import job: claims the batch, then writes the rows chunk by chunk. Each chunk commits together with the
batch's progress (``processed_rows``, counts, bad rows), so a job that resumes after a crash starts at the first
row not written and nothing is written twice. A chunk commits only while this job still holds the batch
(``runner_token``): a worker thought dead that wakes up cannot write alongside the one that took over."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import anyio
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.imports.cvs import CVArchive, ZipError
from api.imports.mapping import records
from api.imports.process import CHUNK_ROWS, Target, plan_chunk, write_chunk
from api.imports.reader import SheetError, read_sheet
from api.storage.services import Storage
from db.enums import ImportStatus
from db.models import ImportBatch

logger = logging.getLogger(__name__)

MAX_REPORTED_ERRORS = 1000


class LostClaim(RuntimeError):
    """Another job took this import over (this one was presumed dead)."""


@dataclass
class ImportRuntime:
    sessionmaker: async_sessionmaker
    storage: Any = None


async def _claim(session: AsyncSession, batch_id: uuid.UUID, token: str) -> ImportBatch | None:
    now = datetime.now(UTC)
    return await session.scalar(
        update(ImportBatch)
        .where(ImportBatch.id == batch_id, ImportBatch.status.in_([ImportStatus.QUEUED, ImportStatus.RUNNING]))
        .values(status=ImportStatus.RUNNING, runner_token=token, heartbeat_at=now, updated_at=now,
                started_at=func.coalesce(ImportBatch.started_at, now))
        .returning(ImportBatch)
        .execution_options(synchronize_session=False))


async def _progress(session: AsyncSession, batch_id: uuid.UUID, token: str, **values: Any) -> None:
    result = await session.execute(
        update(ImportBatch).where(ImportBatch.id == batch_id, ImportBatch.runner_token == token)
        .values(heartbeat_at=datetime.now(UTC), updated_at=datetime.now(UTC), **values)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise LostClaim(str(batch_id))


async def _fail(runtime: ImportRuntime, batch_id: uuid.UUID, token: str, reason: str) -> None:
    async with runtime.sessionmaker() as session, session.begin():
        await _progress(session, batch_id, token, status=ImportStatus.FAILED, failure=reason,
                        finished_at=datetime.now(UTC))


async def run_import(runtime: ImportRuntime, batch_id: uuid.UUID) -> str:
    """Returns the batch's status when the job ends."""
    token = uuid.uuid4().hex
    async with runtime.sessionmaker() as session, session.begin():
        batch = await _claim(session, batch_id, token)
        if batch is None:
            return "not queued"
        session.expunge(batch)
    storage: Storage = runtime.storage
    try:
        # reading a big workbook is seconds of CPU: off the worker's event loop
        sheet = await anyio.to_thread.run_sync(read_sheet, await storage.get(batch.file_key), batch.file_name)
        archive = CVArchive(await storage.get(batch.zip_key)) if batch.zip_key else None
    except (SheetError, ZipError) as exc:  # checked at upload; only a changed store gets here
        await _fail(runtime, batch_id, token, exc.message)
        return ImportStatus.FAILED.value
    items = records(sheet, batch.mapping)
    target = Target(batch.company_id, batch.job_id, batch.id, batch.created_by_id, batch.file_name)
    errors = list(batch.errors)
    done = batch.processed_rows
    if done:
        logger.info("import %s resumes at row %d of %d", batch_id, done + 1, len(items))
    while done < len(items):
        chunk = items[done:done + CHUNK_ROWS]
        async with runtime.sessionmaker() as session, session.begin():
            # one chunk of a company's imports at a time: two imports of one file cannot both create a person
            await session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                                  {"key": f"import:{target.company_id}"})
            planned = await plan_chunk(session, target, chunk, archive, batch.mapping.get("cv_file"))
            await write_chunk(session, target, planned.decisions, storage)
            actions = [d.action for d in planned.decisions]
            errors += [e.as_dict() for e in planned.errors][:max(0, MAX_REPORTED_ERRORS - len(errors))]
            done += len(chunk)
            await _progress(session, batch_id, token, processed_rows=done, errors=errors,
                            created_count=ImportBatch.created_count + actions.count("create"),
                            updated_count=ImportBatch.updated_count + actions.count("update"),
                            skipped_count=ImportBatch.skipped_count + actions.count("skip"),
                            error_count=ImportBatch.error_count + len(planned.errors))
    async with runtime.sessionmaker() as session, session.begin():
        await _progress(session, batch_id, token, status=ImportStatus.COMPLETED, finished_at=datetime.now(UTC),
                        runner_token=None)
    return ImportStatus.COMPLETED.value


async def batch_state(session: AsyncSession, batch_id: uuid.UUID) -> ImportBatch | None:
    return await session.scalar(select(ImportBatch).where(ImportBatch.id == batch_id))
