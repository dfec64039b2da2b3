"""A local Redis for the LiveKit cluster (`interviewly up --cluster`, tests): Debian's `redis-server` (installed by
scripts/bootstrap.sh), on loopback, without persistence: LiveKit keeps only routing state there (which node hosts
which room, node load), rebuilt by the nodes when they start.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

from devstack.gotool import stop_process
from devstack.ports import port_open


class RedisServerError(RuntimeError):
    pass


class RedisServer:
    def __init__(self, *, port: int = 6379, log_path: Path | None = None) -> None:
        self.port = port
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self, timeout: float = 10.0) -> str:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RedisServerError("redis-server not found: run scripts/bootstrap.sh (Debian package redis-server)")
        if port_open(self.port):
            raise RedisServerError(f"port {self.port} is already in use: is another Redis running?")
        argv = [binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no",
                "--protected-mode", "yes", "--daemonize", "no"]
        out = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        self.process = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RedisServerError(f"redis-server exited with {self.process.returncode} (log: {self.log_path})")
            if port_open(self.port):
                return self.address
            time.sleep(0.05)
        self.stop()
        raise RedisServerError(f"redis-server did not listen on {self.port} within {timeout}s")

    def stop(self, timeout: float = 10.0) -> None:
        stop_process(self.process, timeout)
        self.process = None
