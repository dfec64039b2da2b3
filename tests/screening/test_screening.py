"""Screening on the real database: scores and explanations, embedding caches, bad CVs, ordering, search, queue."""

from __future__ import annotations

import asyncio
import time

import pytest
from sqlalchemy import select, text

from api.queue.worker import QueueWorker
from api.screening.services import (
    candidates_like_job,
    candidates_like_text,
    ensure_job_embedding,
    screen_application,
)
from api.screening.tasks import ScreeningRuntime, enqueue_screening
from db.models import Application, Candidate, Job, Screening
from tests.screening.conftest import make_application, make_company, make_job
from tests.screening.files import encrypted_pdf, scanned_pdf, text_pdf

pytestmark = pytest.mark.asyncio(loop_scope="session")


def _spec(labelled, job_id: str) -> dict:
    return next(j for j in labelled[0] if j["id"] == job_id)


def _cv(labelled, cv_id: str) -> str:
    return next(c for c in labelled[1] if c["id"] == cv_id)["text"]


async def test_screening_scores_explains_and_stores(clean_db, storage, embedder, labelled) -> None:
    async with clean_db() as session, session.begin():
        company = await make_company(session)
        job = await make_job(session, company, _spec(labelled, "backend"))
        await storage.put("cv/a.pdf", text_pdf(_cv(labelled, "backend_1")), "application/pdf")
        good = await make_application(session, job, "Marta Kowalski", cv_key="cv/a.pdf", filename="a.pdf",
                                      content_type="application/pdf")
        await storage.put("cv/b.txt", _cv(labelled, "nurse_1").encode(), "text/plain")
        poor = await make_application(session, job, "Maria Santos", cv_key="cv/b.txt", filename="b.txt")
        s_good = await screen_application(session, good.id, storage=storage, embedder=embedder)
        s_poor = await screen_application(session, poor.id, storage=storage, embedder=embedder)

    assert s_good.score > 60 > 25 > s_poor.score
    exp = s_good.explanation
    matched = {m["skill"] for m in exp["matched_skills"]}
    assert {"Python", "Django", "PostgreSQL", "Celery", "Docker", "AWS"} <= matched
    assert all(m["evidence"] for m in exp["matched_skills"])
    assert exp["similarity"] > 0.5 and exp["skill_score"] == s_good.skill_score
    assert {"experience", "education", "skills"} <= set(exp["cv_sections"])
    assert {m["skill"] for m in s_poor.explanation["missing_skills"]} >= {"Python", "Django"}
    assert s_poor.explanation["similarity"] < 0.3

    async with clean_db() as session:
        app = await session.get(Application, good.id)
        assert app.screening_score == s_good.score
        cand = await session.get(Candidate, app.candidate_id)
        assert "Django REST Framework" in cand.cv_text and len(cand.cv_content_hash) == 64
        row = await session.scalar(select(Screening).where(Screening.application_id == good.id))
        assert row.model_name == "all-MiniLM-L6-v2-onnx-int8" and len(row.cv_embedding) == 384
        # applications sort by the score (the list endpoint's index)
        ordered = (await session.scalars(select(Application.id).where(Application.job_id == job.id)
                                          .order_by(Application.screening_score.desc().nulls_last()))).all()
        assert ordered == [good.id, poor.id]


async def test_embeddings_are_cached_by_content_hash(clean_db, storage, embedder, labelled) -> None:
    cv = _cv(labelled, "frontend_1")
    async with clean_db() as session, session.begin():
        company = await make_company(session)
        job_a = await make_job(session, company, _spec(labelled, "frontend"))
        job_b = await make_job(session, company, _spec(labelled, "ios"))
        first = await make_application(session, job_a, "Lucas Moreau", cv_text=cv)
        before = embedder.stats.calls
        await screen_application(session, first.id, embedder=embedder)
        assert embedder.stats.calls - before == 2  # the JD and the CV are profiled, a model call each

        # the same screening again: neither text changed, so the model is not called at all (profiles in Postgres)
        before = embedder.stats.calls
        again = await screen_application(session, first.id, embedder=embedder)
        assert embedder.stats.calls == before
        assert again.explanation["embedding_cached"] is True

        # the same CV (re-wrapped, other case: same content hash) applying elsewhere: only the new JD is embedded
        second = await make_application(session, job_b, "Lucas M", cv_text=cv.upper().replace("\n", "\n\n"))
        before = embedder.stats.calls
        s2 = await screen_application(session, second.id, embedder=embedder)
        assert embedder.stats.calls - before == 1
        assert s2.explanation["embedding_cached"] is True

        # editing the job's text changes its hash: it is embedded again, once
        job_a.description += "\nYou will also own our Storybook."
        await session.flush()
        before = embedder.stats.calls
        await ensure_job_embedding(session, job_a, embedder)
        await ensure_job_embedding(session, job_a, embedder)
        assert embedder.stats.calls - before == 1


