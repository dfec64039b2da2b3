"""Screening and the candidate tools through the HTTP API (real Postgres, real livekit-server, the real model, the
worker in the app)."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
import pytest_asyncio
from litestar.testing import AsyncTestClient
from sqlalchemy import select, update

from api.app import create_app
from db.enums import Plan
from db.models import InterviewSession, Subscription
from tests.api.conftest import API_AGENT, dev_user, make_settings
from tests.consent import consent
from tests.screening.conftest import clear_queue
from tests.screening.fake_llm import FakeLLM
from tests.screening.files import docx_bytes, encrypted_pdf, scanned_pdf, text_pdf, truncated

pytestmark = pytest.mark.asyncio(loop_scope="session")


# module scope: its queue worker takes every queue's jobs in the shared database, so it must stop with this module
# (kept for the session, it swept later tests' webhook deliveries with its own settings and refused them)
@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def client6(database_url: str, livekit: Any, tmp_path_factory: pytest.TempPathFactory
                  ) -> AsyncIterator[AsyncTestClient]:
    settings = make_settings(database_url, livekit, tmp_path_factory.mktemp("screening-api"))
    # tests/api turns the in-process worker off for its own app; this app runs it, as `make up` does
    saved = os.environ.get("SCREENING_WORKER")
    os.environ["SCREENING_WORKER"] = "1"
    try:
        async with AsyncTestClient(create_app(settings), base_url="http://testserver.local") as c:
            assert c.app.state.queue_worker is not None
            yield c
    finally:
        if saved is None:
            os.environ.pop("SCREENING_WORKER", None)
        else:
            os.environ["SCREENING_WORKER"] = saved


@pytest_asyncio.fixture(loop_scope="session")
async def api6(client6, db_sessionmaker, db_engine, monkeypatch) -> AsyncTestClient:
    await clear_queue(db_engine)
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "LLM_BASE_URL", "LLM_API_KEY", "LLM_MODEL"):
        monkeypatch.delenv(name, raising=False)
    return client6


def _cv(labelled, cv_id: str) -> str:
    return next(c for c in labelled[1] if c["id"] == cv_id)["text"]


def _form(**fields: str) -> dict:
    """multipart/form-data fields without a file."""
    return {k: (None, v) for k, v in fields.items()}


def _job_body(labelled, job_id: str) -> dict:
    spec = next(j for j in labelled[0] if j["id"] == job_id)
    return {"title": spec["title"], "description": spec["description"], "requirements": spec["requirements"],
            "status": "OPEN", "skills": [{"name": n, "weight": w} for n, w in spec["skills"].items()]}


async def _apply(client, job_id: str, name: str, content: bytes, filename: str) -> str:
    r = await client.post(f"/api/ats/v1/jobs/{job_id}/apply",
                          data={"full_name": name, "email": f"{name.split()[0].lower()}@example.test"},
                          files={"cv": (filename, content, "application/octet-stream")})
    assert r.status_code == 201, r.text
    return r.json()["application_id"]


async def _wait_screened(client, headers, application_id: str, within_s: float = 90) -> dict:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        r = await client.get(f"/api/ats/v1/applications/{application_id}/screening", headers=headers)
        if r.status_code == 200:
            return r.json()
        assert r.status_code == 404, r.text
        await asyncio.sleep(0.25)
    raise AssertionError("the worker did not screen the application in time")


async def test_apply_screens_in_background_and_applications_sort_by_score(api6, labelled) -> None:
    recruiter = await dev_user(api6, "rec-6", "RECRUITER", "Acme")
    r = await api6.post("/api/ats/v1/jobs", json=_job_body(labelled, "backend"), headers=recruiter.headers)
    assert r.status_code == 201, r.text
    job_id = r.json()["id"]
    strong = await _apply(api6, job_id, "Marta Kowalski", text_pdf(_cv(labelled, "backend_1")), "marta.pdf")
    medium = await _apply(api6, job_id, "Samuel Okafor", docx_bytes(_cv(labelled, "data_engineer_3")), "s.docx")
    weak = await _apply(api6, job_id, "Sarah Thompson", _cv(labelled, "teacher_1").encode(), "sarah.txt")
    locked = await _apply(api6, job_id, "Locked Pdf", encrypted_pdf(_cv(labelled, "backend_2")), "locked.pdf")

    s_strong = await _wait_screened(api6, recruiter.headers, strong)
    s_medium = await _wait_screened(api6, recruiter.headers, medium)
    s_weak = await _wait_screened(api6, recruiter.headers, weak)
    s_locked = await _wait_screened(api6, recruiter.headers, locked)
    assert s_strong["score"] > s_medium["score"] > s_weak["score"]
    assert "Django" in {m["skill"] for m in s_strong["explanation"]["matched_skills"]}
    assert "Django" in {m["skill"] for m in s_medium["explanation"]["missing_skills"]}
    assert 0 < s_strong["explanation"]["similarity"] <= 1
    assert s_locked["explanation"]["error"]["code"] == "encrypted_pdf"

    r = await api6.get(f"/api/ats/v1/jobs/{job_id}/applications",
                       params={"order_by": "screening_score", "sort_order": "desc"}, headers=recruiter.headers)
    assert r.status_code == 200, r.text
    assert [i["id"] for i in r.json()["items"]] == [strong, medium, weak, locked]  # unreadable CV last

    # re-screening is queued and runs again
    r = await api6.post(f"/api/ats/v1/applications/{weak}/screening", headers=recruiter.headers)
    assert r.status_code == 202, r.text

    # semantic search: by job and by free text, only this company's candidates
    r = await api6.get(f"/api/ats/v1/jobs/{job_id}/similar-candidates", params={"limit": 2},
                       headers=recruiter.headers)
    assert r.status_code == 200, r.text
    hits = r.json()
    assert hits[0]["full_name"] == "Marta Kowalski" and hits[0]["applied_to_this_job"] is True
    r = await api6.post("/api/ats/v1/candidates/search", json={"query": "maths teacher for GCSE classes"},
                        headers=recruiter.headers)
    assert r.status_code == 200 and r.json()[0]["full_name"] == "Sarah Thompson", r.text

    other = await dev_user(api6, "rec-other", "RECRUITER", "Other Co")
    r = await api6.get(f"/api/ats/v1/applications/{strong}/screening", headers=other.headers)
    assert r.status_code == 404
    r = await api6.get(f"/api/ats/v1/jobs/{job_id}/similar-candidates", headers=other.headers)
    assert r.status_code == 404
    r = await api6.post("/api/ats/v1/candidates/search", json={"query": "python"}, headers=other.headers)
    assert r.status_code == 200 and r.json() == []
    candidate = await dev_user(api6, "cand-x", "CANDIDATE")
    r = await api6.post("/api/ats/v1/candidates/search", json={"query": "python"}, headers=candidate.headers)
    assert r.status_code == 403


async def test_cv_analyzer_scores_caches_and_rejects_bad_files(api6, labelled) -> None:
    cand = await dev_user(api6, "cand-a", "CANDIDATE")
    recruiter = await dev_user(api6, "rec-a6", "RECRUITER", "Acme")
    r = await api6.post("/api/ats/v1/jobs", json=_job_body(labelled, "frontend"), headers=recruiter.headers)
    job_id = r.json()["id"]

    files = {"cv": ("cv.pdf", text_pdf(_cv(labelled, "frontend_2")), "application/pdf")}
    r = await api6.post("/api/candidate/v1/cv/analyses", files=files, data={"job_id": job_id},
                        headers=cand.headers)
    assert r.status_code == 201, r.text
    first = r.json()
    res = first["result"]
    assert first["cached"] is False and 50 < first["ats_score"] <= 100
    assert {"React", "TypeScript"} <= set(res["keyword_coverage"]["matched"])
    assert "GraphQL" in res["missing_keywords"]
    assert res["similarity_to_jd"] > 0.5 and {"experience", "education", "skills"} <= set(res["sections_found"])

    # the same CV (as text this time) against the same job: the stored analysis, not a new one
    r = await api6.post("/api/candidate/v1/cv/analyses", files=_form(cv_text=_cv(labelled, "frontend_2"),
                                                                     job_id=job_id), headers=cand.headers)
    assert r.status_code == 201 and r.json()["cached"] is True and r.json()["id"] == first["id"], r.text

    # a weak CV without sections against a pasted JD
    r = await api6.post("/api/candidate/v1/cv/analyses", headers=cand.headers, files=_form(
        cv_text="John Smith. I did many things at my job and I liked my team. I want a new job in nursing now.",
        target_jd="Registered Nurse for the ICU. BLS, ACLS, medication administration, Epic."))
    assert r.status_code == 201, r.text
    weak = r.json()
    assert weak["ats_score"] < 40
    assert {"experience", "education", "skills"} <= {i["section"] for i in weak["result"]["section_issues"]}
    assert {"ACLS", "BLS"} <= set(weak["result"]["missing_keywords"])

    for name, content, code in [("cv.pdf", encrypted_pdf(_cv(labelled, "nurse_1")), "encrypted_pdf"),
                                ("scan.pdf", scanned_pdf(), "no_text_layer"),
                                ("cv.docx", truncated(docx_bytes(_cv(labelled, "nurse_1"))), "corrupt_docx")]:
        r = await api6.post("/api/candidate/v1/cv/analyses", files={"cv": (name, content, "application/pdf")},
                            headers=cand.headers)
        assert r.status_code == 422, r.text
        assert r.json()["extra"]["code"] == code and r.json()["detail"]

    r = await api6.get("/api/candidate/v1/cv/analyses", headers=cand.headers)
    assert r.status_code == 200 and len(r.json()) == 2
    r = await api6.post("/api/candidate/v1/cv/analyses", files=_form(cv_text="x" * 100), headers=recruiter.headers)
    assert r.status_code == 403


async def test_llm_features_without_configuration_say_what_to_set(api6, labelled) -> None:
    cand = await dev_user(api6, "cand-b", "CANDIDATE")
    r = await api6.post("/api/candidate/v1/cv/rewrites", json={"cv_text": _cv(labelled, "nurse_2"),
                                                               "style": "MODERN"}, headers=cand.headers)
    assert r.status_code == 503, r.text
    assert "OPENAI_API_KEY" in r.json()["detail"] and "OPENAI_BASE_URL" in r.json()["detail"]
    r = await api6.post("/api/candidate/v1/coach/chat", json={"messages": [{"role": "user", "content": "hi"}]},
                        headers=cand.headers)
    assert r.status_code == 503 and "OPENAI_API_KEY" in r.json()["detail"], r.text
    r = await api6.get("/api/candidate/v1/cv/rewrites", headers=cand.headers)
    assert r.json() == []  # nothing fake was stored


async def test_rewriter_and_coach_through_an_openai_compatible_server(api6, labelled, monkeypatch) -> None:
    cand = await dev_user(api6, "cand-c", "CANDIDATE")
    cv = _cv(labelled, "accountant_2")
    with FakeLLM() as llm:
        monkeypatch.setenv("OPENAI_BASE_URL", llm.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-123")
        monkeypatch.setenv("LLM_MODEL", "fake-model-1")
        r = await api6.post("/api/candidate/v1/cv/rewrites", json={"cv_text": cv, "style": "ATS_OPTIMIZED"},
                            headers=cand.headers)
        assert r.status_code == 201, r.text
        out = r.json()
        assert out["output"].startswith("# Jane Doe") and out["cached"] is False
        assert out["model_name"] == "fake-model-1" and out["style"] == "ATS_OPTIMIZED"
        sent = llm.requests[-1]
        assert sent["headers"]["Authorization"] == "Bearer sk-test-123"
        assert sent["body"]["model"] == "fake-model-1" and sent["body"]["stream"] is False
        assert "ATS Optimized" in sent["body"]["messages"][1]["content"]
        assert "Global Shared Services Lisbon" in sent["body"]["messages"][1]["content"]
        assert "never invent" in sent["body"]["messages"][0]["content"]

        # the same CV and style again: served from cv_rewrites, the LLM is not called (no second bill)
        calls = len(llm.requests)
        r = await api6.post("/api/candidate/v1/cv/rewrites", json={"cv_text": cv + "\n\n", "style": "ATS_OPTIMIZED"},
                            headers=cand.headers)
        assert r.status_code == 201 and r.json()["cached"] is True and r.json()["id"] == out["id"]
        assert len(llm.requests) == calls
        # another style is a new rewrite
        r = await api6.post("/api/candidate/v1/cv/rewrites", json={"cv_text": cv, "style": "EXECUTIVE"},
                            headers=cand.headers)
        assert r.status_code == 201 and r.json()["cached"] is False and len(llm.requests) == calls + 1
        assert len((await api6.get("/api/candidate/v1/cv/rewrites", headers=cand.headers)).json()) == 2

        # coach: streamed as server-sent events
        r = await api6.post("/api/candidate/v1/coach/chat", headers=cand.headers, json={
            "messages": [{"role": "user", "content": "How do I answer behavioural questions?"}]})
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("text/event-stream")
        events = [block for block in r.text.split("\r\n\r\n") if block.strip()] or \
            [block for block in r.text.split("\n\n") if block.strip()]
        deltas = [json.loads(line[5:].strip())["delta"] for block in events for line in block.splitlines()
                  if line.startswith("data:") and "delta" in line]
        assert "".join(deltas) == "Practise the STAR method."
        assert any("event: done" in block for block in events)
        sent = llm.requests[-1]["body"]
        assert sent["stream"] is True and sent["messages"][0]["role"] == "system"
        assert sent["messages"][-1] == {"role": "user", "content": "How do I answer behavioural questions?"}


async def _our_dispatches(livekit, room_name: str) -> list:
    """The dispatches to our agent in the room, once there are any (5 s at most)."""
    from livekit import api as lk

    ours: list = []
    for _ in range(50):
        async with lk.LiveKitAPI(livekit.http_url, livekit.api_key, livekit.api_secret) as client:
            rooms = await client.room.list_rooms(lk.ListRoomsRequest(names=[room_name]))
            dispatches = await client.agent_dispatch.list_dispatch(room_name) if rooms.rooms else []
        ours = [d for d in dispatches if d.agent_name == API_AGENT]
        if ours:
            break
        await asyncio.sleep(0.1)
    return ours


async def test_mock_interviews_dispatch_the_agent_and_enforce_the_plan(api6, db_sessionmaker, livekit) -> None:
    from tests.api.conftest import register_worker

    cand = await dev_user(api6, "cand-d", "CANDIDATE")
    r = await api6.get("/api/candidate/v1/plan", headers=cand.headers)
    assert r.status_code == 200 and r.json()["plan"] == "FREE" and r.json()["mock_interviews_remaining"] == 3

    created = []
    for role in ("Backend Engineer", "Product Manager", "Data Scientist"):
        r = await api6.post("/api/candidate/v1/mock-interviews", json={"target_role": role}, headers=cand.headers)
        assert r.status_code == 201, r.text
        created.append(r.json())
    first = created[0]
    assert first["join_url"].startswith("http://testserver.local/interview/")
    assert first["room_name"] == f"interview-{first['interview_id']}" and first["status"] == "SCHEDULED"
    assert created[-1]["plan"]["mock_interviews_remaining"] == 0
    # the interviewer comes when the candidate does: their token for the practice room is the arrival
    await register_worker(db_sessionmaker, "W-practice", max_jobs=1)
    r = await api6.post("/api/livekit/token", json={"interview_id": first["interview_id"], "consent": consent()},
                         headers=cand.headers)
    assert r.status_code == 200, r.text
    ours = await _our_dispatches(livekit, first["room_name"])
    assert len(ours) == 1 and json.loads(ours[0].metadata) == {"interview_id": first["interview_id"]}

    # the fourth this month: refused on the server, with the limit and the way out
    r = await api6.post("/api/candidate/v1/mock-interviews", json={"target_role": "Designer"}, headers=cand.headers)
    assert r.status_code == 402, r.text
    body = r.json()
    assert "3 mock interviews per calendar month" in body["detail"] and "PRO" in body["detail"]
    assert body["extra"]["code"] == "plan_limit_reached" and body["extra"]["used"] == 3

    # the agent writes feedback at the end; the list shows it
    async with db_sessionmaker() as session, session.begin():
        await session.execute(update(InterviewSession).where(InterviewSession.id == first["id"])
                              .values(feedback={"summary": "Clear answers; quantify results."}))
    r = await api6.get("/api/candidate/v1/mock-interviews", headers=cand.headers)
    listed = {m["id"]: m for m in r.json()}
    assert len(listed) == 3 and listed[first["id"]]["feedback"]["summary"].startswith("Clear answers")
    assert listed[first["id"]]["target_role"] == "Backend Engineer"

    # PRO: no limit
    async with db_sessionmaker() as session, session.begin():
        await session.execute(update(Subscription).where(Subscription.user_id == cand.id).values(plan=Plan.PRO))
    r = await api6.post("/api/candidate/v1/mock-interviews", json={"target_role": "Designer"}, headers=cand.headers)
    assert r.status_code == 201 and r.json()["plan"]["mock_interviews_limit"] is None, r.text
    async with db_sessionmaker() as session:
        sub = await session.scalar(select(Subscription).where(Subscription.user_id == cand.id))
        assert sub.plan == Plan.PRO and sub.created_at <= datetime.now(UTC)

    # other candidates cannot see these, recruiters cannot use the candidate tools
    other = await dev_user(api6, "cand-e", "CANDIDATE")
    r = await api6.get(f"/api/candidate/v1/mock-interviews/{first['id']}", headers=other.headers)
    assert r.status_code == 404
    recruiter = await dev_user(api6, "rec-d", "RECRUITER", "Acme")
    r = await api6.post("/api/candidate/v1/mock-interviews", json={"target_role": "x y"}, headers=recruiter.headers)
    assert r.status_code == 403


async def test_concurrent_requests_cannot_exceed_the_free_limit(api6) -> None:
    cand = await dev_user(api6, "cand-f", "CANDIDATE")
    results = await asyncio.gather(*[
        api6.post("/api/candidate/v1/mock-interviews", json={"target_role": f"Role {i}"}, headers=cand.headers)
        for i in range(5)])
    codes = sorted(r.status_code for r in results)
    assert codes == [201, 201, 201, 402, 402], [r.text for r in results]




async def test_screen_command_gives_the_scores_the_api_stores(api6, tmp_path) -> None:
    """Jobs posted through the API (with skills, and one without), CV files (PDF, DOCX, TXT) applied through the
    API and screened by the worker: `interviewly screen` on the same files and jobs prints the same scores."""
    from api.screening.cli import main as screen
    from tests.screening.ranking_metrics import EVALSET

    specs = {j["key"]: j for j in json.loads((EVALSET / "jobs.json").read_text())}
    specs = [specs["icu-nurse"], specs["medical-assistant"], {**specs["warehouse-supervisor"], "skills": []}]
    files = ["Brianna_Novak_Resume.pdf", "luis_ramirez_cv.docx", "sunita_bains_cv.txt"]
    recruiter = await dev_user(api6, "rec-eq", "RECRUITER", "Equal Co")
    applications = []
    for spec in specs:
        body = {"title": spec["title"], "description": spec["description"],
                "requirements": "\n".join(spec["requirements"]), "status": "OPEN", "skills": spec["skills"]}
        r = await api6.post("/api/ats/v1/jobs", json=body, headers=recruiter.headers)
        assert r.status_code == 201, r.text
        for name in files:
            content = (EVALSET / "dev" / name).read_bytes()
            person = name.split("_")[0].capitalize() + " Example"  # one applicant per CV (the email is theirs)
            applications.append((spec["key"], name, await _apply(api6, r.json()["id"], person, content, name)))
    stored = {}
    for key, name, application_id in applications:
        stored[(name, key)] = (await _wait_screened(api6, recruiter.headers, application_id))["score"]

    (tmp_path / "cvs").mkdir()
    for name in files:
        (tmp_path / "cvs" / name).write_bytes((EVALSET / "dev" / name).read_bytes())
    (tmp_path / "jobs.json").write_text(json.dumps(specs))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert screen(["--jobs", str(tmp_path / "jobs.json"), "--cvs", str(tmp_path / "cvs"), "--json"]) == 0
    printed = json.loads(out.getvalue())["scores"]
    assert {(name, key): printed[name][key] for name, key in stored} == stored
    assert len(set(stored.values())) == len(stored)  # nine different numbers, not one default


async def test_a_job_created_without_skills_gets_weighted_suggestions_to_accept(api6) -> None:
    recruiter = await dev_user(api6, "rec-sk", "RECRUITER", "Skills Co")
    body = {"title": "Registered Nurse, ICU", "status": "OPEN",
            "description": "Care for ventilated patients in our critical care unit. Documentation in Epic.",
            "requirements": "Active Registered Nurse license\nCurrent BLS and ACLS"}
    r = await api6.post("/api/ats/v1/jobs", json=body, headers=recruiter.headers)
    assert r.status_code == 201, r.text
    job = r.json()
    assert job["skills"] == []
    suggested = {s["name"]: s for s in job["suggested_skills"]}
    assert {"ACLS", "BLS", "Critical care", "Registered Nurse", "Electronic health records"} <= set(suggested)
    # in the title and named twice > stated in the requirements > mentioned once in the description
    assert suggested["Critical care"]["weight"] == 5 and suggested["ACLS"]["weight"] == 4
    assert suggested["Electronic health records"]["weight"] == 2
    assert suggested["ACLS"]["evidence"] == "Current BLS and ACLS"
    assert suggested["Electronic health records"]["evidence"] == "Documentation in Epic."
    # the recruiter keeps two, edits a weight: stored in job_skills
    accepted = [{"name": "ACLS", "weight": 5}, {"name": "BLS", "weight": 2}]
    r = await api6.patch(f"/api/ats/v1/jobs/{job['id']}", json={"skills": accepted}, headers=recruiter.headers)
    assert r.status_code == 200, r.text
    assert sorted((s["name"], s["weight"]) for s in r.json()["skills"]) == [("ACLS", 5.0), ("BLS", 2.0)]
    r = await api6.post("/api/ats/v1/jobs", json={**body, "skills": accepted}, headers=recruiter.headers)
    assert r.json()["suggested_skills"] is None  # a job with skills gets none


async def test_a_stale_screening_is_shown_and_rescored_by_the_workers_sweep(api6, db_sessionmaker, labelled) -> None:
    """A screening stored by an older scoring method: the API says it is not current (its read and the job's list),
    the sweep queues it and the app's worker stores the current method's score, the same number as before."""
    from api.screening.scoring import SCORING_METHOD
    from api.screening.tasks import sweep_stale
    from db.models import Application, Screening

    recruiter = await dev_user(api6, "rec-stale", "RECRUITER", "Stale Co")
    r = await api6.post("/api/ats/v1/jobs", json=_job_body(labelled, "backend"), headers=recruiter.headers)
    job_id = r.json()["id"]
    stale = await _apply(api6, job_id, "Marta Kowalski", text_pdf(_cv(labelled, "backend_1")), "marta.pdf")
    fresh = await _apply(api6, job_id, "Sarah Thompson", _cv(labelled, "teacher_1").encode(), "sarah.txt")
    first = await _wait_screened(api6, recruiter.headers, stale)
    current = await _wait_screened(api6, recruiter.headers, fresh)
    assert first["current"] is True and first["scoring_method"] == SCORING_METHOD
    assert first["explanation"]["model"] == SCORING_METHOD

    old = "all-MiniLM-L6-v2-onnx-int8/profile-1/score-0"
    async with db_sessionmaker() as session, session.begin():
        await session.execute(update(Screening).where(Screening.application_id == stale)
                              .values(scoring_method=old, score=99.0))
        await session.execute(update(Application).where(Application.id == stale).values(screening_score=99.0))
    r = await api6.get(f"/api/ats/v1/applications/{stale}/screening", headers=recruiter.headers)
    assert r.json()["current"] is False and r.json()["scoring_method"] == old and r.json()["score"] == 99.0
    r = await api6.get(f"/api/ats/v1/jobs/{job_id}/applications", params={"order_by": "screening_score"},
                       headers=recruiter.headers)
    assert {i["id"]: i["screening_current"] for i in r.json()["items"]} == {stale: False, fresh: True}
    for application_id, current_now in ((stale, False), (fresh, True)):  # the application's own read says so too
        r = await api6.get(f"/api/ats/v1/applications/{application_id}", headers=recruiter.headers)
        assert r.json()["screening_current"] is current_now

    assert (await sweep_stale(db_sessionmaker)).deferred == 1  # only the stale one
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        got = (await api6.get(f"/api/ats/v1/applications/{stale}/screening", headers=recruiter.headers)).json()
        if got["current"]:
            break
        await asyncio.sleep(0.25)
    assert got["current"] is True and got["scoring_method"] == SCORING_METHOD and got["score"] == first["score"]
    again = (await api6.get(f"/api/ats/v1/applications/{fresh}/screening", headers=recruiter.headers)).json()
    assert again["updated_at"] == current["updated_at"]  # the current one was not scored again
    r = await api6.get(f"/api/ats/v1/jobs/{job_id}/applications", params={"order_by": "screening_score"},
                       headers=recruiter.headers)
    assert [(i["id"], i["screening_score"], i["screening_current"]) for i in r.json()["items"]] == [
        (stale, first["score"], True), (fresh, current["score"], True)]
    r = await api6.get(f"/api/ats/v1/applications/{stale}", headers=recruiter.headers)
    assert r.json()["screening_current"] is True and r.json()["screening_score"] == first["score"]
