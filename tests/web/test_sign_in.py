"""The web sign-in in a real browser (issue 14, finding 8): `next` goes only to a path of this site, and a token in
a URL fragment signs the browser in only as the answer to a sign-in this browser started (a state it keeps), never
from a link someone sent.

The identity provider behind SIGN_IN_URL is played by Chromium's request interception: it answers its sign-in page
with the redirect back that a provider (or a bridge in front of Clerk) sends.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import pytest_asyncio

from tests.api.conftest import dev_user
from tests.api.server import api_env, run_api
from tests.web.conftest import CHROMIUM

pytestmark = [pytest.mark.browser]
PROVIDER = "https://idp.example/sign-in"


@pytest.fixture(scope="module")
def site(database_url: str, livekit: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    tmp = tmp_path_factory.mktemp("sign-in")
    with run_api(api_env(database_url, livekit, tmp, SIGN_IN_URL=PROVIDER), log=tmp / "uvicorn.log") as base:
        yield base


@pytest_asyncio.fixture(loop_scope="session")
async def browser() -> AsyncIterator:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        chromium = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        await chromium.close()


async def _token(site: str, sub: str) -> str:
    async with httpx.AsyncClient(base_url=site, timeout=30) as http:
        return (await dev_user(http, sub, "RECRUITER", f"{sub} Inc")).headers["Authorization"][7:]


async def _stored_token(page) -> str | None:
    return await page.evaluate("localStorage.getItem('interviewly.token')")


@pytest.mark.parametrize("target", ["//evil.example/x", "/\\evil.example/x", "https://evil.example/x",
                                    "javascript:alert(1)", "/recruiter/jobs/00000000-0000-0000-0000-000000000000"])
async def test_next_is_only_a_path_of_this_site(site: str, browser, target: str) -> None:
    context = await browser.new_context()
    page = await context.new_page()
    left: list[str] = []

    async def elsewhere(route) -> None:  # any request to the other site is recorded and goes nowhere
        left.append(route.request.url)
        await route.abort()

    await context.route("**://evil.example/**", elsewhere)
    await page.goto(f"{site}/recruiter/login?" + str(httpx.QueryParams({"next": target})))
    await page.click("#dev-login")
    await page.wait_for_url(lambda url: "/login" not in url, timeout=15_000)
    assert urlsplit(page.url).netloc == urlsplit(site).netloc and not left, (page.url, left)
    expected = target if target.startswith("/recruiter/") else "/recruiter"
    assert urlsplit(page.url).path == expected
    await context.close()


async def test_a_token_in_a_link_does_not_sign_the_browser_in(site: str, browser) -> None:
    attacker = await _token(site, "dev|attacker")
    context = await browser.new_context()
    page = await context.new_page()
    # a link to any page: the token is dropped, the browser stays signed out (and is sent to sign in)
    await page.goto(f"{site}/recruiter#token={attacker}")
    await page.wait_for_url("**/recruiter/login?next=*", timeout=15_000)
    assert await _stored_token(page) is None and "token=" not in page.url
    # a link to the sign-in page itself, without a state this browser made, or with a guessed one: ignored
    for fragment in (f"token={attacker}", f"token={attacker}&state=0123456789abcdef"):
        await page.goto("about:blank")  # (a change of fragment alone would not load the page again)
        await page.goto(f"{site}/recruiter/login#{fragment}")
        await page.wait_for_selector("#message.error", timeout=10_000)
        assert await _stored_token(page) is None and "token=" not in page.url
    await context.close()


async def test_the_sign_in_flow_accepts_its_own_answer_once(site: str, browser) -> None:
    token = await _token(site, "dev|provider-user")
    context = await browser.new_context()
    page = await context.new_page()
    answers: list[str] = []

    async def provider(route) -> None:  # the identity provider: sends the person back with a session token
        query = parse_qs(urlsplit(route.request.url).query)
        answer = f"{query['redirect_url'][0]}#token={token}&state={query['state'][0]}"
        answers.append(answer)
        await route.fulfill(status=302, headers={"Location": answer})

    await context.route(f"{PROVIDER}*", provider)
    await page.goto(f"{site}/recruiter/login?next=/recruiter")
    await page.click("#provider-sign-in")
    await page.wait_for_url(f"{site}/recruiter", timeout=15_000)
    assert await _stored_token(page) == token
    # the same answer again (a replayed or leaked link) is not accepted: the state was used once
    await page.evaluate("localStorage.clear()")
    await page.goto("about:blank")
    await page.goto(answers[0])
    await page.wait_for_selector("#message.error", timeout=10_000)
    assert await _stored_token(page) is None
    await context.close()
