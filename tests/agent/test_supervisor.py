"""Several worker processes under one supervisor: a dead or frozen worker comes back, a stop leaves nothing
running."""

from __future__ import annotations

import asyncio
import signal
import time

import psutil
import pytest

from db.enums import InterviewStatus
from db.models import Interview
from devstack.ports import free_port_block
from tests.agent.conftest import E2E_ENV
from tests.agent.sim import create_interview, dispatch, start_worker, worker_env
from tests.agent.test_e2e_sigkill import session_processes

STATUS_REPORT_S = 2.5  # livekit-agents sends the worker's load to LiveKit this often


def worker_children(pid: int) -> list[psutil.Process]:
    return [p for p in psutil.Process(pid).children() if "agent.worker" in " ".join(p.cmdline())]


async def wait_log_count(worker, text: str, count: int, within: float = 120) -> None:
    deadline = time.monotonic() + within
    while worker.log().count(text) < count:
        assert time.monotonic() < deadline, f"{text!r} seen {worker.log().count(text)} times, not {count}"
        assert worker.proc.poll() is None, worker.log()[-3000:]
        await asyncio.sleep(0.2)


@pytest.mark.parametrize("processes", [2, 1])
async def test_a_dead_or_frozen_worker_process_is_restarted_and_a_stop_leaves_nothing(livekit, database_url,
                                                                                       artifacts_dir,
                                                                                       processes: int) -> None:
    """Two worker processes, and one: a single-process host with a health port runs under the supervisor too."""
    # health ports of their own: the watchdog reads them
    env = worker_env(livekit, database_url, **{**E2E_ENV, "AGENT_IDLE_PROCESSES": 1,
                                               "AGENT_HTTP_PORT": free_port_block(2)},
                     AGENT_WORKER_PROCESSES=processes, AGENT_MAX_CONCURRENT_INTERVIEWS=6,
                     LIVEKIT_AGENT_NAME_OVERRIDE=f"interviewer-supervised-{processes}", AGENT_WATCHDOG_SECONDS=6)
    worker = start_worker(env, artifacts_dir / f"agent-worker-supervised-{processes}.log")
    try:
        await wait_log_count(worker, "registered worker", processes)
        assert f"starting {processes} worker processes, up to {6 // processes} interviews each" in worker.log()
        assert "no watchdog" not in worker.log()
        children = worker_children(worker.proc.pid)
        assert len(children) == processes
        children[0].send_signal(signal.SIGKILL)
        await wait_log_count(worker, "restarting it", 1, within=30)
        await wait_log_count(worker, "registered worker", processes + 1)
        children = worker_children(worker.proc.pid)
        assert len(children) == processes
        # a frozen interpreter (what a thread holding the GIL in native code looks like from outside): it neither
        # exits nor answers; the watchdog kills it once it has been silent for AGENT_WATCHDOG_SECONDS
        await asyncio.sleep(3)  # the watch has seen it answer
        frozen = children[-1]
        frozen.send_signal(signal.SIGSTOP)
        stopped_at = time.monotonic()
        await wait_log_count(worker, "has not answered its health check", 1, within=30)
        assert 6 - 1.5 <= time.monotonic() - stopped_at < 20  # silent 6 s since its last answer (polled each 1 s)
        assert f"(pid {frozen.pid}) has not answered" in worker.log()
        await wait_log_count(worker, "restarting it", 2, within=30)
        await wait_log_count(worker, "registered worker", processes + 2)
        assert not frozen.is_running() or frozen.status() == psutil.STATUS_ZOMBIE
        assert len(worker_children(worker.proc.pid)) == processes
    finally:
        worker.stop(timeout=60)
    assert worker.proc.returncode == 0, worker.log()[-3000:]
    assert session_processes(worker.proc.pid) == []


