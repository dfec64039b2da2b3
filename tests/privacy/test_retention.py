"""Retention deletes exactly what has expired under each company's settings, with the job's clock moved ahead by
configuration (RETENTION_CLOCK_OFFSET_SECONDS); the daily job runs on the Postgres queue and records what it deleted;
archived applications leave the list queries but stay readable."""

from __future__ import annotations

import asyncio
import dataclasses
import time
import uuid
from datetime import UTC, datetime

from sqlalchemy import func, select, update

from api.privacy.erasure import PrivacyRuntime
from api.privacy.retention import run_retention
from api.queue.worker import QueueWorker
from db.enums import InterviewStatus, Speaker
from db.models import (
    Application,
    Candidate,
    Company,
    Interview,
    InterviewMetric,
    QuestionScore,
    RetentionRun,
    TranscriptSegment,
)
from tests.api.conftest import create_job, dev_user, in_minutes
from tests.ats.test_email import ats_database_url
from tests.privacy.people import OTHER, ZEPHYRINE, Person, apply_with_cv

DAY = 86400


async def _interview(ats, sessionmaker, recruiter, job: str, person: Person) -> tuple[str, uuid.UUID]:
    app_id = await apply_with_cv(ats, job, person)
    r = await ats.post(f"/api/ats/v1/applications/{app_id}/interviews", headers=recruiter.headers,
                       json={"kind": "AI", "scheduled_at": in_minutes(30), "duration_minutes": 30})
    iid = uuid.UUID(r.json()["id"])
    now = datetime.now(UTC)
    async with sessionmaker() as s, s.begin():
        await s.execute(update(Interview).where(Interview.id == iid).values(
            status=InterviewStatus.COMPLETED, started_at=now, ended_at=now))
        s.add_all([InterviewMetric(interview_id=iid, t_s=t, recorded_at=now, frames_analyzed=5, frames_dropped=0,
                                   flags=[]) for t in range(1, 4)])
        s.add(TranscriptSegment(interview_id=iid, speaker=Speaker.CANDIDATE, text=person.said, start_s=1.0))
        s.add(QuestionScore(interview_id=iid, question_index=0, question="Q?", answer_text=person.said, score=50.0))
    return app_id, iid


async def _counts(sessionmaker, iid: uuid.UUID) -> tuple[int, int, bool]:
    async with sessionmaker() as s:
        metrics = await s.scalar(select(func.count()).select_from(InterviewMetric)
                                 .where(InterviewMetric.interview_id == iid))
        segments = await s.scalar(select(func.count()).select_from(TranscriptSegment)
                                  .where(TranscriptSegment.interview_id == iid))
        answer = await s.scalar(select(QuestionScore.answer_text).where(QuestionScore.interview_id == iid))
        return metrics, segments, answer is not None


async def _cv(sessionmaker, app_id: str) -> tuple[str | None, str | None]:
    async with sessionmaker() as s:
        return (await s.execute(select(Candidate.cv_storage_key, Candidate.cv_text)
                                .join(Application, Application.candidate_id == Candidate.id)
                                .where(Application.id == uuid.UUID(app_id)))).one()._tuple()


