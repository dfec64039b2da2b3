"""The pipeline page in real Chromium shows an application's audit trail, and erases a candidate only once the
recruiter confirms: a dismissed dialog erases nothing, a confirmed one queues the erasure, follows it to the end and
shows the card as the anonymous record it leaves, while the other candidates stay as they were."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from tests.api.conftest import apply, create_job, dev_user
from tests.web.signin import sign_in

pytestmark = [pytest.mark.browser]

CV = (b"Backend engineer\n\nExperience\nBackend Engineer, Acme (2019-2024): built billing services in Python and "
      b"PostgreSQL, tuned slow queries with indexes.\n\nSkills\nPython, PostgreSQL\n")


async def _screened(api: httpx.AsyncClient, headers: dict[str, str], application_id: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if (await api.get(f"/api/ats/v1/applications/{application_id}/screening", headers=headers)).status_code == 200:
            return
        await asyncio.sleep(0.5)
    raise AssertionError(f"{application_id} not screened within 60 s")


async def test_history_and_a_confirmed_erasure_from_the_pipeline(web_stack: str, chromium) -> None:
    async with httpx.AsyncClient(base_url=web_stack, timeout=30) as api:
        recruiter = await dev_user(api, "dev|privacy-page-recruiter", "RECRUITER", "Privacy Page Corp")
        job = await create_job(api, recruiter)
        ids = {}
        for name in ("Kept Candidate", "Leaving Candidate"):
            r = await apply(api, job["id"], full_name=name, email=f"{name.split()[0].lower()}@example.test",
                            content=CV, filename="cv.txt")
            ids[name] = r.json()["application_id"]
        for a in ids.values():
            await _screened(api, recruiter.headers, a)
        moved = await api.post(f"/api/ats/v1/applications/{ids['Kept Candidate']}/status",
                               json={"status": "SCREENING"}, headers=recruiter.headers)
        assert moved.status_code in (200, 201), moved.text
        leaving = (await api.get(f"/api/ats/v1/applications/{ids['Leaving Candidate']}",
                                 headers=recruiter.headers)).json()["candidate"]["id"]
        token = recruiter.headers["Authorization"].split(" ", 1)[1]

        ctx = await chromium.new_context(viewport={"width": 1300, "height": 900})
        page = await ctx.new_page()
        await sign_in(page, web_stack, f"/recruiter/jobs/{job['id']}", token)
        await page.wait_for_function("document.body.dataset.pipeline === 'ready'", timeout=20_000)
        card = {name: f".app-card[data-application='{a}']" for name, a in ids.items()}

        # the history: who moved it, from what to what
        await page.click(f"{card['Kept Candidate']} button.history")
        await page.wait_for_selector(f"{card['Kept Candidate']} .audit-trail li[data-action='UPDATE']", timeout=10_000)
        trail = await page.inner_text(f"{card['Kept Candidate']} .audit-trail")
        assert "APPLIED → SCREENING" in trail, trail
        assert "user:" in trail, trail  # the recruiter who did it, named
        await page.click(f"{card['Kept Candidate']} button.history")
        assert await page.is_hidden(f"{card['Kept Candidate']} .audit-trail")

        # dismissed: nothing is asked of the API, nothing changes
        dialogs: list[str] = []

        async def dismiss(dialog) -> None:
            dialogs.append(dialog.message)
            await dialog.dismiss()

        page.once("dialog", dismiss)
        await page.click(f"{card['Leaving Candidate']} button.erase")
        await page.wait_for_timeout(1500)
        assert len(dialogs) == 1 and "Leaving Candidate" in dialogs[0] and "cannot be undone" in dialogs[0]
        still = await api.get(f"/api/ats/v1/applications/{ids['Leaving Candidate']}", headers=recruiter.headers)
        assert still.json()["candidate"]["full_name"] == "Leaving Candidate"

        # confirmed: queued, followed to the end, the board shows the anonymous record
        async def accept(dialog) -> None:
            dialogs.append(dialog.message)
            await dialog.accept()

        page.once("dialog", accept)
        await page.click(f"{card['Leaving Candidate']} button.erase")
        await page.wait_for_function(
            f"document.querySelector(\"{card['Leaving Candidate']}\")?.innerText.includes('Erased candidate')",
            timeout=90_000)
        assert "was erased" in await page.inner_text("#message")
        assert "Kept Candidate" in await page.inner_text(card["Kept Candidate"])
        gone = await api.get(f"/api/ats/v1/applications/{ids['Leaving Candidate']}", headers=recruiter.headers)
        assert gone.json()["candidate"]["full_name"] == "Erased candidate"
        assert gone.json()["candidate"]["id"] == leaving
        kept = await api.get(f"/api/ats/v1/applications/{ids['Kept Candidate']}", headers=recruiter.headers)
        assert kept.json()["candidate"]["full_name"] == "Kept Candidate" and kept.json()["status"] == "SCREENING"
        await ctx.close()
