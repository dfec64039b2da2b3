"""What `interviewly up` waits for, and sets up, before it says it is ready: each API answering, every agent host
registered with LiveKit (ready means a dispatch made from now on has somewhere to go), the demo data and the demo
interview."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import httpx

from db.contract import agent_name
from db.engine import make_engine, make_sessionmaker

if TYPE_CHECKING:
    from devstack.up import Child


def wait_http(url: str, timeout: float, child: Child) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not child.alive():
            raise SystemExit(f"{child.name} exited during start-up; see {child.log_path}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, timeout=1.0).status_code < 500:
                return
        time.sleep(0.3)
    raise SystemExit(f"{child.name} did not answer {url} within {timeout}s; see {child.log_path}")


async def forget_local_workers(database_url: str) -> None:
    """Registry rows an earlier run on this host left behind (killed before it could remove them)."""
    from sqlalchemy import delete

    from db.models import AgentWorker

    engine = make_engine(database_url, pool_size=1, max_overflow=0)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            await session.execute(delete(AgentWorker).where(AgentWorker.host == socket.gethostname()))
    finally:
        await engine.dispose()


async def wait_registered(database_url: str, within_s: float, children: list[Child]) -> int:
    """Until every agent host has a fresh agent_workers row (one per host at least); returns how many have one."""
    from sqlalchemy import func, select

    from db.models import AgentWorker

    engine = make_engine(database_url, pool_size=1, max_overflow=0)
    deadline = time.monotonic() + within_s
    try:
        while time.monotonic() < deadline:
            for child in children:
                if not child.alive():
                    raise SystemExit(f"{child.name} exited during start-up; see {child.log_path}")
            async with make_sessionmaker(engine)() as session:
                count = await session.scalar(select(func.count()).select_from(AgentWorker).where(
                    AgentWorker.agent_name == agent_name(),
                    AgentWorker.heartbeat_at > datetime.now(UTC) - timedelta(seconds=10)))
            if count and count >= len(children):
                return int(count)
            await asyncio.sleep(0.3)
    finally:
        await engine.dispose()
    raise SystemExit(f"the agent did not register with LiveKit within {within_s}s; see {children[0].log_path}")


async def seed(database_url: str) -> dict:
    from api.seed import seed_demo

    engine = make_engine(database_url)
    try:
        async with make_sessionmaker(engine)() as session:
            ids = await seed_demo(session)
            await session.commit()
            return ids
    finally:
        await engine.dispose()


def demo_interview(api_url: str, ids: dict) -> tuple[str, dict]:
    """A dev recruiter token, and the demo AI interview (scheduled now unless an open one exists)."""
    r = httpx.post(f"{api_url}/api/auth/dev/token",
                   json={"sub": "dev|recruiter", "email": "recruiter@acme.test", "name": "Demo Recruiter"}, timeout=10)
    r.raise_for_status()
    token = r.json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    app_id = str(ids["application_id"])
    listing = httpx.get(f"{api_url}/api/ats/v1/interviews", headers=headers, timeout=10)
    listing.raise_for_status()
    body = listing.json()
    items = body.get("items", body) if isinstance(body, dict) else body
    for item in items:
        if item.get("application_id") == app_id and item.get("kind") == "AI" and item.get("status") in (
            "SCHEDULED", "IN_PROGRESS"):
            return token, item
    created = httpx.post(f"{api_url}/api/ats/v1/applications/{app_id}/interviews", headers=headers, timeout=20,
                         json={"kind": "AI", "scheduled_at": datetime.now(UTC).isoformat(), "duration_minutes": 30})
    if created.status_code >= 400:
        raise SystemExit(f"could not schedule the demo interview: {created.status_code} {created.text}")
    return token, created.json()
