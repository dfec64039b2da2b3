"""The gaze calibration round trip in real Chromium: a camera below the screen.

The fake camera shows a real face looking down 30° (what a candidate looking at their screen shows to a camera
below it). The join page asks the candidate to look at the interviewer tile; the agent measures that as the
candidate's centre and uses it: the same frames read as eye contact in the interview, and as looking down without
the calibration.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
import sqlalchemy as sa

from analytics.eye_contact import EyeContactAnalyzer
from db.models import Interview, InterviewMetric
from tests.api.conftest import apply, create_job, dev_user, in_minutes
from tests.faces import jittered, turned_face_rgb
from tests.media import write_y4m
from tests.web.conftest import CHROMIUM
from tests.web.test_pages_in_chromium import assert_not_blank, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

LOOKING_DOWN_PITCH = 30.0


@pytest.fixture(scope="module")
def below_camera_frames() -> list:
    return jittered(turned_face_rgb(0.0, LOOKING_DOWN_PITCH), 30, seed=31)


@pytest_asyncio.fixture(loop_scope="session")
async def low_camera_browser(below_camera_frames, tmp_path: Path, fake_media) -> AsyncIterator:
    from playwright.async_api import async_playwright

    video = write_y4m(below_camera_frames, 15, tmp_path / "below.y4m")
    _, audio = fake_media
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic", "--disable-sync",
            "--disable-background-networking", "--disable-component-update",
            "--autoplay-policy=no-user-gesture-required",
            "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-video-capture={video}", f"--use-file-for-fake-audio-capture={audio}",
        ])
        yield browser
        await browser.close()


async def test_the_page_calibrates_and_the_agent_uses_it(web_stack: str, low_camera_browser, db_sessionmaker,
                                                         below_camera_frames, web_artifacts: Path) -> None:
    async with httpx.AsyncClient(base_url=web_stack, timeout=30) as api:
        recruiter = await dev_user(api, "dev|calib-recruiter", "RECRUITER", "Calibration Corp")
        job = await create_job(api, recruiter)
        application_id = (await apply(api, job["id"], full_name="Low Camera")).json()["application_id"]
        r = await api.post(f"/api/ats/v1/applications/{application_id}/interviews", headers=recruiter.headers,
                           json={"kind": "AI", "scheduled_at": in_minutes(0), "duration_minutes": 15})
        interview = r.json()

    ctx = await low_camera_browser.new_context(viewport={"width": 1200, "height": 900})
    page = await ctx.new_page()
    await page.goto(interview["join_url"])
    await page.wait_for_selector("#device-status.ok", timeout=20_000)
    await page.check("#consent")
    await page.check("#consent-video-analysis")  # opt-in: the camera is analysed
    await page.click("#join")
    await page.wait_for_function("document.body.dataset.state === 'in-room'", timeout=30_000)
    # the page asks the candidate to look at the interviewer tile while the agent measures
    await page.wait_for_selector("#calibration:not([hidden])", timeout=40_000)
    await page.screenshot(path=web_artifacts / "candidate-calibration.png", full_page=True)
    await page.wait_for_function("document.body.dataset.calibration === 'done'", timeout=20_000)
    assert await page.is_hidden("#calibration")
    interview_id = uuid.UUID(interview["id"])

    async def seconds_after_calibration() -> list[float] | None:
        async with db_sessionmaker() as s:
            row = await s.get(Interview, interview_id)
            values = (await s.execute(sa.select(InterviewMetric.eye_contact)
                                      .where(InterviewMetric.interview_id == interview_id)
                                      .order_by(InterviewMetric.t_s))).scalars().all()
        measured = [v for v in values[6:] if v is not None]  # after the calibration's seconds
        return measured if row.gaze_calibration and len(measured) >= 8 else None

    calibrated = await wait_until(seconds_after_calibration, 60, "eight measured seconds after the calibration")
    await page.click("#leave")
    await ctx.close()
    assert sum(calibrated) / len(calibrated) >= 0.8, calibrated

    # the same frames, without the candidate's calibration: looking down, not at the camera
    def uncalibrated() -> float:
        with EyeContactAnalyzer() as analyzer:
            seen = [analyzer.process(frame, i / 5) for i, frame in enumerate(below_camera_frames)]
        return sum(o.eye_contact for o in seen) / len(seen)

    assert await asyncio.to_thread(uncalibrated) <= 0.2
    assert_not_blank(web_artifacts / "candidate-calibration.png")
