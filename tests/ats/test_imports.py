"""Bulk import through the API: the dry run, the commit as a queue job, re-import, bad rows and bad files."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import func, select, text

from api.imports.runner import ImportRuntime, run_import
from api.storage.services import make_storage
from db.enums import ApplicationSource
from db.models import Application, ApplicationStatusChange, Candidate, ImportBatch
from tests.api.conftest import PDF_BYTES, apply, create_job, dev_user
from tests.ats.files import CV_TEXT, csv_bytes, people, zip_bytes

SHEET = [
    ["Email", "Full name", "Phone", "CV", "Notes"],
    ["grace@example.test", "Grace Hopper", "+1 555 0100", "grace.txt", "found at a meetup"],
    ["", "No Email", "", "", ""],
    ["not-an-email", "Bad Email", "", "", ""],
    ["GRACE@example.test", "Grace Again", "", "", ""],
    ["alan@example.test", "=HYPERLINK(\"http://evil.test\")", "-1", "", ""],
    ["ghost@example.test", "Ghost", "", "missing.pdf", ""],
    ["broken@example.test", "Broken", "", "broken.pdf", ""],
    ["ada@example.test", "Ada Lovelace", "", "", ""],
]
CVS = zip_bytes({"cvs/Grace.TXT": CV_TEXT.encode(), "broken.pdf": b"%PDF-1.4 this is not really a pdf"})


async def upload(ats, user, job_id: str, content: bytes, name: str = "people.csv", cvs: bytes | None = None,
                 mapping: dict | None = None) -> Any:
    files: dict[str, Any] = {"file": (name, content, "application/octet-stream")}
    if cvs is not None:
        files["cvs"] = ("cvs.zip", cvs, "application/zip")
    data = {"mapping": json.dumps(mapping)} if mapping else None
    return await ats.post(f"/api/ats/v1/jobs/{job_id}/imports", files=files, data=data, headers=user.headers)


async def run_queued(ats_settings, sessionmaker, import_id: str) -> str:
    """What the queue worker does with the deferred job (tests/ats/test_import_crash.py runs the real worker)."""
    async with sessionmaker() as s:
        queued = await s.scalar(text("SELECT count(*) FROM procrastinate.procrastinate_jobs WHERE task_name = "
                                     "'imports:run' AND status = 'todo' AND args->>'batch_id' = :id"),
                                {"id": import_id})
    assert queued == 1, "the commit defers exactly one import job"
    return await run_import(ImportRuntime(sessionmaker, storage=make_storage(ats_settings)), uuid.UUID(import_id))


async def counts(sessionmaker) -> dict[str, int]:
    async with sessionmaker() as s:
        return {
            "candidates": await s.scalar(select(func.count()).select_from(Candidate)),
            "applications": await s.scalar(select(func.count()).select_from(Application)),
            "imported": await s.scalar(select(func.count()).select_from(Application).where(
                Application.source == ApplicationSource.IMPORTED)),
            "history": await s.scalar(select(func.count()).select_from(ApplicationStatusChange)),
            "screening_jobs": await s.scalar(text("SELECT count(*) FROM procrastinate.procrastinate_jobs WHERE "
                                                  "task_name = 'screening:screen_application'")),
        }


async def test_preview_commit_and_reimport(ats, ats_settings, db_sessionmaker) -> None:
    recruiter = await dev_user(ats, "rec-imp", "RECRUITER", "Import Corp")
    job = await create_job(ats, recruiter)
    other = await create_job(ats, recruiter, title="Other job")
    assert (await apply(ats, other["id"], email="Ada@Example.test", full_name="Ada Lovelace")).status_code == 201
    before = await counts(db_sessionmaker)

    r = await upload(ats, recruiter, job["id"], csv_bytes(SHEET), cvs=CVS)
    assert r.status_code == 201, r.text
    preview = r.json()
    assert preview["columns"] == ["Email", "Full name", "Phone", "CV", "Notes"]
    assert preview["mapping"] == {"email": "Email", "full_name": "Full name", "first_name": None, "last_name": None,
                                  "phone": "Phone", "cv_file": "CV", "cover_letter": "Notes"}
    assert preview["counts"] == {"create": 2, "update": 1, "skip": 0, "error": 5}
    reasons = {e["line"]: e["code"] for e in preview["errors"]}
    assert reasons == {3: "missing_email", 4: "malformed_email", 5: "duplicate_in_file", 7: "cv_not_in_zip",
                       8: "cv_unreadable"}
    assert "line 2" in next(e["reason"] for e in preview["errors"] if e["line"] == 5)
    rows = {row["email"]: row for row in preview["rows"]}
    assert rows["ada@example.test"]["action"] == "update" and rows["ada@example.test"]["changes"] == ["application"]
    assert await counts(db_sessionmaker) == before, "the dry run writes nothing"

    # another mapping, previewed again: Notes as the name column
    r = await ats.post(f"/api/ats/v1/imports/{preview['id']}/preview", headers=recruiter.headers,
                       json={"mapping": {"full_name": "Notes"}})
    assert r.status_code == 200 and r.json()["mapping"]["full_name"] == "Notes"
    bad = await ats.post(f"/api/ats/v1/imports/{preview['id']}/preview", headers=recruiter.headers,
                         json={"mapping": {"email": "Nope"}})
    assert bad.status_code == 400 and "no column 'Nope'" in bad.json()["detail"]
    r = await ats.post(f"/api/ats/v1/imports/{preview['id']}/commit", headers=recruiter.headers,
                       json={"mapping": {"full_name": "Full name"}})
    assert r.status_code == 202 and r.json()["status"] == "QUEUED", r.text
    again = await ats.post(f"/api/ats/v1/imports/{preview['id']}/commit", headers=recruiter.headers)
    assert again.status_code == 202  # a second click queues nothing more
    assert await run_queued(ats_settings, db_sessionmaker, preview["id"]) == "COMPLETED"

    done = (await ats.get(f"/api/ats/v1/imports/{preview['id']}", headers=recruiter.headers)).json()
    assert (done["status"], done["progress"], done["created_count"], done["updated_count"], done["skipped_count"],
            done["error_count"]) == ("COMPLETED", 1.0, 2, 1, 0, 5)
    after = await counts(db_sessionmaker)
    assert after["candidates"] == before["candidates"] + 2
    assert after["applications"] == before["applications"] + 3 and after["imported"] == 3
    assert after["history"] == before["history"] + 3
    assert after["screening_jobs"] == before["screening_jobs"] + 3, "every imported application is screened"
    async with db_sessionmaker() as s:
        alan = await s.scalar(select(Candidate).where(Candidate.email == "alan@example.test"))
        grace = await s.scalar(select(Candidate).where(Candidate.email == "grace@example.test"))
    assert alan.full_name == '=HYPERLINK("http://evil.test")' and alan.phone == "-1", "stored as typed, as text"
    assert grace.cv_filename == "grace.txt" and "COBOL" in grace.cv_text and grace.cv_storage_key

    await assert_exports_are_safe(ats, recruiter, job["id"], preview["id"])

    # the same file again: every row is known and unchanged
    r = await upload(ats, recruiter, job["id"], csv_bytes(SHEET), cvs=CVS)
    assert r.json()["counts"] == {"create": 0, "update": 0, "skip": 3, "error": 5}
    await ats.post(f"/api/ats/v1/imports/{r.json()['id']}/commit", headers=recruiter.headers)
    await run_queued(ats_settings, db_sessionmaker, r.json()["id"])
    assert await counts(db_sessionmaker) == after, "re-importing changes nothing"


async def assert_exports_are_safe(ats, recruiter, job_id: str, import_id: str) -> None:
    export = await ats.get(f"/api/ats/v1/jobs/{job_id}/applications.csv", headers=recruiter.headers)
    assert export.status_code == 200
    assert "'=HYPERLINK" in export.text and ",'-1," in export.text, "never exported as a formula"
    errors_csv = await ats.get(f"/api/ats/v1/imports/{import_id}/errors.csv", headers=recruiter.headers)
    assert errors_csv.text.count("\n") == 6 and "cv_unreadable" in errors_csv.text


async def test_imports_belong_to_their_company(ats, db_sessionmaker) -> None:
    owner = await dev_user(ats, "rec-own", "RECRUITER", "Owner Corp")
    stranger = await dev_user(ats, "rec-str", "RECRUITER", "Stranger Corp")
    job = await create_job(ats, owner)
    assert (await upload(ats, stranger, job["id"], csv_bytes(people(3)))).status_code == 404
    preview = (await upload(ats, owner, job["id"], csv_bytes(people(3)))).json()
    assert (await ats.get(f"/api/ats/v1/imports/{preview['id']}", headers=stranger.headers)).status_code == 404
    assert (await ats.post(f"/api/ats/v1/imports/{preview['id']}/commit",
                           headers=stranger.headers)).status_code == 404
    async with db_sessionmaker() as s:
        assert await s.scalar(select(func.count()).select_from(ImportBatch)) == 1


async def test_pdf_bytes_named_csv(ats) -> None:
    recruiter = await dev_user(ats, "rec-pdf", "RECRUITER", "Pdf Corp")
    job = await create_job(ats, recruiter)
    r = await upload(ats, recruiter, job["id"], PDF_BYTES, name="people.csv")
    assert r.status_code == 400 and r.json()["extra"]["code"] == "unsupported_file"


async def test_a_candidate_added_by_hand(ats, db_sessionmaker) -> None:
    recruiter = await dev_user(ats, "rec-hand", "RECRUITER", "Hand Corp")
    job = await create_job(ats, recruiter)
    before = await counts(db_sessionmaker)  # (the queue's tables are not emptied between tests)
    body = {"full_name": "Rosalind Franklin", "email": "rosalind@example.test", "phone": "+44 1223 000000"}
    r = await ats.post(f"/api/ats/v1/jobs/{job['id']}/candidates", json=body, headers=recruiter.headers)
    assert r.status_code == 201, r.text
    assert r.json()["source"] == "MANUAL"
    again = await ats.post(f"/api/ats/v1/jobs/{job['id']}/candidates", json={**body, "email": "ROSALIND@example.test"},
                           headers=recruiter.headers)
    assert again.status_code == 409 and again.json()["extra"]["application_id"] == r.json()["application_id"]
    after = await counts(db_sessionmaker)
    assert (after["applications"], after["imported"], after["history"]) == (1, 0, 1)
    assert after["screening_jobs"] == before["screening_jobs"] + 1
    d = (await ats.get(f"/api/ats/v1/dashboards/jobs/{job['id']}", headers=recruiter.headers)).json()
    assert {s["name"]: s["count"] for s in d["sources"]}["MANUAL"] == 1
