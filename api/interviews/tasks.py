"""The interview lifecycle on the queue: one periodic job (every LIFECYCLE_TICK_SECONDS) that runs with no agent
worker up.

Each tick, in order: no-shows (the join window closed and nobody came), stale interviews (IN_PROGRESS with no agent
heartbeat: the worker died), lost interviews whose candidate is still in the room (back in line, first, for another
host that resumes them), expired waits (no interviewer became free in time), HUMAN interviews whose slot is
over, then the dispatch of waiting candidates. Each step is one UPDATE and commits on its own, so a failing step
never holds back the others.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from procrastinate import Blueprint, JobContext
from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.config import Settings
from api.interviews.dispatcher import dispatch_waiting, release_stale_workers
from api.livekit_tokens.gateway import LiveKitGateway, LiveKitUnavailable
from api.queue.app import cron_every
from db.contract import AGENT_PREFIX, candidate_identity
from db.enums import InterviewKind, InterviewStatus
from db.models import IdempotencyKey, Interview

logger = logging.getLogger(__name__)

QUEUE = "lifecycle"
WORKER_LOST = "worker lost"  # end_reason of an interview whose agent stopped writing heartbeats
IDEMPOTENCY_KEY_TTL = timedelta(hours=24)


@dataclass
class LifecycleRuntime:
    sessionmaker: async_sessionmaker
    settings: Settings
    livekit: LiveKitGateway


async def mark_no_shows(session: AsyncSession, settings: Settings, now: datetime) -> list[str]:
    """SCHEDULED, nobody ever arrived, and the scheduled time + JOIN_GRACE_SECONDS has passed."""
    cutoff = now - timedelta(seconds=settings.join_grace_seconds)
    result = await session.execute(
        update(Interview)
        .where(Interview.status == InterviewStatus.SCHEDULED, Interview.candidate_arrived_at.is_(None),
               Interview.room_name.is_not(None), Interview.scheduled_at < cutoff)
        .values(status=InterviewStatus.NO_SHOW, ended_at=now, end_reason="candidate did not join")
        .returning(Interview.id)
        .execution_options(synchronize_session=False)
    )
    ids = [str(i) for i in result.scalars()]
    await session.commit()
    return ids


async def mark_stale(session: AsyncSession, settings: Settings, now: datetime) -> list[str]:
    """IN_PROGRESS under an agent whose heartbeat is older than STALE_AFTER_SECONDS: its worker died."""
    cutoff = now - timedelta(seconds=settings.stale_after_seconds)
    last_sign = Interview.last_heartbeat_at
    result = await session.execute(
        update(Interview)
        .where(Interview.status == InterviewStatus.IN_PROGRESS, Interview.agent_joined_at.is_not(None),
               or_(last_sign < cutoff, and_(last_sign.is_(None), Interview.started_at < cutoff)))
        .values(status=InterviewStatus.INTERRUPTED, end_reason=WORKER_LOST,
                ended_at=Interview.last_heartbeat_at)
        .returning(Interview.id)
        .execution_options(synchronize_session=False)
    )
    ids = [str(i) for i in result.scalars()]
    await session.commit()
    if ids:
        logger.warning("marked %d stale interview(s) INTERRUPTED (worker lost): %s", len(ids), ", ".join(ids))
    return ids


async def resume_lost(session: AsyncSession, livekit: LiveKitGateway, settings: Settings, now: datetime) -> list[str]:
    """AI interviews lost with their agent host while the candidate is still in the room: back in line for another
    host, which resumes at the question where the first one stopped.

    The lost agent's participant is taken out of the room first: LiveKit itself would keep a killed host's
    participant for its ICE timeout (~20 s). A host that was only slow is cut off that way, and its writes no longer
    count (the agent's heartbeat and final status only apply to the ``resumes`` generation it took). At most
    RESUME_MAX_TIMES times, and within RESUME_WITHIN_SECONDS of the last heartbeat.
    """
    lost = list((await session.execute(
        select(Interview.id, Interview.room_name)
        .where(Interview.status == InterviewStatus.INTERRUPTED, Interview.end_reason == WORKER_LOST,
               Interview.kind == InterviewKind.AI, Interview.resumes < settings.resume_max_times,
               Interview.room_name.is_not(None),
               Interview.ended_at > now - timedelta(seconds=settings.resume_within_seconds))
    )).all())
    back: list[str] = []
    for interview_id, room in lost:
        try:
            present = await livekit.identities(room)
        except LiveKitUnavailable as exc:
            logger.warning("cannot see room %s to resume its interview: %s", room, exc)
            break
        if candidate_identity(interview_id) not in present:
            continue
        try:
            for ghost in (p for p in present if p.startswith(AGENT_PREFIX)):
                await livekit.remove_participant(room, ghost)
        except LiveKitUnavailable as exc:
            logger.warning("cannot take the lost agent out of room %s: %s", room, exc)
            continue
        result = await session.execute(
            update(Interview)
            .where(Interview.id == interview_id, Interview.status == InterviewStatus.INTERRUPTED,
                   Interview.end_reason == WORKER_LOST)
            .values(status=InterviewStatus.SCHEDULED, end_reason=None, ended_at=None, resumes=Interview.resumes + 1,
                    waiting_since=now, wait_expired_at=None)
            .returning(Interview.id)
            .execution_options(synchronize_session=False))
        back += [str(i) for i in result.scalars()]
    await session.commit()
    if back:
        logger.warning("%d interview(s) lost with their agent host go to another host: %s", len(back), ", ".join(back))
    return back


async def expire_waits(session: AsyncSession, settings: Settings, now: datetime) -> list[str]:
    """Waited longer than WAIT_LIMIT_SECONDS with no interviewer: the candidate is told, and may try again."""
    cutoff = now - timedelta(seconds=settings.wait_limit_seconds)
    result = await session.execute(
        update(Interview)
        .where(Interview.status == InterviewStatus.SCHEDULED, Interview.waiting_since < cutoff,
               or_(Interview.agent_joined_at.is_(None), Interview.agent_joined_at < Interview.waiting_since))
        .values(waiting_since=None, wait_expired_at=now)
        .returning(Interview.id)
        .execution_options(synchronize_session=False)
    )
    ids = [str(i) for i in result.scalars()]
    await session.commit()
    return ids


async def end_human_slots(session: AsyncSession, now: datetime) -> list[str]:
    """A HUMAN interview without the note-taker has no agent to end it: its slot's end does."""
    result = await session.execute(
        update(Interview)
        .where(Interview.kind == InterviewKind.HUMAN, Interview.note_taker.is_(False),
               Interview.status == InterviewStatus.IN_PROGRESS,
               Interview.scheduled_at + func.make_interval(0, 0, 0, 0, 0, Interview.duration_minutes) < now)
        .values(status=InterviewStatus.COMPLETED, ended_at=now, end_reason="the booked time is over")
        .returning(Interview.id)
        .execution_options(synchronize_session=False)
    )
    ids = [str(i) for i in result.scalars()]
    await session.commit()
    return ids


async def run_lifecycle(runtime: LifecycleRuntime, now: datetime | None = None) -> dict[str, Any]:
    """One tick. Returns what it did (for logs and tests)."""
    now = now or datetime.now(UTC)
    settings = runtime.settings
    done: dict[str, Any] = {}
    async with runtime.sessionmaker() as session:
        done["no_show"] = await mark_no_shows(session, settings, now)
        done["stale"] = await mark_stale(session, settings, now)
        done["resumed"] = await resume_lost(session, runtime.livekit, settings, now)
        done["wait_expired"] = await expire_waits(session, settings, now)
        done["human_ended"] = await end_human_slots(session, now)
        await session.execute(delete(IdempotencyKey).where(IdempotencyKey.created_at < now - IDEMPOTENCY_KEY_TTL))
        await release_stale_workers(session)
        await session.commit()
        tick = await dispatch_waiting(session, runtime.livekit, settings)
        done["recordings"] = await _start_recordings(session, settings)
    done["dispatched"] = tick.dispatched
    done["left"] = tick.left
    if any(done[k] for k in ("no_show", "wait_expired", "human_ended", "resumed")):
        logger.info("lifecycle: %s", {k: len(v) for k, v in done.items()})
    return done


async def _start_recordings(session: AsyncSession, settings: Settings) -> list[str]:
    """Recorders for the interviews that should be recorded (api/recordings/launcher.py); never fails the tick."""
    from api.recordings.launcher import recover_dead_recorders, start_due_recordings

    try:
        await recover_dead_recorders(session)
        return await start_due_recordings(session, settings)
    except Exception:
        logger.exception("starting recorders failed; the next tick tries again")
        await session.rollback()
        return []


def lifecycle_tasks(tick_seconds: float) -> Blueprint:
    """The periodic job, every ``tick_seconds`` (procrastinate defers each tick once, whichever worker sees it)."""
    bp = Blueprint()

    @bp.periodic(cron=cron_every(tick_seconds), periodic_id="tick")
    @bp.task(name="tick", queue=QUEUE, pass_context=True, queueing_lock="lifecycle-tick")
    async def tick(context: JobContext, timestamp: int) -> None:
        runtime: LifecycleRuntime = context.additional_context["lifecycle"]
        await run_lifecycle(runtime)

    return bp


async def dispatch_now(runtime: LifecycleRuntime) -> None:
    """Right after a candidate's arrival is committed, rather than on the next tick."""
    try:
        async with runtime.sessionmaker() as session:
            await dispatch_waiting(session, runtime.livekit, runtime.settings)
            await _start_recordings(session, runtime.settings)
    except Exception:  # the next tick retries; the candidate's page shows they are waiting meanwhile
        logger.exception("immediate dispatch failed")
