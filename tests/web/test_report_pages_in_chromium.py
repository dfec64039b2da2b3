"""The report, compare, live-history and pipeline pages in real Chromium, over interviews written through the
agent's recorder (tests/synthetic_interview.py: a 96 s interview whose figures are known by hand) and an API
process. No agent runs here: the interviews are already over (or stopped mid-way)."""

from __future__ import annotations

import random
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from agent.recorder import Recorder
from db.enums import InterviewStatus
from db.models import Application, Candidate
from tests.api.conftest import User, apply, create_job, dev_user, in_minutes
from tests.api.server import api_env, run_api
from tests.synthetic_interview import metric_rows, write_synthetic_interview
from tests.web.signin import sign_in
from tests.web.test_pages_in_chromium import assert_not_blank

pytestmark = [pytest.mark.browser]


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def pages_api(database_url: str, livekit, artifacts_dir: Path, tmp_path_factory) -> AsyncIterator[str]:
    env = api_env(database_url, livekit, tmp_path_factory.mktemp("report-pages"), QUEUE_WORKER="0",
                  PRINCIPAL_CACHE_SECONDS="0")
    with run_api(env, log=artifacts_dir / "web-report-pages-api.log") as base_url:
        yield base_url


async def _interview(api: httpx.AsyncClient, recruiter: User, job: dict[str, Any], name: str) -> str:
    email = name.lower().replace(" ", ".") + "@example.test"
    application = (await apply(api, job["id"], email=email, full_name=name)).json()["application_id"]
    r = await api.post(f"/api/ats/v1/applications/{application}/interviews", headers=recruiter.headers,
                       json={"kind": "AI", "scheduled_at": in_minutes(1), "duration_minutes": 30})
    assert r.status_code == 201, r.text
    return r.json()["id"]


@pytest_asyncio.fixture(loop_scope="session")
async def two_candidates(pages_api: str, db_sessionmaker) -> dict[str, Any]:
    """A job, two completed interviews with reports (Ada stronger and quicker), and the recruiter's token."""
    async with httpx.AsyncClient(base_url=pages_api, timeout=30) as api:
        recruiter = await dev_user(api, "dev|report-pages", "RECRUITER", "Report Pages Ltd")
        job = await create_job(api, recruiter)
        ada = await _interview(api, recruiter, job, "Ada Lovelace")
        alan = await _interview(api, recruiter, job, "Alan Turing")
    await write_synthetic_interview(db_sessionmaker, uuid.UUID(ada), scores=(80.0, 70.0))
    await write_synthetic_interview(db_sessionmaker, uuid.UUID(alan), scores=(50.0, 40.0), latency_s=5.0,
                                    eye_contact=0.4)
    return {"job": job, "ada": ada, "alan": alan, "recruiter": recruiter,
            "token": recruiter.headers["Authorization"].split(" ", 1)[1]}


async def _page(chromium, url: str, width: int = 1300, height: int = 1000):
    ctx = await chromium.new_context(viewport={"width": width, "height": height})
    return ctx, await ctx.new_page()