async def test_bursts_of_dispatches_into_one_worker_process_all_join(livekit, database_url, db_sessionmaker,
                                                                     artifacts_dir) -> None:
    """Five interviews dispatched at once into one process, twice over: every room connects. Their FFI
    handshakes used to collide and the FFI then panicked the whole worker (2-4 of 5 joined in 3 of 4 rounds).

    Then five dispatched one after another, each after the worker has told LiveKit its new load: every slot is
    taken. LiveKit sends no job to a worker reporting its target load (0.7) or more, and a worker reporting a plain
    4/5 took no fifth interview while the dispatcher saw a free slot."""
    # a short drain: the interviews only need to have joined, and a stop then ends them at once
    env = worker_env(livekit, database_url, **{**E2E_ENV, "AGENT_IDLE_PROCESSES": 4, "CANDIDATE_WAIT_SECONDS": 30},
                     AGENT_WORKER_PROCESSES=1, AGENT_MAX_CONCURRENT_INTERVIEWS=5, AGENT_DRAIN_TIMEOUT_SECONDS=2,
                     AGENT_NAME="interviewer-burst")
    for round_ in range(3):
        worker = start_worker(env, artifacts_dir / f"agent-worker-burst-{round_}.log")
        try:
            await worker.wait_registered()
            await wait_log_count(worker, "job runner initialized", 4)
            ids = [await create_interview(db_sessionmaker) for _ in range(5)]
            if round_ < 2:
                await asyncio.gather(*(dispatch(livekit, i, agent_name="interviewer-burst") for i in ids))
            else:
                for n, interview_id in enumerate(ids, 1):
                    await dispatch(livekit, interview_id, agent_name="interviewer-burst")
                    await wait_log_count(worker, "joined room", n, within=30)
                    await asyncio.sleep(STATUS_REPORT_S + 0.5)  # LiveKit has the worker's load with this one
            await wait_log_count(worker, "joined room", 5, within=30)
            assert "FFI Panic" not in worker.log() and "ReadyForRoomEventRequest" not in worker.log()
            # SIGTERM, and the drain times out while all five still wait for their candidates: the host gives
            # them back at once (their candidates get another host), rather than hold each for 15 s more
            stopping = time.monotonic()
            worker.stop(timeout=60)
            assert time.monotonic() - stopping < 12, worker.log()[-3000:]
            assert worker.log().count("given back before its candidate came") == 5
            async with db_sessionmaker() as s:
                rows = [await s.get(Interview, i) for i in ids]
            assert all(r.status == InterviewStatus.SCHEDULED and r.agent_joined_at is None
                       and r.dispatched_at is None for r in rows)
        finally:
            worker.stop(timeout=60)


async def test_a_job_both_launched_and_still_reserved_counts_once_toward_capacity() -> None:
    """livekit-agents launches a job before releasing its reserved slot: four such jobs once read as 8/5 full."""
    from types import SimpleNamespace

    from agent.worker import InterviewerServer

    running: list[SimpleNamespace] = []

    class Server(InterviewerServer):
        @property
        def active_jobs(self):  # the jobs livekit-agents' process pool has launched
            return running

    server = Server(max_jobs=5)
    server._reserved_slots = 0  # set when the server runs
    release = asyncio.Event()

    async def on_request(req) -> None:
        running.append(SimpleNamespace(job=SimpleNamespace(id=req.id)))  # accepted and launched inside
        await release.wait()

    answer = server.tracking_requests(on_request)
    tasks = []
    for i in range(4):
        server._reserved_slots += 1  # what livekit-agents does before it runs on_request
        task = asyncio.create_task(answer(SimpleNamespace(id=f"AJ_{i}")))
        # livekit-agents releases the slot in a done callback added before the task runs
        task.add_done_callback(lambda _: setattr(server, "_reserved_slots", server._reserved_slots - 1))
        tasks.append(task)
    server._reserved_slots += 1  # a fifth request reserved, its on_request not started yet
    await asyncio.sleep(0)
    assert server._get_effective_load() == 1.0  # 4 running (also reserved) + 1 reserved: 5 of 5, not 9
    server._reserved_slots -= 1
    assert server._get_effective_load() == 0.8
    release.set()
    await asyncio.gather(*tasks)
    await asyncio.sleep(0)
    assert server._reserved_slots == 0 and not server._answering
    assert server._get_effective_load() == 0.8  # the four still run


def test_who_runs_under_the_supervisor() -> None:
    """Several processes; one with a health port (its watchdog can run); never a supervised worker itself."""
    from agent.config import Settings
    from agent.supervisor import child_env, supervised

    assert supervised(Settings(worker_processes=2, http_port=0), env={})
    assert supervised(Settings(worker_processes=1, http_port=8081), env={})
    assert not supervised(Settings(worker_processes=1, http_port=0), env={})  # no port to watch
    assert not supervised(Settings(worker_processes=1, http_port=8081, watchdog_s=0), env={})
    one = Settings(worker_processes=1, http_port=8081)
    assert not supervised(one, env=child_env(one, 0, base={}))  # the worker it starts runs the server itself