@pytest.mark.parametrize(("make", "code"), [
    (lambda cv: ("x.pdf", encrypted_pdf(cv)), "encrypted_pdf"),
    (lambda cv: ("x.pdf", scanned_pdf()), "no_text_layer"),
])
async def test_unreadable_cv_is_recorded_not_scored(clean_db, storage, embedder, labelled, make, code) -> None:
    name, data = make(_cv(labelled, "backend_2"))
    async with clean_db() as session, session.begin():
        company = await make_company(session)
        job = await make_job(session, company, _spec(labelled, "backend"))
        await storage.put("cv/" + name, data, "application/pdf")
        app = await make_application(session, job, "Daniel Osei", cv_key="cv/" + name, filename=name,
                                     content_type="application/pdf")
        screening = await screen_application(session, app.id, storage=storage, embedder=embedder)
        assert screening.explanation["error"]["code"] == code
        assert app.screening_score is None and screening.cv_embedding is None


async def test_semantic_search_by_job_and_text_within_company(clean_db, embedder, labelled) -> None:
    async with clean_db() as session, session.begin():
        acme = await make_company(session, "Acme")
        other = await make_company(session, "Other")
        jobs = {j: await make_job(session, acme, _spec(labelled, j)) for j in ("backend", "nurse", "designer")}
        for cv_id, job_id in [("backend_2", "backend"), ("nurse_2", "nurse"), ("designer_2", "designer"),
                              ("backend_3", "nurse")]:  # backend_3 applied to the wrong job: still found
            app = await make_application(session, jobs[job_id], cv_id, cv_text=_cv(labelled, cv_id))
            await screen_application(session, app.id, embedder=embedder)
        foreign_job = await make_job(session, other, _spec(labelled, "backend"))
        foreign = await make_application(session, foreign_job, "backend_1", cv_text=_cv(labelled, "backend_1"))
        await screen_application(session, foreign.id, embedder=embedder)

    async with clean_db() as session, session.begin():
        hits = await candidates_like_job(session, jobs["backend"], limit=10, embedder=embedder)
        names = [h.full_name for h in hits]
        assert set(names[:2]) == {"backend_2", "backend_3"}
        assert "backend_1" not in names  # another company's candidate
        assert hits[0].similarity >= hits[1].similarity >= hits[-1].similarity

        hits = await candidates_like_text(session, acme.id, "ICU nurse with ACLS, ventilated patients",
                                          limit=2, embedder=embedder)
        assert hits[0].full_name == "nurse_2" and len(hits) == 2


async def test_nearest_neighbour_query_can_use_the_hnsw_index(clean_db, embedder) -> None:
    async with clean_db() as session, session.begin():
        await session.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join((await session.execute(text(
            "EXPLAIN SELECT id FROM screenings ORDER BY cv_embedding <=> CAST(:q AS vector) LIMIT 5"),
            {"q": "[" + ",".join(["0.01"] * 384) + "]"})).scalars())
        assert "ix_screenings_cv_embedding_hnsw" in plan
        plan = "\n".join((await session.execute(text(
            "EXPLAIN SELECT id FROM jobs ORDER BY jd_embedding <=> CAST(:q AS vector) LIMIT 5"),
            {"q": "[" + ",".join(["0.01"] * 384) + "]"})).scalars())
        assert "ix_jobs_jd_embedding_hnsw" in plan


async def test_apply_transaction_enqueues_and_the_worker_screens(clean_db, database_url, storage, embedder,
                                                                 labelled) -> None:
    async with clean_db() as session, session.begin():
        company = await make_company(session)
        job = await make_job(session, company, _spec(labelled, "devops"))
        app = await make_application(session, job, "Ivan Horvat", cv_text=_cv(labelled, "devops_1"))
        await enqueue_screening(session, app.id)
        # a rolled-back apply leaves no job behind
    async with clean_db() as session:
        async with session.begin():
            lost = await make_application(session, job, "Nobody", cv_text=_cv(labelled, "devops_2"))
            await enqueue_screening(session, lost.id)
            await session.rollback()
    async with clean_db() as session:
        queued = (await session.execute(text(
            "SELECT args->>'application_id' FROM procrastinate.procrastinate_jobs"))).scalars().all()
        # (another app's worker in this test session may already be running it, or be done and have deleted it)
        screened = await session.scalar(select(Application.screening_score).where(Application.id == app.id))
        assert queued == [str(app.id)] or (queued == [] and screened is not None)
        assert str(lost.id) not in queued

    runtime = ScreeningRuntime(clean_db, storage=storage, embedder=embedder)
    async with QueueWorker(database_url, {"screening": runtime}, queues=["screening"], polling_interval=0.5):
        deadline = time.monotonic() + 60
        score = None
        while time.monotonic() < deadline and score is None:
            await asyncio.sleep(0.2)
            async with clean_db() as session:
                score = await session.scalar(select(Application.screening_score).where(Application.id == app.id))
    assert score is not None and score > 60
    async with clean_db() as session:
        screening = await session.scalar(select(Screening).where(Screening.application_id == app.id))
        assert "Kubernetes" in {m["skill"] for m in screening.explanation["matched_skills"]}
        left = await session.scalar(text("SELECT count(*) FROM procrastinate.procrastinate_jobs"))
        assert left == 0  # done jobs are deleted
        job_row = await session.get(Job, job.id)
        assert job_row.jd_content_hash is not None
