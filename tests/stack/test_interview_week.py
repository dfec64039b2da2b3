"""A recruiter's week on a compressed clock: the API (with its queue worker) and the agent worker as processes, on
the session's real Postgres and livekit-server. The join window opens 10 s early and closes 15 s late.

- Three AI interviews booked ahead: no agent joins before a window opens; candidate 1 comes inside the window and
  is interviewed; candidate 2 never comes and is a no-show by the clock, with no agent ever in the room; candidate 3
  arrives late but inside the grace and is interviewed.
- One interviewer slot, two candidates at once: the second waits in line, told so, and gets the interviewer when the
  first interview ends.
- No agent worker at all: the no-show and stale sweeps still run (a worker killed mid-interview leaves it to them).
- A HUMAN interview with the note-taker: both speakers in the transcript, and metrics rows.
"""

from __future__ import annotations

import asyncio
import signal
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
import sqlalchemy as sa

from db.enums import InterviewStatus, Speaker
from db.models import Interview, InterviewMetric, TranscriptSegment
from tests.agent.conftest import E2E_ENV
from tests.agent.sim import Candidate, WorkerProcess, start_worker, wav_frames, worker_env
from tests.api.conftest import apply, create_job, dev_user
from tests.api.server import api_env, run_api
from tests.consent import accepted
from tests.faces import frontal_face_rgb
from tests.media import espeak_wav

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]

# its own agent name: the session's other workers share this livekit-server and would take these dispatches
WEEK_AGENT = "interviewer-week"
CLOCK = {"AGENT_NAME": WEEK_AGENT, "JOIN_EARLY_SECONDS": "10", "JOIN_GRACE_SECONDS": "15",
         "LIFECYCLE_TICK_SECONDS": "1", "STALE_AFTER_SECONDS": "5", "WAIT_LIMIT_SECONDS": "300",
         "LOG_LEVEL": "INFO",  # the dispatcher's decisions in week-api.log
         "RESUME_MAX_TIMES": "0"}  # a killed worker's interview stays INTERRUPTED here (resuming: test_cluster_hosts)
# one slot; one short question; a quick talker. The answer misses a rubric point, so the interviewer asks one
# follow-up that the candidate leaves unanswered: the silence clock (a nudge, then moving on) runs at 6 s, not 20
AGENT = {**E2E_ENV, "AGENT_WORKER_PROCESSES": 1, "AGENT_MAX_CONCURRENT_INTERVIEWS": 1, "INTERVIEW_QUESTIONS": 1,
         "FOLLOW_UP_MIN_WORDS": 3, "ESPEAK_RATE_WPM": 320, "CANDIDATE_WAIT_SECONDS": 30, "AGENT_IDLE_PROCESSES": 1,
         "SILENCE_NUDGE_SECONDS": 6, "AGENT_NAME": WEEK_AGENT}
TERMINAL = {InterviewStatus.COMPLETED, InterviewStatus.INTERRUPTED, InterviewStatus.NO_SHOW,
            InterviewStatus.DECLINED, InterviewStatus.CANCELLED}


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    tmp = tmp_path_factory.mktemp("week-speech")
    texts = {"yes": "Yes, I am happy to go ahead.",
             "answer": "I built our billing service in Python and tuned its slowest queries with an index.",
             "panelist": "Thanks for joining. Could you walk me through your most recent project please?"}
    return {k: wav_frames(espeak_wav(v, 170, tmp / f"{k}.wav")) for k, v in texts.items()}


@pytest.fixture(scope="module")
def stack(database_url: str, livekit: Any, artifacts_dir: Path, tmp_path_factory) -> Iterator[dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("week-api")
    env = api_env(database_url, livekit, tmp, QUEUE_WORKER="1", **CLOCK)
    with run_api(env, log=artifacts_dir / "week-api.log") as base:
        yield {"base": base, "database_url": database_url, "livekit": livekit, "artifacts": artifacts_dir}


@pytest_asyncio.fixture(loop_scope="session")
async def api(stack: dict[str, Any], db_sessionmaker) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=stack["base"], timeout=30) as client:
        yield client


def _worker(stack: dict[str, Any], name: str) -> WorkerProcess:
    return start_worker(worker_env(stack["livekit"], stack["database_url"], **AGENT),
                        stack["artifacts"] / f"week-agent-{name}.log")


async def _book(api: httpx.AsyncClient, recruiter: Any, job: dict, email: str, *, at_s: float,
                kind: str = "AI", **extra: Any) -> dict:
    app_id = (await apply(api, job["id"], email=email, full_name=email.split("@")[0].title())).json()[
        "application_id"]
    when = (datetime.now(UTC) + timedelta(seconds=at_s)).isoformat()
    r = await api.post(f"/api/ats/v1/applications/{app_id}/interviews", headers=recruiter.headers,
                       json={"kind": kind, "scheduled_at": when, "duration_minutes": 5, **extra})
    assert r.status_code == 201, r.text
    return r.json()


async def _row(sessionmaker: Any, interview_id: str) -> Interview:
    async with sessionmaker() as s:
        return await s.get(Interview, uuid.UUID(interview_id))


