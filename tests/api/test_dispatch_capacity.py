"""Free interviewer slots as the dispatcher counts them, on the real database.

A worker reports its running interviews every couple of seconds; an agent that joined a room after the last
report must still hold its slot, or a second candidate is sent to a worker that is already full.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from api.interviews.dispatcher import capacity
from db.enums import InterviewStatus
from db.models import AgentWorker, Interview
from tests.agent.sim import create_interview
from tests.api.conftest import API_AGENT, register_worker


async def _report(sessionmaker, *, active_jobs: int, at: datetime) -> None:
    async with sessionmaker() as s, s.begin():
        await s.execute(sa.update(AgentWorker).where(AgentWorker.worker_id == "W1")
                        .values(active_jobs=active_jobs, heartbeat_at=at))


async def _free(sessionmaker, settings) -> tuple[int, int]:
    async with sessionmaker() as s:
        cap = await capacity(s, settings)
    return cap.free_slots, cap.in_flight


async def test_an_agent_that_joined_after_the_last_report_holds_its_slot(api, db_sessionmaker) -> None:
    # the API tests' own settings answer "unanswered" at once; a worker gets the production default to join
    settings = dataclasses.replace(api.app.state.settings, dispatch_join_grace_seconds=10.0)
    assert settings.agent_name == API_AGENT
    now = datetime.now(UTC)
    await register_worker(db_sessionmaker, "W1", max_jobs=1)
    await _report(db_sessionmaker, active_jobs=0, at=now - timedelta(seconds=1))
    assert await _free(db_sessionmaker, settings) == (1, 0)

    interview_id = await create_interview(db_sessionmaker)
    async with db_sessionmaker() as s, s.begin():
        await s.execute(sa.update(Interview).where(Interview.id == interview_id).values(
            waiting_since=now - timedelta(seconds=3), dispatched_at=now - timedelta(seconds=2)))
    assert await _free(db_sessionmaker, settings) == (0, 1), "dispatched, no agent yet"

    async with db_sessionmaker() as s, s.begin():
        await s.execute(sa.update(Interview).where(Interview.id == interview_id).values(
            agent_joined_at=now - timedelta(milliseconds=500)))
    assert await _free(db_sessionmaker, settings) == (0, 1), "joined after the worker's last report"

    async with db_sessionmaker() as s, s.begin():
        await s.execute(sa.update(Interview).where(Interview.id == interview_id).values(
            status=InterviewStatus.IN_PROGRESS))
    assert await _free(db_sessionmaker, settings) == (0, 1), "started, still not in a report"

    await _report(db_sessionmaker, active_jobs=1, at=datetime.now(UTC))
    assert await _free(db_sessionmaker, settings) == (0, 0), "the report counts it now, and only once"

    async with db_sessionmaker() as s, s.begin():
        await s.execute(sa.update(Interview).where(Interview.id == interview_id).values(
            status=InterviewStatus.COMPLETED, ended_at=datetime.now(UTC)))
    await _report(db_sessionmaker, active_jobs=0, at=datetime.now(UTC))
    assert await _free(db_sessionmaker, settings) == (1, 0), "the slot is free again when the interview ends"
