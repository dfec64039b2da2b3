"""An erasure whose queue worker is SIGKILLed half-way is finished by the next worker (the stalled job is put back in
the queue and resumes after the last eraser that committed), and then leaves no trace."""

from __future__ import annotations

import asyncio
import os
import signal
import time
import uuid

from api.privacy.erasers import ERASERS
from db.models import ErasureRequest
from tests.api.conftest import create_job, dev_user
from tests.ats.conftest import worker_process
from tests.ats.test_email import ats_database_url
from tests.privacy.people import ZEPHYRINE, footprint, scan_files, scan_tables, unique
from tests.privacy.test_erasure import _candidate_of


async def _request(sessionmaker, request_id: str) -> ErasureRequest:
    async with sessionmaker() as s:
        return await s.get(ErasureRequest, uuid.UUID(request_id))


async def test_an_erasure_killed_half_way_completes_on_restart(ats, ats_settings, db_sessionmaker,
                                                               artifacts_dir) -> None:
    person = unique(ZEPHYRINE)
    recruiter = await dev_user(ats, "rec-kill", "RECRUITER", "Kill Corp")
    job = (await create_job(ats, recruiter))["id"]
    ids = await footprint(ats, db_sessionmaker, recruiter, job, person)
    candidate_id = await _candidate_of(db_sessionmaker, ids["application_id"])
    r = await ats.post(f"/api/ats/v1/candidates/{candidate_id}/erasure", headers=recruiter.headers)
    assert r.status_code == 202, r.text
    request_id = r.json()["id"]

    url, log = ats_database_url(db_sessionmaker), artifacts_dir / "erasure-crash-worker.log"
    storage = ats_settings.storage_local_dir
    # a pause after each eraser, so the kill lands between two of them
    worker = worker_process(url, storage, log, ERASURE_STEP_PAUSE_SECONDS="1.5")
    deadline = time.monotonic() + 120
    while len((await _request(db_sessionmaker, request_id)).steps) < 2:
        assert time.monotonic() < deadline and worker.poll() is None, f"the erasure did not start; see {log}"
        await asyncio.sleep(0.05)
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    killed = await _request(db_sessionmaker, request_id)
    assert killed.status == "PENDING" and 2 <= len(killed.steps) < len(ERASERS), killed.steps
    assert await scan_tables(db_sessionmaker, person) != {}, "half-way: some of them is still there"

    worker = worker_process(url, storage, log)
    try:
        deadline = time.monotonic() + 120
        while (request := await _request(db_sessionmaker, request_id)).status != "DONE":
            assert time.monotonic() < deadline and worker.poll() is None, f"the erasure did not finish; see {log}"
            await asyncio.sleep(0.3)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)
    assert set(request.steps) == {name for name, _ in ERASERS}
    assert {k: v for k, v in request.steps.items() if k in killed.steps} == killed.steps, "done steps not redone"
    assert await scan_tables(db_sessionmaker, person) == {}
    assert scan_files(storage, person) == {}
