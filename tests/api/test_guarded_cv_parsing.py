"""Every CV upload goes through one guarded parser (issue 14, finding 2): off the event loop, in processes with a
memory budget and a deadline, with the zip-bomb guards before a DOCX is unpacked. The API process's own memory
does not move, and it keeps answering while a file is parsed."""

from __future__ import annotations

import asyncio
import io
import random
import string
import time
import zipfile
from collections.abc import Awaitable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import psutil
import pytest
from litestar.testing import AsyncTestClient

from api.app import create_app
from tests.api.conftest import apply, create_job, dev_user, make_settings
from tests.api.server import api_env, run_api
from tests.screening.files import docx_bytes, text_pdf

ANALYSES = "/api/candidate/v1/cv/analyses"
PING = "/api/auth/dev/.well-known/jwks.json"  # answered from memory: a pure measure of the event loop


def docx_bomb(unpacked_mib: int = 600) -> bytes:
    """The issue's bomb: a DOCX of a few hundred KiB whose document.xml unpacks to hundreds of MiB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b"<w:p/>" * (1024 * 1024 // 6)
            for _ in range(unpacked_mib):
                f.write(chunk)
    return buf.getvalue()


def docx_within_the_guards(unpacked_mib: int = 45) -> bytes:
    """A real DOCX (python-docx's own package) that passes every zip guard (under 50 MB unpacked, compressed only
    ~12:1) but whose million paragraphs take far more memory to parse than the budget (~0.8 GB and 90 s on main)."""
    import docx

    blank = io.BytesIO()
    docx.Document().save(blank)
    template = zipfile.ZipFile(io.BytesIO(blank.getvalue()))
    rnd, letters, out = random.Random(14), string.ascii_letters, io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        for name in template.namelist():
            if name != "word/document.xml":
                z.writestr(name, template.read(name))
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                    b'wordprocessingml/2006/main"><w:body>')
            written = 0
            while written < unpacked_mib * 1024 * 1024:
                chunk = "".join(f"<w:p><w:r><w:t>{rnd.choice(letters)}{rnd.choice(letters)}</w:t></w:r></w:p>"
                                for _ in range(10_000)).encode()
                f.write(chunk)
                written += len(chunk)
            f.write(b"</w:body></w:document>")
    return out.getvalue()


def slow_pdf() -> bytes:
    """A valid 0.9 MB PDF of 3,000 pages with a line each: a few seconds of pypdf for 65,000 characters."""
    return text_pdf("\n".join(f"Python developer {i}" for i in range(3_000)), lines_per_page=1)


@pytest.fixture(scope="module")
def live_api(database_url: str, livekit: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A real uvicorn process: Litestar's test client runs the app synchronously, so a stalled event loop could not
    be told from a slow request in-process."""
    tmp = tmp_path_factory.mktemp("guarded-parse")
    with run_api(api_env(database_url, livekit, tmp), log=tmp / "uvicorn.log") as base:
        port = urlsplit(base).port
        server = next(p for p in psutil.process_iter(["cmdline"])
                      if "uvicorn" in " ".join(p.info["cmdline"] or []) and str(port) in (p.info["cmdline"] or []))
        yield base, server.pid


def _reset_peak_rss(pid: int) -> None:
    Path(f"/proc/{pid}/clear_refs").write_text("5")  # resets VmHWM, the peak resident size


def _peak_rss_mib(pid: int) -> float:
    line = next(x for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith("VmHWM"))
    return int(line.split()[1]) / 1024


async def _while_pinging(http: httpx.AsyncClient, work: Awaitable[httpx.Response]) -> tuple[httpx.Response, float]:
    """The work's response, and the slowest answer to a ping (on its own connection) meanwhile."""
    worst = 0.0
    task = asyncio.ensure_future(work)
    async with httpx.AsyncClient(base_url=http.base_url, timeout=60) as pinger:
        while not task.done():
            started = time.monotonic()
            assert (await pinger.get(PING)).status_code == 200
            worst = max(worst, time.monotonic() - started)
            await asyncio.sleep(0.05)
    return await task, worst


def _file(name: str, content: bytes) -> dict:
    return {"cv": (name, content, "application/octet-stream")}


async def _candidate(http: httpx.AsyncClient, sub: str) -> dict[str, str]:
    return (await dev_user(http, sub, "CANDIDATE")).headers


