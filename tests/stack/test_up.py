"""`interviewly up` (what `make up` runs) brings the whole product up, stops cleanly, and keeps its data."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from devstack import netns
from devstack.ports import free_port_block
from tests.consent import join_body
from tests.rooms import new_room

READY_LINE = "Ctrl-C stops everything"


def _ports() -> dict[str, int]:
    """Every port `up` (and `up --cluster`) takes, from one free block: ports picked one by one can come out equal
    (a CI run once gave the API the mail catcher's SMTP port)."""
    p = free_port_block(23)
    # API p, p+1; Postgres p+2; agent workers from p+3 (a cluster's second host from p+13); mail p+7, p+8; Redis p+9;
    # LiveKit nodes p+10.., p+20..
    return {"api": p, "pg": p + 2, "agent": p + 3, "smtp": p + 7, "inbox": p + 8, "redis": p + 9, "livekit": p + 10}


def _up(data_dir: Path, ports: dict[str, int], *extra: str) -> tuple[list[str], dict[str, str]]:
    """`interviewly up`'s command line and environment: the embedded defaults, on these ports and this folder."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "LIVEKIT_URL", "AGENT_NAME", "SMTP_HOST"}}
    env["INTERVIEWLY_DATA_DIR"] = str(data_dir)
    return [sys.executable, "-m", "devstack.cli", "up", "--api-port", str(ports["api"]), "--pg-port", str(ports["pg"]),
            "--livekit-port", str(ports["livekit"]), "--agent-port", str(ports["agent"]),
            "--smtp-port", str(ports["smtp"]), "--inbox-port", str(ports["inbox"]), *extra], env


def _start(data_dir: Path, ports: dict[str, int], *extra: str) -> tuple[subprocess.Popen[str], str]:
    argv, env = _up(data_dir, ports, *extra)
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out: list[str] = []
    deadline = time.monotonic() + 180
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        out.append(line)
        if READY_LINE in line:
            return proc, "".join(out)
    proc.kill()
    raise AssertionError("interviewly up did not get ready:\n" + "".join(out))


def _stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGINT)
    rest, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, rest
    return rest


def _run_to_end(data_dir: Path, ports: dict[str, int]) -> subprocess.CompletedProcess[str]:
    argv, env = _up(data_dir, ports)
    return subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_up_runs_everything_and_reuses_its_data(tmp_path: Path) -> None:
    ports = _ports()
    proc, banner = _start(tmp_path, ports)
    try:
        api = f"http://127.0.0.1:{ports['api']}"
        assert httpx.get(f"{api}/health", timeout=10).json() == {"db": "ok", "livekit": "ok"}
        assert httpx.get(f"{api}/schema/openapi.json", timeout=10).status_code == 200
        join = re.search(r"Candidate join\s+: (\S+)", banner).group(1)
        code = join.rsplit("/", 1)[1]
        link = httpx.get(f"{api}/api/interview-links/{code}", timeout=10).json()
        assert link["state"] == "open" and link["job_title"] == "Backend Engineer"
        assert httpx.get(join, timeout=10).status_code == 200
        token = re.search(r"Dev recruiter token: (\S+)", banner).group(1)
        me = httpx.get(f"{api}/api/auth/me", headers={"Authorization": f"Bearer {token}"}, timeout=10).json()
        assert me["role"] == "RECRUITER"
        watch_id = re.search(r"/recruiter/interviews/([0-9a-f-]+)", banner).group(1)
        # the mail catcher's inbox, where a person reads the mail the product sends
        inbox = re.search(r"Mail inbox\s+: (\S+)", banner).group(1)
        assert inbox == f"http://127.0.0.1:{ports['inbox']}" and httpx.get(inbox, timeout=10).status_code == 200

        # started again in another terminal: refused in a line, the running one untouched
        again = _run_to_end(tmp_path, ports)
        assert again.returncode == 1 and f"pid {proc.pid}" in again.stdout, again.stdout
        assert "another `interviewly up` is running with this data folder" in again.stdout
        # another folder on the same ports: a one-line reason, no traceback, and nobody else's Postgres migrated
        other = _run_to_end(tmp_path / "other", ports)
        assert other.returncode == 1 and "could not start: port" in other.stdout, other.stdout
        assert "Traceback" not in other.stdout and "migrations applied" not in other.stdout
        assert httpx.get(f"{api}/health", timeout=10).json() == {"db": "ok", "livekit": "ok"}
    finally:
        tail = _stop(proc)
    assert "stopped" in tail
    for port in ports.values():
        assert not _listening(port), f"port {port} still open after Ctrl-C"

    # a second run finds the same data: the same demo interview, not a new one
    proc, banner = _start(tmp_path, ports)
    # then it is killed outright: its servers and workers live on (their own sessions), holding the ports
    proc.kill()
    proc.wait()
    assert httpx.get(f"{api}/health", timeout=10).status_code == 200
    # the next run stops what the killed one left, and starts as usual on the same ports and data
    proc, banner = _start(tmp_path, ports)
    try:
        assert re.search(r"stopped (\d+) process\(es\) an earlier `interviewly up` left running", banner), banner
        assert re.search(r"/recruiter/interviews/([0-9a-f-]+)", banner).group(1) == watch_id
        assert httpx.get(f"{api}/health", timeout=10).json() == {"db": "ok", "livekit": "ok"}
    finally:
        # this time its terminal closes: nobody reads its output any more, and it gets SIGHUP
        assert proc.stdout is not None
        proc.stdout.close()
        proc.send_signal(signal.SIGHUP)
        assert proc.wait(timeout=60) == 0
    for port in ports.values():
        assert not _listening(port), f"port {port} still open after the terminal closed"


def test_up_cluster_runs_the_production_shape(tmp_path: Path) -> None:
    """Redis, two LiveKit nodes, two agent hosts, the queue worker, two API processes (one per node)."""
    ports = _ports()
    separate = netns.available()  # the agent hosts in their own network namespaces where this machine can
    extra = ["--netns"] if separate else []
    proc, banner = _start(tmp_path, ports, "--cluster", "--redis-port", str(ports["redis"]), *extra)
    try:
        if separate:
            assert "agent-a in network namespace" in banner and "agent-b in network namespace" in banner, banner
        for n in (0, 1):
            health = httpx.get(f"http://127.0.0.1:{ports['api'] + n}/health", timeout=10).json()
            assert health == {"db": "ok", "livekit": "ok"}
            assert f"livekit-server node {n + 1} on ws://127.0.0.1:{ports['livekit'] + 10 * n}" in banner
            assert f"agent-{'ab'[n]}.log" in os.listdir(tmp_path / "logs")
        assert f"Redis on 127.0.0.1:{ports['redis']}" in banner and "queue-worker.log" in os.listdir(tmp_path / "logs")
        assert re.search(r"registered with LiveKit as '\S+' \(([2-9]|\d\d) process", banner), banner
    finally:
        tail = _stop(proc)
    assert "stopped" in tail
    for port in (ports["api"], ports["api"] + 1, ports["livekit"], ports["livekit"] + 10, ports["redis"], ports["pg"]):
        assert not _listening(port), f"port {port} still open after Ctrl-C"


def _burn_cpu(stop_after_s: float) -> subprocess.Popen[bytes]:
    """Another test running: a process keeping one core busy."""
    code = f"import time\nend = time.time() + {stop_after_s}\nwhile time.time() < end:\n    pass\n"
    return subprocess.Popen([sys.executable, "-c", code])


async def _join_and_time_the_interviewer(api: str, code: str, livekit_url: str) -> float:
    """Ask for the candidate's token as the join page does, join the room, and time until the agent is in it."""
    from livekit import rtc

    started = time.monotonic()
    async with httpx.AsyncClient(timeout=10) as client:
        r = await client.post(f"{api}/api/livekit/token", json=join_body(code))
        assert r.status_code == 200, r.text
        token = r.json()
    room = new_room()
    joined = asyncio.Event()
    room.on("participant_connected", lambda p: joined.set() if p.identity.startswith("interviewer-") else None)
    await room.connect(livekit_url, token["token"], rtc.RoomOptions(auto_subscribe=False))
    try:
        if not any(p.identity.startswith("interviewer-") for p in room.remote_participants.values()):
            await asyncio.wait_for(joined.wait(), 30)
        return time.monotonic() - started
    finally:
        await room.disconnect()


@pytest.mark.timeout(900)
def test_up_on_an_empty_folder_is_ready_when_it_says_so(tmp_path: Path) -> None:
    """Three times: `interviewly up` on an empty data folder while another process keeps a core busy, then at once a
    candidate joins the demo interview: the interviewer is in the room within 5 s."""
    # three, not the ten of the first version: each start costs ~35-40 s of the suite's 45-minute budget on a 2-core
    # runner, and this test has passed in every clean-clone run since it was written (joins then: 0.7-1.3 s)
    waits = []
    for attempt in range(3):
        ports = _ports()
        burner = _burn_cpu(240)
        data = tmp_path / f"run{attempt}"
        try:
            proc, banner = _start(data, ports)
            try:
                assert "agent worker registered with LiveKit" in banner
                api = f"http://127.0.0.1:{ports['api']}"
                code = re.search(r"Candidate join\s+: (\S+)", banner).group(1).rsplit("/", 1)[1]
                wait = asyncio.run(_join_and_time_the_interviewer(api, code, f"ws://127.0.0.1:{ports['livekit']}"))
                waits.append(round(wait, 2))
            finally:
                _stop(proc)
        finally:
            burner.kill()
            burner.wait()
    assert max(waits) < 5.0, waits
    print("interviewer joined after (s):", waits)
