"""The candidate page's HD camera in real Chromium: the middle simulcast layer, the one the interviewer reads, comes
at 10 frames a second, while people watching the full layer get the camera's own rate.

Two hidden participants (the livekit SDK, as the agent subscribes) take the middle and the full layer of the same
camera and count the frames they decode. The fake camera is a 1280x720 face at 20 fps, so livekit-client's default
middle layer (also 20 fps) would fail the first assertion.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from livekit import rtc

from db.contract import CANDIDATE_PREFIX
from db.models import Interview
from tests.agent.sim import Participant
from tests.api.conftest import apply, create_job, dev_user, in_minutes
from tests.faces import frontal_face_rgb, jittered
from tests.media import write_y4m
from tests.web.conftest import CHROMIUM
from tests.web.test_pages_in_chromium import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

CAMERA_FPS = 20
COUNT_SECONDS = 6.0


@pytest_asyncio.fixture(loop_scope="session")
async def hd_camera_browser(tmp_path: Path, fake_media) -> AsyncIterator:
    from playwright.async_api import async_playwright

    video = write_y4m(jittered(frontal_face_rgb(1280, 720), 20, seed=7), CAMERA_FPS, tmp_path / "hd.y4m")
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


class LayerWatcher(Participant):
    """Hidden; subscribes to the candidate's camera at one simulcast quality and counts decoded frames."""

    def __init__(self, info, room_name: str, quality: rtc.VideoQuality.ValueType) -> None:
        super().__init__(info, room_name, f"watch-{uuid.uuid4().hex[:6]}", hidden=True, publish=False,
                         auto_subscribe=False, listen=False)
        self.quality = quality
        self.frames: list[tuple[float, int, int]] = []  # (monotonic, width, height)
        self.room.on("track_published", lambda pub, p: self._take(pub, p))

    async def connect(self) -> None:
        await super().connect()
        for p in self.room.remote_participants.values():
            for pub in p.track_publications.values():
                self._take(pub, p)

    def _take(self, pub: rtc.RemoteTrackPublication, p: rtc.RemoteParticipant) -> None:
        if p.identity.startswith(CANDIDATE_PREFIX) and pub.source == rtc.TrackSource.SOURCE_CAMERA:
            pub.set_subscribed(True)
            pub.set_video_quality(self.quality)

    def _on_track(self, track: rtc.Track, pub: rtc.RemoteTrackPublication, p: rtc.RemoteParticipant) -> None:
        if track.kind == rtc.TrackKind.KIND_VIDEO:
            self._tasks.append(asyncio.create_task(self._count(track)))

    async def _count(self, track: rtc.Track) -> None:
        async for ev in rtc.VideoStream(track, capacity=4):
            self.frames.append((time.monotonic(), ev.frame.width, ev.frame.height))

    def rate(self, since: float) -> tuple[float, int]:
        """Frames a second after `since` (a monotonic time), and the widest frame seen then."""
        seen = [f for f in self.frames if f[0] >= since]
        return len(seen) / COUNT_SECONDS, max((w for _, w, _ in seen), default=0)


async def test_the_interviewers_layer_comes_at_ten_frames_a_second(web_stack: str, hd_camera_browser, livekit,
                                                                  db_sessionmaker) -> None:
    async with httpx.AsyncClient(base_url=web_stack, timeout=30) as api:
        recruiter = await dev_user(api, "dev|layers-recruiter", "RECRUITER", "Layers Corp")
        job = await create_job(api, recruiter)
        application_id = (await apply(api, job["id"], full_name="Hd Camera")).json()["application_id"]
        r = await api.post(f"/api/ats/v1/applications/{application_id}/interviews", headers=recruiter.headers,
                           json={"kind": "AI", "scheduled_at": in_minutes(0), "duration_minutes": 15})
        interview = r.json()

    ctx = await hd_camera_browser.new_context(viewport={"width": 1200, "height": 900})
    page = await ctx.new_page()
    await page.goto(interview["join_url"])
    await page.wait_for_selector("#device-status.ok", timeout=20_000)
    await page.check("#consent")
    await page.check("#consent-video-analysis")
    await page.click("#join")
    await page.wait_for_function("document.body.dataset.state === 'in-room'", timeout=30_000)

    async def room_name() -> str | None:
        async with db_sessionmaker() as s:
            return (await s.get(Interview, uuid.UUID(interview["id"]))).room_name

    room = await wait_until(room_name, 20, "the interview's room")
    middle = LayerWatcher(livekit, room, rtc.VideoQuality.VIDEO_QUALITY_MEDIUM)
    full = LayerWatcher(livekit, room, rtc.VideoQuality.VIDEO_QUALITY_HIGH)
    try:
        await middle.connect()
        await full.connect()

        async def both_flowing() -> bool:
            return len(middle.frames) > 5 and len(full.frames) > 5

        await wait_until(both_flowing, 30, "frames on both layers")

        async def full_layer_up() -> bool:  # the browser's bandwidth estimate ramps up before it sends the top layer
            return bool(full.frames) and full.frames[-1][1] > 640

        await wait_until(full_layer_up, 40, "the full layer")
        await asyncio.sleep(2)  # past the layer switch
        since = time.monotonic()
        await asyncio.sleep(COUNT_SECONDS)
        middle_fps, middle_width = middle.rate(since)
        full_fps, full_width = full.rate(since)
    finally:
        await middle.disconnect()
        await full.disconnect()
        await page.click("#leave")
        await ctx.close()

    assert 4 <= middle_fps <= 11.5, f"middle layer {middle_fps:.1f} fps ({middle_width} px wide)"
    assert middle_width <= 640, middle_width
    # the watchers' full layer keeps the camera's rate: a cap on every layer would show here
    assert full_fps >= 14, f"full layer {full_fps:.1f} fps ({full_width} px wide)"
    assert full_width > middle_width
