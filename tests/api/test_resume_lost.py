"""The queue's resume step (api/interviews/tasks.py resume_lost) on real Postgres and livekit-server: an interview
lost with its agent host goes back in line only while its candidate is in the room, at most RESUME_MAX_TIMES, and
the lost agent's participant is taken out of the room first."""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from api.config import Settings
from api.interviews.tasks import WORKER_LOST, resume_lost
from api.livekit_tokens.gateway import LiveKitGateway
from db.contract import candidate_identity
from db.enums import InterviewStatus
from db.models import Interview
from tests.agent.sim import Participant, create_interview


async def _lost(sessionmaker, *, resumes: int = 0, ago_s: float = 5) -> uuid.UUID:
    interview_id = await create_interview(sessionmaker, questions=["Why this role?"])
    when = datetime.now(UTC) - timedelta(seconds=ago_s)
    async with sessionmaker() as s, s.begin():
        await s.execute(sa.update(Interview).where(Interview.id == interview_id).values(
            status=InterviewStatus.INTERRUPTED, end_reason=WORKER_LOST, started_at=when - timedelta(minutes=1),
            last_heartbeat_at=when, ended_at=when, agent_joined_at=when - timedelta(minutes=1), resumes=resumes))
    return interview_id


async def test_only_a_present_candidate_gets_another_host(livekit, database_url, db_sessionmaker) -> None:
    settings = Settings.from_env(env="test", database_url=database_url, livekit_url=livekit.url,
                                 livekit_http_url=livekit.http_url, livekit_api_key=livekit.api_key,
                                 livekit_api_secret=livekit.api_secret, resume_max_times=2,
                                 resume_within_seconds=60)
    present, gone, worn_out, old = (await _lost(db_sessionmaker), await _lost(db_sessionmaker),
                                    await _lost(db_sessionmaker, resumes=2), await _lost(db_sessionmaker, ago_s=300))
    people = [Participant(livekit, f"interview-{i}", candidate_identity(i)) for i in (present, worn_out, old)]
    ghost = Participant(livekit, f"interview-{present}", "interviewer-AJ_lost")  # the killed host's participant
    gateway = LiveKitGateway(settings)
    await gateway.start()
    try:
        for p in (*people, ghost):
            await p.connect()
        async with db_sessionmaker() as s:
            back = await resume_lost(s, gateway, settings, datetime.now(UTC))
        assert back == [str(present)]
        deadline = time.monotonic() + 10
        while "interviewer-AJ_lost" in await gateway.identities(f"interview-{present}"):
            assert time.monotonic() < deadline, "the lost agent is still in the room"
            await asyncio.sleep(0.2)
        async with db_sessionmaker() as s:
            rows = {i: await s.get(Interview, i) for i in (present, gone, worn_out, old)}
        row = rows[present]
        assert (row.status, row.resumes, row.end_reason, row.ended_at) == (InterviewStatus.SCHEDULED, 1, None, None)
        assert row.waiting_since is not None and row.dispatched_at is None
        for i in (gone, worn_out, old):  # not in the room, resumed too often, lost too long ago
            assert (rows[i].status, rows[i].end_reason) == (InterviewStatus.INTERRUPTED, WORKER_LOST)
        async with db_sessionmaker() as s:  # once back in line, a second tick changes nothing
            assert await resume_lost(s, gateway, settings, datetime.now(UTC)) == []
    finally:
        for p in (*people, ghost):
            await p.disconnect()
        await gateway.close()
