"""The recruiter's shell pages are served by one handler over a path -> template table (api/web/controllers.py):
each path still gets its own template with its own ids, and a malformed id is still a 404."""

from __future__ import annotations

import re
import uuid

import pytest

pytestmark = pytest.mark.asyncio(loop_scope="session")

ID = str(uuid.uuid4())
PAGES = {
    "/recruiter": ("Recruiter · Interviewly", None),
    "/recruiter/invitation": ("Join a team · Interviewly", None),
    "/recruiter/analytics": ("Pipeline dashboard · Interviewly", None),
    f"/recruiter/jobs/{ID}": ("Pipeline · Interviewly", f'window.JOB_ID = "{ID}"'),
    f"/recruiter/jobs/{ID}/compare": ("Compare candidates · Interviewly", f'window.JOB_ID = "{ID}"'),
    f"/recruiter/interviews/{ID}": ("Live interview · Interviewly", f'window.INTERVIEW_ID = "{ID}"'),
    f"/recruiter/interviews/{ID}/report": ("Interview report · Interviewly", f'window.INTERVIEW_ID = "{ID}"'),
}


@pytest.mark.parametrize("path", list(PAGES))
async def test_each_shell_page_gets_its_template_and_ids(api, path: str) -> None:
    title, id_mark = PAGES[path]
    r = await api.get(path)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert re.search(r"<title>(.*?)</title>", r.text).group(1) == title
    if id_mark is not None:
        assert id_mark in r.text


@pytest.mark.parametrize("path", ["/recruiter/jobs/not-a-uuid", "/recruiter/interviews/42/report"])
async def test_a_malformed_id_is_not_found(api, path: str) -> None:
    assert (await api.get(path)).status_code == 404
