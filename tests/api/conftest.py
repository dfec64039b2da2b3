"""The API under test: built against the session's real Postgres and livekit-server, driven in-process with
Litestar's AsyncTestClient (one app and client per session; each test starts from empty tables)."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from litestar import Litestar
from litestar.testing import AsyncTestClient

from api.app import create_app
from api.config import Settings
from api.config_checks import RATE_LIMIT_FIELDS

# the in-process screening worker (issue 6) would rescore applications while these tests look at them
os.environ.setdefault("SCREENING_WORKER", "0")


# the API tests' own agent name: the session's agent workers (tests/agent) register under "interviewer" on the same
# livekit-server and Postgres, and would take these tests' dispatches and count in their free slots
API_AGENT = "interviewer-api-tests"


def make_settings(database_url: str, livekit: Any, tmp: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "agent_name": API_AGENT,
        "env": "test",
        "database_url": database_url,
        "public_base_url": "http://testserver.local",
        "dev_auth": True,
        "dev_issuer_key_path": tmp / "dev-issuer-key.pem",
        "livekit_url": livekit.url,
        "livekit_http_url": livekit.http_url,
        "livekit_api_key": livekit.api_key,
        "livekit_api_secret": livekit.api_secret,
        "storage_backend": "local",
        "storage_local_dir": tmp / "uploads",
        **{field: 100_000 for field in RATE_LIMIT_FIELDS},
        "access_log": False,
        "log_level": "WARNING",
        "cors_allow_origins": ["http://testserver.local"],
        "db_pool_size": 5,
        "db_max_overflow": 5,
        # tests truncate the tables under a long-lived app: a cached principal would outlive its user row
        "principal_cache_seconds": 0,
        # no worker runs in these tests: every dispatch is one nobody answered
        "dispatch_join_grace_seconds": 0,
    }
    values.update(overrides)
    return Settings.from_env(**values)


@pytest.fixture(scope="session")
def api_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("api")


@pytest.fixture(scope="session")
def api_settings(database_url: str, livekit: Any, api_tmp: Path) -> Settings:
    return make_settings(database_url, livekit, api_tmp)


@pytest.fixture(scope="session")
def app(api_settings: Settings) -> Litestar:
    return create_app(api_settings)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def client(app: Litestar) -> AsyncIterator[AsyncTestClient]:
    async with AsyncTestClient(app, base_url="http://testserver.local") as c:
        yield c


@pytest_asyncio.fixture(loop_scope="session")
async def api(client: AsyncTestClient, db_sessionmaker: Any) -> AsyncTestClient:
    """The client, over empty tables."""
    return client


# ---- helpers -------------------------------------------------------------------------------------------------

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def docx_bytes(text: str = "Jane Doe. Python, PostgreSQL.") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr(
            "word/document.xml", f"<w:document><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
        )
    return buf.getvalue()


@dataclass
class User:
    headers: dict[str, str]
    me: dict[str, Any]

    @property
    def id(self) -> str:
        return self.me["id"]


async def dev_user(
    client: AsyncTestClient, sub: str, role: str | None = None, company: str | None = None, email: str | None = None
) -> User:
    body: dict[str, Any] = {"sub": sub, "email": email or f"{sub.replace('|', '_')}@example.test", "name": sub}
    if role:
        body["role"] = role
    if company:
        body["company_name"] = company
    r = await client.post("/api/auth/dev/token", json=body)
    assert r.status_code == 200, r.text
    data = r.json()
    return User(headers={"Authorization": f"Bearer {data['token']}"}, me=data["user"])


async def create_job(client: AsyncTestClient, user: User, **fields: Any) -> dict[str, Any]:
    body = {
        "title": "Backend Engineer",
        "status": "OPEN",
        "skills": [{"name": "Python", "weight": 3}, {"name": "PostgreSQL", "weight": 2}],
        **fields,
    }
    r = await client.post("/api/ats/v1/jobs", json=body, headers=user.headers)
    assert r.status_code == 201, r.text
    return r.json()


async def apply(
    client: AsyncTestClient,
    job_id: str,
    *,
    email: str = "jane@example.test",
    content: bytes = PDF_BYTES,
    filename: str = "cv.pdf",
    headers: dict[str, str] | None = None,
    full_name: str = "Jane Doe",
) -> Any:
    return await client.post(
        f"/api/ats/v1/jobs/{job_id}/apply",
        data={"full_name": full_name, "email": email},
        files={"cv": (filename, content, "application/octet-stream")},
        headers=headers or {},
    )


def in_minutes(minutes: float) -> str:
    return (datetime.now(UTC) + timedelta(minutes=minutes)).isoformat()


async def register_worker(sessionmaker: Any, worker_id: str, *, max_jobs: int = 1, active_jobs: int = 0,
                          agent_name: str = API_AGENT) -> None:
    """An agent worker's registry row, as a registered worker writes it (fresh heartbeat)."""
    from db.models import AgentWorker

    now = datetime.now(UTC)
    async with sessionmaker() as s, s.begin():
        await s.merge(AgentWorker(worker_id=worker_id, agent_name=agent_name, host="test", pid=1, max_jobs=max_jobs,
                                  active_jobs=active_jobs, draining=False, registered_at=now, heartbeat_at=now))


@dataclass
class World:
    recruiter_a: User
    recruiter_b: User
    candidate: User
    job_a: dict[str, Any]
    job_b: dict[str, Any]
    application_a: str
    interview_a: dict[str, Any]

    @property
    def join_code(self) -> str:
        return self.interview_a["join_url"].rsplit("/", 1)[1]


async def build_world(client: AsyncTestClient) -> World:
    recruiter_a = await dev_user(client, "rec-a", "RECRUITER", "Company A")
    recruiter_b = await dev_user(client, "rec-b", "RECRUITER", "Company B")
    candidate = await dev_user(client, "cand", "CANDIDATE")
    job_a = await create_job(client, recruiter_a)
    job_b = await create_job(client, recruiter_b, title="Data Engineer")
    r = await apply(client, job_a["id"], email="cand@example.test", headers=candidate.headers)
    assert r.status_code == 201, r.text
    application_a = r.json()["application_id"]
    r = await client.post(
        f"/api/ats/v1/applications/{application_a}/interviews",
        json={"kind": "AI", "scheduled_at": in_minutes(1), "duration_minutes": 30},
        headers=recruiter_a.headers,
    )
    assert r.status_code == 201, r.text
    return World(recruiter_a, recruiter_b, candidate, job_a, job_b, application_a, r.json())


@pytest_asyncio.fixture(loop_scope="session")
async def world(api: AsyncTestClient) -> World:
    return await build_world(api)
