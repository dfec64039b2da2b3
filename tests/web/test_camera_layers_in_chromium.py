"""The candidate page's HD camera in real Chromium: the middle simulcast layer, the one the interviewer reads, comes
at 10 frames a second, while people watching the full layer get the camera's own rate.

Two hidden participants (the livekit SDK, as the agent subscribes) take the middle and the full layer of the same
camera and count the frames they decode. The fake camera is a 1280x720 face at 20 fps, so livekit-client's default
middle layer (also 20 fps) fails the rate assertion (18.2 fps measured with that page).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from livekit import rtc

from db.contract import CANDIDATE_PREFIX
from db.models import Interview
from tests.agent.sim import Participant
from tests.faces import frontal_face_rgb, jittered
from tests.media import write_y4m
from tests.web.conftest import book_ai_interview_now, join_as_candidate, launch_chromium
from tests.web.test_pages_in_chromium import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

CAMERA_FPS = 20
COUNT_SECONDS = 6.0
MIDDLE_WIDTH = 640  # the page's middle layer for a 1280x720 camera
# keeps the page's peer connections, so that the test can read what Chromium says of the layers it sends
KEEP_PEER_CONNECTIONS = """
(() => {
  const Native = window.RTCPeerConnection;
  window.__pcs = [];
  window.RTCPeerConnection = function (...args) { const pc = new Native(...args); window.__pcs.push(pc); return pc; };
  window.RTCPeerConnection.prototype = Native.prototype;
  Object.setPrototypeOf(window.RTCPeerConnection, Native);
})();
"""
CPU_LIMITED_GIVE_UP_S = 20.0
SENT_LAYERS = """
async () => {
  const out = [];
  for (const pc of window.__pcs || []) {
    const stats = await pc.getStats();
    stats.forEach((s) => {
      if (s.type === "outbound-rtp" && s.kind === "video") {
        out.push({rid: s.rid || null, width: s.frameWidth || 0, fps: s.framesPerSecond || 0,
                  limitation: s.qualityLimitationReason || "none"});
      }
    });
  }
  return out;
}
"""


@pytest_asyncio.fixture(loop_scope="session")
async def hd_camera_browser(tmp_path: Path, fake_media) -> AsyncIterator:
    video = write_y4m(jittered(frontal_face_rgb(1280, 720), 20, seed=7), CAMERA_FPS, tmp_path / "hd.y4m")
    async with launch_chromium(video, fake_media[1]) as browser:
        yield browser


class LayerWatcher(Participant):
    """Hidden; subscribes to the candidate's camera at one simulcast quality and counts decoded frames."""

    def __init__(self, info, room_name: str, quality: rtc.VideoQuality.ValueType) -> None:
        super().__init__(info, room_name, f"watch-{uuid.uuid4().hex[:6]}", hidden=True, publish=False,
                         auto_subscribe=False, listen=False)
        self.quality = quality
        self.frames: list[tuple[float, int, int]] = []  # (monotonic, width, height)
        self._asked = time.monotonic()
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

    def ask_again(self) -> None:
        """Repeat the layer request (not more than every 5 s): the SFU takes the latest one."""
        if time.monotonic() - self._asked < 5:
            return
        self._asked = time.monotonic()
        for p in self.room.remote_participants.values():
            for pub in p.track_publications.values():
                self._take(pub, p)

    def width_now(self) -> int:
        return self.frames[-1][1] if self.frames else 0

    def rate(self, since: float, until: float) -> tuple[float, set[int]]:
        """Frames a second between two monotonic times, and the widths seen then."""
        seen = [f for f in self.frames if since <= f[0] < until]
        return len(seen) / (until - since), {w for _, w, _ in seen}


def cpu_limited(sent: list[dict]) -> bool:
    return any(layer["limitation"] == "cpu" for layer in sent)


async def skip_if_cpu_limited(page, middle: LayerWatcher, full: LayerWatcher, what: str) -> None:
    """On a loaded runner Chromium's encoder may shrink or switch its layers for CPU (its own adaptation, which no page
    setting turns off): then there is no steady layer to measure, which is not the page's fault. Skip, saying what
    Chromium reported; any other reason is the test's failure (the caller's assertion)."""
    sent = await page.evaluate(SENT_LAYERS)
    if cpu_limited(sent):
        pytest.skip(f"{what}: Chromium limited its camera layers for CPU (middle watcher at {middle.width_now()} px, "
                    f"full at {full.width_now()} px; sent {sent})")


