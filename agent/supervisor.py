"""Several worker processes on one machine: ``python -m agent.worker start`` with AGENT_WORKER_PROCESSES > 1, or
one process with its watchdog (``supervised``).

With the thread executor the interviews of a worker process share one interpreter, so one GIL; past about
four interviews a process, the LiveKit FFI callbacks of every room queue behind each other. The supervisor
starts AGENT_WORKER_PROCESSES workers (each registers with LiveKit, which spreads dispatches over them),
splits AGENT_MAX_CONCURRENT_INTERVIEWS between them, forwards SIGINT/SIGTERM (each drains its interviews),
and restarts a worker that dies, or that stops answering its health endpoint for AGENT_WATCHDOG_SECONDS
(agent/health_watch.py: it is killed first). Workers die with the supervisor (PR_SET_PDEATHSIG), so a killed
supervisor leaves nothing behind; the stale sweep (worker 0) then closes the interviews that were running.
"""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import time
from collections import deque

from agent.config import Settings
from agent.health_watch import HealthWatch

#: a worker that exits with this code has a configuration error: restarting it would not help
CONFIG_ERROR_EXIT = 2
#: more restarts than this within RESTART_WINDOW_S and the supervisor gives up
MAX_RESTARTS = 5
RESTART_WINDOW_S = 60.0


def log(message: str, level: str = "INFO") -> None:
    # the workers log JSON lines to the same stream: so does the supervisor
    print(json.dumps({"message": message, "level": level, "name": "interviewly.supervisor", "pid": os.getpid()}),
          file=sys.stderr, flush=True)


def supervised(settings: Settings, env: dict[str, str] | None = None) -> bool:
    """Whether ``start`` runs under the supervisor: for several worker processes, and for one whose watchdog can
    run (a health port of its own), so that a single-process host that freezes is restarted too. Never in a
    worker the supervisor started."""
    if "AGENT_WORKER_INDEX" in (os.environ if env is None else env):
        return False
    return settings.worker_processes > 1 or bool(settings.watchdog_s and settings.http_port)


def child_env(settings: Settings, index: int, base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    n = settings.worker_processes
    env.update({
        "AGENT_WORKER_PROCESSES": "1",  # a worker never supervises
        "AGENT_WORKER_INDEX": str(index),
        "AGENT_MAX_CONCURRENT_INTERVIEWS": str(math.ceil(settings.max_concurrent_interviews / n)),
        "AGENT_HTTP_PORT": str(settings.http_port + index if settings.http_port else 0),
        "AGENT_METRICS_PORT": str(settings.metrics_port + index if settings.metrics_port else 0),
    })
    return env


def supervise(settings: Settings, argv: list[str]) -> int:
    n = settings.worker_processes
    command = [sys.executable, "-m", "agent.worker", *argv]
    children: dict[int, subprocess.Popen[bytes]] = {}
    restarts: deque[float] = deque()
    stopping: list[int] = []
    watch = HealthWatch(settings.watchdog_s) if settings.watchdog_s and settings.http_port else None

    def spawn(index: int) -> None:
        env = child_env(settings, index)
        children[index] = subprocess.Popen(command, env=env)
        if watch is not None:
            watch.watch(index, int(env["AGENT_HTTP_PORT"]))

    def on_signal(signum: int, _frame: object) -> None:
        if not stopping:
            log(f"stopping {len(children)} worker processes (signal {signum}): interviews drain first")
        stopping.append(signum)
        for proc in children.values():
            if proc.poll() is None:
                proc.send_signal(signum)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    log(f"starting {n} worker processes, up to {math.ceil(settings.max_concurrent_interviews / n)} interviews "
        f"each ({settings.job_executor} executor)")
    if watch is None:
        log("no watchdog: a worker process that freezes is not restarted (AGENT_WATCHDOG_SECONDS=0 or "
            "AGENT_HTTP_PORT=0)", "WARNING")
    for i in range(n):
        spawn(i)
    if watch is not None:
        watch.start()
    code = 0
    while True:
        time.sleep(0.2)
        if watch is not None:
            for index, quiet_s in watch.silent().items():
                proc = children[index]
                if proc.poll() is None:
                    log(f"worker {index} (pid {proc.pid}) has not answered its health check for {quiet_s:.0f} s: "
                        "killing it", "ERROR")
                    proc.kill()
                    proc.wait()
                watch.forget(index)  # until it is respawned
        if stopping:
            if all(p.poll() is not None for p in children.values()):
                return code
            continue
        for index, proc in list(children.items()):
            rc = proc.poll()
            if rc is None:
                continue
            if rc == CONFIG_ERROR_EXIT:
                log(f"worker {index} exited with a configuration error: stopping", "ERROR")
                on_signal(signal.SIGTERM, None)
                code = CONFIG_ERROR_EXIT
                break
            now = time.monotonic()
            while restarts and now - restarts[0] > RESTART_WINDOW_S:
                restarts.popleft()
            if len(restarts) >= MAX_RESTARTS:
                log(f"worker {index} exited ({rc}); {MAX_RESTARTS} restarts within {RESTART_WINDOW_S:.0f} s: "
                    "giving up", "ERROR")
                on_signal(signal.SIGTERM, None)
                code = 1
                break
            restarts.append(now)
            log(f"worker {index} exited ({rc}): its interviews are closed by the stale sweep; restarting it",
                "WARNING")
            spawn(index)
