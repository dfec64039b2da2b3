"""Stale screenings (stored by another scoring method): reported, swept into the queue in batches, re-scored by the
workers, and never lost when re-scoring fails. Real Postgres, the real model, real queue workers."""

from __future__ import annotations

import asyncio
import time
import uuid

import pytest
from sqlalchemy import select, text, update

from api.queue.worker import QueueWorker
from api.screening import tasks as screening_tasks
from api.screening.rescreen import main as rescreen_main
from api.screening.scoring import SCORING_METHOD, SCORING_VERSION
from api.screening.services import screen_application
from api.screening.tasks import ScreeningRuntime, enqueue_stale, is_current, stale_counts, sweep_stale
from db.models import Application, Candidate, Screening
from tests.screening.conftest import make_application, make_company, make_job
from tests.screening.files import encrypted_pdf

pytestmark = pytest.mark.asyncio(loop_scope="session")

OLD = "all-MiniLM-L6-v2-onnx-int8/profile-1/score-0"


def _spec(labelled, job_id: str) -> dict:
    return next(j for j in labelled[0] if j["id"] == job_id)


def _cv(labelled, cv_id: str) -> str:
    return next(c for c in labelled[1] if c["id"] == cv_id)["text"]


async def _screened_job(session, storage, embedder, labelled) -> dict[str, Application]:
    """A job with three applications screened by this version: two readable CVs and an encrypted PDF."""
    company = await make_company(session)
    job = await make_job(session, company, _spec(labelled, "backend"))
    apps = {
        "strong": await make_application(session, job, "Marta Kowalski", cv_text=_cv(labelled, "backend_1")),
        "weak": await make_application(session, job, "Sarah Thompson", cv_text=_cv(labelled, "teacher_1")),
    }
    await storage.put("cv/locked.pdf", encrypted_pdf(_cv(labelled, "backend_2")), "application/pdf")
    apps["locked"] = await make_application(session, job, "Locked Pdf", cv_key="cv/locked.pdf",
                                            filename="locked.pdf", content_type="application/pdf")
    for app in apps.values():
        await screen_application(session, app.id, storage=storage, embedder=embedder)
    return apps


async def _make_stale(session, application_id: uuid.UUID, method: str | None, score: float | None = 12.5) -> None:
    """What a screening stored by an older version looks like: another method, another score."""
    values = {"scoring_method": method} | ({"score": score} if score is not None else {})
    await session.execute(update(Screening).where(Screening.application_id == application_id).values(**values))
    if score is not None:
        await session.execute(update(Application).where(Application.id == application_id)
                              .values(screening_score=score))


async def _queued(session) -> list[dict]:
    rows = await session.execute(text(
        "SELECT args, priority, status FROM procrastinate.procrastinate_jobs WHERE task_name = :t ORDER BY id"),
        {"t": "screening:screen_application"})
    return [{**r.args, "priority": r.priority, "status": r.status} for r in rows]


async def _command(argv: list[str], database_url: str) -> int:
    """`interviewly rescreen` (its own event loop: in a thread)."""
    return await asyncio.to_thread(rescreen_main, argv, database_url=database_url)


async def test_the_method_names_model_profile_and_scoring_version() -> None:
    assert SCORING_METHOD.startswith("all-MiniLM-L6-v2-onnx-int8/profile-")
    assert SCORING_METHOD.endswith(f"/score-{SCORING_VERSION}") and len(SCORING_METHOD) <= 100


async def test_only_a_worker_given_a_period_sweeps(database_url, monkeypatch) -> None:
    from types import SimpleNamespace

    from api.queue.app import make_queue_app
    from api.queue.worker import worker_options

    def periodic(app) -> set[str]:
        return {p.task.name for p in app.periodic_registry.periodic_tasks.values()}

    assert "screening_sweep:sweep" in periodic(make_queue_app(database_url, screening_sweep_seconds=300))
    assert "screening_sweep:sweep" not in periodic(make_queue_app(database_url, screening_sweep_seconds=0))
    # the start and follow-up sweeps are a task of every app (any screening worker runs one it finds)
    assert "screening:sweep_stale" in make_queue_app(database_url).tasks
    settings = SimpleNamespace(lifecycle_tick_seconds=5, retention_cron=None, webhook_tick_seconds=5)
    monkeypatch.delenv("SCREENING_SWEEP_SECONDS", raising=False)
    assert worker_options(settings)["screening_sweep_seconds"] == 300
    monkeypatch.setenv("SCREENING_SWEEP_SECONDS", "0")
    assert worker_options(settings)["screening_sweep_seconds"] == 0
    assert QueueWorker(database_url, {}, **worker_options(settings)).sweeps_screenings is False


