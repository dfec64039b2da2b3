"""Who may watch a recording, and when it goes: on both backends, the hiring team gets a short-lived link (the
candidate and other companies get none), the link stops working when it expires, retention deletes the file after
the company's period (the clock moved by configuration) and erasure deletes a candidate's recordings."""

from __future__ import annotations

import asyncio
import dataclasses
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from api.recordings.services import erase_candidate_recordings, expire_recordings
from api.storage.services import FileStorage, new_key
from db.enums import InterviewStatus, RecordingStatus
from db.models import Application, Company, Interview, Recording
from tests.api.conftest import apply, create_job, dev_user, in_minutes
from tests.recordings.conftest import fetch

pytestmark = pytest.mark.timeout(120)


@dataclasses.dataclass
class Recorded:
    interview_id: str
    candidate_id: uuid.UUID
    company_id: uuid.UUID
    key: str
    body: bytes
    headers: dict[str, dict[str, str]]


async def _recorded_interview(client: AsyncTestClient, store: FileStorage, sm: Any, tmp: Path,
                              backend: str) -> Recorded:
    suffix = uuid.uuid4().hex[:6]
    rec_a = await dev_user(client, f"ra-{suffix}", "RECRUITER", f"A {suffix}")
    rec_b = await dev_user(client, f"rb-{suffix}", "RECRUITER", f"B {suffix}")
    cand = await dev_user(client, f"c-{suffix}", "CANDIDATE")
    job = await create_job(client, rec_a)
    r = await apply(client, job["id"], email=f"c-{suffix}@example.test", headers=cand.headers)
    application_id = r.json()["application_id"]
    r = await client.post(f"/api/ats/v1/applications/{application_id}/interviews", headers=rec_a.headers,
                          json={"kind": "AI", "scheduled_at": in_minutes(5), "duration_minutes": 30})
    assert r.status_code == 201, r.text
    interview_id = r.json()["id"]
    started = datetime.now(UTC) - timedelta(minutes=20)
    body = b"\x00\x00\x00\x18ftypiso5" + uuid.uuid4().bytes * 1000
    async with sm() as s, s.begin():
        interview = await s.get(Interview, uuid.UUID(interview_id))
        interview.status, interview.started_at = InterviewStatus.COMPLETED, started
        candidate_id = await s.scalar(sa.select(Application.candidate_id)
                                      .where(Application.id == uuid.UUID(application_id)))
        key = new_key(str(interview.company_id), interview_id, extension=".mp4")
        (tmp / "r.mp4").write_bytes(body)
        await store.put_file(key, tmp / "r.mp4", "video/mp4")
        s.add(Recording(interview_id=interview.id, company_id=interview.company_id, status=RecordingStatus.READY,
                        storage_key=key, content_type="video/mp4", size_bytes=len(body), duration_s=1200.0,
                        media_started_at=started + timedelta(seconds=1.5)))
        company_id = interview.company_id
    return Recorded(interview_id, candidate_id, company_id, key, body,
                    {"a": rec_a.headers, "b": rec_b.headers, "candidate": cand.headers})


async def test_only_the_hiring_team_gets_a_link_and_it_expires(client: AsyncTestClient, store: FileStorage,
                                                               db_sessionmaker: Any, tmp_path: Path,
                                                               backend: str) -> None:
    rec = await _recorded_interview(client, store, db_sessionmaker, tmp_path, backend)
    path = f"/api/ats/v1/interviews/{rec.interview_id}/recording"
    assert (await client.get(path)).status_code == 401
    assert (await client.get(path, headers=rec.headers["candidate"])).status_code == 403
    assert (await client.get(path, headers=rec.headers["b"])).status_code == 404
    r = await client.get(path, headers=rec.headers["a"])
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["status"] == "READY" and out["media_offset_s"] == pytest.approx(1.5)
    assert out["url"].startswith("/media/recordings/" if backend == "local" else "http://127.0.0.1:")
    issued = asyncio.get_running_loop().time()
    assert (await fetch(client, out["url"])).content == rec.body
    await asyncio.sleep(max(0.0, issued + 3.0 - asyncio.get_running_loop().time()))  # RECORDING_URL_SECONDS=2
    assert (await fetch(client, out["url"])).status_code == 403
    again = (await client.get(path, headers=rec.headers["a"])).json()["url"]  # a fresh link each time
    assert (await fetch(client, again)).content == rec.body


async def test_retention_deletes_after_the_company_period(client: AsyncTestClient, store: FileStorage,
                                                          db_sessionmaker: Any, tmp_path: Path) -> None:
    rec = await _recorded_interview(client, store, db_sessionmaker, tmp_path, "any")
    settings = client.app.state.settings
    async with db_sessionmaker() as s, s.begin():
        await s.execute(sa.update(Company).where(Company.id == rec.company_id).values(recording_retention_days=30))
    async with db_sessionmaker() as s:
        assert await expire_recordings(s, store, dataclasses.replace(settings, retention_clock_offset_days=29)) == 0
    assert await store.size(rec.key) == len(rec.body)
    async with db_sessionmaker() as s:
        assert await expire_recordings(s, store, dataclasses.replace(settings, retention_clock_offset_days=31)) == 1
    assert await store.size(rec.key) is None
    async with db_sessionmaker() as s:
        assert await s.scalar(sa.select(sa.func.count()).select_from(Recording)) == 0
        assert await expire_recordings(s, store, dataclasses.replace(settings, retention_clock_offset_days=31)) == 0


async def test_erasure_deletes_the_candidates_recordings(client: AsyncTestClient, store: FileStorage,
                                                         db_sessionmaker: Any, tmp_path: Path) -> None:
    rec = await _recorded_interview(client, store, db_sessionmaker, tmp_path, "any")
    other = await _recorded_interview(client, store, db_sessionmaker, tmp_path, "any")
    async with db_sessionmaker() as s:
        assert await erase_candidate_recordings(s, store, rec.candidate_id) == 1
        assert await erase_candidate_recordings(s, store, rec.candidate_id) == 0  # idempotent
    assert await store.size(rec.key) is None
    assert await store.size(other.key) == len(other.body)  # someone else's stays
    r = await client.get(f"/api/ats/v1/interviews/{rec.interview_id}/recording", headers=rec.headers["a"])
    assert r.status_code == 404


async def test_a_recording_erased_while_it_was_made_is_not_kept(store: FileStorage, db_sessionmaker: Any,
                                                                 database_url: str, client: AsyncTestClient,
                                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    """The recorder finishes after erasure removed its row: its upload must leave nothing behind."""
    from api.recordings import job

    monkeypatch.setenv("RECORDING_SPOOL_DIR", str(tmp_path))
    out = tmp_path / f"{uuid.uuid4()}.mp4"
    out.write_bytes(b"\x00" * 5000)
    settings = dataclasses.replace(client.app.state.settings, database_url=database_url)
    sm = db_sessionmaker
    company, interview = uuid.uuid4(), uuid.uuid4()
    status = await job._upload(sm, settings, uuid.uuid4(), company, interview, out, 12.0)
    assert status == RecordingStatus.FAILED and not out.exists()
    prefix = f"{company}/{interview}/"
    if hasattr(store, "root"):
        assert not (store.root / str(company)).exists()
    else:
        import obstore

        assert not [o for batch in obstore.list(store.store, prefix=prefix) for o in batch]  # type: ignore[attr-defined]
