"""Jobs whose worker died (SIGKILL, lost machine) stay 'doing' forever in procrastinate, and a job holding a lock
blocks every later job with that lock. This periodic job puts them back in the queue once their worker has sent
no heartbeat for QUEUE_STALLED_SECONDS; the jobs themselves resume where they stopped (an import restarts at its
first unwritten row, a mail's outbox row says whether it was sent)."""

from __future__ import annotations

import logging
import os

from procrastinate import Blueprint, JobContext

from api.queue.app import cron_every

logger = logging.getLogger(__name__)

QUEUE = "housekeeping"


def stalled_seconds() -> float:
    return float(os.environ.get("QUEUE_STALLED_SECONDS") or 30)


def stalled_tasks(check_seconds: float) -> Blueprint:
    bp = Blueprint()

    @bp.periodic(cron=cron_every(check_seconds), periodic_id="retry_stalled")
    @bp.task(name="retry_stalled", queue=QUEUE, pass_context=True, queueing_lock="retry-stalled")
    async def retry_stalled(context: JobContext, timestamp: int) -> None:
        manager = context.app.job_manager
        for job in await manager.get_stalled_jobs(seconds_since_heartbeat=stalled_seconds()):
            if job.task_name.endswith("retry_stalled"):
                continue
            logger.warning("retrying job %s (%s): its worker stopped", job.id, job.task_name)
            await manager.retry_job(job)

    return bp
