"""Erasure leaves no trace: before it, the person is found in many tables and stored files; after it, in none
(every table of every schema, every column, and every stored file), while another candidate of the same company is
untouched and the pipeline statistics still count the erased applications."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select, update

from api.config import Settings
from api.privacy.erasure import PrivacyRuntime, run_erasure
from db.enums import InterviewStatus
from db.models import Application, AuditEvent, ErasureRequest, Interview, PipelineFact, WebhookEvent
from tests.api.conftest import create_job, dev_user
from tests.privacy.people import (
    OTHER,
    ZEPHYRINE,
    Person,
    footprint,
    scan_bucket,
    scan_files,
    scan_tables,
    second_job,
    unique,
)


def runtime(ats, sessionmaker, ats_settings) -> PrivacyRuntime:
    return PrivacyRuntime(sessionmaker, storage=ats.app.state.storage, settings=ats_settings)


async def _candidate_of(sessionmaker, app_id: str) -> uuid.UUID:
    async with sessionmaker() as s:
        return await s.scalar(select(Application.candidate_id).where(Application.id == uuid.UUID(app_id)))


@pytest.fixture(params=["local", "s3"])
def bed(request: pytest.FixtureRequest) -> tuple[Any, Settings, Callable[[Person], dict[str, list[str]]]]:
    """(the API client, its settings, a scan of its file store) for the local folder and for a real S3 server."""
    if request.param == "local":
        client, settings = request.getfixturevalue("ats"), request.getfixturevalue("ats_settings")
        return client, settings, lambda person: scan_files(settings.storage_local_dir, person)
    client, settings = request.getfixturevalue("ats_s3"), request.getfixturevalue("ats_s3_settings")
    minio = request.getfixturevalue("minio")
    prefixes = [settings.s3_prefix, settings.s3_recordings_prefix]
    return client, settings, lambda person: scan_bucket(minio, settings.s3_bucket, prefixes, person)


async def test_erasure_by_a_recruiter_leaves_no_trace(bed, db_sessionmaker) -> None:
    ats, ats_settings, scan_store = bed
    person, other_person = unique(ZEPHYRINE), unique(OTHER)
    recruiter = await dev_user(ats, "rec-erase", "RECRUITER", "Erasure Corp")
    jobs = [(await create_job(ats, recruiter))["id"], await second_job(ats, recruiter)]
    mine = [await footprint(ats, db_sessionmaker, recruiter, job, person) for job in jobs]
    other = await footprint(ats, db_sessionmaker, recruiter, jobs[0], other_person)
    candidate_id = await _candidate_of(db_sessionmaker, mine[0]["application_id"])
    for path in (f"candidates/{candidate_id}", f"applications/{mine[1]['application_id']}"):
        r = await ats.post(f"/api/ats/v1/{path}/notes", json={"body": f"Call {person.name} back about the offer"},
                           headers=recruiter.headers)
        assert r.status_code == 201, r.text

    before = await scan_tables(db_sessionmaker, person)
    assert set(before) == {"name", "email", "cv text", "transcript"}, before  # the scan sees them
    assert len(before["name"]) >= 6 and set(scan_store(person)) >= {"name", "email", "cv text"}

    # not while the agent is still writing one of their interviews
    await _set_status(db_sessionmaker, mine[1]["interview_id"], InterviewStatus.IN_PROGRESS)
    r = await ats.post(f"/api/ats/v1/candidates/{candidate_id}/erasure", headers=recruiter.headers)
    assert r.status_code == 409 and r.json()["extra"]["code"] == "interview_in_progress", r.text
    await _set_status(db_sessionmaker, mine[1]["interview_id"], InterviewStatus.COMPLETED)
    r = await ats.post(f"/api/ats/v1/candidates/{candidate_id}/erasure", headers=recruiter.headers)
    assert r.status_code == 202 and r.json()["status"] == "PENDING", r.text
    erasure = r.json()
    again = await ats.post(f"/api/ats/v1/candidates/{candidate_id}/erasure", headers=recruiter.headers)
    assert again.json()["id"] == erasure["id"], "an open request is returned, not a second one"
    pipeline = await _pipeline(db_sessionmaker)

    assert await run_erasure(runtime(ats, db_sessionmaker, ats_settings), uuid.UUID(erasure["id"])) == "DONE"

    assert await scan_tables(db_sessionmaker, person) == {}
    assert scan_store(person) == {}
    # the other candidate is untouched, everywhere
    assert set(await scan_tables(db_sessionmaker, other_person)) == {"name", "email", "cv text", "transcript"}
    assert set(scan_store(other_person)) >= {"name", "email", "cv text"}
    # the tombstone: applications still counted, the request done with counts, who erased what in the trail
    assert await _pipeline(db_sessionmaker) == pipeline
    done = (await ats.get(f"/api/ats/v1/erasures/{erasure['id']}", headers=recruiter.headers)).json()
    assert done["status"] == "DONE" and done["steps"]["cv_files"] == 2 and done["steps"]["identity"] == 2
    async with db_sessionmaker() as s:
        request = await s.get(ErasureRequest, uuid.UUID(erasure["id"]))
        assert request.target["counts"] == {"candidates": 2, "applications": 2, "interviews": 2}
        erased = (await s.scalars(select(AuditEvent).where(AuditEvent.action == "ERASE"))).all()
        assert {str(e.application_id) for e in erased} == {m["application_id"] for m in mine}
        assert {e.actor_user_id for e in erased} == {uuid.UUID(recruiter.id)}
        # integrations hear of it once, with ids and counts only
        told = (await s.scalars(select(WebhookEvent).where(WebhookEvent.event_type == "candidate.erased"))).all()
        assert [e.data["erasure_id"] for e in told] == [erasure["id"]] and "name" not in told[0].data
    # the trail's numbers stay (the report's score), its free text does not
    trail = (await ats.get(f"/api/ats/v1/applications/{mine[0]['application_id']}/audit",
                           headers=recruiter.headers)).json()
    assert any(e["entity"] == "interview_reports" and e["before"] and e["before"]["overall_score"] == 71.0
               for e in trail)
    # a second run (a retried job) changes nothing
    assert await run_erasure(runtime(ats, db_sessionmaker, ats_settings), uuid.UUID(erasure["id"])) == "DONE"
    assert other


async def _set_status(sessionmaker, interview_id: str, status: InterviewStatus) -> None:
    async with sessionmaker() as s, s.begin():
        await s.execute(update(Interview).where(Interview.id == uuid.UUID(interview_id)).values(status=status))


async def _pipeline(sessionmaker) -> list[tuple]:
    async with sessionmaker() as s:
        return sorted((await s.execute(select(PipelineFact.job_id, PipelineFact.status, func.count())
                                       .group_by(PipelineFact.job_id, PipelineFact.status))).all())


async def test_a_candidate_erases_their_own_account(ats, ats_settings, db_sessionmaker) -> None:
    person = unique(ZEPHYRINE)
    recruiter = await dev_user(ats, "rec-self", "RECRUITER", "Self Erasure Corp")
    me = await dev_user(ats, "cand-self", "CANDIDATE", email=person.email)
    r = await ats.post("/api/auth/sync-user", json={"full_name": person.name}, headers=me.headers)
    assert r.status_code == 200, r.text
    job = (await create_job(ats, recruiter))["id"]
    await footprint(ats, db_sessionmaker, recruiter, job, person, headers=me.headers)
    assert "name" in await scan_tables(db_sessionmaker, person)

    r = await ats.post("/api/candidate/v1/me/erasure", headers=me.headers)
    assert r.status_code == 202, r.text
    assert (await ats.post(f"/api/ats/v1/candidates/{uuid.uuid4()}/erasure", headers=me.headers)).status_code == 403
    assert await run_erasure(runtime(ats, db_sessionmaker, ats_settings), uuid.UUID(r.json()["id"])) == "DONE"
    assert await scan_tables(db_sessionmaker, person) == {}
    assert scan_files(ats_settings.storage_local_dir, person) == {}
    mine = (await ats.get(f"/api/candidate/v1/me/erasures/{r.json()['id']}", headers=me.headers)).json()
    assert mine["status"] == "DONE"