async def test_stale_screenings_are_reported_and_swept_in_batches(clean_db, storage, embedder, labelled,
                                                                   database_url, capsys) -> None:
    async with clean_db() as session, session.begin():
        apps = await _screened_job(session, storage, embedder, labelled)
    async with clean_db() as session:
        stored = {k: await session.scalar(select(Screening).where(Screening.application_id == a.id))
                  for k, a in apps.items()}
    assert all(s.scoring_method == SCORING_METHOD and is_current(s) for s in stored.values())
    assert stored["locked"].explanation["error"]["code"] == "encrypted_pdf"
    async with clean_db() as session, session.begin():
        assert await stale_counts(session) == {}
        assert await enqueue_stale(session) == 0  # nothing stale: nothing queued
        assert await sweep_stale(clean_db) == (0, False)

    async with clean_db() as session, session.begin():
        await _make_stale(session, apps["strong"].id, OLD)
        await _make_stale(session, apps["locked"].id, None, score=None)  # stored before methods were recorded
    async with clean_db() as session, session.begin():
        assert await stale_counts(session) == {OLD: 1, None: 1}
        assert await stale_counts(session, job_id=uuid.uuid4()) == {}

    # the command's dry run counts, queues nothing
    assert await _command(["--dry-run"], database_url) == 0
    out = capsys.readouterr().out
    assert f"stale: 1 scored by {OLD}" in out and "stale: 1 scored by an unrecorded method" in out
    assert "queued" not in out

    # batches: a sweep of 1 queues the most recently updated stale screening; the next one, with its job still
    # waiting, queues nothing; a larger one the rest; then nothing is left to queue
    assert await sweep_stale(clean_db, limit=1) == (1, True)
    assert await sweep_stale(clean_db, limit=1) == (0, True)  # the queue holds a batch already
    assert await sweep_stale(clean_db, limit=10) == (1, False)
    assert await sweep_stale(clean_db, limit=10) == (0, False)
    async with clean_db() as session:
        queued = await _queued(session)
    assert sorted(j["application_id"] for j in queued) == sorted([str(apps["strong"].id), str(apps["locked"].id)])
    assert all(j["scoring_method"] == SCORING_METHOD and j["priority"] == -1 for j in queued)

    # a re-scoring that failed for good is not swept again for this method; the command can retry it
    async with clean_db() as session, session.begin():
        await session.execute(text("UPDATE procrastinate.procrastinate_jobs SET status = 'failed'"
                                   " WHERE args->>'application_id' = :a"), {"a": str(apps["strong"].id)})
    assert await sweep_stale(clean_db) == (0, False)
    assert await _command(["--retry-failed"], database_url) == 0
    assert "queued for re-scoring: 1" in capsys.readouterr().out
    # --all queues current screenings too (the ones with no job waiting)
    assert await _command(["--all", "--job", str(apps["weak"].job_id)], database_url) == 0
    assert "queued for re-scoring: 1" in capsys.readouterr().out
    async with clean_db() as session:
        queued = await _queued(session)
    assert [j["application_id"] for j in queued if j["status"] == "todo"].count(str(apps["weak"].id)) == 1


