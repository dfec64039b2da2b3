"""The teams and integrations bed: the API in-process (webhooks may target the test's own receiver on 127.0.0.1),
the ATS bed's SMTP sink, and helpers for users in several companies."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from litestar import Litestar
from litestar.testing import AsyncTestClient

from api.app import create_app
from api.config import Settings
from tests.api.conftest import User, dev_user, make_settings
from tests.ats.conftest import NO_LIVEKIT, smtp_sink  # noqa: F401 - fixtures used by this folder's tests


@pytest.fixture(scope="session")
def teams_settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return make_settings(database_url, NO_LIVEKIT, tmp_path_factory.mktemp("teams"),
                         webhook_allow_private_urls=True)


@pytest.fixture(scope="session")
def teams_app(teams_settings: Settings) -> Litestar:
    return create_app(teams_settings)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def teams_client(teams_app: Litestar) -> AsyncIterator[AsyncTestClient]:
    async with AsyncTestClient(teams_app, base_url="http://testserver.local") as c:
        yield c


@pytest_asyncio.fixture(loop_scope="session")
async def teams(teams_client: AsyncTestClient, db_sessionmaker: Any) -> AsyncIterator[AsyncTestClient]:
    """The client over empty tables, with no company cookie left from another test."""
    teams_client.cookies.clear()
    yield teams_client
    teams_client.cookies.clear()


def in_company(user: User, company_id: str) -> dict[str, str]:
    return {**user.headers, "X-Company-Id": company_id}


async def invite_and_accept(client: AsyncTestClient, admin: User, sub: str, role: str = "RECRUITER",
                            email: str | None = None) -> User:
    """A new person invited by `admin` into the admin's current company, signed in and accepted."""
    email = email or f"{sub}@example.test"
    r = await client.post("/api/teams/v1/invitations", json={"email": email, "role": role}, headers=admin.headers)
    assert r.status_code == 201, r.text
    token = r.json()["accept_url"].split("#invite=", 1)[1]
    user = await dev_user(client, sub, email=email)
    r = await client.post("/api/teams/v1/invitations/accept", json={"token": token}, headers=user.headers)
    assert r.status_code == 200, r.text
    client.cookies.clear()  # each caller below names its company or uses its default
    return user
