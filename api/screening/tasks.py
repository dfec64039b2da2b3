"""Screening on the queue (api/queue): ``enqueue_screening`` defers a job *in the caller's transaction* (the apply
request's), so the job exists if and only if the application was committed.

Stale screenings (stored by another scoring method than scoring.SCORING_METHOD, or before methods were recorded) are
re-scored without anyone asking: ``sweep_stale`` defers their re-screening in batches, at worker start and every
SCREENING_SWEEP_SECONDS (api/queue/worker.py). A re-screening job names the method it is for: a worker of another
version (a rolling upgrade) leaves it, and a screening already current is not scored again. A re-screening that fails
(storage down, ...) changes nothing: the stored row stays, stale, and its job is retried; one that failed for good is
not swept again for the same method (`interviewly rescreen` can retry it). An unreadable CV is no failure: its error
entry is stored again under the current method.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import uuid
from dataclasses import dataclass
from typing import Any, NamedTuple

from procrastinate import App, Blueprint, JobContext, RetryStrategy
from procrastinate.exceptions import AlreadyEnqueued
from sqlalchemy import func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.queue.app import QUEUE_SCHEMA, cron_every, defer_in_transaction
from api.screening.scoring import SCORING_METHOD
from api.screening.services import ApplicationGone, screen_application, screening_of
from db.models import Application, Screening
from nlp.embeddings import Embedder

logger = logging.getLogger(__name__)

QUEUE = "screening"
TASK_NAME = "screening:screen_application"
SWEEP_TASK_NAME = "screening:sweep_stale"
SWEEP_BATCH = 100  # re-screenings one sweep puts in the queue at most; the next sweep adds more once they have run
SWEEP_FOLLOW_UP_SECONDS = 5  # the next batch's sweep, while a backlog is left
SWEEP_PRIORITY = -1  # below a new application's screening (0): fresh applicants are scored first

tasks = Blueprint()


def sweep_seconds() -> float:
    """SCREENING_SWEEP_SECONDS: the period of the stale sweep (300 by default; 0 turns the sweep off)."""
    return float(os.environ.get("SCREENING_SWEEP_SECONDS") or 300)


def is_current(screening: Screening) -> bool:
    return screening.scoring_method == SCORING_METHOD


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
async def screen_application_task(context: JobContext, application_id: str, scoring_method: str | None = None
                                  ) -> None:
    """`scoring_method`: a re-screening of a stale screening (the sweep's), for that method; without it, a
    screening asked for (an application, a recruiter's re-run), always run."""
    runtime: ScreeningRuntime = context.additional_context["screening"]
    if scoring_method is not None and scoring_method != SCORING_METHOD:
        logger.info("re-screening for another scoring method left to its workers",
                    extra={"application_id": application_id, "method": scoring_method})
        return
    try:
        async with runtime.sessionmaker() as session, session.begin():
            if scoring_method is not None:
                stored = await screening_of(session, uuid.UUID(application_id))
                if stored is not None and is_current(stored):
                    return  # re-scored meanwhile (a recruiter's re-run, a second sweep's job)
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


# --- stale screenings ---------------------------------------------------------------------------------------------


def stale_condition():
    """Screenings by another method than this one. Written as ranges, not `<>`, so that the index on
    scoring_method answers it: when nothing is stale, a sweep reads nothing."""
    method = Screening.scoring_method
    return or_(method.is_(None), method < SCORING_METHOD, method > SCORING_METHOD)


_STALE_SQL = "(s.scoring_method IS NULL OR s.scoring_method < :method OR s.scoring_method > :method)"


@functools.cache
def _defer_stale_sql(stale_only: bool, by_job: bool, skip_failed: bool):
    """One statement: pick the screenings, defer their jobs. Left alone: a screening whose job ("screening:<application
    id>") waits or runs, and (`skip_failed`) one whose re-screening for this method failed for good. (Its variants are
    separate statements, not `:flag OR ...`: a generic plan could not use the scoring_method index then.)"""
    where = ["TRUE"]
    if stale_only:
        where.append(_STALE_SQL)
    if by_job:
        where.append("s.application_id IN (SELECT a.id FROM applications a WHERE a.job_id = CAST(:job_id AS uuid))")
    failed = " OR (j.status = 'failed' AND j.args->>'scoring_method' = :method)" if skip_failed else ""
    return text(f"""
        WITH picked AS (
            SELECT CAST(s.application_id AS text) AS id FROM screenings s
            WHERE {" AND ".join(where)}
              AND 'screening:' || s.application_id NOT IN (
                  SELECT j.lock FROM {QUEUE_SCHEMA}.procrastinate_jobs j
                  WHERE j.queue_name = :queue AND j.lock IS NOT NULL AND (j.status IN ('todo', 'doing'){failed}))
            ORDER BY s.updated_at DESC, s.id
            LIMIT :limit
        )
        SELECT coalesce(cardinality({QUEUE_SCHEMA}.procrastinate_defer_jobs_v1(ARRAY(
            SELECT ROW(:queue, :task, {SWEEP_PRIORITY}, 'screening:' || id, NULL,
                       jsonb_build_object('application_id', id, 'scoring_method', CAST(:method AS text)), NULL)
                   ::{QUEUE_SCHEMA}.procrastinate_job_to_defer_v1
            FROM picked))), 0)
    """)


_SWEEP_WAITING = text(f"""
    SELECT count(*) FROM {QUEUE_SCHEMA}.procrastinate_jobs
    WHERE queue_name = :queue AND status = 'todo' AND args ? 'scoring_method'
""")


async def stale_counts(session: AsyncSession, *, job_id: uuid.UUID | None = None) -> dict[str | None, int]:
    """method → how many of the stored screenings are stale by it (None: stored before methods were kept)."""
    statement = select(Screening.scoring_method, func.count()).where(stale_condition())
    if job_id is not None:
        statement = statement.join(Application, Application.id == Screening.application_id).where(
            Application.job_id == job_id)
    rows = await session.execute(statement.group_by(Screening.scoring_method))
    return dict(rows.tuples().all())


async def enqueue_stale(session: AsyncSession, *, limit: int | None = None, job_id: uuid.UUID | None = None,
                        include_current: bool = False, retry_failed: bool = False) -> int:
    """Defer the re-screening of up to `limit` stale screenings (the most recently updated first) in the session's
    transaction; the number deferred. Idempotent: a screening whose job waits or runs is left alone.
    `include_current`: current screenings too (`interviewly rescreen --all`); `retry_failed`: also those whose
    re-screening for this method failed for good."""
    params: dict[str, Any] = {"queue": QUEUE, "task": TASK_NAME, "method": SCORING_METHOD, "limit": limit}
    if job_id is not None:
        params["job_id"] = job_id
    statement = _defer_stale_sql(not include_current, job_id is not None, not retry_failed)
    return await session.scalar(statement, params)


class Sweep(NamedTuple):
    deferred: int
    more: bool  # stale screenings may be left unqueued: sweep again soon


async def sweep_stale(sessionmaker: async_sessionmaker, *, limit: int | None = None) -> Sweep:
    """Top the sweep's waiting jobs up to `limit` (SWEEP_BATCH): the queue never holds more re-screenings than
    that, whatever the backlog, so a new application's screening does not wait behind them."""
    limit = SWEEP_BATCH if limit is None else limit
    async with sessionmaker() as session, session.begin():
        room = limit - (await session.scalar(_SWEEP_WAITING, {"queue": QUEUE}) or 0)
        deferred = await enqueue_stale(session, limit=room) if room > 0 else 0
    if deferred:
        logger.info("stale screenings queued for re-scoring: %d (method %s)", deferred, SCORING_METHOD)
    return Sweep(deferred, more=room <= 0 or deferred == room)


async def _sweep_and_follow_up(context: JobContext) -> None:
    """A sweep; while a backlog is left, the next one SWEEP_FOLLOW_UP_SECONDS later (not a period later)."""
    sweep = await sweep_stale(context.additional_context["screening"].sessionmaker)
    if sweep.more:
        with contextlib.suppress(AlreadyEnqueued):
            await context.app.configure_task(SWEEP_TASK_NAME, schedule_in={"seconds": SWEEP_FOLLOW_UP_SECONDS}
                                             ).defer_async()


@tasks.task(name="sweep_stale", queue=QUEUE, pass_context=True, queueing_lock="screening-sweep")
async def sweep_stale_task(context: JobContext) -> None:
    """One batch of stale screenings into the queue (deferred at worker start, and by itself while a backlog is
    left; the periodic tick is the safety net)."""
    await _sweep_and_follow_up(context)


def sweep_tasks(every_seconds: float) -> Blueprint:
    """The periodic sweep; procrastinate defers each tick once, whichever worker runs it."""
    bp = Blueprint()

    @bp.periodic(cron=cron_every(every_seconds), periodic_id="sweep")
    @bp.task(name="sweep", queue=QUEUE, pass_context=True, queueing_lock="screening-sweep-tick")
    async def sweep(context: JobContext, timestamp: int) -> None:
        await _sweep_and_follow_up(context)

    return bp


async def defer_sweep(app: App) -> None:
    """A sweep now (a worker starting: a deploy that changed the method re-scores without waiting for a tick)."""
    with contextlib.suppress(AlreadyEnqueued):
        await app.configure_task(SWEEP_TASK_NAME).defer_async()
