"""Recording tests: the recorder runs as its own process against the session's livekit-server and Postgres, and
stores into the backend under test (the local folder, or the real MinIO server the session starts)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from devstack.minio import MinioServer
from devstack.postgres import free_port

BUCKET = "interviewly-test"


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