async def _until(predicate: Any, within: float, what: str) -> Any:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        value = await predicate()
        if value:
            return value
        await asyncio.sleep(0.3)
    raise AssertionError(f"timed out after {within}s: {what}")


async def _arrive(api: httpx.AsyncClient, stack: dict, interview: dict) -> Candidate:
    """The candidate's page: token by join code (their arrival), then the room with camera and microphone."""
    code = interview["join_url"].rsplit("/", 1)[1]
    r = await api.post("/api/livekit/token", json=await accepted(api, code))
    assert r.status_code == 200, r.text
    grant = r.json()
    candidate = Candidate(stack["livekit"], grant["room"], grant["identity"], jwt=grant["token"])
    await candidate.connect()
    await candidate.publish(frontal_face_rgb())
    return candidate


async def _interview(candidate: Candidate, speech: dict) -> None:
    """Consent, one answer; then the interviewer closes."""
    for name in ("yes", "answer"):
        await candidate.wait_for_my_turn(within=90)
        await candidate.say(speech[name])


async def _link(api: httpx.AsyncClient, interview: dict) -> dict:
    return (await api.get(f"/api/interview-links/{interview['join_url'].rsplit('/', 1)[1]}")).json()


async def test_booked_ahead_early_late_and_never(api, stack, db_sessionmaker, speech) -> None:
    worker = _worker(stack, "ahead")
    try:
        await worker.wait_registered()
        recruiter = await dev_user(api, "dev|week-rec", "RECRUITER", "Week Corp")
        job = await create_job(api, recruiter)
        one = await _book(api, recruiter, job, "one@x.test", at_s=25)
        # 1 talks from +15 s (about a minute); 2 is a no-show at +65 s; 3 comes at +95 s, once 1 is over (one slot)
        two = await _book(api, recruiter, job, "two@x.test", at_s=50)
        three = await _book(api, recruiter, job, "three@x.test", at_s=85)
        assert {i["dispatch_id"] for i in (one, two, three)} == {None}
        assert (await _link(api, one))["state"] == "not_open_yet"

        await asyncio.sleep(14)  # one's window opens at +15 s: until then, nothing has joined any room
        for i in (one, two, three):
            assert (await _row(db_sessionmaker, i["id"])).agent_joined_at is None
        await _until(lambda: _link_state(api, one, "open"), 10, "candidate 1's window to open")

        c1 = await _arrive(api, stack, one)
        t0 = time.monotonic()
        await _until(lambda: asyncio.sleep(0, c1.received.agent_joined), 5, "the agent to join candidate 1")
        assert c1.received.agent_joined - t0 < 5.0
        await _interview(c1, speech)
        done = await _until(lambda: _final(db_sessionmaker, one), 60, "interview 1 to end")
        assert done.status == InterviewStatus.COMPLETED, done.end_reason
        await c1.disconnect()

        # candidate 2 never comes: NO_SHOW once the grace is over (+65 s), never before, and no agent ever joined
        scheduled_two = datetime.fromisoformat(two["scheduled_at"])
        no_show = await _until(lambda: _final(db_sessionmaker, two), 120, "interview 2 to be a no-show")
        assert no_show.status == InterviewStatus.NO_SHOW and no_show.end_reason == "candidate did not join"
        assert no_show.ended_at >= scheduled_two + timedelta(seconds=15)
        assert no_show.agent_joined_at is None and no_show.dispatched_at is None

        # candidate 3 is 10 s late: inside the 15 s grace, so the interview runs
        scheduled_three = datetime.fromisoformat(three["scheduled_at"])
        await asyncio.sleep(max(0.0, (scheduled_three + timedelta(seconds=10) - datetime.now(UTC)).total_seconds()))
        c3 = await _arrive(api, stack, three)
        await _interview(c3, speech)
        late = await _until(lambda: _final(db_sessionmaker, three), 60, "interview 3 to end")
        assert late.status == InterviewStatus.COMPLETED and late.started_at > scheduled_three
        await c3.disconnect()
    finally:
        worker.stop()


async def _link_state(api: httpx.AsyncClient, interview: dict, state: str) -> bool:
    return (await _link(api, interview))["state"] == state


async def _final(sessionmaker: Any, interview: dict) -> Interview | None:
    row = await _row(sessionmaker, interview["id"])
    return row if row.status in TERMINAL else None


