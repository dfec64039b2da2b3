"""What a running `interviewly up` keeps in its data folder: a lock that makes the folder its own, and the list of
the processes it started, so that the next run can stop those a killed run left behind (its servers and workers
run in their own sessions, so nothing else stops them)."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

STOP_WAIT_S = 10.0


def _cmdline(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")[:-1]
    except OSError:
        return []


def _still_ours(row: dict) -> bool:
    """The pid still runs what we started (a wrapper such as `ip netns exec ...` has exec'd the tail of it)."""
    running = _cmdline(row["pid"])
    return bool(running) and row["argv"][-len(running):] == running


class RunRecord:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.lock_path = data_dir / "up.lock"
        self.pids_path = data_dir / "up.pids"
        self._lock: IO[str] | None = None

    def hold(self, api_url: str) -> dict | None:
        """Take the folder; None when taken, else what the run holding it wrote (pid, API address)."""
        handle = open(self.lock_path, "a+")  # held open (and locked) for the whole run
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder: dict = {}
            with contextlib.suppress(ValueError):
                holder = json.loads(handle.read() or "{}")
            handle.close()
            return holder
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "api": api_url}))
        handle.flush()
        self._lock = handle
        return None

    def release(self) -> None:
        with contextlib.suppress(OSError):
            self.pids_path.unlink()
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def write(self, processes: list[tuple[int, list[str], int]]) -> None:
        """(pid, argv, the signal that stops it cleanly) of every process started so far, each a session leader."""
        rows = [{"pid": pid, "argv": [str(a) for a in argv], "signal": int(sig)} for pid, argv, sig in processes]
        tmp = self.pids_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(rows))
        tmp.replace(self.pids_path)

    def stop_left_behind(self, say: Callable[[str], None]) -> int:
        """Stop what a killed run started (only processes still running the same command line), their process
        groups with them; how many there were."""
        try:
            rows = json.loads(self.pids_path.read_text())
        except (OSError, ValueError):
            return 0
        alive = [r for r in rows if _still_ours(r)]
        for r in alive:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(r["pid"], r["signal"])
        deadline = time.monotonic() + STOP_WAIT_S
        while time.monotonic() < deadline and any(_still_ours(r) for r in alive):
            time.sleep(0.2)
        for r in alive:
            if _still_ours(r):
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(r["pid"], signal.SIGKILL)
        with contextlib.suppress(OSError):
            self.pids_path.unlink()
        if alive:
            say(f"stopped {len(alive)} process(es) an earlier `interviewly up` left running when it was killed")
        return len(alive)
