"""The screening job queue: procrastinate on the same Postgres (schema `procrastinate`, created by Alembic).

- `enqueue_screening(session, application_id)` defers a job *in the caller's transaction* (the apply request's):
  the job exists if and only if the application was committed, and a worker can never see a job before its row.
- `screening_lifespan` runs a worker inside the API process (SCREENING_WORKER=1, the default), so `make up`
  and the tests need no extra process. `python -m api.screening.jobs` runs a stand-alone worker instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from procrastinate import App, Blueprint, JobContext, PsycopgConnector, RetryStrategy
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api.screening.embeddings import Embedder, get_embedder
from api.screening.service import ApplicationGone, screen_application

logger = logging.getLogger(__name__)

QUEUE = "screening"
QUEUE_SCHEMA = "procrastinate"
NAMESPACE = "screening"
TASK_NAME = f"{NAMESPACE}:screen_application"

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


def psycopg_conninfo(database_url: str) -> str:
    """The libpq URL psycopg wants, from any SQLAlchemy URL form (postgresql+asyncpg://...)."""
    url = make_url(database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def make_queue_app(database_url: str, *, max_pool_size: int = 4) -> App:
    connector = PsycopgConnector(
        conninfo=psycopg_conninfo(database_url),
        kwargs={"options": f"-c search_path={QUEUE_SCHEMA},public"},
        min_size=1,
        max_size=max_pool_size,
    )
    app = App(connector=connector)
    app.add_tasks_from(tasks, namespace=NAMESPACE)
    return app


async def enqueue_screening(session: AsyncSession, application_id: uuid.UUID | str) -> None:
    """Defer the screening of an application in the session's transaction (procrastinate's own defer function)."""
    await session.execute(
        text(f"""SELECT {QUEUE_SCHEMA}.procrastinate_defer_jobs_v1(ARRAY[
                    ROW(:queue, :task, 0, :lock, NULL, CAST(:args AS jsonb), NULL)
                    ::{QUEUE_SCHEMA}.procrastinate_job_to_defer_v1])"""),
        {
            "queue": QUEUE,
            "task": TASK_NAME,
            "lock": f"screening:{application_id}",
            "args": json.dumps({"application_id": str(application_id)}),
        },
    )


class ScreeningWorker:
    """A procrastinate worker as an asyncio task, started and stopped with the host process."""

    def __init__(
        self, database_url: str, runtime: ScreeningRuntime, *, concurrency: int = 1, polling_interval: float = 5.0
    ) -> None:
        self.app = make_queue_app(database_url)
        self.runtime = runtime
        self.concurrency = concurrency
        self.polling_interval = polling_interval
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        await self.app.open_async()
        self._task = asyncio.create_task(
            self.app.run_worker_async(
                queues=[QUEUE],
                name="screening",
                concurrency=self.concurrency,
                wait=True,
                install_signal_handlers=False,
                listen_notify=True,
                fetch_job_polling_interval=self.polling_interval,
                shutdown_graceful_timeout=20,
                additional_context={"screening": self.runtime},
                delete_jobs="successful",
            ),
            name="screening-worker",
        )

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None
        await self.app.close_async()

    async def __aenter__(self) -> ScreeningWorker:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()


def worker_enabled() -> bool:
    return os.environ.get("SCREENING_WORKER", "1").strip().lower() not in {"0", "false", "no", "off"}


@contextlib.asynccontextmanager
async def screening_lifespan(app) -> AsyncIterator[None]:
    """Litestar lifespan hook: a screening worker in the API process unless SCREENING_WORKER=0."""
    if not worker_enabled():
        yield
        return
    from api.storage.services import make_storage
    from db.engine import database_url as env_database_url
    from db.engine import make_engine

    settings = app.state.settings
    url = settings.database_url or env_database_url()
    engine: AsyncEngine = make_engine(url, pool_size=2, max_overflow=2)
    runtime = ScreeningRuntime(
        async_sessionmaker(engine, expire_on_commit=False),
        storage=getattr(app.state, "storage", None) or make_storage(settings),
        embedder=get_embedder(),
    )
    worker = ScreeningWorker(url, runtime)
    await worker.start()
    app.state.screening_worker = worker
    try:
        yield
    finally:
        await worker.stop()
        await engine.dispose()


async def _main() -> None:  # pragma: no cover - stand-alone worker
    from api.config import Settings
    from api.storage.services import make_storage
    from db.engine import database_url as env_database_url
    from db.engine import make_engine

    settings = Settings.from_env()
    url = settings.database_url or env_database_url()
    engine = make_engine(url, pool_size=2, max_overflow=2)
    runtime = ScreeningRuntime(
        async_sessionmaker(engine, expire_on_commit=False), storage=make_storage(settings), embedder=get_embedder()
    )
    app = make_queue_app(url)
    async with app.open_async():
        await app.run_worker_async(
            queues=[QUEUE], name="screening", additional_context={"screening": runtime}, delete_jobs="successful"
        )


if __name__ == "__main__":  # pragma: no cover
    logging.basicConfig(level=logging.INFO)
    asyncio.run(_main())
