"""The step that makes an interviewer the interview's one interviewer: SCHEDULED -> IN_PROGRESS, once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from agent.recorder import update_interview
from agent.room_join import claim_interview, release_no_show
from db.enums import InterviewStatus
from db.models import Interview
from tests.agent.sim import create_interview


async def test_two_interviewers_claim_one_interview_and_one_wins(db_sessionmaker) -> None:
    interview_id = await create_interview(db_sessionmaker)
    first = await claim_interview(db_sessionmaker, interview_id, None)
    second = await claim_interview(db_sessionmaker, interview_id, None)
    assert first is not None and second is None
    async with db_sessionmaker() as s:
        row = await s.get(Interview, interview_id)
        assert row.status == InterviewStatus.IN_PROGRESS
        assert row.started_at == first and row.last_heartbeat_at is not None


async def test_a_resumed_interview_keeps_its_first_start(db_sessionmaker) -> None:
    interview_id = await create_interview(db_sessionmaker)
    began = datetime.now(UTC) - timedelta(minutes=4)
    assert await claim_interview(db_sessionmaker, interview_id, began) == began
    async with db_sessionmaker() as s:
        row = await s.get(Interview, interview_id)
        assert row.started_at == began
        assert row.last_heartbeat_at > began + timedelta(minutes=3)


async def test_a_no_show_leaves_the_interview_bookable_for_the_next_arrival(db_sessionmaker) -> None:
    interview_id = await create_interview(db_sessionmaker)
    now = datetime.now(UTC)
    await update_interview(db_sessionmaker, interview_id, InterviewStatus.SCHEDULED, waiting_since=now,
                           dispatched_at=now, agent_joined_at=now)
    await release_no_show(db_sessionmaker, interview_id)
    async with db_sessionmaker() as s:
        row = await s.get(Interview, interview_id)
        assert row.status == InterviewStatus.SCHEDULED
        assert row.waiting_since is None and row.dispatched_at is None
    assert await claim_interview(db_sessionmaker, interview_id, None) is not None