async def test_report_timeline_marks_questions_and_a_click_shows_the_transcript(
        pages_api: str, chromium, two_candidates, web_artifacts: Path) -> None:
    ctx, page = await _page(chromium, "")
    await sign_in(page, pages_api, f"/recruiter/interviews/{two_candidates['ada']}/report", two_candidates['token'])
    await page.wait_for_function("document.body.dataset.report === 'ready'", timeout=30_000)
    assert await page.locator("#timeline canvas").count() >= 1
    assert await page.evaluate("document.body.dataset.timelineSeconds") == "96"
    assert await page.locator(".q-mark").count() == 2
    assert "highest of 2 candidates" in await page.inner_text("#headline")
    assert (await page.inner_text("#overall-score")).strip() == "75/100"
    assert "83%" in await page.inner_text("[data-figure=eye_contact] .value")
    notes = await page.locator("#integrity-notes li").all_inner_texts()
    assert "Face out of view 1:00–1:15" in notes and "Looking away from the screen 0:40–0:50" in notes
    assert await page.locator("#q-0 .reasons li").count() == 3
    assert "answered 2.0 s after the question" in await page.inner_text("#q-0 .engagement-line")
    await page.screenshot(path=web_artifacts / "report-timeline.png", full_page=True)
    await page.locator("#timeline").screenshot(path=web_artifacts / "report-timeline-chart.png")

    await page.click(".q-mark[data-q='1']")
    await page.wait_for_function("location.hash === '#q-1'", timeout=5_000)
    top = await page.evaluate("document.querySelector('#q-1').getBoundingClientRect().top")
    assert 0 <= top < 200, f"question 2 should be scrolled to the top, it is at {top}px"
    assert "sequential scan" in await page.inner_text("#q-1 .transcript")
    await page.screenshot(path=web_artifacts / "report-question-2.png")

    # printed on A4 (794 CSS px wide): every chart fits the page, none is cut off
    await page.set_viewport_size({"width": 794, "height": 1123})
    await page.emulate_media(media="print")
    await page.wait_for_timeout(300)
    widths = await page.evaluate("""() => [...document.querySelectorAll('.uplot canvas')].map(c => {
        const r = c.getBoundingClientRect(); return [r.left, r.right]; })""")
    page_width = await page.evaluate("document.documentElement.clientWidth")
    assert widths and all(left >= 0 and right <= page_width + 1 for left, right in widths), (widths, page_width)
    await page.screenshot(path=web_artifacts / "report-print-a4.png", full_page=True)
    pdf = await page.pdf(format="A4", print_background=True)
    (web_artifacts / "report-a4.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    await ctx.close()
    for name in ("report-timeline", "report-timeline-chart", "report-question-2", "report-print-a4"):
        assert_not_blank(web_artifacts / f"{name}.png")


async def test_compare_page_lists_the_candidates_side_by_side(
        pages_api: str, chromium, two_candidates, web_artifacts: Path) -> None:
    ctx, page = await _page(chromium, "")
    await sign_in(page, pages_api, f"/recruiter/jobs/{two_candidates['job']['id']}/compare", two_candidates['token'])
    await page.wait_for_function("document.body.dataset.compare === 'ready'", timeout=30_000)
    names = await page.locator("#compare tbody tr td:first-child").all_inner_texts()
    assert names == ["Ada Lovelace", "Alan Turing"]  # by overall score, highest first
    headers = await page.locator("#compare thead th").all_inner_texts()
    assert {"Python", "PostgreSQL", "Engagement (/100)", "Eye contact", "Fluency (0–1)"} <= {h.rstrip(" ▲▼")
                                                                                            for h in headers}
    await page.screenshot(path=web_artifacts / "compare.png", full_page=True)
    await page.click("th[data-sort='overall_score']")  # the other way round
    assert await page.locator("#compare tbody tr td:first-child").all_inner_texts() == ["Alan Turing", "Ada Lovelace"]
    await page.click("th[data-sort='response_latency_s']")  # quickest first
    assert await page.evaluate("document.body.dataset.sortedBy") == "response_latency_s:asc"
    assert await page.locator("#compare tbody tr td:first-child").all_inner_texts() == ["Ada Lovelace", "Alan Turing"]
    await page.click("text=Alan Turing")
    await page.wait_for_url(f"**/recruiter/interviews/{two_candidates['alan']}/report")
    await page.wait_for_function("document.body.dataset.report === 'ready'", timeout=30_000)
    assert "2nd of 2" in await page.inner_text("[data-figure=overall] .compare")
    await ctx.close()
    assert_not_blank(web_artifacts / "compare.png")


async def test_live_page_shows_the_stored_series_after_and_during_the_interview(
        pages_api: str, chromium, two_candidates, db_sessionmaker, web_artifacts: Path) -> None:
    ctx, page = await _page(chromium, "")
    await sign_in(page, pages_api, f"/recruiter/interviews/{two_candidates['ada']}", two_candidates['token'])
    await page.wait_for_function("document.body.dataset.state === 'over'", timeout=30_000)
    assert await page.evaluate("document.body.dataset.chartSeconds") == "96"
    so_far = await page.inner_text("#so-far")
    assert so_far.startswith("Whole interview (1:36)") and "eye contact 83%" in so_far and "3 pauses" in so_far
    await page.screenshot(path=web_artifacts / "recruiter-live-after.png", full_page=True)

    # a recruiter who opens the page mid-interview gets the history so far, not only what comes next
    async with httpx.AsyncClient(base_url=pages_api, timeout=30) as api:
        running = await _interview(api, two_candidates["recruiter"], two_candidates["job"], "Grace Hopper")
    recorder = Recorder(db_sessionmaker, uuid.UUID(running))
    for row in metric_rows()[:40]:
        recorder.add_metric(row)
    recorder.update_interview(status=InterviewStatus.IN_PROGRESS)
    assert await recorder.close(timeout_s=10)
    await page.goto(f"{pages_api}/recruiter/interviews/{running}")
    await page.wait_for_function("document.body.dataset.history === 'loaded'", timeout=30_000)
    assert int(await page.evaluate("document.body.dataset.chartSeconds")) >= 40
    assert (await page.inner_text("#so-far")).startswith("So far (0:40)")
    await page.screenshot(path=web_artifacts / "recruiter-live-midway.png", full_page=True)
    await ctx.close()
    for name in ("recruiter-live-after", "recruiter-live-midway"):
        assert_not_blank(web_artifacts / f"{name}.png")


async def test_pipeline_shows_150_applications_in_score_order(
        pages_api: str, chromium, db_sessionmaker, web_artifacts: Path) -> None:
    async with httpx.AsyncClient(base_url=pages_api, timeout=30) as api:
        recruiter = await dev_user(api, "dev|pipeline", "RECRUITER", "Pipeline Ltd")
        job = await create_job(api, recruiter)
    scores = [x / 10 for x in random.Random(11).sample(range(1000), 150)]  # 0..100, all different
    async with db_sessionmaker() as s, s.begin():  # 150 applicants, created in an order unrelated to their scores
        for n, score in enumerate(scores):
            candidate = Candidate(full_name=f"Applicant {n:03d}", email=f"applicant{n}@example.test")
            s.add(candidate)
            await s.flush()
            s.add(Application(job_id=uuid.UUID(job["id"]), candidate_id=candidate.id, screening_score=score))
    token = recruiter.headers["Authorization"].split(" ", 1)[1]
    ctx, page = await _page(chromium, "", height=900)
    listed: list[str] = []  # the board's list requests: counted once, then keyset pages by cursor (issue 22)
    page.on("request", lambda r: listed.append(r.url) if "/applications?" in r.url else None)
    await sign_in(page, pages_api, f"/recruiter/jobs/{job['id']}", token)
    await page.wait_for_function("document.body.dataset.pipeline === 'ready'", timeout=30_000)
    assert await page.evaluate("document.body.dataset.applicationsTotal") == "150"
    assert int(await page.evaluate("document.body.dataset.applicationsShown")) == 100  # a page, then more on scroll
    for _ in range(20):
        if await page.evaluate("document.body.dataset.applicationsShown") == "150":
            break
        await page.mouse.wheel(0, 20_000)
        await page.wait_for_timeout(300)
    assert await page.evaluate("document.body.dataset.applicationsShown") == "150"
    shown = [float(x) for x in await page.locator(".column[data-status=APPLIED] .app-card").evaluate_all(
        "cards => cards.map(c => c.dataset.score)")]
    assert shown == sorted(scores, reverse=True)
    assert "count=true" in listed[0] and "cursor=" not in listed[0], listed
    assert len(listed) == 2 and "cursor=" in listed[1] and "count=true" not in listed[1], listed
    await page.evaluate("window.scrollTo(0, 0)")
    await page.screenshot(path=web_artifacts / "job-pipeline-150.png")
    await ctx.close()
    assert_not_blank(web_artifacts / "job-pipeline-150.png")


async def test_report_says_video_analysis_was_not_collected(pages_api: str, chromium, two_candidates, db_sessionmaker,
                                                            web_artifacts: Path) -> None:
    """Issue 17: a candidate who declined video analysis has no eye contact figure, and the report says why rather
    than showing a zero."""
    import sqlalchemy as sa

    from db.models import Interview

    async with db_sessionmaker() as s, s.begin():
        await s.execute(sa.update(Interview).where(Interview.id == uuid.UUID(two_candidates["alan"])).values(
            video_analysis=False, video_analysis_off_reason="declined"))
    ctx, page = await _page(chromium, "")
    await sign_in(page, pages_api, f"/recruiter/interviews/{two_candidates['alan']}/report", two_candidates["token"])
    await page.wait_for_function("document.body.dataset.report === 'ready'", timeout=30_000)
    tile = await page.inner_text("#video-not-collected")
    assert "not collected" in tile and "declined video analysis" in tile
    assert await page.locator("[data-figure=eye_contact]").count() == 0
    await page.screenshot(path=web_artifacts / "report-video-not-collected.png", full_page=True)
    await ctx.close()
