"""An agent marks a dispatch answered when it takes the job (before its room handshake, which may wait its turn);
one that never gets into the room takes the mark back, so the next tick sends another interviewer at once rather
than after the grace for one that joined and vanished. Another agent's later mark is never taken back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from agent.recorder import unanswer_dispatch, update_interview
from db.enums import InterviewStatus
from db.models import Interview
from tests.agent.sim import create_interview


async def test_an_agent_that_never_got_in_takes_back_only_its_own_mark(db_sessionmaker) -> None:
    interview_id = await create_interview(db_sessionmaker)
    taken_at = datetime.now(UTC)
    assert await update_interview(db_sessionmaker, interview_id, InterviewStatus.SCHEDULED, agent_joined_at=taken_at)

    await unanswer_dispatch(db_sessionmaker, interview_id, taken_at)
    async with db_sessionmaker() as s:
        assert (await s.get(Interview, interview_id)).agent_joined_at is None

    # a second interviewer took it meanwhile: the first one's failure leaves the second's mark
    later = taken_at + timedelta(seconds=3)
    assert await update_interview(db_sessionmaker, interview_id, InterviewStatus.SCHEDULED, agent_joined_at=later)
    await unanswer_dispatch(db_sessionmaker, interview_id, taken_at)
    async with db_sessionmaker() as s:
        assert (await s.get(Interview, interview_id)).agent_joined_at == later
