"""Multi-step writes (issue 14, finding 10): external effects never happen under a row lock, and a failure after
one (the commit, or anything before it) leaves nothing behind: no orphan CV in the file store, no room or agent.

The failures are real: a file store whose folder cannot be created, and a commit that Postgres refuses (a deferred
constraint trigger that raises when the transaction commits).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest_asyncio
from livekit import api as lk
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from api.storage.services import LocalStorage, StorageError
from db.models import Application, ApplicationStatusChange, Candidate, Interview
from tests.api.conftest import PDF_BYTES, apply, create_job, dev_user, in_minutes


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


async def _count(db_sessionmaker, model) -> int:
    async with db_sessionmaker() as s:
        return await s.scalar(select(func.count()).select_from(model))


@pytest_asyncio.fixture(loop_scope="session")
async def refuse_commits(db_engine: AsyncEngine) -> AsyncIterator:
    """`await refuse(table)`: from then on, any transaction that inserted into `table` fails at COMMIT (or, with
    `at_commit=False`, at the INSERT itself)."""
    tables: list[str] = []

    async def refuse(table: str, at_commit: bool = True) -> None:
        when = ("CONSTRAINT TRIGGER test_refuse_commit AFTER INSERT", "DEFERRABLE INITIALLY DEFERRED") if at_commit \
            else ("TRIGGER test_refuse_commit BEFORE INSERT", "")
        async with db_engine.begin() as conn:
            await conn.execute(text("CREATE OR REPLACE FUNCTION test_refuse_commit() RETURNS trigger LANGUAGE plpgsql"
                                    " AS $$ BEGIN RAISE EXCEPTION 'the test refuses this commit'; END $$"))
            await conn.execute(text(f"CREATE {when[0]} ON {table} {when[1]} FOR EACH ROW "
                                    "EXECUTE FUNCTION test_refuse_commit()"))
        tables.append(table)

    yield refuse
    async with db_engine.begin() as conn:
        for table in tables:
            await conn.execute(text(f"DROP TRIGGER IF EXISTS test_refuse_commit ON {table}"))
        await conn.execute(text("DROP FUNCTION IF EXISTS test_refuse_commit()"))


class LockProbingStorage(LocalStorage):
    """The real local store, which also records whether the job's row was locked while a file was being stored
    (as an application queued behind this upload would find it), from a connection of its own."""

    def __init__(self, root: Path, dsn: str, job_id: str) -> None:
        super().__init__(root)
        self.dsn, self.job_id, self.locked_during_put = dsn, job_id, None

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        conn = await asyncpg.connect(self.dsn)
        try:
            async with conn.transaction():
                await conn.execute("SELECT id FROM jobs WHERE id = $1 FOR UPDATE NOWAIT", uuid.UUID(self.job_id))
            self.locked_during_put = False
        except asyncpg.LockNotAvailableError:
            self.locked_during_put = True
        finally:
            await conn.close()
        await super().put(key, data, content_type)


async def test_the_job_row_is_not_locked_while_the_cv_is_stored(api, app, database_url, tmp_path) -> None:
    recruiter = await dev_user(api, "rec-lock", "RECRUITER", "Lock Inc")
    job = await create_job(api, recruiter)
    dsn = database_url.replace("postgresql+asyncpg://", "postgresql://")
    probe = LockProbingStorage(tmp_path / "store", dsn, job["id"])
    real, app.state.storage = app.state.storage, probe
    try:
        r = await apply(api, job["id"])
    finally:
        app.state.storage = real
    assert r.status_code == 201, r.text
    assert probe.locked_during_put is False, "applications to this job would queue behind the file store"


async def test_an_unavailable_file_store_saves_nothing(api, app, db_sessionmaker, tmp_path) -> None:
    recruiter = await dev_user(api, "rec-store", "RECRUITER", "Store Inc")
    job = await create_job(api, recruiter)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the store's folder should be")
    broken = LocalStorage(blocker)
    try:
        await broken.put("x/y.pdf", b"%PDF", "application/pdf")
        raise AssertionError("the store should fail")
    except StorageError:
        pass
    real, app.state.storage = app.state.storage, broken
    try:
        r = await apply(api, job["id"])
    finally:
        app.state.storage = real
    assert r.status_code == 503 and "nothing was saved" in r.json()["detail"], r.text
    for model in (Application, Candidate, ApplicationStatusChange):
        assert await _count(db_sessionmaker, model) == 0


async def test_a_refused_commit_leaves_no_cv_behind(api, app, db_sessionmaker, refuse_commits) -> None:
    recruiter = await dev_user(api, "rec-commit", "RECRUITER", "Commit Inc")
    job = await create_job(api, recruiter)
    store: Path = app.state.settings.storage_local_dir
    before = set(_files(store))
    await refuse_commits("applications")
    r = await apply(api, job["id"], content=PDF_BYTES)
    assert r.status_code == 503 and "nothing was kept" in r.json()["detail"], r.text
    assert set(_files(store)) == before, "the stored CV of the failed application is still there"
    for model in (Application, Candidate, ApplicationStatusChange):
        assert await _count(db_sessionmaker, model) == 0


async def test_a_refused_booking_commit_leaves_no_room_or_agent(api, db_sessionmaker, livekit, refuse_commits
                                                                ) -> None:
    """Booking writes rows and nothing else (the room and the agent come when the candidate arrives, after that
    commit): a booking whose commit fails has nothing in LiveKit to clean up."""
    recruiter = await dev_user(api, "rec-book", "RECRUITER", "Book Inc")
    job = await create_job(api, recruiter)
    app_id = (await apply(api, job["id"])).json()["application_id"]
    async with lk.LiveKitAPI(livekit.http_url, livekit.api_key, livekit.api_secret) as server:
        rooms_before = {r.name for r in (await server.room.list_rooms(lk.ListRoomsRequest())).rooms}
        await refuse_commits("interviews")
        r = await api.post(f"/api/ats/v1/applications/{app_id}/interviews", headers=recruiter.headers,
                           json={"kind": "AI", "scheduled_at": in_minutes(0), "duration_minutes": 15})
        # the client learns that nothing was booked (not a 201 with a join link to nothing)
        assert r.status_code == 503 and r.json()["extra"]["code"] == "commit_failed", r.text
        rooms_after = (await server.room.list_rooms(lk.ListRoomsRequest())).rooms
        assert {r.name for r in rooms_after} <= rooms_before, "a room was made for a booking that does not exist"
        for room in rooms_after:
            dispatches = await server.agent_dispatch.list_dispatch(room.name)
            assert room.name in rooms_before or not dispatches
    assert await _count(db_sessionmaker, Interview) == 0
