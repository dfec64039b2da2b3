"""The pages in a real browser: a candidate joins a real room with a real face and voice, the agent
interviews, a recruiter watches eye contact update live, and the report renders afterwards."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import numpy as np
import pytest
from PIL import Image

from tests.web.conftest import book_ai_interview

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def assert_not_blank(path: Path) -> None:
    """A screenshot with real content: not one flat colour."""
    pixels = np.asarray(Image.open(path).convert("L"), dtype=np.float32)
    assert pixels.std() > 10, f"{path.name} looks blank (std {pixels.std():.1f})"


async def wait_until(predicate, within: float, what: str, interval: float = 0.5):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        value = await predicate()
        if value:
            return value
        await asyncio.sleep(interval)
    raise AssertionError(f"timed out after {within}s waiting for {what}")


async def _book(api: httpx.AsyncClient):
    return await book_ai_interview(api, "dev|web-recruiter", "Browser Corp", "Ada Lovelace",
                                   skills=[{"name": "Python", "weight": 3}])


async def _candidate_joins(chromium, interview: dict, web_artifacts: Path):
    """Link check, device check with the fake camera, consent, join; the interviewer arrives and speaks."""
    cand_ctx = await chromium.new_context(viewport={"width": 1200, "height": 900})
    cand = await cand_ctx.new_page()
    await cand.goto(interview["join_url"])
    await cand.wait_for_selector("#device-status.ok", timeout=20_000)
    assert "analysed" in await cand.inner_text("#consent-text")
    assert await cand.is_disabled("#join"), "joining must wait for consent"
    await cand.screenshot(path=web_artifacts / "candidate-setup.png", full_page=True)
    await cand.check("#consent")
    await cand.check("#consent-video-analysis")  # opt-in: the camera is analysed
    await cand.click("#join")
    await cand.wait_for_function("document.body.dataset.state === 'in-room'", timeout=30_000)
    # the interviewer's audio track is attached and the page shows the question
    await cand.wait_for_selector("#agent-audio", state="attached", timeout=30_000)
    await cand.wait_for_function(
        "/Question \\d|Consent/.test(document.querySelector('#question-progress').textContent)",
        timeout=60_000)
    await cand.screenshot(path=web_artifacts / "candidate-room.png", full_page=True)
    # count every data message the candidate's room receives on the scores topics (there must be none)
    await cand.evaluate("""() => {
        window.scoreMessages = 0;
        window.interviewlyCandidate.room.on('dataReceived', (payload, p, kind, topic) => {
            // neither the hiring team's scores nor the practice-only feedback on oneself
            if (topic === 'interviewly.live' || topic === 'interviewly.self') window.scoreMessages += 1;
        });
    }""")
    return cand


async def _recruiter_watches(chromium, web_stack: str, interview: dict, token: str, web_artifacts: Path):
    """Not signed in yet: the page sends the recruiter to sign in (the session token pasted), then back; hidden,
    they see the live scores update."""
    rec_ctx = await chromium.new_context(viewport={"width": 1300, "height": 1000})
    rec = await rec_ctx.new_page()
    await rec.goto(f"{web_stack}/recruiter/interviews/{interview['id']}")
    await rec.wait_for_url("**/recruiter/login?next=*", timeout=20_000)
    await rec.fill("#token", token)
    await rec.click("#token-form button[type=submit]")
    await rec.wait_for_url(f"**/recruiter/interviews/{interview['id']}", timeout=20_000)
    await rec.wait_for_function("document.body.dataset.state === 'watching'", timeout=30_000)
    await rec.wait_for_function("Number(document.body.dataset.liveMessages || 0) >= 4", timeout=60_000)
    first = int(await rec.evaluate("document.body.dataset.liveMessages"))
    # they keep arriving (once a second: test_e2e_interview times that); 10 s for three, as one stall of a loaded
    # runner's browser or agent must not fail the page, while a page that stopped updating still does
    await rec.wait_for_function(f"Number(document.body.dataset.liveMessages || 0) >= {first + 3}", timeout=10_000)
    eye = await rec.inner_text("#eye-contact-value")
    assert eye.endswith("%") and int(eye[:-1]) >= 50, f"a frontal face should read as eye contact, got {eye}"
    assert await rec.inner_text("#face-present-value") == "yes"
    assert await rec.locator("#eye-chart canvas").count() >= 1
    await rec.wait_for_selector("#transcript li", timeout=30_000)  # the interviewer's greeting, live
    await rec.screenshot(path=web_artifacts / "recruiter-live.png", full_page=True)
    return rec_ctx


async def _dashboard_and_pipeline(rec_ctx, web_stack: str, job: dict, web_artifacts: Path) -> None:
    dash = await rec_ctx.new_page()  # the dashboard lists the interview as live
    await dash.goto(f"{web_stack}/recruiter")
    await dash.wait_for_selector("#live-table a.watch", timeout=20_000)
    assert "Ada Lovelace" in await dash.inner_text("#live-table")
    await dash.screenshot(path=web_artifacts / "recruiter-dashboard.png", full_page=True)
    pipe = await rec_ctx.new_page()  # the pipeline page shows the application under its status
    await pipe.goto(f"{web_stack}/recruiter/jobs/{job['id']}")
    await pipe.wait_for_selector(".app-card", timeout=20_000)
    assert "Ada Lovelace" in await pipe.inner_text("#pipeline")
    await pipe.screenshot(path=web_artifacts / "job-pipeline.png", full_page=True)


async def _report_and_feedback(api, rec_ctx, web_stack: str, recruiter, interview: dict, final: dict,
                               web_artifacts: Path) -> None:
    report = await rec_ctx.new_page()
    await report.goto(f"{web_stack}/recruiter/interviews/{interview['id']}/report")
    await report.wait_for_function("document.body.dataset.report === 'ready'", timeout=30_000)
    assert await report.evaluate("document.body.dataset.hasReport") == "yes"
    assert (await report.inner_text("#overall-score")).strip() not in ("", "–") or final["report"][
        "overall_score"] is None
    assert await report.locator("#transcript li").count() >= 1
    assert await report.locator("#timeline canvas").count() >= 1
    bundle = (await api.get(f"/api/ats/v1/interviews/{interview['id']}/report", headers=recruiter.headers)).json()
    asked = [q for q in bundle["question_scores"] if q["started_s"] is not None]
    assert await report.locator(".q-mark").count() == len(asked)  # each question asked is marked
    # the live page of the finished interview shows its stored series
    over = await rec_ctx.new_page()
    await over.goto(f"{web_stack}/recruiter/interviews/{interview['id']}")
    await over.wait_for_function("document.body.dataset.state === 'over'", timeout=30_000)
    assert int(await over.evaluate("document.body.dataset.chartSeconds")) >= 10
    await report.select_option("#rating", "4")
    await report.fill("#notes", "Clear answers; probe SQL depth next round.")
    await report.click("#feedback-form button[type=submit]")
    await report.wait_for_selector("#feedback-list li", timeout=10_000)
    assert "4/5" in await report.inner_text("#feedback-list")
    await report.screenshot(path=web_artifacts / "report.png", full_page=True)
    await report.emulate_media(media="print")
    await report.screenshot(path=web_artifacts / "report-print.png", full_page=True)
    assert not await report.is_visible("#feedback-form"), "the feedback form is not printed"


async def test_candidate_recruiter_and_report_pages(web_stack: str, chromium, web_artifacts: Path) -> None:
    async with httpx.AsyncClient(base_url=web_stack, timeout=30) as api:
        recruiter, job, interview = await _book(api)
        token = recruiter.headers["Authorization"].split(" ", 1)[1]
        cand = await _candidate_joins(chromium, interview, web_artifacts)
        rec_ctx = await _recruiter_watches(chromium, web_stack, interview, token, web_artifacts)
        # the candidate never receives a score
        assert await cand.evaluate("window.scoreMessages") == 0
        assert await cand.locator("#eye-contact-value").count() == 0
        assert await cand.is_hidden("#live-feedback")  # a recruiting interview shows the candidate no figures
        await _dashboard_and_pipeline(rec_ctx, web_stack, job, web_artifacts)

        # the candidate leaves; the interview ends and the report appears
        await cand.click("#leave")
        await cand.wait_for_function("document.body.dataset.state === 'ended'", timeout=20_000)

        async def ended():
            r = await api.get(f"/api/ats/v1/interviews/{interview['id']}", headers=recruiter.headers)
            body = r.json()
            return body if body["status"] not in ("SCHEDULED", "IN_PROGRESS") and body.get("report") else None

        final = await wait_until(ended, 90, "the interview to end with a report")
        await _report_and_feedback(api, rec_ctx, web_stack, recruiter, interview, final, web_artifacts)

    for name in ("candidate-setup", "candidate-room", "recruiter-live", "recruiter-dashboard", "job-pipeline",
                 "report", "report-print"):
        assert_not_blank(web_artifacts / f"{name}.png")
