"""The report page plays the interview's recording in real Chromium, in step with the report: a click on a transcript
line plays from that line (the picture shown is that second's), the spoken line is marked and the timeline's
playhead follows; a click on the timeline plays from there.

The recording is written by the product's encoder (api/recordings/encoder.py) with a picture that says its own
time (its grey level is 20 + 2 x the second), stored in the local backend and served through the API's signed
link; the recording began 2 s after the interview (media_offset_s), which the page must account for."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
import pytest_asyncio
import sqlalchemy as sa

from api.recordings.encoder import FragmentedMp4Writer
from api.storage.services import LocalStorage, new_key
from db.enums import RecordingStatus
from db.models import Interview, Recording
from tests.api.conftest import apply, create_job, dev_user, in_minutes
from tests.api.server import api_env, run_api
from tests.synthetic_interview import END_S, write_synthetic_interview
from tests.web.signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]

OFFSET_S = 2.0
FPS = 5


def grey_at(second: float) -> int:
    return 20 + 2 * int(second)


def write_recording(path: Path, seconds: float) -> None:
    writer = FragmentedMp4Writer(path, width=320, height=240, fps=FPS)
    for n in range(int(seconds * FPS)):
        writer.write_video(np.full((240, 320, 3), grey_at(n / FPS), np.uint8))
        writer.write_audio(np.zeros(48000 // FPS, np.int16))
    writer.close()


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def playback_api(database_url: str, livekit: Any, artifacts_dir: Path,
                       tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[tuple[str, Path]]:
    tmp = tmp_path_factory.mktemp("playback")
    env = api_env(database_url, livekit, tmp, QUEUE_WORKER="0", PRINCIPAL_CACHE_SECONDS="0",
                  STORAGE_BACKEND="local")
    with run_api(env, log=artifacts_dir / "web-playback-api.log") as base_url:
        yield base_url, tmp / "uploads" / "recordings"


async def _interview_with_a_recording(base: str, recordings_root: Path, db_sessionmaker: Any,
                                      tmp_path: Path) -> tuple[Any, str]:
    """A finished interview (its transcript and metrics written as the agent does) and its READY recording, whose
    picture encodes its own second, starting OFFSET_S into the interview."""
    async with httpx.AsyncClient(base_url=base, timeout=30) as api:
        recruiter = await dev_user(api, "dev|playback", "RECRUITER", "Playback Ltd")
        job = await create_job(api, recruiter)
        application = (await apply(api, job["id"], email="ada.playback@example.test")).json()["application_id"]
        r = await api.post(f"/api/ats/v1/applications/{application}/interviews", headers=recruiter.headers,
                           json={"kind": "AI", "scheduled_at": in_minutes(1), "duration_minutes": 30})
        interview_id = r.json()["id"]
    await write_synthetic_interview(db_sessionmaker, uuid.UUID(interview_id))
    write_recording(tmp_path / "rec.mp4", END_S - OFFSET_S + 1)
    async with db_sessionmaker() as s, s.begin():
        interview = await s.scalar(sa.select(Interview).where(Interview.id == uuid.UUID(interview_id)))
        key = new_key(str(interview.company_id), interview_id, extension=".mp4")
        await LocalStorage(recordings_root).put_file(key, tmp_path / "rec.mp4", "video/mp4")
        s.add(Recording(interview_id=interview.id, company_id=interview.company_id, status=RecordingStatus.READY,
                        storage_key=key, size_bytes=(tmp_path / "rec.mp4").stat().st_size,
                        duration_s=END_S - OFFSET_S + 1,
                        media_started_at=interview.started_at + timedelta(seconds=OFFSET_S)))
    return recruiter, interview_id


async def test_report_plays_the_recording_and_seeks_from_the_transcript(
        playback_api: tuple[str, Path], chromium: Any, db_sessionmaker: Any, web_artifacts: Path,
        tmp_path: Path) -> None:
    base, recordings_root = playback_api
    recruiter, interview_id = await _interview_with_a_recording(base, recordings_root, db_sessionmaker, tmp_path)
    ctx = await chromium.new_context(viewport={"width": 1300, "height": 1100})
    page = await ctx.new_page()
    token = recruiter.headers["Authorization"].split(" ", 1)[1]
    await sign_in(page, base, f"/recruiter/interviews/{interview_id}/report", token)
    await page.wait_for_function("document.body.dataset.report === 'ready' && document.body.dataset.recording === "
                                 "'ready'", timeout=30_000)
    await page.wait_for_function("document.querySelector('#recording').readyState >= 1", timeout=20_000)
    assert await page.evaluate("document.querySelector('#recording').duration") == pytest.approx(
        END_S - OFFSET_S + 1, abs=0.5)

    # a line of the second answer: the video plays from it, shows that second's picture, and the line is marked
    line = page.locator("#q-1 li[data-start]").first
    start = float(await line.get_attribute("data-start"))
    await line.click()
    await page.wait_for_function(
        f"(() => {{ const v = document.querySelector('#recording');"
        f" return !v.paused && v.readyState >= 2 && v.currentTime > {start - OFFSET_S + 0.3}; }})()", timeout=20_000)
    grey = await page.evaluate("""() => {
        const v = document.querySelector('#recording'); v.pause();
        const c = document.createElement('canvas'); c.width = 32; c.height = 24;
        const g = c.getContext('2d'); g.drawImage(v, 0, 0, 32, 24);
        return [v.currentTime, g.getImageData(16, 12, 1, 1).data[0]];
    }""")
    file_t, shade = grey
    assert start - OFFSET_S <= file_t <= start - OFFSET_S + 4, (start, file_t)
    assert abs(shade - grey_at(file_t)) <= 6, (file_t, shade, grey_at(file_t))  # the picture of that very second
    assert await page.evaluate("document.querySelector('li.playing') !== null")
    assert float(await page.evaluate("document.body.dataset.playbackT")) == pytest.approx(file_t + OFFSET_S, abs=0.3)
    assert await page.locator(".playhead").is_visible()
    await page.screenshot(path=str(web_artifacts / "report-recording.png"), full_page=False)

    # the timeline: a click a quarter of the way along plays from that moment, where the playhead then stands
    await page.locator("#timeline .u-over").scroll_into_view_if_needed()
    box = await page.locator("#timeline .u-over").bounding_box()
    x = box["x"] + box["width"] / 4
    await page.mouse.click(x, box["y"] + box["height"] / 2)
    await page.wait_for_function("document.querySelector('#recording').seeking === false", timeout=10_000)
    report_t = float(await page.evaluate("document.querySelector('#recording').currentTime")) + OFFSET_S
    assert 10 < report_t < 40 and abs(report_t - (file_t + OFFSET_S)) > 5, report_t
    await page.evaluate("document.querySelector('#recording').pause()")
    await page.wait_for_timeout(300)
    head = await page.locator(".playhead").bounding_box()
    assert abs(head["x"] - x) < 6, (head["x"], x)
    await ctx.close()