async def test_worker_start_rescores_stale_screenings_and_leaves_current_ones(clean_db, storage, embedder, labelled,
                                                                              database_url, monkeypatch) -> None:
    async with clean_db() as session, session.begin():
        apps = await _screened_job(session, storage, embedder, labelled)
    async with clean_db() as session:
        before = {k: await session.scalar(select(Screening).where(Screening.application_id == a.id))
                  for k, a in apps.items()}
    async with clean_db() as session, session.begin():
        await _make_stale(session, apps["strong"].id, OLD)
        await _make_stale(session, apps["locked"].id, OLD, score=None)

    # a worker that sweeps: its start sweeps at once (the period here is longer than the test); batches of one,
    # so the second stale screening is queued by the follow-up sweep
    monkeypatch.setattr(screening_tasks, "SWEEP_BATCH", 1)
    runtime = ScreeningRuntime(clean_db, storage=storage, embedder=embedder)
    async with QueueWorker(database_url, {"screening": runtime}, queues=["screening"], polling_interval=0.5,
                           screening_sweep_seconds=3600):
        deadline = time.monotonic() + 60
        methods: dict = {}
        while time.monotonic() < deadline:
            await asyncio.sleep(0.3)
            async with clean_db() as session:
                methods = dict((await session.execute(select(Screening.application_id, Screening.scoring_method)
                                                      )).tuples().all())
            if set(methods.values()) == {SCORING_METHOD}:
                break
    assert set(methods.values()) == {SCORING_METHOD}, methods

    async with clean_db() as session:
        after = {k: await session.scalar(select(Screening).where(Screening.application_id == a.id))
                 for k, a in apps.items()}
        strong_app = await session.get(Application, apps["strong"].id)
        left = await session.scalar(text("SELECT count(*) FROM procrastinate.procrastinate_jobs"
                                         " WHERE status IN ('todo', 'doing') AND task_name = :t"),
                                    {"t": "screening:screen_application"})
    # the stale one has its score back, the same number as before (the scoring did not change, its label did)
    assert after["strong"].score == before["strong"].score and strong_app.screening_score == before["strong"].score
    assert after["strong"].updated_at > before["strong"].updated_at
    # the unreadable CV keeps its error entry, now under this method
    assert after["locked"].explanation["error"]["code"] == "encrypted_pdf"
    # the current one was not scored again
    assert after["weak"].updated_at == before["weak"].updated_at and after["weak"].score == before["weak"].score
    assert left == 0  # (a last follow-up sweep may still be scheduled: it will find nothing)


async def test_a_failed_rescoring_keeps_the_stored_screening(clean_db, storage, embedder, labelled,
                                                             database_url) -> None:
    async with clean_db() as session, session.begin():
        company = await make_company(session)
        job = await make_job(session, company, _spec(labelled, "backend"))
        await storage.put("cv/gone.txt", _cv(labelled, "backend_1").encode(), "text/plain")
        app = await make_application(session, job, "Marta Kowalski", cv_key="cv/gone.txt", filename="gone.txt")
        await screen_application(session, app.id, storage=storage, embedder=embedder)
        await _make_stale(session, app.id, OLD, score=33.0)
        # the CV's file is gone and its text not kept: re-scoring cannot read it (a storage error, not a bad CV)
        candidate = await session.get(Candidate, app.candidate_id)
        candidate.cv_text = candidate.cv_content_hash = None
    await storage.delete("cv/gone.txt")
    async with clean_db() as session:
        before = await session.scalar(select(Screening).where(Screening.application_id == app.id))

    runtime = ScreeningRuntime(clean_db, storage=storage, embedder=embedder)
    async with QueueWorker(database_url, {"screening": runtime}, queues=["screening"], polling_interval=0.5,
                           screening_sweep_seconds=3600):
        deadline = time.monotonic() + 30
        attempts = 0
        while time.monotonic() < deadline and not attempts:
            await asyncio.sleep(0.3)
            async with clean_db() as session:
                attempts = await session.scalar(text(
                    "SELECT coalesce(max(attempts), 0) FROM procrastinate.procrastinate_jobs"
                    " WHERE args->>'application_id' = :a"), {"a": str(app.id)})
    assert attempts >= 1  # it ran and failed (a retry is scheduled)
    async with clean_db() as session:
        after = await session.scalar(select(Screening).where(Screening.application_id == app.id))
        score = await session.scalar(select(Application.screening_score).where(Application.id == app.id))
    assert (after.score, after.scoring_method, after.updated_at) == (33.0, OLD, before.updated_at)
    assert score == 33.0 and not is_current(after)
