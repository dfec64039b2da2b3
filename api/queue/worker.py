"""The queue worker: inside the API process by default (``QUEUE_WORKER=1``), or alone with
``python -m api.queue.worker``.

It runs the screening jobs and the interview lifecycle's periodic job (no-shows, stale interviews, dispatches
waiting for a free interviewer), so the lifecycle needs no agent worker up. With several API processes, each runs
a worker; procrastinate defers each periodic tick once, whoever runs it. A worker that sweeps stale screenings
(``screening_sweep_seconds``) sweeps once as it starts, then periodically (api/screening/tasks.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from api.queue.app import make_queue_app
from api.queue.stalled import stalled_seconds

logger = logging.getLogger(__name__)

QUEUES = ["screening", "lifecycle", "email", "imports", "housekeeping", "privacy", "webhooks"]
GRACEFUL_S = 20.0  # what a running job gets to finish when the process stops
STOP_TIMEOUT_S = GRACEFUL_S + 5.0
CLOSE_TIMEOUT_S = 5.0


class QueueWorker:
    """A procrastinate worker as an asyncio task, started and stopped with the host process."""

    def __init__(self, database_url: str, context: dict[str, Any], *, concurrency: int = 2,
                 polling_interval: float = 5.0, lifecycle_tick_seconds: float | None = None,
                 queues: list[str] | None = None, email_tick_seconds: float | None = None,
                 stalled_check_seconds: float | None = None, retention_cron: str | None = None,
                 webhook_tick_seconds: float | None = None, screening_sweep_seconds: float | None = None) -> None:
        self.app = make_queue_app(database_url, lifecycle_tick_seconds=lifecycle_tick_seconds,
                                  email_tick_seconds=email_tick_seconds, stalled_check_seconds=stalled_check_seconds,
                                  retention_cron=retention_cron, webhook_tick_seconds=webhook_tick_seconds,
                                  screening_sweep_seconds=screening_sweep_seconds)
        self.sweeps_screenings = bool(screening_sweep_seconds)
        self.context = context
        self.concurrency = concurrency
        self.polling_interval = polling_interval
        self.queues = queues or QUEUES
        self.restart_pause_s = 1.0
        self.stop_timeout_s = STOP_TIMEOUT_S
        self.restarts = 0
        self._stopping = False
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        await self.app.open_async()
        if self.sweeps_screenings and "screening" in self.queues:
            from api.screening.tasks import defer_sweep

            await defer_sweep(self.app)
        self._task = asyncio.create_task(self._run(), name="queue-worker")

    async def _run(self) -> None:
        """procrastinate stops its worker for good when one of its side tasks fails: the periodic deferrer on a
        deadlock, the LISTEN connection when Postgres restarts. Left so, an API process would go on serving with
        no screening, no lifecycle tick and no mail. It is started again, after a pause that grows while it keeps
        failing, until this worker is stopped."""
        pause = self.restart_pause_s
        while True:
            began = time.monotonic()
            try:
                await self.app.run_worker_async(
                    queues=self.queues,
                    name="interviewly",
                    concurrency=self.concurrency,
                    wait=True,
                    install_signal_handlers=False,
                    listen_notify=True,
                    fetch_job_polling_interval=self.polling_interval,
                    shutdown_graceful_timeout=GRACEFUL_S,
                    additional_context=self.context,
                    delete_jobs="successful",
                    # a worker silent for this long is dead: its jobs are retried (api/queue/stalled.py)
                    stalled_worker_timeout=stalled_seconds(),
                    update_heartbeat_interval=max(1.0, stalled_seconds() / 3),
                )
                reason = "it stopped"
            except Exception as e:  # a failure to start (Postgres unreachable): the same remedy
                reason = f"{type(e).__name__}: {e}"
            if self._stopping:  # procrastinate ends its run on our cancellation, sometimes with an error
                return
            self.restarts += 1
            if time.monotonic() - began > 60:
                pause = self.restart_pause_s  # it ran a while: a new incident
            logger.warning("the queue worker ended (%s); starting it again in %.1f s", reason, pause)
            await asyncio.sleep(pause)
            pause = min(30.0, pause * 2)

    async def stop(self) -> None:
        """Running jobs get procrastinate's graceful shutdown; the process's own shutdown (SIGTERM from an operator
        or Kubernetes) is never held longer than STOP_TIMEOUT_S, even while Postgres is unreachable (its LISTEN
        connection then waits 30 s for a connection that will not come)."""
        self._stopping = True
        if self._task is not None:
            self._task.cancel()
            done, _ = await asyncio.wait({self._task}, timeout=self.stop_timeout_s)
            if not done:
                logger.warning("the queue worker did not stop within %.0f s: leaving it", self.stop_timeout_s)
                self._task.cancel()  # a second cancellation ends procrastinate's graceful wait
            self._task = None
        try:
            await asyncio.wait_for(self.app.close_async(), CLOSE_TIMEOUT_S)
        except Exception as e:  # closing a pool to an unreachable server is no reason to hang
            logger.warning("the queue's connection pool did not close cleanly: %s", e)

    async def __aenter__(self) -> QueueWorker:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()


def worker_enabled() -> bool:
    # SCREENING_WORKER is the setting's name from before the queue ran anything but screening
    raw = os.environ.get("QUEUE_WORKER", os.environ.get("SCREENING_WORKER", "1"))
    return raw.strip().lower() not in {"0", "false", "no", "off"}


async def build_context(settings: Any, engine: AsyncEngine, *, storage: Any = None, livekit: Any = None
                        ) -> dict[str, Any]:
    """What the jobs need, by domain: handed to every job as procrastinate's additional context."""
    from api.email.config import EmailConfig
    from api.email.sender import EmailRuntime
    from api.imports.tasks import ImportRuntime
    from api.interviews.tasks import LifecycleRuntime
    from api.livekit_tokens.gateway import LiveKitGateway
    from api.privacy.erasure import PrivacyRuntime
    from api.screening.tasks import ScreeningRuntime
    from api.storage.services import make_storage
    from api.webhooks.sender import WebhookRuntime
    from nlp.embeddings import get_embedder

    sessionmaker = async_sessionmaker(engine, expire_on_commit=False)
    livekit = livekit or LiveKitGateway(settings)
    await livekit.start()  # idempotent: the API's own gateway may not have started yet
    storage = storage or make_storage(settings)
    return {
        "screening": ScreeningRuntime(sessionmaker, storage=storage, embedder=get_embedder()),
        "lifecycle": LifecycleRuntime(sessionmaker, settings=settings, livekit=livekit),
        "email": EmailRuntime(sessionmaker, EmailConfig.from_env(), settings.public_base_url),
        "imports": ImportRuntime(sessionmaker, storage=storage),
        "privacy": PrivacyRuntime(sessionmaker, storage=storage, settings=settings,
                                  step_pause_seconds=settings.erasure_step_pause_seconds),
        "webhooks": WebhookRuntime(sessionmaker, settings),
    }


