"""How the stack's servers are stopped: SIGTERM, an optional second SIGTERM ("force" for livekit-server), SIGKILL."""

import subprocess
import sys
import time

from devstack.gotool import stop_process

# exits only at its second SIGTERM, as livekit-server does while a participant is still connected
SECOND_SIGNAL_EXITS = """
import signal, sys, time
seen = []
def on_term(*_):
    seen.append(1)
    if len(seen) == 2:
        sys.exit(3)
signal.signal(signal.SIGTERM, on_term)
print("ready", flush=True)
while True:
    time.sleep(0.05)
"""


def _start() -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", SECOND_SIGNAL_EXITS], stdout=subprocess.PIPE)
    assert process.stdout is not None and process.stdout.readline() == b"ready\n"
    return process


def test_a_second_sigterm_after_the_grace_ends_a_server_that_waits_for_its_clients() -> None:
    process = _start()
    started = time.monotonic()
    stop_process(process, 10.0, resignal_after=0.5)
    assert process.returncode == 3  # its own exit at the second signal, not SIGKILL
    assert 0.4 < time.monotonic() - started < 5


def test_without_a_second_signal_it_is_killed_after_the_timeout() -> None:
    process = _start()
    started = time.monotonic()
    stop_process(process, 1.0)
    assert process.returncode == -9
    assert 0.9 < time.monotonic() - started < 5


def test_a_process_already_gone_is_left_alone() -> None:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    stop_process(process, 1.0, resignal_after=0.5)
    stop_process(None)
    assert process.returncode == 0
