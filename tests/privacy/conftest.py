"""The privacy tests use the ATS bed: the API in-process over the session's Postgres, no livekit-server (no room is
opened), queue workers in-process or as their own processes (tests/ats/conftest.py). Erasure also runs against the
S3 backend: the real MinIO server the recordings tests start."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from litestar.testing import AsyncTestClient

from api.app import create_app
from api.config import Settings
from devstack.minio import MinioServer
from tests.api.conftest import make_settings
from tests.ats.conftest import NO_LIVEKIT, ats, ats_app, ats_client, ats_settings  # noqa: F401 - fixtures
from tests.recordings.conftest import BUCKET, minio  # noqa: F401 - fixtures


@pytest.fixture(scope="session")
def ats_s3_settings(database_url: str, minio: MinioServer, tmp_path_factory: pytest.TempPathFactory) -> Settings:  # noqa: F811
    tmp = tmp_path_factory.mktemp("ats-s3")
    return make_settings(database_url, NO_LIVEKIT, tmp, storage_backend="s3", s3_bucket=BUCKET,
                         s3_endpoint_url=minio.endpoint, s3_access_key_id=minio.access_key,
                         s3_secret_access_key=minio.secret_key, s3_prefix=f"privacy-{tmp.name}",
                         s3_recordings_prefix=f"privacy-recordings-{tmp.name}")


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def ats_s3_client(ats_s3_settings: Settings) -> AsyncIterator[AsyncTestClient]:
    async with AsyncTestClient(create_app(ats_s3_settings), base_url="http://testserver.local") as c:
        yield c


@pytest_asyncio.fixture(loop_scope="session")
async def ats_s3(ats_s3_client: AsyncTestClient, db_sessionmaker: Any) -> AsyncTestClient:
    """The S3-backed client, over empty tables."""
    return ats_s3_client
