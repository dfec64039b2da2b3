"""The privacy jobs on the Postgres queue: erasure (deferred with its request) and the daily retention run."""

from __future__ import annotations

import logging
import uuid

from procrastinate import Blueprint, JobContext

from api.privacy.erasure import QUEUE, PrivacyRuntime, run_erasure

logger = logging.getLogger(__name__)

tasks = Blueprint()

__all__ = ["PrivacyRuntime", "retention_tasks", "tasks"]


@tasks.task(name="erase", queue=QUEUE, pass_context=True)
async def erase_task(context: JobContext, request_id: str) -> None:
    runtime: PrivacyRuntime = context.additional_context["privacy"]
    status = await run_erasure(runtime, uuid.UUID(request_id))
    logger.info("erasure %s: %s", request_id, status)


def retention_tasks(cron: str) -> Blueprint:
    """The retention run on `cron` (daily by default: RETENTION_CRON); procrastinate defers each tick once."""
    from api.privacy.retention import run_retention

    bp = Blueprint()

    @bp.periodic(cron=cron, periodic_id="retention")
    @bp.task(name="retention", queue=QUEUE, pass_context=True, queueing_lock="privacy-retention")
    async def retention(context: JobContext, timestamp: int) -> None:
        runtime: PrivacyRuntime = context.additional_context["privacy"]
        await run_retention(runtime)

    return bp
