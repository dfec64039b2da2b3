"""Every storage behaviour against both backends: the local folder, and a real MinIO server (S3 API) started for
the session. CVs through the API, recordings' multipart uploads, signed links that stop working when they expire,
deletion, and an outage in the middle of an upload (nothing half-visible; the upload is retried until it lands)."""

from __future__ import annotations

import asyncio
import hashlib
import os
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import anyio
import pytest
from litestar.testing import AsyncTestClient

from api.recordings.upload import upload_with_retry
from api.storage.services import FileStorage, StorageError, make_storage
from devstack.minio import MinioServer
from tests.api.conftest import PDF_BYTES, apply, create_job, dev_user
from tests.recordings.conftest import fetch

pytestmark = pytest.mark.timeout(180)

def big_file(path: Path, mb: int) -> Path:
    with open(path, "wb") as f:
        for _ in range(mb):
            f.write(os.urandom(1024 * 1024))
    return path


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


async def test_cv_upload_and_download_through_the_api(client: AsyncTestClient, db_sessionmaker: Any,
                                                       backend: str) -> None:
    recruiter = await dev_user(client, f"rec-{backend}", "RECRUITER", f"Storage {backend}")
    job = await create_job(client, recruiter)
    r = await apply(client, job["id"], email=f"cv-{backend}@example.test")
    assert r.status_code == 201, r.text
    cv = await client.get(f"/api/ats/v1/applications/{r.json()['application_id']}/cv", headers=recruiter.headers)
    assert cv.status_code == 200 and cv.content == PDF_BYTES
    cvs = make_storage(client.app.state.settings)
    assert type(cvs).__name__ == ("S3Storage" if backend == "s3" else "LocalStorage")


async def test_large_recording_goes_up_in_parts(store: FileStorage, backend: str, tmp_path: Path) -> None:
    path = big_file(tmp_path / "big.mp4", 21)
    key = f"test/{backend}/big.mp4"
    await store.put_file(key, path, "video/mp4")
    assert await store.size(key) == path.stat().st_size
    assert sha(await store.get(key)) == sha(path.read_bytes())
    if backend == "s3":
        import obstore

        etag = (await obstore.head_async(store.store, key))["e_tag"]  # type: ignore[attr-defined]
        assert etag.strip('"').endswith("-5"), etag  # an S3 multipart ETag names its part count: 21 MB / 5 MB
    await store.delete(key)


async def test_signed_link_works_until_it_expires(client: AsyncTestClient, store: FileStorage, backend: str,
                                                  tmp_path: Path) -> None:
    key = f"test/{backend}/link.mp4"
    body = os.urandom(300_000)
    (tmp_path / "f.mp4").write_bytes(body)
    await store.put_file(key, tmp_path / "f.mp4", "video/mp4")
    url = await store.signed_url(key, timedelta(seconds=2))
    issued = time.monotonic()
    ok = await fetch(client, url)
    assert ok.status_code == 200 and ok.content == body
    part = await fetch(client, url, Range="bytes=1000-1999")  # the player seeks with ranges
    assert part.status_code == 206 and part.content == body[1000:2000]
    if url.startswith("/"):
        forged = url.replace("signature=", "signature=0")
        assert (await fetch(client, forged)).status_code == 403
        other = url.replace("link.mp4", "big.mp4")
        assert (await fetch(client, other)).status_code == 403  # a signature is for one key
    await asyncio.sleep(max(0.0, issued + 3.0 - time.monotonic()))
    late = await fetch(client, url)
    assert late.status_code == 403, late.text
    assert late.content != body
    await store.delete(key)


async def test_deleted_file_is_gone(client: AsyncTestClient, store: FileStorage, backend: str,
                                    tmp_path: Path) -> None:
    key = f"test/{backend}/gone.mp4"
    (tmp_path / "g.mp4").write_bytes(b"x" * 1000)
    await store.put_file(key, tmp_path / "g.mp4", "video/mp4")
    url = await store.signed_url(key, timedelta(seconds=60))
    await store.delete(key)
    await store.delete(key)  # twice is fine: erasure and retention may both get there
    assert await store.size(key) is None
    with pytest.raises(StorageError):
        await store.get(key)
    assert (await fetch(client, url)).status_code == 404


@pytest.mark.parametrize("backend", ["s3"])
async def test_s3_outage_mid_upload_leaves_nothing_and_the_retry_lands(
        store: FileStorage, minio: MinioServer, tmp_path: Path) -> None:
    path = big_file(tmp_path / "outage.mp4", 120)
    key = "test/s3/outage.mp4"
    upload = asyncio.create_task(store.put_file(key, path, "video/mp4"))
    await asyncio.sleep(0.1)  # parts are on their way (on an idle machine 120 MB can land within 0.3 s)
    assert not upload.done()
    minio.kill()
    with pytest.raises(StorageError):
        await upload
    minio.start()
    assert await store.size(key) is None  # the parts that did arrive are not an object

    # the recorder's upload: tried while the store is down, and again until it is back
    minio.kill()
    retried = asyncio.create_task(upload_with_retry(store, key, path, first_wait_s=0.5))
    await asyncio.sleep(2.0)
    assert not retried.done()
    minio.start()
    attempt = await asyncio.wait_for(retried, 60)
    assert attempt > 1
    assert await store.size(key) == path.stat().st_size
    assert sha(await store.get(key)) == sha(path.read_bytes())
    await store.delete(key)


_WRITE_WITH_A_FULL_DISK = """
import asyncio, resource, signal, sys
from pathlib import Path
from api.storage.services import LocalStorage, StorageError
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writing past the limit then fails with EFBIG, as a full disk does
resource.setrlimit(resource.RLIMIT_FSIZE, (3 * 1024 * 1024, resource.RLIM_INFINITY))
try:
    asyncio.run(LocalStorage(Path(sys.argv[1])).put_file(sys.argv[2], Path(sys.argv[3]), "video/mp4"))
except StorageError as exc:
    print("refused:", exc)
    sys.exit(3)
"""


@pytest.mark.parametrize("backend", ["local"])
async def test_local_disk_failure_mid_upload_leaves_nothing(store: FileStorage, tmp_path: Path) -> None:
    path = big_file(tmp_path / "full.mp4", 10)
    key = "test/local/full.mp4"
    root = store.root  # type: ignore[attr-defined]
    result = await anyio.run_process([sys.executable, "-c", _WRITE_WITH_A_FULL_DISK, str(root), key, str(path)],
                                     check=False, env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert result.returncode == 3, (result.stdout + result.stderr).decode()
    assert await store.size(key) is None
    assert not list((root / "test" / "local").glob("*.part"))  # no half-written file left behind either
    assert await upload_with_retry(store, key, path) == 1
    assert sha(await store.get(key)) == sha(path.read_bytes())
    await store.delete(key)
