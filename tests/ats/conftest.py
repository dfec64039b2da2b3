"""The ATS phase-2 bed: the API in-process (no LiveKit calls happen here, so no livekit-server), a real SMTP
server process per test that needs one, and queue workers in-process or as their own processes."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from litestar import Litestar
from litestar.testing import AsyncTestClient

from api.app import create_app
from api.config import Settings
from api.email.config import EmailConfig
from api.email.sender import EmailRuntime
from devstack.ports import free_port
from tests.api.conftest import make_settings
from tests.ats.smtp_sink import SMTPSink
from tests.conftest import LiveKitInfo

REPO = Path(__file__).resolve().parents[2]
# no room is ever opened by these tests; the gateway only needs an address
NO_LIVEKIT = LiveKitInfo(url="ws://127.0.0.1:9", http_url="http://127.0.0.1:9", api_key="devkey",
                         api_secret="interviewly-dev-secret-not-for-production")


@pytest.fixture(scope="session")
def ats_settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return make_settings(database_url, NO_LIVEKIT, tmp_path_factory.mktemp("ats"))


@pytest.fixture(scope="session")
def ats_app(ats_settings: Settings) -> Litestar:
    return create_app(ats_settings)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def ats_client(ats_app: Litestar) -> AsyncIterator[AsyncTestClient]:
    async with AsyncTestClient(ats_app, base_url="http://testserver.local") as c:
        yield c


@pytest_asyncio.fixture(loop_scope="session")
async def ats(ats_client: AsyncTestClient, db_sessionmaker: Any) -> AsyncTestClient:
    """The client, over empty tables."""
    return ats_client


@pytest.fixture
def smtp_sink(tmp_path: Path) -> Iterator[SMTPSink]:
    sink = SMTPSink(free_port(), tmp_path / "mail").start()
    try:
        yield sink
    finally:
        sink.stop()


def email_runtime(sessionmaker: Any, port: int, **config: Any) -> EmailRuntime:
    values: dict[str, Any] = {"smtp_port": port, "retry_base_seconds": 0.5, "max_backoff_seconds": 1.0,
                              "smtp_timeout_seconds": 5.0, "lease_seconds": 5.0}
    values.update(config)
    return EmailRuntime(sessionmaker, EmailConfig(**values), "http://testserver.local")


def worker_process(database_url: str, storage_dir: Path, log: Path, **env: str) -> subprocess.Popen[bytes]:
    """`python -m api.queue.worker` as its own process (what a SIGKILL test kills)."""
    full_env = {
        **os.environ, "ENV": "test", "DATABASE_URL": database_url, "STORAGE_LOCAL_DIR": str(storage_dir),
        "LIVEKIT_URL": NO_LIVEKIT.url, "LOG_LEVEL": "INFO", "PUBLIC_BASE_URL": "http://testserver.local",
        "QUEUE_STALLED_SECONDS": "3", "LIFECYCLE_TICK_SECONDS": "60", "EMAIL_TICK_SECONDS": "1",
        "EMAIL_RETRY_BASE_SECONDS": "0.5", "EMAIL_MAX_BACKOFF_SECONDS": "1", "EMAIL_LEASE_SECONDS": "4",
        "PYTHONPATH": str(REPO), **env,
    }
    return subprocess.Popen([sys.executable, "-m", "api.queue.worker"], cwd=REPO, env=full_env,
                            stdout=open(log, "ab"), stderr=subprocess.STDOUT, start_new_session=True)
