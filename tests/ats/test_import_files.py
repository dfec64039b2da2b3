"""Every kind of bad file gets a clear answer and writes nothing; the encodings and formats that are fine work."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from api.imports import reader
from db.models import Candidate, ImportBatch
from tests.api.conftest import create_job, dev_user
from tests.ats.files import csv_bytes, people, xlsm_bytes, xlsx_bytes
from tests.ats.test_imports import upload

NAMES = [["email", "name"], ["zoe@example.test", "Zoë Dupré"], ["rene@example.test", "René Müller"]]


@pytest.fixture
async def recruiter_job(ats):
    recruiter = await dev_user(ats, "rec-files", "RECRUITER", "Files Corp")
    return recruiter, await create_job(ats, recruiter)


@pytest.mark.parametrize(("content", "name", "code"), [
    (b"", "empty.csv", "empty_file"),
    (b"   \r\n", "blank.csv", "empty_file"),
    (b"email,name\r\n", "header-only.csv", "no_rows"),
    (b"%PDF-1.7 a pdf", "people.csv", "unsupported_file"),
    (b"\x89PNG\r\n\x1a\n....", "people.csv", "unsupported_file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel", "people.xls", "legacy_excel"),
    (None, "people.xlsm", "macros"),
    (b"PK\x03\x04not really a zip", "people.xlsx", "corrupt_xlsx"),
    (b"\x00\x01\x02\x03\x04binary\x00\xff", "people.csv", "binary_file"),
    (b"email,name\r\na@example.test,\x81\x8d\x9d\r\n", "x.csv", "unknown_encoding"),  # neither UTF-8 nor cp1252
])
async def test_bad_files_are_refused_with_a_reason_and_nothing_is_written(ats, db_sessionmaker, recruiter_job,
                                                                           content, name, code) -> None:
    recruiter, job = recruiter_job
    r = await upload(ats, recruiter, job["id"], xlsm_bytes() if content is None else content, name=name)
    assert r.status_code == 400, r.text
    assert r.json()["extra"]["code"] == code, r.json()
    assert len(r.json()["detail"]) > 30  # says what to do
    async with db_sessionmaker() as s:
        assert await s.scalar(select(func.count()).select_from(ImportBatch)) == 0
        assert await s.scalar(select(func.count()).select_from(Candidate)) == 0


async def test_too_many_rows(ats, recruiter_job, monkeypatch) -> None:
    recruiter, job = recruiter_job
    r = await upload(ats, recruiter, job["id"], csv_bytes(people(reader.MAX_ROWS + 1)))
    assert r.status_code == 400 and r.json()["extra"]["code"] == "too_many_rows"
    assert "50,000" in r.json()["detail"]


async def test_fifty_thousand_rows_preview(ats, recruiter_job) -> None:
    recruiter, job = recruiter_job
    r = await upload(ats, recruiter, job["id"], csv_bytes(people(reader.MAX_ROWS)))
    assert r.status_code == 201, r.text
    assert r.json()["counts"]["create"] == reader.MAX_ROWS


@pytest.mark.parametrize(("encoding", "label"), [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"),
                                                 ("utf-16", "utf-16")])
async def test_encodings(ats, recruiter_job, encoding, label) -> None:
    recruiter, job = recruiter_job
    r = await upload(ats, recruiter, job["id"], csv_bytes(NAMES, encoding=encoding))
    assert r.status_code == 201, r.text
    preview = r.json()
    assert preview["encoding"] == label
    assert preview["columns"] == ["email", "name"], "a BOM is not part of the first column's name"
    assert [row["full_name"] for row in preview["rows"]] == ["Zoë Dupré", "René Müller"]


async def test_semicolons_and_xlsx(ats, recruiter_job) -> None:
    recruiter, job = recruiter_job
    r = await upload(ats, recruiter, job["id"], csv_bytes(NAMES, delimiter=";"))
    assert r.status_code == 201 and r.json()["counts"]["create"] == 2
    r = await upload(ats, recruiter, job["id"], xlsx_bytes([["Email", "First name", "Last name", "Mobile"],
                                                            ["kim@example.test", "Kim", "Lee", 447700900123]]),
                     name="people.xlsx")
    assert r.status_code == 201, r.text
    preview = r.json()
    assert preview["file_kind"] == "xlsx" and preview["rows"][0]["full_name"] == "Kim Lee"


async def test_a_formula_cell_is_a_bad_row_never_evaluated(ats, recruiter_job) -> None:
    recruiter, job = recruiter_job
    content = xlsx_bytes([["email", "name"], ["a@example.test", "A"], ["b@example.test", "B"]], formula_at=(3, 2))
    r = await upload(ats, recruiter, job["id"], content, name="people.xlsx")
    assert r.status_code == 201, r.text
    preview = r.json()
    assert preview["counts"] == {"create": 1, "update": 0, "skip": 0, "error": 1}
    (error,) = preview["errors"]
    assert (error["line"], error["code"], error["column"]) == (3, "formula", "name")
