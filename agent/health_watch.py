"""The supervisor's watchdog: which worker processes have stopped answering their health endpoint.

A worker process can freeze without dying (a thread holding the GIL in native code, a stopped process): it then
keeps its LiveKit registration's slots and its interviews, and nothing restarts it. Kubernetes has a liveness
probe for that (deploy/k8s/agent.yaml); this is the same check for ``interviewly up`` and bare hosts.

The checks run on a thread of their own so that a slow answer never delays the supervisor's loop. Any HTTP
answer counts as alive, 503 too: livekit-agents answers 503 while LiveKit is unreachable, and a restart would
not bring LiveKit back. Only silence (refused, reset or timed out) counts, and only after the process has
answered once, since loading the models takes a while and a slow start is not a freeze.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request


class HealthWatch:
    def __init__(self, silence_s: float, poll_s: float | None = None) -> None:
        self.silence_s = silence_s
        self.poll_s = poll_s if poll_s is not None else min(5.0, silence_s / 6)
        self._lock = threading.Lock()
        self._ports: dict[int, int] = {}
        self._generation: dict[int, int] = {}
        self._last_answer: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="health-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def watch(self, index: int, port: int) -> None:
        """A (new) process for worker ``index`` on ``port``: it has not answered yet."""
        with self._lock:
            self._ports[index] = port
            self._generation[index] = self._generation.get(index, 0) + 1
            self._last_answer.pop(index, None)

    def forget(self, index: int) -> None:
        """Worker ``index``'s process is gone: nothing to watch until ``watch`` is called for its successor."""
        with self._lock:
            self._ports.pop(index, None)
            self._generation[index] = self._generation.get(index, 0) + 1
            self._last_answer.pop(index, None)

    def silent(self, now: float | None = None) -> dict[int, float]:
        """Workers that answered once and then not for ``silence_s``: index → seconds since their last answer."""
        now = time.monotonic() if now is None else now
        with self._lock:
            return {i: now - t for i, t in self._last_answer.items() if now - t > self.silence_s}

    def answered(self, index: int, generation: int, at: float) -> None:
        with self._lock:
            if self._generation.get(index) == generation:  # not an answer from a process since replaced
                self._last_answer[index] = at

    def _run(self) -> None:
        while not self._stop.wait(self.poll_s):
            with self._lock:
                targets = [(i, p, self._generation[i]) for i, p in self._ports.items()]
            for index, port, generation in targets:
                if answers(port, timeout_s=min(5.0, self.silence_s / 4)):
                    self.answered(index, generation, time.monotonic())


def answers(port: int, timeout_s: float) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=timeout_s):
            return True
    except urllib.error.HTTPError:  # an answer, even if not 200
        return True
    except (OSError, ValueError):
        return False
