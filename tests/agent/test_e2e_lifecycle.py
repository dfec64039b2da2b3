"""How interviews end in the room: a candidate who asked for the room but never came in (the agent leaves, the
interview stays bookable: no-shows are the API's clock's to decide), one who drops for good, one who drops and
rejoins (practice mode, stopped at its one-minute limit). The three run at the same time on the same worker."""

from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa

from db.enums import InterviewStatus, Speaker
from db.models import Interview, InterviewMetric, InterviewReport, InterviewSession, TranscriptSegment
from tests.agent.sim import Candidate, Recruiter, create_interview, dispatch
from tests.agent.test_e2e_interview import wait_status
from tests.faces import frontal_face_rgb

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

FINAL = {InterviewStatus.COMPLETED, InterviewStatus.INTERRUPTED, InterviewStatus.NO_SHOW}


async def never_comes_in(livekit, sessionmaker) -> None:
    interview_id = await create_interview(sessionmaker, questions=["Why this role?"])
    async with sessionmaker() as s, s.begin():  # as the API records an arrival
        await s.execute(sa.update(Interview).where(Interview.id == interview_id).values(
            candidate_arrived_at=sa.func.now(), waiting_since=sa.func.now(), dispatched_at=sa.func.now()))
    await dispatch(livekit, interview_id)
    deadline = asyncio.get_running_loop().time() + 60  # CANDIDATE_WAIT_SECONDS is 8
    while True:
        async with sessionmaker() as s:
            interview = await s.get(Interview, interview_id)
        if interview.agent_joined_at is not None and interview.waiting_since is None:
            break
        assert asyncio.get_running_loop().time() < deadline, "the agent never gave the interview back"
        await asyncio.sleep(0.5)
    assert interview.status == InterviewStatus.SCHEDULED and interview.dispatched_at is None
    assert interview.started_at is None and interview.ended_at is None


async def drops_for_good(livekit, sessionmaker) -> None:
    interview_id = await create_interview(sessionmaker, questions=["Why this role?"])
    room = f"interview-{interview_id}"
    await dispatch(livekit, interview_id)
    candidate = Candidate(livekit, room)
    await candidate.connect()
    await candidate.publish(frontal_face_rgb())
    await wait_status(sessionmaker, interview_id, {InterviewStatus.IN_PROGRESS}, within=30)
    await asyncio.sleep(5)
    await candidate.disconnect()
    interview = await wait_status(sessionmaker, interview_id, FINAL, within=60)  # grace is 8 s
    assert interview.status == InterviewStatus.INTERRUPTED and interview.end_reason == "candidate left"
    async with sessionmaker() as s:
        report = (await s.execute(sa.select(InterviewReport)
                                  .where(InterviewReport.interview_id == interview_id))).scalar_one()
        metrics = (await s.execute(sa.select(sa.func.count()).select_from(InterviewMetric)
                                   .where(InterviewMetric.interview_id == interview_id))).scalar_one()
    assert "candidate left" in report.summary and metrics >= 5


async def rejoins_then_time_runs_out(livekit, sessionmaker, answers) -> None:
    interview_id = await create_interview(sessionmaker, practice=True, duration_minutes=1,
                                          questions=["What would you like to practise today?"])
    room = f"interview-{interview_id}"
    await dispatch(livekit, interview_id)
    identity = "candidate-practice"
    candidate = Candidate(livekit, room, identity)
    await candidate.connect()
    await candidate.publish(frontal_face_rgb())
    await wait_status(sessionmaker, interview_id, {InterviewStatus.IN_PROGRESS}, within=30)
    await candidate.wait_for_my_turn(within=60)  # greeting and the consent question are out
    await candidate.say(answers["yes"])
    await candidate.wait_for_my_turn(within=60)  # the first question is out
    await candidate.disconnect()
    await asyncio.sleep(3)
    back = Candidate(livekit, room, identity)  # same person, new connection, within the grace period
    recruiter = Recruiter(livekit, room)  # practice: nobody else watches, but nothing should break
    await recruiter.connect()
    await back.connect()
    await back.publish(frontal_face_rgb())
    try:
        interview = await wait_status(sessionmaker, interview_id, FINAL, within=100)
    finally:
        await back.disconnect()
        await recruiter.disconnect()
    # never answered: the hard stop at the 1 minute limit ends it, with a spoken goodbye
    assert interview.status == InterviewStatus.COMPLETED and interview.end_reason == "time limit"
    assert 55 <= (interview.ended_at - interview.started_at).total_seconds() <= 80
    assert back.received.agent_audio_peak > 0.05
    async with sessionmaker() as s:
        agent_lines = (await s.execute(sa.select(TranscriptSegment.text).where(
            TranscriptSegment.interview_id == interview_id, TranscriptSegment.speaker == Speaker.AGENT))
        ).scalars().all()
        practice = (await s.execute(sa.select(InterviewSession)
                                    .where(InterviewSession.interview_id == interview_id))).scalar_one()
    assert any(line.startswith("Welcome back") for line in agent_lines), agent_lines
    assert any("end of our time" in line for line in agent_lines), agent_lines
    assert practice.feedback is not None and practice.feedback["advisory"] is True
    assert practice.feedback["tips"]


async def test_never_in_drop_out_and_rejoin(interviewer_worker, livekit, db_sessionmaker, answer_frames) -> None:
    await interviewer_worker.wait_registered()
    await asyncio.gather(
        never_comes_in(livekit, db_sessionmaker),
        drops_for_good(livekit, db_sessionmaker),
        rejoins_then_time_runs_out(livekit, db_sessionmaker, answer_frames),
    )
