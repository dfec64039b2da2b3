"""A worker killed with SIGKILL mid-interview: metrics survive up to the kill, and the interview is not left
IN_PROGRESS once the lifecycle job sees its heartbeat go stale."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from datetime import UTC, datetime

import psutil
import pytest
import sqlalchemy as sa

from api.config import Settings
from api.interviews.tasks import mark_stale
from db.enums import InterviewStatus
from db.models import Interview, InterviewMetric
from tests.agent.conftest import E2E_ENV
from tests.agent.sim import Candidate, Recruiter, create_interview, dispatch, start_worker, worker_env
from tests.agent.test_e2e_interview import wait_status
from tests.faces import frontal_face_rgb

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]

# its own agent name, so the dispatch cannot land on the session's shared worker
AGENT = "interviewer-sigkill"


def session_processes(sid: int) -> list[psutil.Process]:
    out = []
    for p in psutil.process_iter():
        try:
            if os.getsid(p.pid) == sid and p.status() != psutil.STATUS_ZOMBIE:
                out.append(p)
        except (psutil.Error, ProcessLookupError, PermissionError):
            pass
    return out


async def _left_running(sid: int, within_s: float = 10.0) -> list[psutil.Process]:
    left = session_processes(sid)
    deadline = time.monotonic() + within_s
    while left and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
        left = session_processes(sid)
    return left


async def test_sigkill_mid_interview(livekit, database_url, db_sessionmaker, artifacts_dir) -> None:
    env = worker_env(livekit, database_url, **{**E2E_ENV, "AGENT_IDLE_PROCESSES": 1}, AGENT_NAME=AGENT)
    first = start_worker(env, artifacts_dir / "agent-worker-sigkill-1.log")
    interview_id = await create_interview(db_sessionmaker, questions=["Tell me about yourself."])
    room = f"interview-{interview_id}"
    recruiter, candidate = Recruiter(livekit, room), Candidate(livekit, room)
    try:
        await first.wait_registered()
        await recruiter.connect()
        await dispatch(livekit, interview_id, agent_name=AGENT)
        await candidate.connect()
        await candidate.publish(frontal_face_rgb())
        deadline = time.monotonic() + 60
        while len(recruiter.received.messages) < 8:
            assert time.monotonic() < deadline, "no live messages"
            await asyncio.sleep(0.1)

        killed_at = time.monotonic()
        first.kill(signal.SIGKILL)  # the worker (supervisor) process only: no goodbye, no final flush
        # its worker processes went with it (PR_SET_PDEATHSIG), nothing of the worker is left running
        assert await _left_running(first.proc.pid) == []
        # what the recruiter had when the worker died (a worker process may live on for a moment after it,
        # until its parent's death reaches it: that is after the kill and not what this checks)
        received = {m["t_s"]: m for t, m in recruiter.received.messages if t <= killed_at}
        last = max(received)

        async with db_sessionmaker() as s:
            interview = await s.get(Interview, interview_id)
            rows = {r.t_s: r for r in (await s.execute(
                sa.select(InterviewMetric).where(InterviewMetric.interview_id == interview_id))).scalars()}
        assert interview.status == InterviewStatus.IN_PROGRESS  # nobody has noticed yet
        # at most the last second is lost: everything the recruiter got up to the kill is in Postgres
        missing = sorted(set(received) - set(rows))
        assert missing in ([], [last]), missing
        assert max(rows) >= last - 1
        for t_s in set(received) & set(rows):
            assert rows[t_s].eye_contact == received[t_s]["eye_contact"]["last_1s"]
            assert rows[t_s].flags == received[t_s]["flags"]

        # the lifecycle job (the API's queue: no agent needed) sweeps it once the heartbeat is 5 s old
        settings = Settings.from_env(env="test", database_url=database_url, stale_after_seconds=5)
        swept: list[str] = []
        while not swept:
            assert time.monotonic() - killed_at < 30, "never swept"
            await asyncio.sleep(0.5)
            async with db_sessionmaker() as s:
                swept = await mark_stale(s, settings, datetime.now(UTC))
        assert swept == [str(interview_id)]
        assert time.monotonic() - killed_at >= 4.0  # not before its heartbeat was 5 s old
        interview = await wait_status(db_sessionmaker, interview_id, {InterviewStatus.INTERRUPTED}, within=5)
        assert interview.end_reason == "worker lost" and interview.ended_at is not None
    finally:
        await candidate.disconnect()
        await recruiter.disconnect()
        first.stop()


async def test_sigterm_with_a_drain_timeout_ends_the_interview_and_exits(livekit, database_url, db_sessionmaker,
                                                                         artifacts_dir) -> None:
    """`interviewly up`'s Ctrl-C: the drain gives the running interview AGENT_DRAIN_TIMEOUT_SECONDS, then it ends
    INTERRUPTED with its report and leaves the room, and the worker exits (it used to be killed, the interview left
    IN_PROGRESS and its participant in the room, holding livekit-server's own stop)."""
    env = worker_env(livekit, database_url, **{**E2E_ENV, "AGENT_IDLE_PROCESSES": 1}, AGENT_NAME=AGENT + "-drain",
                     AGENT_DRAIN_TIMEOUT_SECONDS=2)
    worker = start_worker(env, artifacts_dir / "agent-worker-drain-timeout.log")
    interview_id = await create_interview(db_sessionmaker, questions=["Tell me about yourself."])
    candidate = Candidate(livekit, f"interview-{interview_id}")
    try:
        await worker.wait_registered()
        await dispatch(livekit, interview_id, agent_name=AGENT + "-drain")
        await candidate.connect()
        await candidate.publish(frontal_face_rgb())
        await wait_status(db_sessionmaker, interview_id, {InterviewStatus.IN_PROGRESS}, within=60)
        await asyncio.sleep(2)
        stopped_at = time.monotonic()
        worker.proc.send_signal(signal.SIGTERM)
        await asyncio.to_thread(worker.proc.wait, 30)
        took = time.monotonic() - stopped_at
        assert worker.proc.returncode == 0, worker.log()[-3000:]
        # the drain's 2 s, the interview's report and the process's exit: 9 s on a loaded 2-core runner; a worker
        # that does not exit by itself is killed only after 30 s
        assert took < 15, (took, worker.log()[-3000:])
        interview = await wait_status(db_sessionmaker, interview_id, {InterviewStatus.INTERRUPTED}, within=1)
        assert interview.end_reason.startswith("worker shutdown"), interview.end_reason
        assert "drain timed out" in worker.log()
        assert not any(p.identity.startswith("interviewer-") for p in candidate.room.remote_participants.values())
    finally:
        await candidate.disconnect()
        if worker.proc.poll() is None:
            worker.kill()
