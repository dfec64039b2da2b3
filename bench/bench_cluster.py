"""The cluster at N concurrent interviews (default 12): Redis, two livekit-server nodes sharing it, two agent hosts
(one connected to each node, as `interviewly up --cluster` runs them; each in its own network namespace, reaching
LiveKit and Postgres over a bridge, when this machine can make them: devstack/netns.py), Postgres; N interviews
dispatched through either node, their candidates and recruiters coming in through either node.

    .venv/bin/python bench/bench_cluster.py [--interviews 12] [--seconds 60] [--camera-fps 15] [--slots 8]
                                            [--no-netns]

Each host has --slots interview slots (AGENT_MAX_CONCURRENT_INTERVIEWS), so neither host can take them all and
LiveKit's load-based dispatch must spread them. Every simulated candidate publishes the 640x480 face video,
consents, then answers (bank questions with rubrics) with espeak-ng speech whenever the interviewer hands over the
turn; a hidden recruiter per room collects the live scores. Everything shares this machine's cores, the simulated
participants' VP8 encoding included.

Reports: interviews per host, live updates missed (a second with no message, or one over 1 s late), the largest
gap, frames analysed per second, the interviewer's reply after an answer, and each host's own CPU (its process
tree's CPU time over the window) per interview it runs. Results also go to .artifacts/bench_cluster.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import multiprocessing
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_agent_concurrency import (  # noqa: E402
    ANSWERS,
    CONSENT,
    QUESTIONS,
    Info,
    _pct,
    candidates_main,
    job_pids,
    replies_between,
    stop_candidates,
)

from db.engine import make_engine, make_sessionmaker  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from devstack import netns  # noqa: E402
from devstack.livekit_server import LiveKitServer, api_credentials  # noqa: E402
from devstack.ports import free_port  # noqa: E402
from devstack.postgres import EmbeddedPostgres  # noqa: E402
from devstack.redis_server import RedisServer  # noqa: E402
from tests.agent.sim import (  # noqa: E402
    Recruiter,
    WorkerProcess,
    create_interview,
    dispatch,
    start_worker,
    worker_env,
)
from tests.media import espeak_wav  # noqa: E402

ARTIFACTS = REPO / ".artifacts"
AGENT = "interviewer-bench-cluster"
PER_PROCESS = 3  # simulated candidates per process (each process its own event loop and GIL)


def tree_cpu_s(pid: int) -> float:
    """CPU seconds so far of a process and its children (an agent host: supervisor, worker, job processes)."""
    total = 0.0
    with contextlib.suppress(psutil.Error):
        root = psutil.Process(pid)
        for p in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                t = p.cpu_times()
                total += t.user + t.system
    return total


def live_figures(recruiter: Recruiter, start: float, end: float) -> dict:
    msgs = [(t, m) for t, m in recruiter.received.messages if start <= t <= end]
    lateness = {m["t_s"]: (m["t"] - m["t_s"]) + (m["_received_wall"] - m["ts"]) for _, m in msgs}
    t_s = sorted(lateness)
    expected = set(range(t_s[0], t_s[-1] + 1)) if t_s else set()
    on_time = {t for t, late in lateness.items() if late <= 1.0}
    times = [t for t, _ in msgs]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    return {"messages": len(msgs), "missed_updates": len(expected - on_time),
            "max_gap_s": round(max(gaps), 3) if gaps else None,
            "analyzed_fps": round(sum(m["frames"]["analyzed"] for _, m in msgs) / max(1, len(msgs)), 2)}


def start_host(env: dict[str, str], log_path: Path, lan: netns.Lan | None, name: str) -> WorkerProcess:
    """An agent host; in a network namespace of its own on `lan` (as on another machine) when there is one."""
    if lan is None:
        return start_worker(env, log_path)
    argv, env = lan.as_host(name, [sys.executable, "-m", "agent.worker", "start"], env)
    out = open(log_path, "wb")
    proc = subprocess.Popen(argv, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    return WorkerProcess(proc, log_path)


async def run(n: int, seconds: float, camera_fps: float, slots: int, workdir: Path, use_netns: bool) -> dict:
    lan = netns.Lan().start() if use_netns else None
    try:
        return await _run(n, seconds, camera_fps, slots, workdir, lan)
    finally:
        if lan is not None:
            lan.stop()


async def _run(n: int, seconds: float, camera_fps: float, slots: int, workdir: Path, lan: netns.Lan | None) -> dict:
    pg = EmbeddedPostgres(workdir / "pg")
    url = pg.start()
    redis = RedisServer(port=free_port(), log_path=workdir / "redis.log")
    redis.start()
    nodes = [LiveKitServer(port=free_port(), tcp_port=free_port(), udp_port=free_port(), redis=redis.address,
                           lan_address=lan.gateway if lan else None, log_path=workdir / f"livekit-node{i}.log")
             for i in (1, 2)]
    hosts: list = []
    sims: list = []
    recruiters: list[Recruiter] = []
    ctx = multiprocessing.get_context("spawn")
    stop_sims, replies_q = ctx.Event(), ctx.Queue()
    try:
        for node in nodes:
            node.start()
        key, secret = api_credentials()
        infos = [Info(node.url, node.http_url, key, secret) for node in nodes]
        await asyncio.to_thread(upgrade, url)
        engine = make_engine(url)
        sessionmaker = make_sessionmaker(engine)
        wavs = [str(espeak_wav(text, 170, workdir / f"a{i}.wav")) for i, text in enumerate([CONSENT, *ANSWERS])]
        for i, info in enumerate(infos):
            env = worker_env(info, url, AGENT_NAME=AGENT, AGENT_HTTP_PORT=0, AGENT_WORKER_PROCESSES=1,
                             AGENT_IDLE_PROCESSES=1, AGENT_MAX_CONCURRENT_INTERVIEWS=slots,
                             INTERVIEW_MAX_MINUTES=30, REJOIN_GRACE_SECONDS=2)
            hosts.append(start_host(env, ARTIFACTS / f"bench-cluster-host{i + 1}.log", lan, f"host{i + 1}"))
        for host in hosts:
            await host.wait_registered(within=300)
        ids = [await create_interview(sessionmaker, questions=QUESTIONS) for _ in range(n)]
        rooms = [f"interview-{i}" for i in ids]
        for k, room in enumerate(rooms):
            recruiter = Recruiter(infos[k % 2], room, auto_subscribe=False)
            await recruiter.connect()
            recruiters.append(recruiter)
        # dispatched one after another through alternating nodes, as the API's replicas would; LiveKit places
        # each on a host by the load the hosts last reported
        for k, interview_id in enumerate(ids):
            await dispatch(infos[k % 2], interview_id, agent_name=AGENT)
            await asyncio.sleep(0.5)
        for g in range(0, n, PER_PROCESS):
            proc = ctx.Process(target=candidates_main, args=(infos[(g // PER_PROCESS) % 2], rooms[g:g + PER_PROCESS],
                                                            camera_fps, wavs, stop_sims, replies_q), daemon=True)
            proc.start()
            sims.append(proc)
        deadline = time.monotonic() + 300
        while not all(r.received.messages for r in recruiters):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{sum(1 for r in recruiters if r.received.messages)} of {n} interviews live")
            await asyncio.sleep(0.5)
        cpu_before = [tree_cpu_s(h.proc.pid) for h in hosts]
        psutil.cpu_percent(None)
        start = time.monotonic()
        await asyncio.sleep(seconds)
        end = time.monotonic()
        machine = psutil.cpu_percent(None)
        cpu_after = [tree_cpu_s(h.proc.pid) for h in hosts]
        placed = [job_pids(h) for h in hosts]
    finally:
        await stop_candidates(stop_sims, sims)
        for r in recruiters:
            with contextlib.suppress(Exception):
                await r.disconnect()
        for host in hosts:
            host.stop(timeout=10)
        for node in nodes:
            node.stop()
        redis.stop()
        pg.stop()
    reply_s = replies_between(replies_q, start, end)
    per_room = {room: live_figures(r, start, end) for room, r in zip(rooms, recruiters, strict=True)}
    per_host = []
    for i, host_rooms in enumerate(placed):
        count = sum(1 for room in host_rooms if room in per_room)
        cpu = (cpu_after[i] - cpu_before[i]) / (end - start) * 100
        per_host.append({"host": i + 1, "interviews": count, "cpu_pct_of_core": round(cpu, 1),
                         "cpu_pct_of_core_per_interview": round(cpu / count, 1) if count else None})
    return {
        "interviews": n, "hosts_in_own_network_namespaces": lan is not None, "slots_per_host": slots,
        "camera_fps": camera_fps, "window_s": round(end - start, 1),
        "per_host": per_host,
        "missed_updates": sum(f["missed_updates"] for f in per_room.values()),
        "rooms_with_missed_updates": sum(1 for f in per_room.values() if f["missed_updates"]),
        "max_gap_s": max((f["max_gap_s"] or 0) for f in per_room.values()),
        "analyzed_fps_mean": round(statistics.mean(f["analyzed_fps"] for f in per_room.values()), 2),
        "reply_s_p50_p95": [round(_pct(reply_s, 50), 2), round(_pct(reply_s, 95), 2)], "replies": len(reply_s),
        "machine_cpu_pct": machine, "cpu_count": psutil.cpu_count(),
        "loadavg_1m": round(psutil.getloadavg()[0], 2),
        "per_room": per_room,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interviews", type=int, default=12)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--camera-fps", type=float, default=15)
    parser.add_argument("--slots", type=int, default=8, help="AGENT_MAX_CONCURRENT_INTERVIEWS of each host")
    parser.add_argument("--netns", action=argparse.BooleanOptionalAction, default=None,
                        help="each agent host in its own network namespace (default: when this machine can make them)")
    args = parser.parse_args()
    ARTIFACTS.mkdir(exist_ok=True)
    use_netns = netns.available() if args.netns is None else args.netns
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        result = asyncio.run(run(args.interviews, args.seconds, args.camera_fps, args.slots, Path(tmp), use_netns))
    (ARTIFACTS / "bench_cluster.json").write_text(json.dumps(result, indent=2))
    for h in result["per_host"]:
        print(f"host {h['host']}: {h['interviews']} interviews, CPU {h['cpu_pct_of_core']}% of a core "
              f"({h['cpu_pct_of_core_per_interview']}% per interview)")
    print(f"hosts in their own network namespaces: {result['hosts_in_own_network_namespaces']}")
    print(f"{result['interviews']} interviews over {result['window_s']} s: missed live updates "
          f"{result['missed_updates']} (in {result['rooms_with_missed_updates']} rooms), max gap "
          f"{result['max_gap_s']} s, analysed {result['analyzed_fps_mean']} fps, reply after an answer p50/p95 "
          f"{result['reply_s_p50_p95']} s over {result['replies']} answers; machine CPU {result['machine_cpu_pct']}% "
          f"of {result['cpu_count']} cores, load {result['loadavg_1m']}")


if __name__ == "__main__":
    main()
