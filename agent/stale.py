"""Interviews whose worker died: IN_PROGRESS with a heartbeat older than ``stale_after_s`` -> INTERRUPTED.

The worker touches interviews.last_heartbeat_at every second while it runs an interview, and every worker
process runs this sweep at start-up and every 10 s, so a restarted (or any other) worker cleans up after
one that was killed. A worker that was only cut off from the database takes its interview back on its next
successful heartbeat (see ``agent.recorder``).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from agent.recorder import WORKER_LOST
from db.enums import InterviewStatus
from db.models import Interview

logger = logging.getLogger("interviewly.stale")


async def sweep_stale_interviews(session: AsyncSession, stale_after_s: float = 15) -> int:
    """Mark stale IN_PROGRESS interviews INTERRUPTED ("worker lost"); returns how many. Commits."""
    now = datetime.now(UTC)
    cutoff = now - timedelta(seconds=stale_after_s)
    result = await session.execute(
        sa.update(Interview)
        .where(Interview.status == InterviewStatus.IN_PROGRESS)
        .where(sa.func.coalesce(Interview.last_heartbeat_at, Interview.started_at, Interview.updated_at) < cutoff)
        .values(status=InterviewStatus.INTERRUPTED, end_reason=WORKER_LOST,
                ended_at=sa.func.coalesce(Interview.last_heartbeat_at, now))
        .returning(Interview.id)
        .execution_options(synchronize_session=False)
    )
    ids = list(result.scalars())
    await session.commit()
    if ids:
        logger.warning("marked %d stale interview(s) INTERRUPTED (worker lost): %s",
                       len(ids), ", ".join(map(str, ids)))
    return len(ids)


async def sweep_forever(sessionmaker: async_sessionmaker[AsyncSession], *, stale_after_s: float = 15,
                        interval_s: float = 10) -> None:
    """Sweep now and then every ``interval_s``; database errors are logged and retried next time."""
    while True:
        try:
            async with sessionmaker() as session:
                await sweep_stale_interviews(session, stale_after_s)
        except asyncio.CancelledError:
            raise
        except Exception as e:
            logger.warning("stale interview sweep failed: %s", e)
        await asyncio.sleep(interval_s)
