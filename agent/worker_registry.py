"""This worker process in ``agent_workers``: written once LiveKit has registered it, refreshed every couple of
seconds with its interviews, removed when it stops.

The API's dispatcher sends waiting candidates only to workers with a fresh row and a free slot, and
``interviewly up`` calls the agent ready only when a row exists: "ready" means a dispatch has somewhere to go.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import AgentWorker

logger = logging.getLogger("interviewly.registry")


class WorkerRegistry:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], *, agent_name: str, max_jobs: int,
                 active_jobs: Callable[[], int], draining: Callable[[], bool], interval_s: float = 2.0) -> None:
        self._sessionmaker = sessionmaker
        self.agent_name = agent_name
        self.max_jobs = max_jobs
        self._active_jobs = active_jobs
        self._draining = draining
        self.interval_s = interval_s
        self.worker_id: str | None = None
        self._registered_at: datetime | None = None
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()

    def registered(self, worker_id: str) -> None:
        """LiveKit acknowledged the registration (again, after a reconnect: the id may change)."""
        previous, self.worker_id = self.worker_id, worker_id
        self._registered_at = datetime.now(UTC)
        if previous and previous != worker_id:
            asyncio.get_running_loop().create_task(self._delete(previous))
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="worker-registry")
        self._wake.set()

    def changed(self) -> None:
        """An interview started or ended: report it now rather than at the next refresh."""
        self._wake.set()

    async def _run(self) -> None:
        failures = 0
        while True:
            try:
                await self._write()
                failures = 0
            except asyncio.CancelledError:
                raise
            except Exception as e:
                failures += 1
                if failures in (1, 10, 100):
                    logger.warning("writing this worker's registry row failed: %s", e)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.interval_s):
                    await self._wake.wait()
            self._wake.clear()

    async def _write(self) -> None:
        assert self.worker_id is not None and self._registered_at is not None
        now = datetime.now(UTC)
        values = {"worker_id": self.worker_id, "agent_name": self.agent_name, "host": socket.gethostname(),
                  "pid": os.getpid(), "max_jobs": self.max_jobs, "active_jobs": self._active_jobs(),
                  "draining": self._draining(), "registered_at": self._registered_at, "heartbeat_at": now}
        stmt = pg_insert(AgentWorker).values(values)
        async with self._sessionmaker() as session, session.begin():
            await session.execute(stmt.on_conflict_do_update(
                index_elements=[AgentWorker.worker_id],
                set_={k: stmt.excluded[k] for k in ("active_jobs", "draining", "heartbeat_at", "max_jobs")}))

    async def _delete(self, worker_id: str) -> None:
        with contextlib.suppress(Exception):
            async with self._sessionmaker() as session, session.begin():
                await session.execute(sa.delete(AgentWorker).where(AgentWorker.worker_id == worker_id))

    async def aclose(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self.worker_id is not None:
            await self._delete(self.worker_id)
