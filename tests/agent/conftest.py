"""Fixtures for the agent tests: the worker as its own process, and prepared candidate speech."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from devstack.ports import free_port
from tests.agent.sim import WorkerProcess, start_worker, wav_frames, worker_env
from tests.media import espeak_wav

# What the simulated candidate says (espeak-ng, 170 wpm).
ANSWERS = {
    "yes": "Yes, I am happy to go ahead.",
    "no": "No, I would rather not.",
    "short": "I wrote some scripts.",
    "python": (
        "Last year I built a data ingestion service in Python. I split it into small packages with type hints, "
        "wrote unit tests with pytest, and profiled the slow parts with c profile. Moving the hot loop to numpy "
        "made it about twenty times faster, and the team still maintains it today."
    ),
    "sql": (
        "First I run explain analyze to see the query plan. Usually a sequential scan shows that an index is "
        "missing, so I add an index on the join and filter columns, check the statistics, and measure again "
        "before and after the change."
    ),
}

# the end-to-end worker's processes: one per core as in production, at most 4 (agent/config.py)
WORKER_PROCESSES = max(1, min(os.cpu_count() or 1, 4))

# Fast, deterministic settings for end-to-end runs.
E2E_ENV = {
    "ESPEAK_RATE_WPM": 320,  # the interviewer talks fast (the candidates at 170): 210 cost ~15 s an interview
    "CANDIDATE_WAIT_SECONDS": 8,
    "REJOIN_GRACE_SECONDS": 8,
    "INTERVIEW_MAX_MINUTES": 5,
    "AGENT_IDLE_PROCESSES": 2,
    "AGENT_HTTP_PORT": 0,  # several workers (and `make up`) may run on this machine
}


@pytest.fixture(scope="session")
def answer_frames(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    media = tmp_path_factory.mktemp("answers")
    return {name: wav_frames(espeak_wav(text, 170, media / f"{name}.wav")) for name, text in ANSWERS.items()}


@pytest.fixture(scope="session")
def agent_metrics_ports() -> list[int]:
    """Free ports for the worker processes' /metrics (the supervisor gives worker i the first port + i)."""
    for _ in range(50):
        first = free_port()
        ports = [first + i for i in range(WORKER_PROCESSES)]
        if all(_port_free(p) for p in ports[1:]):
            return ports
    raise RuntimeError("no run of free ports for the agent's metrics")


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@pytest.fixture(scope="session")
def interviewer_worker(livekit, database_url: str, artifacts_dir: Path, agent_metrics_ports: list[int]
                      ) -> Iterator[WorkerProcess]:
    """One `python -m agent.worker start` for the end-to-end tests (interviews run in its job processes)."""
    env = worker_env(livekit, database_url, **E2E_ENV, AGENT_WORKER_PROCESSES=WORKER_PROCESSES,
                     AGENT_METRICS_PORT=agent_metrics_ports[0])
    worker = start_worker(env, artifacts_dir / "agent-worker.log")
    try:
        yield worker
    finally:
        worker.stop()
