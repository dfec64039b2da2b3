"""Run the API as a real uvicorn process on a free loopback port (for schemathesis and anything that needs HTTP)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from api.config_checks import RATE_LIMIT_FIELDS
from devstack.ports import free_port

REPO = Path(__file__).resolve().parents[2]


def api_env(database_url: str, livekit: Any, tmp: Path, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "ENV": "test",
        "DATABASE_URL": database_url,
        "DEV_AUTH": "1",
        "DEV_ISSUER_KEY_PATH": str(tmp / "dev-issuer-key.pem"),
        "LIVEKIT_URL": livekit.url,
        "LIVEKIT_HTTP_URL": livekit.http_url,
        "LIVEKIT_API_KEY": livekit.api_key,
        "LIVEKIT_API_SECRET": livekit.api_secret,
        "STORAGE_LOCAL_DIR": str(tmp / "uploads"),
        # the whole suite comes from one address
        **{field.upper(): "1000000" for field in RATE_LIMIT_FIELDS},
        "ACCESS_LOG": "0",
        "LOG_LEVEL": "WARNING",
        "SCREENING_WORKER": "0",
        "PRINCIPAL_CACHE_SECONDS": os.environ.get("PRINCIPAL_CACHE_SECONDS", "30"),
    }
    env.update(extra)
    return env


@contextmanager
def run_api(env: dict[str, str], workers: int = 1, log: Path | None = None, uvicorn_access_log: bool = False,
            repo: Path = REPO) -> Iterator[str]:
    """`repo`: the checkout whose API runs (bench/bench_api.py --repo compares another one on the same machine)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**env, "PUBLIC_BASE_URL": env.get("PUBLIC_BASE_URL", base)}
    out = open(log, "ab") if log else subprocess.DEVNULL
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "api.app:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--access-log" if uvicorn_access_log else "--no-access-log",
            "--loop",
            "uvloop",
            "--http",
            "httptools",
        ],
        cwd=repo,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"uvicorn exited with {proc.returncode} (log: {log})")
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code in (200, 503):
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the API did not come up within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log:
            out.close()  # type: ignore[union-attr]
