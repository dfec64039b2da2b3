"""The candidate's side in a real Chromium (Debian's, driven by Playwright), on a phone-sized screen (390x844) and
on a desktop: sign in with the dev issuer, choose the role, analyse a DOCX CV against a job, rewrite it and download
the DOCX (opened with python-docx), chat with the coach against an OpenAI-compatible server run here, start a
practice interview with the interviewer worker and see one's own live feedback, then its report. Every page passes
axe-core with nothing serious or critical, fits the screen, is usable with the keyboard, and is photographed."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from docx import Document
from PIL import Image

from tests.agent.fake_openai import FakeOpenAI
from tests.api.server import api_env, run_api
from tests.screening.files import docx_bytes, scanned_pdf
from tests.web.candidate_checks import check_page
from tests.web.conftest import WEB_AGENT

pytestmark = [pytest.mark.browser, pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

PHONE = {"width": 390, "height": 844}
CV = """Sam Rivera
sam.rivera@example.test
+44 20 7946 0123

Summary
Backend developer who builds billing and payments services.

Experience
- Responsible for the invoicing service at Northwind (2019 - 2024), written in Python.
- Moved reporting queries to PostgreSQL and cut their time by 60%.

Education
BSc Computer Science, University of Leeds, 2018

Skills
Python, SQL, PostgreSQL, Docker
"""
JOB = ("Senior Python engineer. You will design REST APIs in Python with PostgreSQL, run them on Kubernetes, "
       "and mentor the team. Experience with Kafka and Terraform is a plus.")


def llm_reply(messages: list[dict[str, Any]]) -> str:
    """A CV writer that keeps the facts (Markdown, as the real prompt asks), and a coach that answers the question."""
    last = messages[-1]["content"]
    if "CV to rewrite:" in last:
        lines = [ln.strip() for ln in last.split("CV to rewrite:", 1)[1].strip().splitlines()]
        out = [f"# {lines[0]}"]
        for ln in lines[1:]:
            if ln in ("Summary", "Experience", "Education", "Skills"):
                out += ["", f"## {ln}"]
            elif ln:
                out.append(ln.replace("Responsible for", "Led").replace("Backend developer", "**Backend engineer**"))
        return "\n".join(out)
    return (f"Good question about '{last[:40]}'. Prepare three short stories, each with the situation, what you did "
            "and the result, and practise telling each in under two minutes.")


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def candidate_site(web_worker: None, database_url: str, livekit, artifacts_dir: Path, tmp_path_factory
                         ) -> AsyncIterator[str]:
    llm = FakeOpenAI(reply=llm_reply, word_delay_s=0.06)
    await llm.start()
    env = api_env(database_url, livekit, tmp_path_factory.mktemp("candidate-web"), QUEUE_WORKER="1",
                  LIFECYCLE_TICK_SECONDS="2", AGENT_NAME=WEB_AGENT, OPENAI_BASE_URL=llm.base_url,
                  LLM_MODEL="fake-coach", PRINCIPAL_CACHE_SECONDS="0")
    env.pop("OPENAI_API_KEY", None)
    try:
        with run_api(env, log=artifacts_dir / "candidate-web-api.log") as base:
            yield base
    finally:
        await llm.stop()


async def tab_to(page: Any, selector: str, limit: int = 60) -> None:
    """Press Tab until the element is focused, as a keyboard user would."""
    for _ in range(limit):
        await page.keyboard.press("Tab")
        if await page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


async def test_candidate_pages(candidate_site: str, chromium, web_artifacts: Path, tmp_path: Path) -> None:
    site = candidate_site
    shots = web_artifacts / "candidate"
    shots.mkdir(exist_ok=True)
    ctx = await chromium.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                     accept_downloads=True)
    page = await ctx.new_page()

    # sign in with the dev issuer: a first sign-in lands on the role choice
    await page.goto(f"{site}/sign-in")
    await check_page(page, shots, "phone-sign-in")
    await page.fill("#dev-name", "Sam Rivera")
    await page.fill("#dev-email", "sam.rivera@example.test")
    await page.press("#dev-email", "Enter")
    await page.wait_for_url("**/onboarding/role", timeout=20_000)
    await page.wait_for_function("document.body.dataset.ready === '1'", timeout=20_000)
    assert "Sam Rivera" in await page.inner_text("h1")
    await check_page(page, shots, "phone-onboarding-role")
    # keyboard only: to the first choice, Space picks it, Enter continues
    await page.evaluate("window.scrollTo(0, 0); document.body.focus()")
    await tab_to(page, "input[value=CANDIDATE]")
    await page.keyboard.press("Space")
    await tab_to(page, "#role-form button[type=submit]")
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/candidate", timeout=20_000)
    await page.wait_for_function("document.body.dataset.loaded === '1'", timeout=20_000)
    assert "0 of 3 practice interviews used" in await page.inner_text("#plan-text")
    await check_page(page, shots, "phone-home-empty")
    token = await page.evaluate("localStorage.getItem('interviewly.token')")
    auth = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=site, timeout=30) as api:
        me = (await api.get("/api/auth/me", headers=auth)).json()
        assert me["role"] == "CANDIDATE" and me["email"] == "sam.rivera@example.test"
        # the role is chosen once: the choice page sends them home
        await page.goto(f"{site}/onboarding/role")
        await page.wait_for_url("**/candidate", timeout=20_000)

        await analyse(page, site, shots, tmp_path)
        await rewrite(page, site, shots)
        await coach(page, site, shots)
        await practice(page, site, shots, api, auth)
        await plan_limit(page, site, api, auth)

    await on_a_desktop(chromium, site, token, shots)
    await ctx.close()


async def on_a_desktop(chromium, site: str, token: str, shots: Path) -> None:
    """The same pages on a desktop screen, and the app is installable."""
    desk = await chromium.new_context(viewport={"width": 1280, "height": 900})
    dpage = await desk.new_page()
    await dpage.goto(f"{site}/sign-in")
    await dpage.evaluate("(t) => localStorage.setItem('interviewly.token', t)", token)
    for path, ready, name in [
        ("/candidate", "document.body.dataset.loaded === '1'", "home"),
        ("/candidate/cv/analyze", "true", "cv-analyzer"),
        ("/candidate/cv/rewrite", "true", "cv-rewriter"),
        ("/candidate/coach", "document.body.dataset.history === '2'", "coach"),
        ("/candidate/practice", "document.body.dataset.loaded === '1'", "practice"),
    ]:
        await dpage.goto(f"{site}{path}")
        await dpage.wait_for_function(ready, timeout=20_000)
        await check_page(dpage, shots, f"desktop-{name}")
    await installable(dpage, site, desk)
    await desk.close()


async def analyse(page: Any, site: str, shots: Path, tmp_path: Path) -> None:
    await page.click("nav a[href='/candidate/cv/analyze']")
    await page.wait_for_url("**/candidate/cv/analyze")
    await check_page(page, shots, "phone-cv-analyzer")
    # an unreadable file: the parser's own words
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scanned_pdf())
    await page.set_input_files("#cv-file", str(scan))
    await page.click("#analyze")
    await page.wait_for_selector("#message.error", timeout=30_000)
    assert "scan" in (await page.inner_text("#message")).lower()
    # a DOCX CV against a job
    cv = tmp_path / "sam-rivera.docx"
    cv.write_bytes(docx_bytes(CV))
    await page.set_input_files("#cv-file", str(cv))
    await page.fill("#target-jd", JOB)
    await page.click("#analyze")
    await page.wait_for_function("document.body.dataset.analysed", timeout=60_000)
    score = int(await page.inner_text("#ats-score"))
    assert 0 < score <= 100
    found = await page.locator("#keywords-found .chip").all_inner_texts()
    missing = await page.locator("#keywords-missing .chip").all_inner_texts()
    assert any("python" in k.lower() for k in found) and any("kubernetes" in k.lower() for k in missing)
    summary = await page.inner_text("#keyword-summary")
    assert f"{len(found)} of {len(found) + len(missing)} keywords" in summary  # the chart says it in words too
    assert await page.get_attribute("#coverage-bar", "aria-label") == summary
    assert await page.locator("#score-parts li").count() >= 4
    assert await page.is_hidden("#message")
    await check_page(page, shots, "phone-cv-analysis")


async def rewrite(page: Any, site: str, shots: Path) -> None:
    await page.goto(f"{site}/candidate/cv/rewrite")
    await page.fill("#cv-text", CV)
    # keyboard: the style group is one stop; the arrow key moves from Modern to Minimal
    await page.focus("input[value=MODERN]")
    await page.keyboard.press("ArrowDown")
    assert await page.is_checked("input[value=MINIMAL]")
    await page.keyboard.press("ArrowUp")
    assert await page.is_checked("input[value=MODERN]")
    await page.click("#rewrite")
    await page.wait_for_function("document.body.dataset.rewrite", timeout=60_000)
    assert await page.inner_text("#result-style") == "Modern"
    inserted = await page.locator("#rewritten ins").all_inner_texts()
    removed = await page.locator("#original del").all_inner_texts()
    assert any("Led" in t for t in inserted) and any("Responsible" in t for t in removed)
    await check_page(page, shots, "phone-cv-rewrite")
    async with page.expect_download() as info:
        await page.click("#download-docx")
    download = await info.value
    assert download.suggested_filename == "cv-modern.docx"
    doc = Document(io.BytesIO(await asyncio.to_thread(Path(await download.path()).read_bytes)))
    texts = [p.text for p in doc.paragraphs]
    assert "Sam Rivera" in texts and "Experience" in texts
    assert any(t.startswith("Led the invoicing service") for t in texts)
    async with page.expect_download() as info:
        await page.click("#download-txt")
    text = await asyncio.to_thread(Path(await (await info.value).path()).read_text)
    assert "EXPERIENCE" in text and "**" not in text and "#" not in text


async def coach(page: Any, site: str, shots: Path) -> None:
    await page.goto(f"{site}/candidate/coach")
    await page.wait_for_function("document.body.dataset.history === '0'", timeout=20_000)
    # record how the answer grows: it must be seen part-written before it is complete
    await page.evaluate("""() => {
        window.answerLengths = [];
        new MutationObserver(() => {
            const a = document.querySelector('.msg.assistant .text');
            if (a) window.answerLengths.push(a.textContent.length);
        }).observe(document.querySelector('#chat'), { subtree: true, childList: true, characterData: true });
    }""")
    await page.fill("#chat-input", "How should I prepare for a behavioural interview?")
    await page.press("#chat-input", "Enter")  # Enter sends
    await page.wait_for_function("document.body.dataset.answers === '1'", timeout=60_000)
    answer = await page.inner_text(".msg.assistant .text")
    assert answer.startswith("Good question about 'How should I prepare for a behavioura")
    lengths = await page.evaluate("window.answerLengths")
    assert len({n for n in lengths if 0 < n < len(answer)}) >= 5, "the answer should stream in as it is written"
    assert answer in await page.inner_text("#coach-status")  # read out once, whole, to screen readers
    await check_page(page, shots, "phone-coach")
    # kept server-side: a new visit shows the conversation
    await page.reload()
    await page.wait_for_function("document.body.dataset.history === '2'", timeout=20_000)
    assert await page.locator(".msg.user").count() == 1 and await page.locator(".msg.assistant").count() == 1


async def practice(page: Any, site: str, shots: Path, api: httpx.AsyncClient, auth: dict) -> None:
    await page.goto(f"{site}/candidate/practice")
    await page.wait_for_function("document.body.dataset.loaded === '1'", timeout=20_000)
    assert "3 of 3 practice interviews left" in await page.inner_text("#plan-text")
    await check_page(page, shots, "phone-practice")
    await page.fill("#target-role", "Backend engineer")
    await page.click("#start")
    await page.wait_for_url("**/interview/*", timeout=20_000)
    await page.wait_for_selector("#device-status.ok", timeout=20_000)
    await check_page(page, shots, "phone-practice-setup")
    await page.check("#consent")
    if await page.locator("#consent-video-analysis").count():
        await page.check("#consent-video-analysis")  # opt-in: eye contact is measured only when agreed
    await page.click("#join")
    await page.wait_for_function("document.body.dataset.state === 'in-room'", timeout=30_000)
    await page.evaluate("""() => {
        window.topics = [];
        window.interviewlyCandidate.room.on('dataReceived', (payload, p, kind, topic) => window.topics.push(topic));
    }""")
    # the candidate's own delivery, live: the panel appears and keeps updating, in words
    await page.wait_for_selector("#live-feedback", state="visible", timeout=90_000)
    first = int(await page.evaluate("document.body.dataset.selfFeedback"))
    await page.wait_for_function(f"Number(document.body.dataset.selfFeedback) >= {first + 3}", timeout=30_000)
    await page.wait_for_function("/words a minute/.test(document.querySelector('#fb-pace').textContent)",
                                 timeout=90_000)
    pace, pauses, eyes = [await page.inner_text(s) for s in ("#fb-pace", "#fb-pauses", "#fb-eyes")]
    assert "words a minute" in pace and ("pause" in pauses.lower())
    assert "%" in eyes or "not in view" in eyes or "Not measured" in eyes
    assert await page.locator("#fb-pace-bar").get_attribute("style")
    topics = set(await page.evaluate("window.topics"))
    assert topics == {"interviewly.self"}, f"a practising candidate gets their own feedback only, got {topics}"
    await check_page(page, shots, "phone-practice-live-feedback", keyboard=False)
    practices = (await api.get("/api/candidate/v1/mock-interviews", headers=auth)).json()
    session_id = practices[0]["id"]
    await page.click("#leave")
    await page.wait_for_function("document.body.dataset.state === 'ended'", timeout=20_000)

    async def with_feedback() -> bool:
        p = (await api.get(f"/api/candidate/v1/mock-interviews/{session_id}", headers=auth)).json()
        return p["feedback"] is not None

    for _ in range(60):
        if await with_feedback():
            break
        await asyncio.sleep(2)
    else:
        raise AssertionError("the practice interview's feedback never came")
    await page.goto(f"{site}/candidate/practice/{session_id}")
    await page.wait_for_function("document.body.dataset.report === 'ready'", timeout=30_000)
    assert await page.inner_text("#title") == "Your practice interview"
    assert await page.locator("#feedback-form").count() == 0  # the hiring team's feedback form is not here
    await check_page(page, shots, "phone-practice-report")
    await page.goto(f"{site}/candidate")
    await page.wait_for_function("document.body.dataset.loaded === '1'", timeout=20_000)
    assert "Report: Backend engineer" in await page.inner_text("#practices")
    assert "1 of 3 practice interviews used" in await page.inner_text("#plan-text")
    await check_page(page, shots, "phone-home")


async def plan_limit(page: Any, site: str, api: httpx.AsyncClient, auth: dict) -> None:
    for _ in range(2):  # the rest of the month's FREE practice interviews
        r = await api.post("/api/candidate/v1/mock-interviews", json={"target_role": "Analyst"}, headers=auth)
        assert r.status_code == 201, r.text
    await page.goto(f"{site}/candidate/practice")
    await page.wait_for_function("document.body.dataset.loaded === '1'", timeout=20_000)
    assert "0 of 3 practice interviews left" in await page.inner_text("#plan-text")
    await page.fill("#target-role", "Backend engineer")
    await page.click("#start")
    await page.wait_for_function("document.body.dataset.limit === 'reached'", timeout=20_000)
    words = await page.inner_text("#message")
    assert "used all 3 practice interviews of your FREE plan" in words and "You can start another on" in words


async def installable(page: Any, site: str, ctx: Any) -> None:
    """A web app manifest with real icons, and a service worker that serves the shell offline."""
    manifest = await page.evaluate("fetch('/manifest.webmanifest').then((r) => r.json())")
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/sign-in"
    async with httpx.AsyncClient(base_url=site) as http:
        for icon in manifest["icons"]:
            r = await http.get(icon["src"])
            size = int(icon["sizes"].split("x")[0])
            assert r.status_code == 200 and Image.open(io.BytesIO(r.content)).size == (size, size)
    assert {192, 512} <= {int(i["sizes"].split("x")[0]) for i in manifest["icons"]}
    script = await page.evaluate("navigator.serviceWorker.ready.then((r) => r.active.scriptURL)")
    assert script.endswith("/sw.js")
    await page.reload()  # now controlled by the worker
    await page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=20_000)
    await ctx.set_offline(True)
    try:
        await page.goto(f"{site}/candidate/coach")
        assert "You are offline" in await page.inner_text("h1")
    finally:
        await ctx.set_offline(False)


async def test_without_an_llm_the_pages_name_the_setting(web_stack: str, chromium, web_artifacts: Path) -> None:
    """The web bed's API has no LLM: the coach and the rewriter say which setting to set before anyone types."""
    async with httpx.AsyncClient(base_url=web_stack, timeout=30) as api:
        r = await api.post("/api/auth/dev/token", json={"sub": "dev|no-llm", "email": "no-llm@example.test",
                                                         "name": "No LLM", "role": "CANDIDATE"})
        token = r.json()["token"]
    ctx = await chromium.new_context(viewport=PHONE)
    page = await ctx.new_page()
    await page.goto(f"{web_stack}/sign-in")
    await page.evaluate("(t) => localStorage.setItem('interviewly.token', t)", token)
    for path in ("/candidate/coach", "/candidate/cv/rewrite"):
        await page.goto(f"{web_stack}{path}")
        await page.wait_for_function("document.body.dataset.llm === 'missing'", timeout=20_000)
        message = await page.inner_text("#message")
        assert "OPENAI_API_KEY" in message and "OPENAI_BASE_URL" in message
    await check_page(page, web_artifacts / "candidate", "phone-rewriter-without-llm")
    await ctx.close()
