"""Screening on the queue (api/queue): ``enqueue_screening`` defers a job *in the caller's transaction* (the apply
request's), so the job exists if and only if the application was committed."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Any

from procrastinate import Blueprint, JobContext, RetryStrategy
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.queue.app import defer_in_transaction
from api.screening.services import ApplicationGone, screen_application
from nlp.embeddings import Embedder

logger = logging.getLogger(__name__)

QUEUE = "screening"
TASK_NAME = "screening:screen_application"

tasks = Blueprint()


@dataclass
class ScreeningRuntime:
    """What a screening job needs; handed to the worker as its additional context."""

    sessionmaker: async_sessionmaker
    storage: Any = None
    embedder: Embedder | None = None


@tasks.task(
    name="screen_application",
    queue=QUEUE,
    pass_context=True,
    retry=RetryStrategy(max_attempts=5, wait=2, exponential_wait=2),
)
async def screen_application_task(context: JobContext, application_id: str) -> None:
    runtime: ScreeningRuntime = context.additional_context["screening"]
    try:
        async with runtime.sessionmaker() as session, session.begin():
            screening = await screen_application(
                session, uuid.UUID(application_id), storage=runtime.storage, embedder=runtime.embedder
            )
            logger.info("application screened", extra={"application_id": application_id, "score": screening.score})
    except ApplicationGone:
        logger.info("application gone before screening", extra={"application_id": application_id})


async def enqueue_screening(session: AsyncSession, application_id: uuid.UUID | str) -> None:
    """Defer the screening of an application in the session's transaction."""
    await defer_in_transaction(session, queue=QUEUE, task=TASK_NAME, lock=f"screening:{application_id}",
                               args={"application_id": str(application_id)})
