"""The pipeline page in real Chromium marks a screening score made by an older scoring method (being re-scored in
the background, so it may not compare with the cards around it), and only that one."""

from __future__ import annotations

import asyncio
import time
import uuid

import httpx
import pytest
import sqlalchemy as sa

from api.screening.tasks import sweep_seconds
from db.models import Screening
from tests.api.conftest import apply, create_job, dev_user
from tests.web.signin import sign_in

pytestmark = [pytest.mark.browser]

CV = (b"Backend engineer\n\nExperience\nBackend Engineer, Acme (2019-2024): built billing services in Python and "
      b"PostgreSQL, tuned slow queries with indexes, ran the team's code reviews.\n\nSkills\nPython, PostgreSQL\n")


async def _screening(api: httpx.AsyncClient, headers: dict[str, str], application_id: str) -> dict:
    """The stored screening, once the web test bed's queue worker has made it."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        r = await api.get(f"/api/ats/v1/applications/{application_id}/screening", headers=headers)
        if r.status_code == 200:
            return r.json()
        await asyncio.sleep(0.5)
    raise AssertionError(f"{application_id} not screened within 60 s: {r.status_code} {r.text}")


async def _clear_of_the_sweep() -> None:
    """The queue's periodic sweep re-scores stale screenings on the wall clock's period: start well before it."""
    period = sweep_seconds()
    if period and period - time.time() % period < 30:
        await asyncio.sleep(period - time.time() % period + 5)


async def test_a_stale_score_says_so(web_stack: str, chromium, db_sessionmaker) -> None:
    async with httpx.AsyncClient(base_url=web_stack, timeout=30) as api:
        recruiter = await dev_user(api, "dev|stale-recruiter", "RECRUITER", "Stale Corp")
        job = await create_job(api, recruiter)
        ids = {name: (await apply(api, job["id"], full_name=name, email=f"{name.split()[0].lower()}@example.test",
                                  content=CV, filename="cv.txt")
                      ).json()["application_id"] for name in ("Current Score", "Older Method", "Before Methods")}
        scores = {name: (await _screening(api, recruiter.headers, a))["score"] for name, a in ids.items()}
        assert all(score > 0 for score in scores.values()), scores  # read and scored
        await _clear_of_the_sweep()
        async with db_sessionmaker() as session, session.begin():  # as an upgrade leaves rows scored before it
            for name, method in (("Older Method", "all-MiniLM-L6-v2/profile-1/score-0"), ("Before Methods", None)):
                await session.execute(sa.update(Screening).where(Screening.application_id == uuid.UUID(ids[name]))
                                      .values(scoring_method=method))
        token = recruiter.headers["Authorization"].split(" ", 1)[1]

        ctx = await chromium.new_context(viewport={"width": 1300, "height": 900})
        page = await ctx.new_page()
        await sign_in(page, web_stack, f"/recruiter/jobs/{job['id']}", token)
        await page.wait_for_function("document.body.dataset.pipeline === 'ready'", timeout=20_000)
        card = {name: f".app-card[data-application='{a}']" for name, a in ids.items()}
        marks = {name: await page.get_attribute(selector, "data-stale") for name, selector in card.items()}
        assert marks == {"Current Score": "no", "Older Method": "yes", "Before Methods": "yes"}, marks
        said = await page.inner_text(card["Older Method"])
        assert f"{scores['Older Method']:.0f}" in said and "re-scoring" in said, said
        assert "re-scoring" not in await page.inner_text(card["Current Score"])
        await ctx.close()
