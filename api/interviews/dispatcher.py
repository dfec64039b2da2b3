"""Dispatching the interviewer to candidates who are waiting, first come first served, as workers have room.

Workers report their free slots in ``agent_workers`` (written only once LiveKit has registered them). A dispatch
that no agent answers within DISPATCH_JOIN_GRACE_SECONDS (a worker filled up meanwhile, or went away) is sent again
on a later tick: LiveKit itself never retries one. One dispatcher runs at a time across API processes (an advisory
lock), so two ticks never hand the same free slot to two candidates.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.interviews.lifecycle import join_window
from api.interviews.schemas import CapacityOut, WaitingOut, WorkerOut
from api.livekit_tokens.gateway import LiveKitGateway, LiveKitUnavailable
from db.contract import candidate_identity
from db.enums import InterviewStatus
from db.models import AgentWorker, Application, Candidate, Interview, Job

logger = logging.getLogger(__name__)

_LOCK_KEY = 0x1D15_7A7C  # pg_advisory_xact_lock key of the dispatcher
# a candidate who asked for a token this recently may still be connecting: not yet "gone" if not in the room
ARRIVAL_CONNECT_GRACE_S = 30.0
# an agent that joined but neither started the interview nor left within this long is treated as lost
AGENT_START_GRACE_S = 120.0


@dataclass
class Capacity:
    workers: list[AgentWorker]
    free_slots: int
    in_flight: int  # dispatched, no agent yet


@dataclass
class DispatchTick:
    dispatched: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)  # waited, then left the room before an interviewer came
    waiting: int = 0
    free_slots: int = 0


def _unanswered(now: datetime, grace_s: float):
    """Interviews whose latest dispatch has had no agent for longer than the grace (or never had a dispatch)."""
    return or_(
        Interview.dispatched_at.is_(None),
        Interview.dispatched_at < Interview.waiting_since,
        and_(
            Interview.dispatched_at < now - timedelta(seconds=grace_s),
            or_(Interview.agent_joined_at.is_(None), Interview.agent_joined_at < Interview.dispatched_at),
        ),
        # an agent joined and then vanished without starting the interview or giving the candidate back
        and_(Interview.agent_joined_at >= Interview.dispatched_at,
             Interview.agent_joined_at < now - timedelta(seconds=AGENT_START_GRACE_S)),
    )


async def capacity(session: AsyncSession, settings: Settings, now: datetime | None = None) -> Capacity:
    now = now or datetime.now(UTC)
    workers = list((await session.scalars(
        select(AgentWorker)
        .where(AgentWorker.agent_name == settings.agent_name,
               AgentWorker.heartbeat_at > now - timedelta(seconds=settings.worker_stale_seconds))
        .order_by(AgentWorker.registered_at)
    )).all())
    free = sum(max(0, w.max_jobs - w.active_jobs) for w in workers if not w.draining)
    waiting_for_agent = and_(
        Interview.status == InterviewStatus.SCHEDULED,
        Interview.dispatched_at > now - timedelta(seconds=settings.dispatch_join_grace_seconds),
        or_(Interview.agent_joined_at.is_(None), Interview.agent_joined_at < Interview.dispatched_at),
    )
    # an agent that joined after a worker's last report may not be counted in that report's active_jobs yet:
    # counting it here too errs towards waiting a heartbeat, never towards two candidates in one slot
    oldest_report = min((w.heartbeat_at for w in workers), default=now)
    joined_since_report = and_(
        Interview.status.in_((InterviewStatus.SCHEDULED, InterviewStatus.IN_PROGRESS)),
        Interview.agent_joined_at >= Interview.dispatched_at,
        Interview.agent_joined_at >= oldest_report,
    )
    in_flight = await session.scalar(
        select(func.count()).select_from(Interview).where(
            Interview.waiting_since.is_not(None),
            Interview.dispatched_at >= Interview.waiting_since,
            or_(waiting_for_agent, joined_since_report),
        )
    ) or 0
    return Capacity(workers=workers, free_slots=max(0, free - in_flight), in_flight=in_flight)


async def dispatch_waiting(session: AsyncSession, livekit: LiveKitGateway, settings: Settings) -> DispatchTick:
    """One pass over the line of waiting candidates. Commits."""
    tick = DispatchTick()
    if not await session.scalar(select(func.pg_try_advisory_xact_lock(_LOCK_KEY))):
        await session.rollback()
        return tick  # another API process is dispatching right now
    now = datetime.now(UTC)
    line = list((await session.scalars(
        select(Interview)
        .where(Interview.status == InterviewStatus.SCHEDULED, Interview.waiting_since.is_not(None),
               _unanswered(now, settings.dispatch_join_grace_seconds))
        .order_by(Interview.waiting_since, Interview.id)
        .with_for_update(skip_locked=True)
    )).all())
    tick.waiting = len(line)
    cap = await capacity(session, settings, now)
    tick.free_slots = cap.free_slots
    slots = cap.free_slots
    for interview in line:
        if slots <= 0:
            break
        room = interview.room_name or ""
        try:
            present = await livekit.identities(room)
        except LiveKitUnavailable as exc:
            logger.warning("dispatcher cannot reach LiveKit: %s", exc)
            break
        arrived_long_ago = interview.waiting_since < now - timedelta(seconds=ARRIVAL_CONNECT_GRACE_S)
        if candidate_identity(interview.id) not in present and arrived_long_ago:
            # they closed the page: no interviewer for an empty room; asking for a token again puts them back
            interview.waiting_since = None
            tick.left.append(str(interview.id))
            continue
        window = join_window(interview, settings)
        try:
            dispatch = await livekit.dispatch_agent(
                interview.id, room, int((window.ends_at - now).total_seconds()) + settings.room_empty_timeout_seconds
            )
        except LiveKitUnavailable as exc:
            logger.warning("dispatch failed, retried on the next tick: %s", exc)
            break
        interview.dispatch_id = dispatch.dispatch_id
        # never before the arrival: a tick that began before the candidate's arrival committed would otherwise
        # stamp a dispatch that reads as unanswered, and the slot it holds as free
        interview.dispatched_at = max(datetime.now(UTC), interview.waiting_since)
        interview.dispatch_attempts += 1
        tick.dispatched.append(str(interview.id))
        slots -= 1
    await session.commit()
    if tick.dispatched or tick.left:
        logger.info("dispatcher: %d dispatched, %d left, %d waiting, %d free slots", len(tick.dispatched),
                    len(tick.left), tick.waiting, tick.free_slots)
    return tick


async def release_stale_workers(session: AsyncSession, older_than_s: float = 3600) -> int:
    """Forget workers that stopped reporting long ago (a killed worker never deletes its row)."""
    result = await session.execute(
        text("DELETE FROM agent_workers WHERE heartbeat_at < now() - make_interval(secs => :s)"), {"s": older_than_s}
    )
    return result.rowcount or 0


async def capacity_view(session: AsyncSession, settings: Settings, company_id: uuid.UUID | None) -> CapacityOut:
    """For the recruiter dashboard: the workers, and the line of waiting candidates, named for this company only."""
    now = datetime.now(UTC)
    cap = await capacity(session, settings, now)
    rows = (await session.execute(
        select(Interview.id, Interview.company_id, Interview.waiting_since, Candidate.full_name, Job.title)
        .outerjoin(Application, Application.id == Interview.application_id)
        .outerjoin(Candidate, Candidate.id == Application.candidate_id)
        .outerjoin(Job, Job.id == Application.job_id)
        .where(Interview.status == InterviewStatus.SCHEDULED, Interview.waiting_since.is_not(None),
               _unanswered(now, settings.dispatch_join_grace_seconds))
        .order_by(Interview.waiting_since, Interview.id)
    )).all()
    waiting: list[WaitingOut] = []
    elsewhere = 0
    for position, (interview_id, owner, since, name, title) in enumerate(rows, start=1):
        if owner is not None and owner == company_id:
            waiting.append(WaitingOut(interview_id=interview_id, candidate_name=name, job_title=title,
                                      waiting_since=since, position=position))
        else:
            elsewhere += 1
    return CapacityOut(
        workers=[WorkerOut(worker_id=w.worker_id, host=w.host, max_jobs=w.max_jobs, active_jobs=w.active_jobs,
                           free_slots=0 if w.draining else max(0, w.max_jobs - w.active_jobs), draining=w.draining,
                           heartbeat_at=w.heartbeat_at) for w in cap.workers],
        free_slots=cap.free_slots,
        dispatching=cap.in_flight,
        waiting=waiting,
        waiting_elsewhere=elsewhere,
    )