def worker_options(settings: Any) -> dict[str, Any]:
    """The periodic jobs a full worker runs (the API's, or one started alone)."""
    from api.email.config import EmailConfig
    from api.screening.tasks import sweep_seconds

    return {"lifecycle_tick_seconds": settings.lifecycle_tick_seconds,
            "email_tick_seconds": EmailConfig.from_env().tick_seconds,
            "stalled_check_seconds": max(1.0, stalled_seconds() / 3),
            "retention_cron": settings.retention_cron,
            "webhook_tick_seconds": settings.webhook_tick_seconds,
            "screening_sweep_seconds": sweep_seconds()}


@contextlib.asynccontextmanager
async def queue_lifespan(app) -> AsyncIterator[None]:
    """Litestar lifespan hook: a queue worker in the API process unless QUEUE_WORKER=0."""
    if not worker_enabled():
        app.state.queue_worker = None
        yield
        return
    from db.engine import database_url as env_database_url
    from db.engine import make_engine

    settings = app.state.settings
    url = settings.database_url or env_database_url()
    engine: AsyncEngine = make_engine(url, pool_size=2, max_overflow=2)
    context = await build_context(settings, engine, storage=getattr(app.state, "storage", None),
                                  livekit=getattr(app.state, "livekit", None))
    worker = QueueWorker(url, context, **worker_options(settings))
    await worker.start()
    app.state.queue_worker = worker
    try:
        yield
    finally:
        await worker.stop()
        await engine.dispose()


async def _main() -> None:  # pragma: no cover - stand-alone worker
    from api.config import settings_or_exit
    from db.engine import database_url as env_database_url
    from db.engine import make_engine

    settings = settings_or_exit()
    url = settings.database_url or env_database_url()
    engine = make_engine(url, pool_size=2, max_overflow=2)
    context = await build_context(settings, engine)
    async with QueueWorker(url, context, polling_interval=2.0, **worker_options(settings)) as worker:
        assert worker._task is not None
        await worker._task


if __name__ == "__main__":  # pragma: no cover
    logging.basicConfig(level=logging.INFO)
    asyncio.run(_main())
