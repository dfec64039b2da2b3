"""No join code, token or CV text in any log line (issue 14, finding 7).

A dedicated run: a real uvicorn with every log on (ours at DEBUG with the access log, and uvicorn's own access
log), driven through everything that handles a capability or a CV: applying, booking, the join page and link, the
join-code token (with and without a stray Authorization header), the CV analyzer, bad tokens, a refused commit.
Then its log, the session's livekit-server log and every log the suite left in .artifacts are scanned for the
codes, tokens and CV text it used, and for any JWT or join-code path at all.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.conftest import create_job, dev_user, in_minutes
from tests.api.server import api_env, run_api
from tests.api.test_external_effects import refuse_commits  # noqa: F401 - the fixture
from tests.conftest import ARTIFACTS, LIVEKIT_LOG
from tests.consent import join_body

JWT = re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")
CODE_PATH = re.compile(r"/interview(?:-links)?/(?!<code>)[A-Za-z0-9_-]{16,}")


async def _exercise(base: str, marker: str, refuse: Any) -> set[str]:
    """Drives the API; returns every secret it saw (codes, tokens, CV text)."""
    secrets: set[str] = {marker}
    cv = f"Jane Doe {marker}\nExperience\nBackend developer at Acme, 2019-2024: Python, PostgreSQL.\nSkills\nPython"
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        recruiter = await dev_user(http, f"rec-logs-{marker}", "RECRUITER", "Logs Inc")
        candidate = await dev_user(http, f"cand-logs-{marker}", "CANDIDATE")
        secrets |= {recruiter.headers["Authorization"][7:], candidate.headers["Authorization"][7:]}
        job = await create_job(http, recruiter)
        r = await http.post(f"/api/ats/v1/jobs/{job['id']}/apply", headers=candidate.headers,
                            data={"full_name": "Jane Doe", "email": f"{marker}@example.test"},
                            files={"cv": ("cv.txt", cv.encode(), "text/plain")})
        assert r.status_code == 201, r.text
        booked = await http.post(f"/api/ats/v1/applications/{r.json()['application_id']}/interviews",
                                 headers=recruiter.headers,
                                 json={"kind": "AI", "scheduled_at": in_minutes(1), "duration_minutes": 30})
        assert booked.status_code == 201, booked.text
        code = booked.json()["join_url"].rsplit("/", 1)[1]
        secrets.add(code)
        assert (await http.get(f"/interview/{code}")).status_code == 200
        assert (await http.get(f"/interview/{code}", params={"token": recruiter.headers["Authorization"][7:]})
                ).status_code == 200
        assert (await http.get(f"/api/interview-links/{code}")).status_code == 200
        for headers in ({}, {"Authorization": "x"}, {"Authorization": f"Bearer {code}"}):
            r = await http.post("/api/livekit/token", json=join_body(code), headers=headers)
            assert r.status_code == 200, r.text
            secrets.add(r.json()["token"])
        assert (await http.post("/api/livekit/token", json=join_body(code[::-1]))).status_code == 404
        r = await http.post("/api/candidate/v1/cv/analyses", headers=candidate.headers, files={"cv_text": (None, cv)})
        assert r.status_code == 201, r.text
        r = await http.post("/api/candidate/v1/cv/analyses", headers=candidate.headers,
                            files={"cv": ("cv.pdf", b"%PDF-1.4 " + cv.encode() + b"\n%%EOF", "application/pdf")})
        assert r.status_code == 422, r.text
        forged = recruiter.headers["Authorization"][:-6] + "AAAAAA"
        assert (await http.get("/api/auth/me", headers={"Authorization": forged})).status_code == 401
        await refuse("candidates", at_commit=False)  # an error path: the INSERT of the CV's row fails
        r = await http.post(f"/api/ats/v1/jobs/{job['id']}/apply",
                            data={"full_name": "John Doe", "email": f"john-{marker}@example.test"},
                            files={"cv": ("cv.txt", cv.replace("Jane", "John").encode(), "text/plain")})
        assert r.status_code == 503, r.text
    return secrets


def _log_files() -> list[Path]:
    return [p for p in ARTIFACTS.rglob("*.log") if p.is_file()] + ([LIVEKIT_LOG] if LIVEKIT_LOG.exists() else [])


@pytest.mark.timeout(300)
async def test_no_capability_or_cv_text_reaches_a_log(database_url, livekit, tmp_path, refuse_commits) -> None:  # noqa: F811
    log = tmp_path / "uvicorn.log"
    env = api_env(database_url, livekit, tmp_path, ACCESS_LOG="1", LOG_LEVEL="DEBUG")
    marker = f"ZEBRA{uuid.uuid4().hex[:10]}"
    with run_api(env, log=log, uvicorn_access_log=True) as base:
        secrets = await _exercise(base, marker, refuse_commits)
    text = log.read_text(errors="replace")
    # the run did log what it did: the join page and the token endpoint, in both access logs, and the refused commit
    assert '"path": "/interview/<code>"' in text and "GET /interview/<code>" in text, text[-3000:]
    assert "POST /api/livekit/token" in text and "application not saved" in text
    assert "SQL parameters hidden" in text, "the failed INSERT of the CV's row is logged, without its values"
    leaks = {secret[:12] + "…" for secret in secrets if secret in text}
    assert not leaks, f"in the API's log: {leaks}"
    assert not JWT.search(text) and not CODE_PATH.search(text), (JWT.search(text), CODE_PATH.search(text))
    for path in _log_files():
        other = path.read_text(errors="replace")
        assert not {s[:12] for s in secrets if s in other}, f"a secret of this run is in {path}"
        assert not JWT.search(other), f"a token is in {path}: {JWT.search(other)}"
        assert not CODE_PATH.search(other), f"a join code is in {path}: {CODE_PATH.search(other)}"
