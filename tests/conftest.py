"""The test bed: one real Postgres (embedded, or TEST_DATABASE_URL) and one real livekit-server per session.

Each test that touches the database gets a clean schema state via TRUNCATE (fast, keeps migrations).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from db.engine import make_engine, make_sessionmaker, normalize_url
from db.migrate import upgrade
from devstack.livekit_server import LiveKitServer, api_credentials
from devstack.ports import free_port
from devstack.postgres import EmbeddedPostgres
from tests.rooms import disconnect_all

ARTIFACTS = Path(__file__).resolve().parent.parent / ".artifacts"
# one per test session: two sessions on one machine must not read each other's server log
LIVEKIT_LOG = Path(tempfile.gettempdir()) / f"interviewly-test-livekit-{os.getpid()}.log"


@dataclass(frozen=True)
class LiveKitInfo:
    url: str
    http_url: str
    api_key: str
    api_secret: str


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def database_url() -> Iterator[str]:
    external = os.environ.get("TEST_DATABASE_URL")
    if external:
        url = normalize_url(external)
        upgrade(url)
        yield url
        return
    with tempfile.TemporaryDirectory(prefix="interviewly-pg-") as tmp:
        pg = EmbeddedPostgres(Path(tmp) / "data")
        url = pg.start()
        try:
            upgrade(url)
            yield url
        finally:
            pg.stop()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def livekit() -> AsyncIterator[LiveKitInfo]:
    server = LiveKitServer(port=free_port(), tcp_port=free_port(), udp_port=free_port(),
                           log_path=LIVEKIT_LOG)
    server.start()
    key, secret = api_credentials()
    try:
        yield LiveKitInfo(url=server.url, http_url=server.http_url, api_key=key, api_secret=secret)
    finally:
        # rooms a failed test left open must close while the server is still there (see tests/rooms.py)
        await disconnect_all()
        server.stop()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def db_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(database_url)
    yield engine
    await engine.dispose()


async def truncate_all(engine: AsyncEngine) -> None:
    # the session's agent worker sweeps stale interviews meanwhile; a sweep that locks its tables in another
    # order than TRUNCATE does can deadlock with it, and Postgres then aborts one of the two: try again
    for attempt in range(5):
        try:
            async with engine.begin() as conn:
                rows = await conn.execute(text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
                ))
                tables = [r[0] for r in rows]
                if tables:
                    await conn.execute(text(
                        "TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
            return
        except DBAPIError as e:
            if getattr(e.orig, "sqlstate", None) != "40P01" or attempt == 4:  # deadlock_detected
                raise


@pytest_asyncio.fixture(loop_scope="session")
async def db_sessionmaker(db_engine: AsyncEngine) -> AsyncIterator[async_sessionmaker]:
    """A clean database for this test."""
    await truncate_all(db_engine)
    yield make_sessionmaker(db_engine)
