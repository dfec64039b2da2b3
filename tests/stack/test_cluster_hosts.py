"""Agent hosts that come and go: interviews spread over two agent hosts (separate processes), the queue worker alone
(no API, no agent in it) sweeping and dispatching. One host is killed with SIGKILL mid-interview: its interviews
are marked within 10 s and resumed on the other host at the question where they stopped, no question asked
twice, transcript and metrics kept (at most the last second before the kill lost). Then the surviving host is sent
SIGTERM mid-interview: it takes no new interview and finishes the one it has.

Each host runs in its own network namespace when this machine can make them (root, iproute2: devstack/netns.py),
reaching LiveKit and Postgres over a bridge as a separate machine would; otherwise the hosts share this one.

Six interviews, as the issue asks (CLUSTER_TEST_INTERVIEWS sets another number; six took 175-210 s here). Each host
has as many slots as there are interviews, so whichever host is killed the other has room for all it held. The
simulated people cost this process as little as they can (cameras at 5 fps, no audio pulled into Python): with
twelve of them decoding audio at 10 fps cameras, this process alone took a core of the two, the hosts under test
starved, and now and then an answer never reached its interviewer.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from db.contract import ATTR_PHASE, candidate_identity
from db.enums import InterviewStatus, Speaker
from db.models import AgentWorker, Interview, InterviewMetric, TranscriptSegment
from devstack import netns
from devstack.livekit_server import LiveKitServer, api_credentials
from devstack.ports import free_port
from tests.agent.conftest import E2E_ENV
from tests.agent.sim import Candidate, Recruiter, WorkerProcess, create_interview, wav_frames, worker_env
from tests.api.server import api_env
from tests.conftest import LiveKitInfo
from tests.faces import frontal_face_rgb
from tests.media import espeak_wav

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(540)]

REPO = Path(__file__).resolve().parents[2]
AGENT = "interviewer-cluster"  # its own name: the session's other workers share this livekit-server
LOAD_REPORT_S = 3.0
# six: an interview must outlast the placing of all six and the victim's first answers (with three, the first placed
# sometimes ended before the kill, and its host's "lost" interview was one that had completed)
QUESTIONS = ["Tell me about a service you built.", "How do you find a slow query?", "How do you review code?",
             "How do you test a migration?", "How do you handle an outage?", "What would you change in your team?"]
INTERVIEWS = int(os.environ.get("CLUSTER_TEST_INTERVIEWS", "6"))
HOST = {**E2E_ENV, "AGENT_NAME": AGENT, "AGENT_WORKER_PROCESSES": 1, "AGENT_MAX_CONCURRENT_INTERVIEWS": INTERVIEWS,
        "AGENT_IDLE_PROCESSES": 1, "ESPEAK_RATE_WPM": 320, "FOLLOW_UP_MIN_WORDS": 3, "GAZE_CALIBRATION_SECONDS": 0,
        "CANDIDATE_WAIT_SECONDS": 30}
# six interviews ended 130 s after the resume here; one CI run needed more than 180 s (then a lost interview
# waited 60 s for a slot LiveKit would not give it)
ALL_END_S = 300
FINAL = {InterviewStatus.COMPLETED, InterviewStatus.INTERRUPTED, InterviewStatus.DECLINED}


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    tmp = tmp_path_factory.mktemp("cluster-speech")
    texts = {"yes": "Yes, I am happy to go ahead.",
             "answer": "I built our billing service in Python and tuned its slowest queries with an index."}
    return {k: wav_frames(espeak_wav(v, 190, tmp / f"{k}.wav")) for k, v in texts.items()}


@dataclass
class Network:
    """Where the hosts run. The people in the rooms and the queue worker stay in the root namespace."""

    livekit: LiveKitInfo
    lan: netns.Lan | None
    database_url: str

    def start_host(self, name: str, log_path: Path) -> WorkerProcess:
        env = worker_env(self.livekit, self.database_url, **HOST)
        argv = [sys.executable, "-m", "agent.worker", "start"]
        if self.lan is not None:  # the host sees LiveKit and Postgres at the gateway, as on another machine
            argv, env = self.lan.as_host(name, argv, env)
        out = open(log_path, "wb")
        proc = subprocess.Popen(argv, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        return WorkerProcess(proc, log_path)


@pytest.fixture(scope="module")
def network(database_url: str, artifacts_dir: Path) -> Iterator[Network]:
    """A LiveKit node of the test's own, listening on the hosts' gateway too when they get namespaces."""
    lan = netns.Lan() if netns.available() else None
    server = None
    try:
        if lan is not None:
            lan.start()
        server = LiveKitServer(port=free_port(), tcp_port=free_port(), udp_port=free_port(),
                               lan_address=lan.gateway if lan else None, log_path=artifacts_dir / "cluster-livekit.log")
        server.start()
        key, secret = api_credentials()
        print(f"agent hosts in their own network namespaces: {lan is not None}")
        yield Network(LiveKitInfo(url=server.url, http_url=server.http_url, api_key=key, api_secret=secret), lan,
                      database_url)
    finally:
        if server is not None:
            server.stop()
        if lan is not None:
            lan.stop()


def _net_namespace(pid: int) -> str:
    return os.readlink(f"/proc/{pid}/ns/net")


@contextlib.contextmanager
def queue_worker(database_url: str, livekit: Any, tmp: Path, log: Path) -> Iterator[subprocess.Popen]:
    """`python -m api.queue.worker` on its own, with the default sweep settings (tick 2 s, stale after 6 s)."""
    env = api_env(database_url, livekit, tmp, AGENT_NAME=AGENT, LOG_LEVEL="INFO")
    for key in ("LIFECYCLE_TICK_SECONDS", "STALE_AFTER_SECONDS", "WORKER_STALE_SECONDS"):
        env.pop(key, None)
    with open(log, "ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "api.queue.worker"], cwd=REPO, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


async def _until(predicate: Any, within: float, what: str) -> Any:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        value = await predicate()
        if value:
            return value
        await asyncio.sleep(0.25)
    raise AssertionError(f"timed out after {within}s: {what}")


async def _row(sessionmaker: Any, interview_id: uuid.UUID) -> Interview:
    async with sessionmaker() as s:
        return await s.get(Interview, interview_id)


async def _arrive(sessionmaker: Any, livekit: Any, interview_id: uuid.UUID) -> tuple[Candidate, Recruiter]:
    """The candidate joins the room and is put in line (what the token endpoint does); the queue dispatches."""
    room = f"interview-{interview_id}"
    # no audio pulled into this process, and recruiters subscribe to nothing: twelve participants decoding the
    # interviewer's audio (and the recruiters the camera) here took a core of the two and starved the hosts under
    # test. Live scores and the interviewer's turn (its attributes) need no subscription; the candidate still
    # subscribes, as a browser does (the interviewer waits for a listener before it speaks).
    recruiter = Recruiter(livekit, room, auto_subscribe=False)
    await recruiter.connect()
    candidate = Candidate(livekit, room, candidate_identity(interview_id), fps=5, size=(320, 240), listen=False)
    await candidate.connect()
    await candidate.publish(frontal_face_rgb())
    async with sessionmaker() as s, s.begin():
        await s.execute(sa.update(Interview).where(Interview.id == interview_id).values(
            candidate_arrived_at=sa.func.now(), waiting_since=sa.func.now()))
    return candidate, recruiter


async def _converse(candidate: Candidate, speech: dict[str, list], done: asyncio.Event) -> None:
    """Answer whatever the interviewer (the first or its successor) asks, until it closes."""
    while not done.is_set():
        try:
            await candidate.wait_for_my_turn(within=15)
        except TimeoutError:
            continue  # no interviewer (lost, not yet replaced) or still speaking
        phases = candidate.interviewer_attributes(ATTR_PHASE)
        phase = phases[-1] if phases else None  # the newest interviewer's, as agent_state does
        if phase == "closing":
            return
        await candidate.say(speech["yes" if phase == "consent" else "answer"])


def _host_of(hosts: dict[str, WorkerProcess], interview_id: uuid.UUID) -> str | None:
    """The host running the interview: a second interviewer sent to the room (a dispatch retried) joins it too,
    then leaves; only the one that took the interview in progress says so."""
    for name, host in hosts.items():
        if f"interview {interview_id} in progress on this host" in host.log():
            return name
    return None


async def _segments(sessionmaker: Any, interview_id: uuid.UUID) -> list[TranscriptSegment]:
    async with sessionmaker() as s:
        return list((await s.scalars(sa.select(TranscriptSegment).where(
            TranscriptSegment.interview_id == interview_id).order_by(TranscriptSegment.start_s))).all())


async def _answered(sessionmaker: Any, interview_id: uuid.UUID, index: int) -> bool:
    return any(s.speaker == Speaker.CANDIDATE and s.question_index == index and not s.overlap
               for s in await _segments(sessionmaker, interview_id))


def _victim(placed: dict[uuid.UUID, str | None]) -> tuple[str, list[uuid.UUID]]:
    """The host to kill, and its interviews. LiveKit picks a host at random weighted by its free capacity
    (1 - load), so now and then every interview lands on one host; then that host is the one killed. Otherwise the
    one with fewer."""
    print(f"placed by LiveKit: {sorted(str(p) for p in placed.values())}")
    busy = sorted({p for p in placed.values() if p}, key=lambda h: sum(p == h for p in placed.values()))
    return busy[0], [i for i, p in placed.items() if p == busy[0]]


async def test_kill_a_host_then_drain_the_other(network, database_url, db_sessionmaker, artifacts_dir,
                                                 tmp_path, speech) -> None:
    livekit = network.livekit
    hosts = {name: network.start_host(name, artifacts_dir / f"cluster-{name}.log") for name in ("a", "b")}
    talks: list[asyncio.Task] = []
    people: list[Any] = []
    done = asyncio.Event()
    try:
        with queue_worker(database_url, livekit, tmp_path, artifacts_dir / "cluster-queue.log"):
            await asyncio.gather(*(h.wait_registered() for h in hosts.values()))
            if network.lan is not None:  # three network stacks: this one and one per host
                assert len({_net_namespace(p) for p in (os.getpid(), *(h.proc.pid for h in hosts.values()))}) == 3
            await _until(lambda: _fresh_workers(db_sessionmaker, 2), 30, "both hosts in agent_workers")
            ids = [await create_interview(db_sessionmaker, questions=QUESTIONS) for _ in range(INTERVIEWS)]
            rooms: dict[uuid.UUID, tuple[Candidate, Recruiter]] = {}
            for interview_id in ids:  # one after another, so LiveKit sees each host's load when it places the next
                rooms[interview_id] = await _arrive(db_sessionmaker, livekit, interview_id)
                people += rooms[interview_id]
                await _until(lambda i=interview_id: asyncio.sleep(0, _host_of(hosts, i)), 30,
                             "an interviewer to start it")
                talks.append(asyncio.create_task(_converse(rooms[interview_id][0], speech, done)))
                # a host's load reaches LiveKit with its next status report (livekit-agents sends one every 2.5 s):
                # placing the next interview before that would place it on stale loads
                await asyncio.sleep(LOAD_REPORT_S)
            victim, lost = _victim({i: _host_of(hosts, i) for i in ids})

            # the victim's interviews are past question 1's answer: kill its host before question 2 is written
            await _until(lambda: _all(_answered(db_sessionmaker, i, 0) for i in lost), 120, "answers to question 1")
            ended = [str(i) for i in lost if (await _row(db_sessionmaker, i)).status != InterviewStatus.IN_PROGRESS]
            assert not ended, f"over before the kill (interviews too short for the placing on this machine): {ended}"
            hosts[victim].kill(signal.SIGKILL)
            killed_at, killed_wall = time.monotonic(), time.time()
            received = {i: {m["t_s"] for t, m in rooms[i][1].received.messages if t <= killed_at} for i in lost}

            # marked within 10 s by the queue worker (no agent involved): it leaves IN_PROGRESS
            try:
                for i in lost:
                    await _until(lambda i=i: _left_in_progress(db_sessionmaker, i), 12, "the lost interview marked")
            except AssertionError as e:
                raise AssertionError(f"{e}\n{await _why_not_marked(db_sessionmaker, lost, killed_wall, artifacts_dir)}"
                                     ) from None
            assert time.monotonic() - killed_at < 10.0
            # ... back in line at once (the lost agent's participant is taken out of the room), then resumed by the
            # other host, and finished there
            for i in lost:
                await _until(lambda i=i: _resumed(db_sessionmaker, i), 10, "the lost interview back in line")
            print(f"lost interviews back in line {time.monotonic() - killed_at:.1f} s after the kill")
            # ... and resumed by the survivor at once: it has a slot for each (LiveKit once refused it every job
            # past 70% of its slots, and a lost interview waited for another to end)
            survivor = hosts["b" if victim == "a" else "a"]
            for i in lost:
                await _until(lambda i=i: asyncio.sleep(0, f"interview {i} resumed" in survivor.log()), 30,
                             "the lost interview resumed on the other host")
            print(f"lost interviews resumed {time.monotonic() - killed_at:.1f} s after the kill")
            # one deadline for all: the survivor now runs six interviews in one process on a shared 2-core machine
            # (VAD slower than real time there), and an answer it misses costs a nudge and a move-on (2 x 20 s)
            try:
                await _until(lambda: _all(_final(db_sessionmaker, i) for i in ids), ALL_END_S, "every interview to end")
            except AssertionError as e:
                raise AssertionError(f"{e}\n{await _why_not_ended(db_sessionmaker, ids, hosts)}") from None
            for i in ids:
                row = await _row(db_sessionmaker, i)
                assert row.status == InterviewStatus.COMPLETED, (i, row.end_reason)
            for i in lost:
                await _check_resumed(db_sessionmaker, i, received[i], killed_wall)
                assert f"interview {i} resumed" in hosts["b" if victim == "a" else "a"].log()

            await _drain(hosts["b" if victim == "a" else "a"], db_sessionmaker, livekit, people, talks, speech,
                         done)
    finally:
        done.set()
        for t in talks:
            t.cancel()
        for p in people:
            with contextlib.suppress(Exception):
                await p.disconnect()
        for h in hosts.values():
            h.stop()


async def _drain(survivor: WorkerProcess, db_sessionmaker: Any, livekit: Any, people: list, talks: list,
                 speech: dict[str, list], done: asyncio.Event) -> None:
    """SIGTERM the host mid-interview: a candidate arriving meanwhile waits, the running interview ends, the host
    exits."""
    running = await create_interview(db_sessionmaker, questions=QUESTIONS[:1])
    people += await _arrive(db_sessionmaker, livekit, running)
    talks.append(asyncio.create_task(_converse(people[-2], speech, done)))
    await _until(lambda: _status(db_sessionmaker, running, InterviewStatus.IN_PROGRESS), 30, "it started")
    survivor.proc.send_signal(signal.SIGTERM)
    await _until(lambda: _draining(db_sessionmaker), 5, "the host to report draining")
    later = await create_interview(db_sessionmaker, questions=QUESTIONS[:1])
    people += await _arrive(db_sessionmaker, livekit, later)
    row = await _until(lambda: _final(db_sessionmaker, running), 120, "the running interview to end")
    assert row.status == InterviewStatus.COMPLETED, row.end_reason
    await asyncio.to_thread(survivor.proc.wait, 60)  # drained, it exits
    waiting = await _row(db_sessionmaker, later)
    assert waiting.status == InterviewStatus.SCHEDULED and waiting.agent_joined_at is None


async def _why_not_marked(sessionmaker: Any, lost: list[uuid.UUID], killed_wall: float, artifacts: Path) -> str:
    """What a failed "marked within 10 s" needs to be understood: the rows, what Postgres is waiting on, and what
    the queue worker last did."""
    lines = []
    async with sessionmaker() as s:
        db_now = (await s.scalar(sa.select(sa.func.now()))).timestamp()
        lines.append(f"postgres now - kill: {db_now - killed_wall:.1f} s")
        for i in lost:
            row = await s.get(Interview, i)
            beat = row.last_heartbeat_at.timestamp() - killed_wall if row.last_heartbeat_at else None
            lines.append(f"{i}: {row.status} resumes={row.resumes} end_reason={row.end_reason!r} "
                         f"last heartbeat - kill: {beat if beat is None else round(beat, 1)} s")
        activity = await s.execute(sa.text(
            "select pid, state, wait_event_type, wait_event, now() - xact_start, left(query, 100) "
            "from pg_stat_activity where state <> 'idle' and pid <> pg_backend_pid()"))
        lines += [f"pg: {tuple(r)}" for r in activity]
    queue_log = (artifacts / "cluster-queue.log").read_text(errors="replace").splitlines()
    lines += ["queue worker, last lines:", *queue_log[-40:]]
    return "\n".join(lines)


async def _why_not_ended(sessionmaker: Any, ids: list[uuid.UUID], hosts: dict[str, WorkerProcess]) -> str:
    """Where each unfinished interview stands: its row, its last lines, and how loaded its host was."""
    lines = []
    async with sessionmaker() as s:
        db_now = await s.scalar(sa.select(sa.func.now()))
    for i in ids:
        row = await _row(sessionmaker, i)
        if row.status in FINAL:
            continue
        beat = (db_now - row.last_heartbeat_at).total_seconds() if row.last_heartbeat_at else None
        lines.append(f"{i}: {row.status} resumes={row.resumes} host={_host_of(hosts, i)} "
                     f"last heartbeat {beat} s ago")
        for seg in (await _segments(sessionmaker, i))[-6:]:
            lines.append(f"  {seg.start_s:7.1f} {seg.speaker} q={seg.question_index} overlap={seg.overlap}: "
                         f"{seg.text[:90]!r}")
    for name, host in hosts.items():
        log = host.log()
        lines.append(f"host {name}: {log.count('VAD inference is slower than realtime')} 'VAD slower than realtime', "
                     f"{log.count('event loop blocked')} 'event loop blocked'")
    return "\n".join(lines)


async def _all(checks: Any) -> bool:
    return all([await c for c in checks])


async def _fresh_workers(sessionmaker: Any, n: int) -> bool:
    async with sessionmaker() as s:
        count = await s.scalar(sa.select(sa.func.count()).select_from(AgentWorker).where(
            AgentWorker.agent_name == AGENT, AgentWorker.heartbeat_at > sa.func.now() - sa.text("interval '6 s'")))
    return count == n


async def _draining(sessionmaker: Any) -> bool:
    async with sessionmaker() as s:
        return bool(await s.scalar(sa.select(sa.func.count()).select_from(AgentWorker).where(
            AgentWorker.agent_name == AGENT, AgentWorker.draining.is_(True))))


async def _left_in_progress(sessionmaker: Any, interview_id: uuid.UUID) -> bool:
    row = await _row(sessionmaker, interview_id)
    return row.status == InterviewStatus.INTERRUPTED or row.resumes > 0


async def _resumed(sessionmaker: Any, interview_id: uuid.UUID) -> bool:
    return (await _row(sessionmaker, interview_id)).resumes > 0


async def _status(sessionmaker: Any, interview_id: uuid.UUID, status: InterviewStatus) -> bool:
    return (await _row(sessionmaker, interview_id)).status == status


async def _final(sessionmaker: Any, interview_id: uuid.UUID) -> Interview | None:
    row = await _row(sessionmaker, interview_id)
    return row if row.status in FINAL else None


def _asked_again_unanswered(segments: list[TranscriptSegment], question: str) -> bool:
    """Asked a second time right after "we lost the connection", with no answer to it in between (the kill came
    after the question and before its answer: the new host asks it again, flow.resume)."""
    asked = [k for k, s in enumerate(segments) if s.speaker == Speaker.AGENT and question in s.text]
    if len(asked) != 2:
        return False
    first, again = asked
    between = segments[first + 1:again]
    return "we lost the connection" in segments[again].text + " ".join(
        s.text for s in between if s.speaker == Speaker.AGENT) and not any(
        s.speaker == Speaker.CANDIDATE and not s.overlap and s.text.strip() for s in between)


async def _check_resumed(sessionmaker: Any, interview_id: uuid.UUID, received: set[int], killed_wall: float) -> None:
    row = await _row(sessionmaker, interview_id)
    assert row.resumes == 1 and row.end_reason == "completed"
    segments = await _segments(sessionmaker, interview_id)
    said = " ".join(s.text for s in segments if s.speaker == Speaker.AGENT)
    assert "we lost the connection" in said
    for question in QUESTIONS:  # every question asked; twice only if its answer never came before the loss
        asked_twice = _asked_again_unanswered(segments, question)
        assert said.count(question) == 1 + asked_twice, (question, said)
    answered = {s.question_index for s in segments if s.speaker == Speaker.CANDIDATE and not s.overlap}
    assert answered >= set(range(len(QUESTIONS)))
    async with sessionmaker() as s:
        seconds = set((await s.scalars(sa.select(InterviewMetric.t_s).where(
            InterviewMetric.interview_id == interview_id))).all())
    # everything the recruiter saw before the kill is stored, but for at most the last second
    assert len(received - seconds) <= 1 and (not received - seconds or received - seconds == {max(received)})
    kill_t = killed_wall - row.started_at.timestamp()
    before = sorted(t for t in seconds if t <= kill_t)
    after = sorted(t for t in seconds if t > kill_t)
    assert before[-1] >= kill_t - 2  # stored up to the kill
    assert len(before) >= before[-1] - before[0]  # no hole before it
    assert after and len(after) >= after[-1] - after[0]  # the clock went on after the resume, without a hole
