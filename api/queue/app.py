"""The queue's procrastinate app, and deferring a job inside the caller's SQLAlchemy transaction.

Tasks live with their domain (``api/screening/tasks.py``, ``api/interviews/tasks.py``) as blueprints; this module
only assembles them, so a domain never imports another domain's tasks.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from procrastinate import App, PsycopgConnector
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

QUEUE_SCHEMA = "procrastinate"


def psycopg_conninfo(database_url: str) -> str:
    """The libpq URL psycopg wants, from any SQLAlchemy URL form (postgresql+asyncpg://...)."""
    url = make_url(database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def cron_every(seconds: float) -> str:
    """A procrastinate cron for "about every `seconds`": a seconds field below a minute, whole minutes above (the
    step restarts each minute or hour, so a period that does not divide it runs a little more often)."""
    every = max(1, int(seconds))
    return f"* * * * * */{every}" if every < 60 else f"*/{max(1, every // 60)} * * * *"


def make_queue_app(database_url: str, *, max_pool_size: int = 4, lifecycle_tick_seconds: float | None = None,
                   email_tick_seconds: float | None = None, stalled_check_seconds: float | None = None,
                   retention_cron: str | None = None, webhook_tick_seconds: float | None = None,
                   screening_sweep_seconds: float | None = None) -> App:
    """Periodic jobs are added only when their period is given (a worker that runs them)."""
    from api.email.tasks import periodic_tasks as email_periodic
    from api.email.tasks import tasks as email_tasks
    from api.imports.tasks import tasks as import_tasks
    from api.interviews.tasks import lifecycle_tasks
    from api.privacy.tasks import retention_tasks
    from api.privacy.tasks import tasks as privacy_tasks
    from api.queue.stalled import stalled_tasks
    from api.screening.tasks import sweep_tasks
    from api.screening.tasks import tasks as screening_tasks
    from api.webhooks.tasks import periodic_tasks as webhook_periodic
    from api.webhooks.tasks import tasks as webhook_tasks

    connector = PsycopgConnector(
        conninfo=psycopg_conninfo(database_url),
        kwargs={"options": f"-c search_path={QUEUE_SCHEMA},public"},
        min_size=1,
        max_size=max_pool_size,
    )
    app = App(connector=connector)
    # add_tasks_from renames a blueprint's tasks in place: a module-level blueprint added to a second app in the same
    # process (two workers in one test session) would register "screening:screening:..."; each app gets a copy
    app.add_tasks_from(copy.deepcopy(screening_tasks), namespace="screening")
    app.add_tasks_from(copy.deepcopy(email_tasks), namespace="email")
    app.add_tasks_from(copy.deepcopy(import_tasks), namespace="imports")
    app.add_tasks_from(copy.deepcopy(privacy_tasks), namespace="privacy")
    app.add_tasks_from(copy.deepcopy(webhook_tasks), namespace="webhooks")
    if lifecycle_tick_seconds is not None:
        app.add_tasks_from(lifecycle_tasks(lifecycle_tick_seconds), namespace="lifecycle")
    if email_tick_seconds is not None:
        app.add_tasks_from(email_periodic(email_tick_seconds), namespace="email_tick")
    if retention_cron is not None:
        app.add_tasks_from(retention_tasks(retention_cron), namespace="privacy_daily")
    if webhook_tick_seconds is not None:
        app.add_tasks_from(webhook_periodic(webhook_tick_seconds), namespace="webhooks_tick")
    if stalled_check_seconds is not None:
        app.add_tasks_from(stalled_tasks(stalled_check_seconds), namespace="queue")
    if screening_sweep_seconds:  # 0: off
        app.add_tasks_from(sweep_tasks(screening_sweep_seconds), namespace="screening_sweep")
    return app


async def defer_in_transaction(
    session: AsyncSession, *, queue: str, task: str, args: dict[str, Any], lock: str | None = None,
    queueing_lock: str | None = None,
) -> None:
    """Defer a job in the session's transaction (procrastinate's own defer function): the job exists if and only
    if the caller's change was committed, and a worker never sees a job before its rows."""
    await session.execute(
        text(f"""SELECT {QUEUE_SCHEMA}.procrastinate_defer_jobs_v1(ARRAY[
                    ROW(:queue, :task, 0, :lock, :queueing_lock, CAST(:args AS jsonb), NULL)
                    ::{QUEUE_SCHEMA}.procrastinate_job_to_defer_v1])"""),
        {"queue": queue, "task": task, "lock": lock, "queueing_lock": queueing_lock, "args": json.dumps(args)},
    )
