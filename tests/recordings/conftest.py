"""Recording tests: the recorder runs as its own process against the session's livekit-server and Postgres, and
stores into the backend under test (the local folder, or the real MinIO server the session starts)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from litestar.testing import AsyncTestClient

from api.app import create_app
from api.storage.services import FileStorage
from devstack.minio import MinioServer
from devstack.ports import free_port

BUCKET = "interviewly-test"
BASE = "http://testserver.local"
os.environ.setdefault("SCREENING_WORKER", "0")  # as in tests/api: no queue worker inside these apps


@pytest.fixture(scope="session")
def minio() -> Iterator[MinioServer]:
    with tempfile.TemporaryDirectory(prefix="interviewly-minio-") as tmp:
        server = MinioServer(Path(tmp) / "data", port=free_port(), console_port=free_port(),
                             log_path=Path(tmp) / "minio.log")
        server.start()
        try:
            server.make_bucket(BUCKET)
            yield server
        finally:
            server.stop()


def storage_env(backend: str, tmp: Path, minio: MinioServer | None) -> dict[str, str]:
    if backend == "local":
        return {"STORAGE_BACKEND": "local", "STORAGE_LOCAL_DIR": str(tmp / "uploads")}
    assert minio is not None
    return {"STORAGE_BACKEND": "s3", "S3_BUCKET": BUCKET, "S3_ENDPOINT_URL": minio.endpoint,
            "S3_ACCESS_KEY_ID": minio.access_key, "S3_SECRET_ACCESS_KEY": minio.secret_key,
            "S3_PREFIX": f"cv-{os.getpid()}", "S3_RECORDINGS_PREFIX": f"recordings-{tmp.name}"}


@pytest.fixture(params=["local", "s3"])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def storage_settings_env(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> dict[str, str]:
    minio = request.getfixturevalue("minio") if backend == "s3" else None
    return storage_env(backend, tmp_path, minio)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def clients(database_url: str, livekit: Any, minio: MinioServer,
                  tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One API per backend (its storage, its signed links)."""
    made: dict[str, AsyncTestClient] = {}
    for backend in ("local", "s3"):
        tmp = tmp_path_factory.mktemp(f"storage-{backend}")
        env = storage_env(backend, tmp, minio)
        overrides = {"storage_backend": env["STORAGE_BACKEND"], "storage_local_dir": tmp / "uploads",
                     "recording_url_seconds": 2}
        if backend == "s3":
            overrides.update(s3_bucket=env["S3_BUCKET"], s3_endpoint_url=env["S3_ENDPOINT_URL"],
                             s3_access_key_id=env["S3_ACCESS_KEY_ID"], s3_secret_access_key=env["S3_SECRET_ACCESS_KEY"],
                             s3_prefix=env["S3_PREFIX"], s3_recordings_prefix=env["S3_RECORDINGS_PREFIX"])
        from tests.api.conftest import make_settings

        client = AsyncTestClient(create_app(make_settings(database_url, livekit, tmp, **overrides)), base_url=BASE)
        made[backend] = await client.__aenter__()
    yield made
    for client in made.values():
        await client.__aexit__(None, None, None)


@pytest.fixture
def client(clients: dict[str, AsyncTestClient], backend: str) -> AsyncTestClient:
    return clients[backend]


@pytest.fixture
def store(client: AsyncTestClient) -> FileStorage:
    return client.app.state.recording_storage


async def fetch(client: AsyncTestClient, url: str, **headers: str) -> httpx.Response:
    """A link as a browser follows it: the API's own (local backend) or the store's presigned one (S3)."""
    if url.startswith("/"):
        return await client.get(url, headers=headers)
    async with httpx.AsyncClient() as http:
        return await http.get(url, headers=headers)
