"""The queue worker outlives what stops procrastinate's: a side task that fails (its LISTEN connection cut while
Postgres refuses new connections, as in a restart; in a test bed once the periodic deferrer's deadlock) used to end
the worker for good, leaving the API process with no screening, no lifecycle tick and no mail. It is started again
and runs new jobs."""

from __future__ import annotations

import asyncio
import time

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from api.queue.worker import QueueWorker
from db.migrate import upgrade
from devstack.postgres import EmbeddedPostgres

LISTENERS = "from pg_stat_activity where datname = :db and query ilike 'listen %'"


async def _until(predicate, within: float, what: str):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if value := await predicate():
            return value
        await asyncio.sleep(0.1)
    raise AssertionError(f"timed out after {within}s: {what}")


async def test_a_worker_whose_connection_drops_in_an_outage_starts_again_and_runs_jobs(database_url) -> None:
    ran: list[str] = []
    # a periodic job, as every real worker has: procrastinate watches its side tasks only while its deferrer runs
    worker = QueueWorker(database_url, {}, queues=["restart-probe"], polling_interval=0.5, stalled_check_seconds=60)
    worker.restart_pause_s = 0.2

    @worker.app.task(name="probe", queue="restart-probe")
    async def probe(tag: str) -> None:
        ran.append(tag)

    def happened(check):
        return lambda: asyncio.sleep(0, check())

    url = make_url(database_url)
    database = url.database
    # from another database: Postgres will not refuse connections to the one an ALTER is connected to
    engine = create_async_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as admin:  # held open: it stays when new connections are refused
            async def listeners() -> set[int]:
                return set((await admin.execute(sa.text(f"select pid {LISTENERS}"), {"db": database})).scalars())

            async with worker:
                await worker.app.configure_task("probe").defer_async(tag="before")
                await _until(happened(lambda: "before" in ran), 20, "the first job")
                first = await _until(listeners, 20, "the worker to listen")
                # a three-second outage: Postgres refuses new connections and the worker's listener is cut
                await admin.execute(sa.text(f'alter database "{database}" with allow_connections false'))
                try:
                    await admin.execute(sa.text(f"select pg_terminate_backend(pid) {LISTENERS}"), {"db": database})
                    await asyncio.sleep(3)
                finally:
                    await admin.execute(sa.text(f'alter database "{database}" with allow_connections true'))
                # procrastinate stopped its worker meanwhile (its listener could not reconnect); once Postgres is
                # back it is started again: listening on a new connection, and running what is deferred now
                await _until(happened(lambda: worker.restarts >= 1), 60, "the worker to be started again")
                await _until(lambda: _new(listeners, first), 30, "a new listener")
                await worker.app.configure_task("probe").defer_async(tag="after")
                await _until(happened(lambda: "after" in ran), 20, "a job after the outage")
                assert worker._task is not None and not worker._task.done()
            assert worker._task is None  # stopped when asked, not started again
    finally:
        await engine.dispose()


async def _new(listeners, before: set[int]) -> bool:
    return bool(await listeners() - before)


@pytest.mark.timeout(120)  # before the fix the stop never returned
async def test_a_worker_stopped_while_postgres_is_down_stops_in_bounded_time(tmp_path) -> None:
    """SIGTERM while Postgres is down (an operator restarting the API in an outage, Kubernetes moving it): the API's
    shutdown used to wait on procrastinate's listener retrying its connection, and then the worker was started
    again, for ever. A Postgres of its own, since this one is stopped."""
    pg = EmbeddedPostgres(tmp_path / "pg")
    url = pg.start()
    try:
        await asyncio.to_thread(upgrade, url)
        worker = QueueWorker(url, {}, queues=["stop-probe"], polling_interval=0.5, stalled_check_seconds=60)
        worker.restart_pause_s = 0.2
        worker.stop_timeout_s = 3.0  # the product's is procrastinate's 20 s of grace for running jobs, plus 5
        await worker.start()
        await asyncio.sleep(1.0)
        await asyncio.to_thread(pg.stop)
        # procrastinate is stopping its worker (its listener lost Postgres) and waits on connections that do not
        # come; our stop lands in the middle of that
        await asyncio.sleep(3.0)
        began = time.monotonic()
        await worker.stop()
        took = time.monotonic() - began
        restarts = worker.restarts
        print(f"stopped in {took:.1f} s after {restarts} restart(s)")
        await asyncio.sleep(2)  # nothing starts it again after the stop
        assert took < worker.stop_timeout_s + 5 + 1, took
        assert worker.restarts == restarts and worker._task is None
    finally:
        pg.stop()