async def test_the_interviewers_layer_comes_at_ten_frames_a_second(web_stack: str, hd_camera_browser, livekit,
                                                                  db_sessionmaker) -> None:
    interview = await book_ai_interview_now(web_stack, "dev|layers-recruiter", "Layers Corp", "Hd Camera")
    ctx, page = await join_as_candidate(hd_camera_browser, interview["join_url"], init_script=KEEP_PEER_CONNECTIONS)

    async def room_name() -> str | None:
        async with db_sessionmaker() as s:
            return (await s.get(Interview, uuid.UUID(interview["id"]))).room_name

    room = await wait_until(room_name, 20, "the interview's room")
    middle = LayerWatcher(livekit, room, rtc.VideoQuality.VIDEO_QUALITY_MEDIUM)
    full = LayerWatcher(livekit, room, rtc.VideoQuality.VIDEO_QUALITY_HIGH)
    try:
        await middle.connect()
        await full.connect()

        # The SFU sends each subscriber the layer it asked for once that subscriber's bandwidth estimate allows it,
        # and the browser's own estimate ramps up before it sends the upper layers: wait for both layers at their
        # widths, and count over a window in which neither watcher was switched to another layer.
        cpu_limited_since: float | None = None

        async def both_layers_up() -> bool:
            nonlocal cpu_limited_since
            if middle.width_now() == MIDDLE_WIDTH and full.width_now() > MIDDLE_WIDTH:
                return True
            middle.ask_again()
            full.ask_again()
            # Chromium limiting its layers for CPU this long does not recover within the wait: say so now rather
            # than after it (a minute of a loaded runner's suite)
            if cpu_limited(await page.evaluate(SENT_LAYERS)):
                cpu_limited_since = cpu_limited_since or time.monotonic()
                if time.monotonic() - cpu_limited_since >= CPU_LIMITED_GIVE_UP_S:
                    await skip_if_cpu_limited(page, middle, full, f"the layers never came up, CPU-limited for "
                                                                  f"{CPU_LIMITED_GIVE_UP_S:.0f} s on end")
            else:
                cpu_limited_since = None
            return False

        for _ in range(3):
            try:
                await wait_until(both_layers_up, 60, f"the middle ({MIDDLE_WIDTH} px) and the full layer")
            except AssertionError:
                await skip_if_cpu_limited(page, middle, full, "the layers never came up")
                raise
            await asyncio.sleep(2)  # past the layer switch
            since = time.monotonic()
            await asyncio.sleep(COUNT_SECONDS)
            until = time.monotonic()
            middle_fps, middle_widths = middle.rate(since, until)
            full_fps, full_widths = full.rate(since, until)
            if middle_widths == {MIDDLE_WIDTH} and min(full_widths, default=0) > MIDDLE_WIDTH:
                break
        if middle_widths != {MIDDLE_WIDTH} or min(full_widths, default=0) <= MIDDLE_WIDTH:
            await skip_if_cpu_limited(page, middle, full, "no counting window without a layer switch")
        if full_fps < 14 or middle_fps < 4:  # Chromium also drops frames for CPU (a CI run: full layer 11.7 fps)
            await skip_if_cpu_limited(page, middle, full, f"middle layer {middle_fps:.1f} fps, full {full_fps:.1f} fps")
    finally:
        await middle.disconnect()
        await full.disconnect()
        await page.click("#leave")
        await ctx.close()

    assert middle_widths == {MIDDLE_WIDTH}, f"the middle watcher got {middle_widths} px wide frames"
    assert 4 <= middle_fps <= 11.5, f"middle layer {middle_fps:.1f} fps"
    # the watchers' full layer keeps the camera's rate: a cap on every layer would show here
    assert min(full_widths, default=0) > MIDDLE_WIDTH, f"the full watcher got {full_widths} px wide frames"
    assert full_fps >= 14, f"full layer {full_fps:.1f} fps"
