"""A real S3-compatible server for the test bed (and for trying STORAGE_BACKEND=s3 locally): MinIO, built (pinned)
from its Go module into .tools/ once, like livekit-server and Mailpit. Nothing is downloaded at run time.

A `minio` on PATH (or MINIO_BIN) wins over building.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import time
from pathlib import Path

from devstack.gotool import GoTool, stop_process
from devstack.ports import port_open

# MinIO publishes no semver tags the Go proxy lists; this is the module's newest pseudo-version the proxy serves
MINIO_VERSION = "v0.0.0-20260212201848-7aac2a2c5b7c"
MODULE = "github.com/minio/minio"


class MinioError(RuntimeError):
    pass


TOOL = GoTool("minio", MODULE, MINIO_VERSION, "MINIO_BIN")


def find_binary() -> Path | None:
    return TOOL.find()


def ensure_binary() -> Path:
    return TOOL.ensure()


class MinioServer:
    """One MinIO on loopback holding its objects in ``data_dir``; fresh random root credentials each start.

    ``kill()`` then ``start()`` again is an outage: the same port, credentials and data come back."""

    def __init__(self, data_dir: Path, *, port: int, console_port: int, log_path: Path | None = None) -> None:
        self.data_dir, self.port, self.console_port, self.log_path = data_dir, port, console_port, log_path
        self.access_key = "interviewly-" + secrets.token_hex(4)
        self.secret_key = secrets.token_urlsafe(24)
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> str:
        binary = ensure_binary()
        if port_open(self.port):
            raise MinioError(f"port {self.port} is already in use")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "MINIO_ROOT_USER": self.access_key, "MINIO_ROOT_PASSWORD": self.secret_key,
               "MINIO_BROWSER": "off", "MINIO_UPDATE": "off", "MINIO_CI_CD": "1"}
        argv = [str(binary), "server", str(self.data_dir), "--quiet", "--address", f"127.0.0.1:{self.port}",
                "--console-address", f"127.0.0.1:{self.console_port}"]
        out = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        self.process = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise MinioError(f"minio exited with {self.process.returncode} (log: {self.log_path})")
            if port_open(self.port) and self._live():
                return self.endpoint
            time.sleep(0.2)
        self.stop()
        raise MinioError(f"minio did not answer within {timeout}s")

    def _live(self) -> bool:
        import httpx

        try:
            return httpx.get(f"{self.endpoint}/minio/health/live", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    def make_bucket(self, name: str) -> None:
        from minio import Minio

        client = Minio(f"127.0.0.1:{self.port}", access_key=self.access_key, secret_key=self.secret_key,
                       secure=False)
        if not client.bucket_exists(name):
            client.make_bucket(name)

    def kill(self) -> None:
        """SIGKILL: the store is gone mid-request, as in a crash or an outage (what it had stored stays on disk)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process = None

    def stop(self, timeout: float = 10.0) -> None:
        stop_process(self.process, timeout)
        self.process = None
