"""Getting an interviewer into its room, step by step: answer the dispatch, connect, wait for the candidate, and
claim the interview (SCHEDULED -> IN_PROGRESS). ``RoomRun.join`` reads these steps in order."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import uuid
from datetime import UTC, datetime

from livekit import rtc
from livekit.agents import AutoSubscribe, JobContext
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from agent.recorder import unanswer_dispatch, update_interview
from db.contract import CANDIDATE_PREFIX
from db.enums import InterviewStatus

logger = logging.getLogger("interviewly.room")

# With the thread executor several interviews share one process and one LiveKit FFI; connecting their rooms
# concurrently can miss the FFI's room-event handshake deadline, and the FFI then panics the whole process.
_CONNECT_LOCK = threading.Lock()


def is_candidate(p: rtc.Participant) -> bool:
    return p.identity.startswith(CANDIDATE_PREFIX)


async def answer_and_connect(ctx: JobContext, sessionmaker: async_sessionmaker[AsyncSession],
                             interview_id: uuid.UUID) -> datetime:
    """Mark the dispatch answered, then connect to the room; a failed connection takes the mark back. Returns the
    mark (when the dispatch was taken)."""
    # the dispatch is answered when the job is taken, not when the room handshake ends: handshakes wait their
    # turn, and one slower than DISPATCH_JOIN_GRACE_SECONDS had the dispatcher send a second interviewer
    taken_at = datetime.now(UTC)
    await update_interview(sessionmaker, interview_id, InterviewStatus.SCHEDULED, agent_joined_at=taken_at)
    await asyncio.to_thread(_CONNECT_LOCK.acquire)  # one room handshake at a time per process
    try:
        await ctx.connect(auto_subscribe=AutoSubscribe.SUBSCRIBE_NONE)
    except BaseException:
        # never in the room: the dispatch is unanswered again, and the next tick sends another interviewer
        # (not after the grace for an interviewer that joined and vanished)
        with contextlib.suppress(Exception):
            await unanswer_dispatch(sessionmaker, interview_id, taken_at)
        raise
    finally:
        _CONNECT_LOCK.release()
    logger.info("joined room %s for interview %s", ctx.room.name, interview_id)
    return taken_at


async def wait_for_candidate(room: rtc.Room, within_s: float, give_up: asyncio.Event) -> rtc.RemoteParticipant | None:
    """The first candidate in the room (already there or arriving within ``within_s``), else None (also at once
    when ``give_up`` is set)."""
    found: asyncio.Future[rtc.RemoteParticipant] = asyncio.get_running_loop().create_future()

    def check(p: rtc.RemoteParticipant) -> None:
        if is_candidate(p) and not found.done():
            found.set_result(p)

    room.on("participant_connected", check)
    giving_up = asyncio.ensure_future(give_up.wait())
    try:
        for p in room.remote_participants.values():
            check(p)
        await asyncio.wait([found, giving_up], timeout=within_s, return_when=asyncio.FIRST_COMPLETED)
        return found.result() if found.done() else None
    finally:
        giving_up.cancel()
        found.cancel()
        room.off("participant_connected", check)


async def release_no_show(sessionmaker: async_sessionmaker[AsyncSession], interview_id: uuid.UUID) -> None:
    """The candidate asked for a token but never came in: the interview stays bookable (the clock decides no-shows),
    and the next arrival gets a fresh dispatch."""
    await update_interview(sessionmaker, interview_id, InterviewStatus.SCHEDULED, waiting_since=None,
                           dispatched_at=None)


async def claim_interview(sessionmaker: async_sessionmaker[AsyncSession], interview_id: uuid.UUID,
                          resumed_from: datetime | None) -> datetime | None:
    """SCHEDULED -> IN_PROGRESS; the interview's start time, or None when it is no longer SCHEDULED (another
    interviewer has it, or it was cancelled)."""
    now = datetime.now(UTC)
    # a resumed interview keeps its start: its clock (metrics seconds, transcript times) goes on from there
    started_at = resumed_from or now
    if not await update_interview(sessionmaker, interview_id, InterviewStatus.SCHEDULED,
                                  status=InterviewStatus.IN_PROGRESS, started_at=started_at, last_heartbeat_at=now,
                                  waiting_since=None, ended_at=None, end_reason=None):
        return None
    logger.info("interview %s in progress on this host", interview_id)
    return started_at
