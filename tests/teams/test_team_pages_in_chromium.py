"""The invitation link and the company switcher in a real browser: the link survives signing in, accepting joins
the company, and a recruiter in two companies switches between them from the top bar."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.api.conftest import create_job, dev_user
from tests.api.server import api_env, run_api
from tests.web.conftest import CHROMIUM
from tests.web.signin import sign_in

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def site(database_url: str, livekit: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    tmp = tmp_path_factory.mktemp("team-pages")
    with run_api(api_env(database_url, livekit, tmp), log=tmp / "uvicorn.log") as base:
        yield base


async def test_invitation_link_and_company_switcher(site: str, artifacts_dir, db_sessionmaker) -> None:
    from playwright.async_api import async_playwright

    async with httpx.AsyncClient(base_url=site, timeout=30) as http:
        owner = await dev_user(http, "dev|page-owner", "RECRUITER", "Page Corp")
        joiner = await dev_user(http, "dev|joiner", "RECRUITER", "Joiner Own Co", email="joiner@example.test")
        await create_job(http, owner, title="Page Corp job")
        await create_job(http, joiner, title="Own job")
        r = await http.post("/api/teams/v1/invitations", json={"email": "joiner@example.test"}, headers=owner.headers)
        assert r.status_code == 201, r.text
        link = r.json()["accept_url"]
    token = joiner.headers["Authorization"][7:]

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = await (await browser.new_context(viewport={"width": 1280, "height": 800})).new_page()
        await page.goto(link)  # signed out: off to sign in, the invitation kept in the tab
        await page.wait_for_url("**/recruiter/login?next=*", timeout=20_000)
        await page.fill("#token", token)
        await page.click("#token-form button[type=submit]")
        await page.wait_for_url("**/recruiter/invitation", timeout=20_000)
        assert "#invite=" not in page.url
        await page.click("#accept")
        await page.wait_for_selector("text=You joined Page Corp.", timeout=10_000)

        await sign_in(page, site, "/recruiter", token)
        switch = page.locator("#company-switch")
        await switch.wait_for(timeout=10_000)
        assert sorted(await switch.locator("option").all_inner_texts()) == [
            "Joiner Own Co (owner)", "Page Corp (recruiter)"]
        await page.wait_for_selector("#job-table >> text=Page Corp job", timeout=10_000)
        assert await page.locator("#job-table >> text=Own job").count() == 0
        await page.screenshot(path=str(artifacts_dir / "company-switcher.png"))
        await switch.select_option(label="Joiner Own Co (owner)")
        await page.wait_for_selector("#job-table >> text=Own job", timeout=10_000)
        assert await page.locator("#job-table >> text=Page Corp job").count() == 0
        await browser.close()
