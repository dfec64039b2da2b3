"""CV uploads (content sniffing, size, zip bombs, file names), the application workflow, job rules, and
all-or-nothing requests (a failing file store or LiveKit leaves no rows behind)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from litestar.testing import AsyncTestClient
from sqlalchemy import func, select

from api.app import create_app
from api.storage.services import StorageError
from db.models import Application, ApplicationStatusChange, Candidate, Interview
from tests.api.conftest import PDF_BYTES, apply, create_job, dev_user, docx_bytes, in_minutes, make_settings
from tests.consent import join_body


async def _open_job(api) -> tuple[dict, dict]:
    recruiter = await dev_user(api, "rec-a", "RECRUITER", "Acme")
    return recruiter, await create_job(api, recruiter)


async def _count(db_sessionmaker, model) -> int:
    async with db_sessionmaker() as s:
        return await s.scalar(select(func.count()).select_from(model))


async def test_upload_checks(api, db_sessionmaker) -> None:
    _, job = await _open_job(api)
    jid = job["id"]
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    r = await apply(api, jid, content=png, filename="cv.pdf")
    assert r.status_code == 415 and "judged by its content" in r.json()["detail"]
    r = await apply(api, jid, content=b"", filename="cv.pdf")
    assert r.status_code == 400 and r.json()["detail"] == "the CV file is empty"
    big = b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024) + b"\n%%EOF"
    r = await apply(api, jid, content=big, filename="cv.pdf")
    assert r.status_code == 413 and r.json()["extra"]["max_bytes"] == 5 * 1024 * 1024
    r = await apply(api, jid, content=b"%PDF-1.4 no end marker", filename="cv.pdf")
    assert r.status_code == 415
    not_docx = io.BytesIO()
    with zipfile.ZipFile(not_docx, "w") as z:
        z.writestr("hello.txt", "hi")
    r = await apply(api, jid, content=not_docx.getvalue(), filename="cv.docx")
    assert r.status_code == 415 and "not a Word document" in r.json()["detail"]
    r = await apply(api, jid, content=b"PK\x03\x04 broken zip", filename="cv.docx")
    assert r.status_code == 415
    assert await _count(db_sessionmaker, Application) == 0


async def test_zip_bomb_docx_is_refused(api, db_sessionmaker) -> None:
    _, job = await _open_job(api)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(64):  # 64 MiB of zeros: a few dozen KiB compressed
                f.write(chunk)
    assert len(bomb.getvalue()) < 200 * 1024
    r = await apply(api, job["id"], content=bomb.getvalue(), filename="cv.docx")
    assert r.status_code == 400 and "zip bomb" in r.json()["detail"], r.text
    assert await _count(db_sessionmaker, Application) == 0


async def test_good_files_and_path_traversal_name(api, app, db_sessionmaker) -> None:
    recruiter, job = await _open_job(api)
    storage_root: Path = app.state.settings.storage_local_dir
    r = await apply(api, job["id"], content=PDF_BYTES, filename="../../../../etc/passwd.pdf", email="a@x.test")
    assert r.status_code == 201, r.text
    assert r.json()["cv_filename"] == "passwd.pdf" and r.json()["cv_content_type"] == "application/pdf"
    r = await apply(api, job["id"], content=docx_bytes("Ann. Rust & Go"), filename="..\\..\\cv.docx", email="b@x.test")
    assert r.status_code == 201 and r.json()["cv_content_type"].endswith("wordprocessingml.document"), r.text
    r = await apply(api, job["id"], content="Plain CV\nPython ✓".encode(), filename="cv.exe", email="c@x.test")
    assert r.status_code == 201 and r.json()["cv_content_type"] == "text/plain", r.text
    async with db_sessionmaker() as s:
        candidates = (await s.scalars(select(Candidate).order_by(Candidate.email))).all()
    assert [c.cv_filename for c in candidates] == ["passwd.pdf", "cv.docx", "cv.exe"]
    assert candidates[1].cv_text == "Ann. Rust & Go" and candidates[2].cv_text.startswith("Plain CV")
    def stored_safely() -> bool:
        root = storage_root.resolve()
        return all(
            ".." not in c.cv_storage_key
            and (root / c.cv_storage_key).resolve().is_relative_to(root)
            and (root / c.cv_storage_key).exists()
            for c in candidates
        ) and not list(storage_root.parent.rglob("passwd.pdf"))

    assert stored_safely()
    # the recruiter downloads exactly what was uploaded
    app_id = r.json()["application_id"]
    r = await api.get(f"/api/ats/v1/applications/{app_id}/cv", headers=recruiter.headers)
    assert r.status_code == 200 and r.content == "Plain CV\nPython ✓".encode()
    assert r.headers["x-content-type-options"] == "nosniff"


async def test_apply_rules(api) -> None:
    recruiter, job = await _open_job(api)
    assert (await apply(api, job["id"])).status_code == 201
    r = await apply(api, job["id"], email="JANE@example.test")
    assert r.status_code == 409 and "already exists" in r.json()["detail"]
    r = await api.post(f"/api/ats/v1/jobs/{job['id']}/apply", data={"full_name": "No File", "email": "n@x.test"})
    assert r.status_code == 400
    r = await api.post(
        f"/api/ats/v1/jobs/{job['id']}/apply",
        data={"full_name": "", "email": "bad"},
        files={"cv": ("cv.pdf", PDF_BYTES, "application/pdf")},
    )
    assert r.status_code == 400
    draft = await create_job(api, recruiter, status="DRAFT")
    r = await apply(api, draft["id"])
    assert r.status_code == 409 and r.json()["extra"]["job_status"] == "DRAFT"
    r = await apply(api, "00000000-0000-0000-0000-000000000000")
    assert r.status_code == 404


async def test_job_rules(api) -> None:
    recruiter, job = await _open_job(api)
    url = f"/api/ats/v1/jobs/{job['id']}"
    r = await api.patch(
        url, json={"salary_min": 100, "salary_max": 50, "salary_currency": "EUR"}, headers=recruiter.headers
    )
    assert r.status_code == 400 and r.json()["extra"]["field"] == "salary_min"
    r = await api.patch(url, json={"status": "DRAFT"}, headers=recruiter.headers)
    assert r.status_code == 409 and r.json()["extra"]["allowed"] == ["CLOSED", "PAUSED"]
    r = await api.patch(
        url, json={"skills": [{"name": "python", "weight": 5}, {"name": "Go"}]}, headers=recruiter.headers
    )
    assert r.status_code == 200 and {(s["name"], s["weight"]) for s in r.json()["skills"]} == {
        ("python", 5.0),
        ("Go", 1.0),
    }
    r = await api.patch(url, json={"skills": [{"name": "Go"}, {"name": "go"}]}, headers=recruiter.headers)
    assert r.status_code == 400
    r = await api.patch(url, json={"unknown_field": 1}, headers=recruiter.headers)
    assert r.status_code == 400
    r = await api.patch(url, json={"status": "PAUSED"}, headers=recruiter.headers)
    assert r.json()["status"] == "PAUSED"
    assert (await apply(api, job["id"])).status_code == 409
    r = await api.get("/api/ats/v1/jobs", params={"status": ["PAUSED"], "search": "backend"}, headers=recruiter.headers)
    assert r.json()["total"] == 1
    assert (await api.post(f"{url}/close", headers=recruiter.headers)).json()["status"] == "CLOSED"
    assert (await api.post(f"{url}/close", headers=recruiter.headers)).status_code == 409
    assert (await api.patch(url, json={"title": "x"}, headers=recruiter.headers)).status_code == 409


async def test_application_workflow_and_history(api, db_sessionmaker) -> None:
    recruiter, job = await _open_job(api)
    app_id = (await apply(api, job["id"])).json()["application_id"]
    url = f"/api/ats/v1/applications/{app_id}/status"
    r = await api.post(url, json={"status": "HIRED"}, headers=recruiter.headers)
    assert r.status_code == 409
    assert r.json()["extra"] == {"from": "APPLIED", "to": "HIRED", "allowed": ["REJECTED", "SCREENING"]}
    for status in ("SCREENING", "SHORTLISTED", "INTERVIEW_SCHEDULED", "OFFERED", "HIRED"):
        r = await api.post(url, json={"status": status, "reason": f"to {status}"}, headers=recruiter.headers)
        assert r.status_code == 200 and r.json()["status"] == status, r.text
    r = await api.post(url, json={"status": "REJECTED"}, headers=recruiter.headers)
    assert r.status_code == 409 and r.json()["extra"]["allowed"] == []
    r = await api.get(f"/api/ats/v1/applications/{app_id}/history", headers=recruiter.headers)
    history = r.json()
    assert [(h["from_status"], h["to_status"]) for h in history] == [
        (None, "APPLIED"),
        ("APPLIED", "SCREENING"),
        ("SCREENING", "SHORTLISTED"),
        ("SHORTLISTED", "INTERVIEW_SCHEDULED"),
        ("INTERVIEW_SCHEDULED", "OFFERED"),
        ("OFFERED", "HIRED"),
    ]
    assert all(h["changed_by_id"] == recruiter.id for h in history[1:]) and history[1]["changed_at"]
    # REJECTED is reachable from any open state
    other = (await apply(api, job["id"], email="o@x.test")).json()["application_id"]
    await api.post(f"/api/ats/v1/applications/{other}/status", json={"status": "SCREENING"}, headers=recruiter.headers)
    r = await api.post(
        f"/api/ats/v1/applications/{other}/status", json={"status": "REJECTED"}, headers=recruiter.headers
    )
    assert r.status_code == 200
    assert await _count(db_sessionmaker, ApplicationStatusChange) == 9


async def test_application_list_filters_and_sort(api, db_sessionmaker) -> None:
    recruiter, job = await _open_job(api)
    ids = [
        (await apply(api, job["id"], email=f"p{i}@x.test", full_name=f"P{i}")).json()["application_id"]
        for i in range(5)
    ]
    async with db_sessionmaker() as s:
        for i, app_id in enumerate(ids[:3]):
            (await s.get(Application, app_id)).screening_score = float(i * 10)
        await s.commit()
    base = f"/api/ats/v1/jobs/{job['id']}/applications"
    r = await api.get(
        base, params={"order_by": "screening_score", "sort_order": "desc", "page_size": 2, "count": "true"},
        headers=recruiter.headers,
    )
    page = r.json()
    assert page["total"] == 5 and page["limit"] == 2 and [a["screening_score"] for a in page["items"]] == [20, 10]
    r = await api.get(
        base, params={"order_by": "screening_score", "current_page": 3, "page_size": 2}, headers=recruiter.headers
    )
    assert [a["screening_score"] for a in r.json()["items"]] == [None]
    await api.post(f"/api/ats/v1/applications/{ids[0]}/status", json={"status": "REJECTED"}, headers=recruiter.headers)
    r = await api.get(base, params={"status": ["REJECTED", "SCREENING"]}, headers=recruiter.headers)
    assert [a["id"] for a in r.json()["items"]] == [ids[0]]
    for bad in (
        {"order_by": "password"},
        {"page_size": 0},
        {"page_size": 1000},
        {"status": "NOPE"},
        {"created_after": "yesterday"},
    ):
        assert (await api.get(base, params=bad, headers=recruiter.headers)).status_code == 400, bad


async def test_failing_file_store_leaves_nothing(api, app, db_sessionmaker) -> None:
    _, job = await _open_job(api)

    class Broken:
        async def put(self, key, data, content_type):
            raise StorageError("disk on fire")

    real, app.state.storage = app.state.storage, Broken()
    try:
        r = await apply(api, job["id"])
    finally:
        app.state.storage = real
    assert r.status_code == 503 and "nothing was saved" in r.json()["detail"]
    for model in (Application, Candidate, ApplicationStatusChange):
        assert await _count(db_sessionmaker, model) == 0


async def test_unreachable_livekit_still_books_and_queues_the_arrival(database_url, livekit, tmp_path,
                                                                      db_sessionmaker) -> None:
    """Booking touches nothing but Postgres; a candidate who arrives during a LiveKit outage waits in line (the
    dispatch is retried by the lifecycle job), instead of failing."""
    from tests.api.conftest import register_worker

    app = create_app(
        make_settings(
            database_url, livekit, tmp_path, livekit_http_url="http://127.0.0.1:9", livekit_timeout_seconds=2.0
        )
    )
    async with AsyncTestClient(app, base_url="http://testserver.local") as api:
        recruiter, job = await _open_job(api)
        app_id = (await apply(api, job["id"])).json()["application_id"]
        for status in ("SCREENING", "SHORTLISTED"):
            await api.post(
                f"/api/ats/v1/applications/{app_id}/status", json={"status": status}, headers=recruiter.headers
            )
        r = await api.post(
            f"/api/ats/v1/applications/{app_id}/interviews",
            json={"kind": "AI", "scheduled_at": in_minutes(5)},
            headers=recruiter.headers,
        )
        assert r.status_code == 201, r.text
        health = await api.get("/health")
        assert health.status_code == 503 and health.json()["db"] == "ok"
        assert health.json()["livekit"].startswith("error")
        r2 = await api.get(f"/api/ats/v1/applications/{app_id}", headers=recruiter.headers)
        assert r2.json()["status"] == "INTERVIEW_SCHEDULED"
        await register_worker(db_sessionmaker, "W-outage", max_jobs=1)
        code = r.json()["join_url"].rsplit("/", 1)[1]
        token = await api.post("/api/livekit/token", json=join_body(code))
        assert token.status_code == 200, token.text
        link = (await api.get(f"/api/interview-links/{code}")).json()
        assert link["state"] == "waiting" and link["position"] == 1
        async with db_sessionmaker() as s:
            interview = await s.get(Interview, r.json()["id"])
        assert interview.waiting_since is not None and interview.dispatched_at is None  # retried later


async def test_apply_is_rate_limited(database_url, livekit, tmp_path, db_sessionmaker) -> None:
    app = create_app(make_settings(database_url, livekit, tmp_path, apply_rate_limit_per_minute=2))
    async with AsyncTestClient(app, base_url="http://testserver.local") as client:
        _, job = await _open_job(client)
        codes = [(await apply(client, job["id"], email=f"r{i}@x.test")).status_code for i in range(3)]
        assert codes == [201, 201, 429]
        r = await client.get(f"/api/ats/v1/jobs/{job['id']}", headers=_.headers)
        assert r.status_code == 200  # other endpoints are not counted


async def test_body_size_limit_and_cors(api) -> None:
    recruiter, _ = await _open_job(api)
    r = await api.post(
        "/api/ats/v1/jobs",
        content=b'{"title": "' + b"x" * (2 * 1024 * 1024) + b'"}',
        headers={**recruiter.headers, "Content-Type": "application/json"},
    )
    assert r.status_code == 413
    r = await api.options(
        "/api/ats/v1/jobs", headers={"Origin": "http://testserver.local", "Access-Control-Request-Method": "GET"}
    )
    assert r.headers.get("access-control-allow-origin") == "http://testserver.local"
    r = await api.options(
        "/api/ats/v1/jobs", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    )
    assert "access-control-allow-origin" not in r.headers
    r = await api.get("/health", headers={"X-Request-ID": "abc-123"})
    assert r.headers["x-request-id"] == "abc-123"
