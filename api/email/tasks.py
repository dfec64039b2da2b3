"""The email jobs on the queue: ``deliver`` (deferred with each mail, in its transaction) and the periodic
``tick`` (reminders, finished interviews, and any mail that is due: a retry after backoff, or a mail whose sender
died holding it)."""

from __future__ import annotations

import logging
import uuid

from procrastinate import Blueprint, JobContext

from api.email.outbox import QUEUE
from api.email.periodic import queue_completed_reports, queue_reminders
from api.email.sender import EmailRuntime, deliver
from api.queue.app import cron_every

logger = logging.getLogger(__name__)

tasks = Blueprint()


@tasks.task(name="deliver", queue=QUEUE, pass_context=True)
async def deliver_task(context: JobContext, outbox_id: str) -> None:
    runtime: EmailRuntime = context.additional_context["email"]
    report = await deliver(runtime, [uuid.UUID(outbox_id)])
    if report.retrying:
        logger.info("mail %s waits for its next attempt", outbox_id)


async def run_tick(runtime: EmailRuntime) -> dict[str, int]:
    async with runtime.sessionmaker() as session, session.begin():
        reminders = await queue_reminders(session)
        reports = await queue_completed_reports(session)
    report = await deliver(runtime)
    return {"reminders": len(reminders), "reports": len(reports), "sent": len(report.sent),
            "retrying": len(report.retrying), "failed": len(report.failed)}


def periodic_tasks(tick_seconds: float) -> Blueprint:
    bp = Blueprint()

    @bp.periodic(cron=cron_every(tick_seconds), periodic_id="tick")
    @bp.task(name="tick", queue=QUEUE, pass_context=True, queueing_lock="email-tick")
    async def tick(context: JobContext, timestamp: int) -> None:
        done = await run_tick(context.additional_context["email"])
        if any(done.values()):
            logger.info("email tick: %s", done)

    return bp
