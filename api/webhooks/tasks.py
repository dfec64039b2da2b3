"""The webhook jobs on the queue: `deliver` (deferred by `webhook_emit` in the event's transaction, and by a
manual redelivery) and the periodic `tick` (retries after backoff, and deliveries whose sender died)."""

from __future__ import annotations

import logging
import uuid

from procrastinate import Blueprint, JobContext

from api.queue.app import cron_every
from api.webhooks.sender import WebhookRuntime, deliver

logger = logging.getLogger(__name__)

QUEUE = "webhooks"
tasks = Blueprint()


@tasks.task(name="deliver", queue=QUEUE, pass_context=True)
async def deliver_task(context: JobContext, event_id: str | None = None, delivery_id: str | None = None) -> None:
    runtime: WebhookRuntime = context.additional_context["webhooks"]
    report = await deliver(runtime, event_id=uuid.UUID(event_id) if event_id else None,
                           delivery_id=uuid.UUID(delivery_id) if delivery_id else None)
    if report.retrying or report.failed:
        logger.info("webhook deliveries waiting for a retry: %d, failed: %d", len(report.retrying),
                    len(report.failed))


def periodic_tasks(tick_seconds: float) -> Blueprint:
    bp = Blueprint()

    @bp.periodic(cron=cron_every(tick_seconds), periodic_id="tick")
    @bp.task(name="tick", queue=QUEUE, pass_context=True, queueing_lock="webhooks-tick")
    async def tick(context: JobContext, timestamp: int) -> None:
        report = await deliver(context.additional_context["webhooks"])
        if report.delivered or report.retrying or report.failed:
            logger.info("webhook tick: delivered %d, retrying %d, failed %d", len(report.delivered),
                        len(report.retrying), len(report.failed))

    return bp
