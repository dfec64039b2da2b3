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

import pytest
import pytest_asyncio
import sqlalchemy as sa

from analytics.eye_contact import EyeContactAnalyzer
from db.models import Interview, InterviewMetric
from tests.faces import jittered, turned_face_rgb
from tests.media import write_y4m
from tests.web.conftest import book_ai_interview_now, join_as_candidate, launch_chromium
from tests.web.test_pages_in_chromium import assert_not_blank, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

LOOKING_DOWN_PITCH = 30.0


@pytest.fixture(scope="module")
def below_camera_frames() -> list:
    return jittered(turned_face_rgb(0.0, LOOKING_DOWN_PITCH), 30, seed=31)


@pytest_asyncio.fixture(loop_scope="session")
async def low_camera_browser(below_camera_frames, tmp_path: Path, fake_media) -> AsyncIterator:
    video = write_y4m(below_camera_frames, 15, tmp_path / "below.y4m")
    async with launch_chromium(video, fake_media[1]) as browser:
        yield browser


async def test_the_page_calibrates_and_the_agent_uses_it(web_stack: str, low_camera_browser, db_sessionmaker,
                                                         below_camera_frames, web_artifacts: Path) -> None:
    interview = await book_ai_interview_now(web_stack, "dev|calib-recruiter", "Calibration Corp", "Low Camera")
    ctx, page = await join_as_candidate(low_camera_browser, interview["join_url"])
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