async def test_one_slot_two_candidates_at_once(api, stack, db_sessionmaker, speech) -> None:
    worker = _worker(stack, "one-slot")
    try:
        await worker.wait_registered()
        recruiter = await dev_user(api, "dev|week-rec2", "RECRUITER", "Busy Corp")
        job = await create_job(api, recruiter)
        first = await _book(api, recruiter, job, "first@x.test", at_s=0)
        second = await _book(api, recruiter, job, "second@x.test", at_s=0)
        a, b = await asyncio.gather(_arrive(api, stack, first), _arrive(api, stack, second))
        await _until(lambda: asyncio.sleep(0, a.received.agent_joined or b.received.agent_joined), 10,
                     "the interviewer to join one of them")
        served, queued = (a, b) if a.received.agent_joined else (b, a)
        served_iv, queued_iv = (first, second) if served is a else (second, first)
        link = await _link(api, queued_iv)
        assert link["state"] == "waiting" and link["position"] == 1 and "you are next" in link["message"], link
        capacity = (await api.get("/api/ats/v1/interviewers/capacity", headers=recruiter.headers)).json()
        assert capacity["free_slots"] == 0 and [w["interview_id"] for w in capacity["waiting"]] == [queued_iv["id"]]
        await _interview(served, speech)
        assert (await _until(lambda: _final(db_sessionmaker, served_iv), 60, "the first to end")).status == \
            InterviewStatus.COMPLETED
        await served.disconnect()
        # the slot frees: the waiting candidate gets the interviewer (no dispatch lost)
        await _until(lambda: asyncio.sleep(0, queued.received.agent_joined), 40, "the interviewer for the second")
        await _interview(queued, speech)
        done = await _until(lambda: _final(db_sessionmaker, queued_iv), 60, "the second to end")
        assert done.status == InterviewStatus.COMPLETED and done.dispatch_attempts >= 1
        await queued.disconnect()
    finally:
        worker.stop()


async def test_no_worker_up_the_clock_still_decides(api, stack, db_sessionmaker, speech) -> None:
    recruiter = await dev_user(api, "dev|week-rec3", "RECRUITER", "Quiet Corp")
    job = await create_job(api, recruiter)
    # an interview under way when its worker is killed
    worker = _worker(stack, "killed")
    await worker.wait_registered()
    running = await _book(api, recruiter, job, "running@x.test", at_s=0)
    candidate = await _arrive(api, stack, running)
    try:
        await _until(lambda: _status(db_sessionmaker, running, InterviewStatus.IN_PROGRESS), 30, "the interview")
        worker.kill(signal.SIGKILL)
        killed_at = datetime.now(UTC)
        # the candidate leaves too: with them still in the room, any API process's sweep (the suite's other queue
        # workers share this database, with resuming on) would put the interview back in line (test_cluster_hosts)
        await candidate.disconnect()
        never = await _book(api, recruiter, job, "never@x.test", at_s=0)  # booked with no worker running
        lost = await _until(lambda: _final(db_sessionmaker, running), 30, "the stale sweep")
        assert lost.status == InterviewStatus.INTERRUPTED and lost.end_reason == "worker lost"
        assert datetime.now(UTC) - killed_at >= timedelta(seconds=4)
        no_show = await _until(lambda: _final(db_sessionmaker, never), 40, "the no-show sweep")
        assert no_show.status == InterviewStatus.NO_SHOW
    finally:
        await candidate.disconnect()
        worker.stop()


async def _status(sessionmaker: Any, interview: dict, status: InterviewStatus) -> bool:
    return (await _row(sessionmaker, interview["id"])).status == status


async def test_human_interview_with_the_note_taker(api, stack, db_sessionmaker, speech) -> None:
    worker = _worker(stack, "note-taker")
    try:
        await worker.wait_registered()
        recruiter = await dev_user(api, "dev|week-rec4", "RECRUITER", "People Corp")
        job = await create_job(api, recruiter)
        human = await _book(api, recruiter, job, "human@x.test", at_s=0, kind="HUMAN", note_taker=True)
        assert human["note_taker"] and human["join_url"]
        r = await api.post("/api/livekit/token", json={"interview_id": human["id"]}, headers=recruiter.headers)
        grant = r.json()
        assert grant["identity"].startswith("panelist-")  # the recruiter interviews: visible, camera and microphone
        panelist = Candidate(stack["livekit"], grant["room"], grant["identity"], jwt=grant["token"])
        await panelist.connect()
        await panelist.publish(frontal_face_rgb())
        candidate = await _arrive(api, stack, human)
        try:
            await _until(lambda: _status(db_sessionmaker, human, InterviewStatus.IN_PROGRESS), 30, "the note-taker")
            await asyncio.sleep(2)
            for _ in range(2):
                await panelist.say(speech["panelist"])
                await asyncio.sleep(1.5)
                await candidate.say(speech["answer"])
                await asyncio.sleep(1.5)
            await asyncio.sleep(3)
        finally:
            await candidate.disconnect()
            await panelist.disconnect()
        done = await _until(lambda: _final(db_sessionmaker, human), 60, "the human interview to end")
        assert done.status == InterviewStatus.COMPLETED, done.end_reason
        async with db_sessionmaker() as s:
            said = (await s.execute(sa.select(TranscriptSegment.speaker, TranscriptSegment.text)
                                    .where(TranscriptSegment.interview_id == done.id))).all()
            metrics = await s.scalar(sa.select(sa.func.count()).select_from(InterviewMetric)
                                     .where(InterviewMetric.interview_id == done.id))
        speakers = {speaker for speaker, _ in said}
        assert speakers == {Speaker.CANDIDATE, Speaker.INTERVIEWER}, said
        assert any("python" in text.lower() for speaker, text in said if speaker == Speaker.CANDIDATE)
        assert any("project" in text.lower() for speaker, text in said if speaker == Speaker.INTERVIEWER)
        assert metrics >= 8
    finally:
        worker.stop()
