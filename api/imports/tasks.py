"""The import job on the queue. Deferred by the commit request in its own transaction; a job whose worker died
is put back by ``api/queue/stalled.py`` and resumes from the batch's progress."""

from __future__ import annotations

import logging
import uuid

from procrastinate import Blueprint, JobContext
from sqlalchemy.ext.asyncio import AsyncSession

from api.imports.runner import ImportRuntime, LostClaim, run_import
from api.queue.app import defer_in_transaction

logger = logging.getLogger(__name__)

QUEUE = "imports"
TASK_NAME = "imports:run"

tasks = Blueprint()

__all__ = ["ImportRuntime", "enqueue_import", "tasks"]


@tasks.task(name="run", queue=QUEUE, pass_context=True)
async def run_import_task(context: JobContext, batch_id: str) -> None:
    runtime: ImportRuntime = context.additional_context["imports"]
    try:
        status = await run_import(runtime, uuid.UUID(batch_id))
    except LostClaim:
        logger.warning("import %s was taken over by another job; this one stops", batch_id)
        return
    logger.info("import %s: %s", batch_id, status)


async def enqueue_import(session: AsyncSession, batch_id: uuid.UUID) -> None:
    await defer_in_transaction(session, queue=QUEUE, task=TASK_NAME, args={"batch_id": str(batch_id)},
                               queueing_lock=f"import:{batch_id}")