async def test_bombs_are_refused_without_the_api_paying_for_them(live_api) -> None:
    base, pid = live_api
    bomb, heavy = docx_bomb(), docx_within_the_guards()
    assert len(bomb) < 1024 * 1024 and len(heavy) < 5 * 1024 * 1024
    async with httpx.AsyncClient(base_url=base, timeout=120) as http:
        candidate = await _candidate(http, "cand-bomb")
        job = await create_job(http, await dev_user(http, "rec-bomb", "RECRUITER", "Bomb Inc"))
        _reset_peak_rss(pid)
        before = _peak_rss_mib(pid)
        started = time.monotonic()
        r = await http.post(ANALYSES, files=_file("cv.docx", bomb), headers=candidate)
        assert r.status_code == 422 and r.json()["extra"]["code"] == "zip_bomb", r.text
        r = await apply(http, job["id"], content=bomb, filename="cv.docx")
        assert r.status_code == 400 and "zip bomb" in r.json()["detail"], r.text
        r, worst = await _while_pinging(http, http.post(ANALYSES, files=_file("cv.docx", heavy), headers=candidate))
        assert r.status_code == 422 and r.json()["extra"]["code"] == "out_of_memory", r.text
        assert "384 MB" in r.json()["detail"]
        assert time.monotonic() - started < 30
        assert worst < 0.5, f"a ping took {worst:.2f}s"
        grown = _peak_rss_mib(pid) - before
        assert grown < 100, f"the API process grew by {grown:.0f} MiB"


async def test_parsing_never_blocks_the_event_loop(live_api) -> None:
    base, _ = live_api
    async with httpx.AsyncClient(base_url=base, timeout=120) as http:
        candidate = await _candidate(http, "cand-slow")
        started = time.monotonic()
        r, worst = await _while_pinging(http, http.post(ANALYSES, files=_file("cv.pdf", slow_pdf()), headers=candidate))
        assert r.status_code == 201, r.text
        assert time.monotonic() - started > 1, "the file is slow enough to tell"
        assert worst < 0.5, f"a ping took {worst:.2f}s while a CV was parsed"


async def test_a_file_past_the_deadline_is_refused_on_every_upload_path(database_url, livekit, tmp_path,
                                                                          db_sessionmaker) -> None:
    app = create_app(make_settings(database_url, livekit, tmp_path, cv_parse_timeout_seconds=1.0))
    async with AsyncTestClient(app, base_url="http://testserver.local") as client:
        candidate = await dev_user(client, "cand-deadline", "CANDIDATE")
        recruiter = await dev_user(client, "rec-deadline", "RECRUITER", "Deadline Inc")
        job = await create_job(client, recruiter)
        pdf = slow_pdf()
        started = time.monotonic()
        r = await client.post(ANALYSES, files=_file("cv.pdf", pdf), headers=candidate.headers)
        assert r.status_code == 422 and r.json()["extra"]["code"] == "too_complex", r.text
        r = await apply(client, job["id"], content=pdf, filename="cv.pdf", headers=candidate.headers)
        assert r.status_code == 422 and r.json()["extra"]["code"] == "too_complex", r.text
        assert time.monotonic() - started < 8
        # the killed parser is replaced: the next file is read as usual
        r = await apply(client, job["id"], content=docx_bytes("Jane Doe\nExperience\nPython at Acme, 2019-2024.\n"
                                                               "Skills\nPython, PostgreSQL, Docker, Kubernetes"),
                        filename="cv.docx")
        assert r.status_code == 201, r.text


@pytest.mark.parametrize("name", ["cv.docx", "cv.pdf", "cv.txt"])
async def test_an_application_keeps_the_guarded_parse(api, db_sessionmaker, name: str) -> None:
    """The text stored with an application comes from the guarded parser (so screening need not parse the file
    again), for every format."""
    from sqlalchemy import select

    from db.models import Candidate

    text = "Jane Doe\nExperience\nBackend developer at Acme, 2019-2024: Python, PostgreSQL, Docker.\nEducation\nBSc"
    content = {"cv.docx": docx_bytes(text), "cv.pdf": text_pdf(text), "cv.txt": text.encode()}[name]
    recruiter = await dev_user(api, "rec-parse", "RECRUITER", "Parse Inc")
    job = await create_job(api, recruiter)
    r = await apply(api, job["id"], content=content, filename=name)
    assert r.status_code == 201, r.text
    async with db_sessionmaker() as s:
        stored = (await s.scalars(select(Candidate))).one()
    assert "Backend developer at Acme" in stored.cv_text and len(stored.cv_content_hash or "") == 64