async def test_retention_deletes_exactly_what_expired(ats, ats_settings, db_sessionmaker) -> None:
    keeper = await dev_user(ats, "rec-keep", "RECRUITER", "Keeps Everything")
    strict = await dev_user(ats, "rec-strict", "RECRUITER", "Strict Retention")
    r = await ats.patch("/api/ats/v1/company/privacy", headers=strict.headers, json={
        "retention_metrics_days": 30, "retention_transcripts_days": 60, "retention_rejected_cv_days": 40,
        "archive_closed_after_days": 90})
    assert r.status_code == 200 and r.json()["retention_metrics_days"] == 30, r.text
    r = await ats.patch("/api/ats/v1/company/privacy", headers=keeper.headers, json={
        "retention_metrics_days": None, "retention_transcripts_days": None, "retention_rejected_cv_days": None,
        "archive_closed_after_days": None})
    assert r.status_code == 200 and r.json()["retention_transcripts_days"] is None, r.text
    bad = await ats.patch("/api/ats/v1/company/privacy", headers=strict.headers, json={"retention_metrics_days": 0})
    assert bad.status_code == 400

    strict_job, keeper_job = (await create_job(ats, strict))["id"], (await create_job(ats, keeper))["id"]
    strict_app, strict_iv = await _interview(ats, db_sessionmaker, strict, strict_job, ZEPHYRINE)
    _, keeper_iv = await _interview(ats, db_sessionmaker, keeper, keeper_job, ZEPHYRINE)
    rejected = await apply_with_cv(ats, strict_job, OTHER)
    for status in ("REJECTED",):
        assert (await ats.post(f"/api/ats/v1/applications/{rejected}/status", json={"status": status},
                               headers=strict.headers)).status_code == 200
    rejected_key = (await _cv(db_sessionmaker, rejected))[0]
    assert (ats_settings.storage_local_dir / rejected_key).exists()
    assert (await ats.post(f"/api/ats/v1/jobs/{strict_job}/close", headers=strict.headers)).status_code == 200

    # 45 days on, through the daily job on the queue (its cron every second here)
    later = PrivacyRuntime(db_sessionmaker, storage=ats.app.state.storage,
                           settings=dataclasses.replace(ats_settings, retention_clock_offset_seconds=45 * DAY))
    async with QueueWorker(ats_database_url(db_sessionmaker), {"privacy": later}, queues=["privacy"],
                           retention_cron="* * * * * */1", polling_interval=0.5):
        deadline = time.monotonic() + 60
        while not await _runs(db_sessionmaker):
            assert time.monotonic() < deadline, "the retention job did not run"
            await asyncio.sleep(0.2)
    first = (await _runs(db_sessionmaker))[0]
    assert first.deleted == {"metrics": 3, "transcripts": 0, "rejected_cvs": 1, "archived_applications": 0,
                             "recordings": 0}
    assert (first.clock - first.ran_at).total_seconds() > 44 * DAY
    assert await _counts(db_sessionmaker, strict_iv) == (0, 1, True)  # metrics (30 d) gone; transcript (60 d) kept
    assert await _counts(db_sessionmaker, keeper_iv) == (3, 1, True)  # this company keeps everything
    assert await _cv(db_sessionmaker, rejected) == (None, None)
    assert not (ats_settings.storage_local_dir / rejected_key).exists()
    assert (await _cv(db_sessionmaker, strict_app))[0] is not None, "a candidate not rejected keeps their CV"

    # 100 days on: the transcript and the answers' words go, the closed job's applications are archived
    much_later = dataclasses.replace(later, settings=dataclasses.replace(ats_settings,
                                                                        retention_clock_offset_seconds=100 * DAY))
    assert await run_retention(much_later) == {"metrics": 0, "transcripts": 1, "rejected_cvs": 0,
                                               "archived_applications": 2, "recordings": 0}
    assert await _counts(db_sessionmaker, strict_iv) == (0, 0, False)
    assert await _counts(db_sessionmaker, keeper_iv) == (3, 1, True)
    listed = await ats.get(f"/api/ats/v1/jobs/{strict_job}/applications?count=true", headers=strict.headers)
    assert listed.json()["total"] == 0
    listed = await ats.get(f"/api/ats/v1/jobs/{strict_job}/applications?include_archived=true&count=true",
                           headers=strict.headers)
    assert listed.json()["total"] == 2
    assert (await ats.get(f"/api/ats/v1/applications/{strict_app}", headers=strict.headers)).status_code == 200
    async with db_sessionmaker() as s:
        assert await s.scalar(select(Company.retention_metrics_days).where(Company.name == "Strict Retention")) == 30


async def _runs(sessionmaker) -> list[RetentionRun]:
    async with sessionmaker() as s:
        return list((await s.scalars(select(RetentionRun).order_by(RetentionRun.id))).all())
