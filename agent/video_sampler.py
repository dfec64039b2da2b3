"""The candidate's camera, sampled at a few frames a second and analysed off the event loop.

Frames arrive as I420 at the camera's rate. Which ones are sampled is decided as each arrives, in LiveKit's FFI
callback thread (``agent.ffi_routing.gate_video_frames``): the others are released there, neither copied nor
handed to the event loop. One every 1/VIDEO_SAMPLE_FPS seconds is converted to RGB24
(LiveKit converts I420 -> RGB24 natively; it cannot go RGBA -> RGB24) and handed to the eye-contact
analyzer in a worker thread. When the analyzer is still busy with the previous sample the new one is
dropped and counted, never queued: the live scores stay current and audio never waits for video.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from livekit import rtc

from agent.ffi_routing import gate_video_frames
from agent.priority import ANALYSIS_NICE, background_executor
from db.contract import FrameRef

logger = logging.getLogger("interviewly.video")


# channel order of the packed 32-bit formats; LiveKit cannot convert these to RGB24 itself
_PACKED = {
    rtc.VideoBufferType.RGBA: (0, 1, 2),
    rtc.VideoBufferType.BGRA: (2, 1, 0),
    rtc.VideoBufferType.ARGB: (1, 2, 3),
    rtc.VideoBufferType.ABGR: (3, 2, 1),
}


def frame_to_rgb(frame: rtc.VideoFrame) -> np.ndarray:
    """HxWx3 uint8 RGB: I420/NV12 (what WebRTC delivers) converted natively, packed RGBA-like sliced."""
    if frame.type in _PACKED:
        data = np.frombuffer(frame.data, dtype=np.uint8).reshape(frame.height, -1)[:, : frame.width * 4]
        return np.ascontiguousarray(data.reshape(frame.height, frame.width, 4)[:, :, list(_PACKED[frame.type])])
    rgb = frame if frame.type == rtc.VideoBufferType.RGB24 else frame.convert(rtc.VideoBufferType.RGB24)
    data = np.frombuffer(rgb.data, dtype=np.uint8)
    stride = len(data) // rgb.height
    return data.reshape(rgb.height, stride)[:, : rgb.width * 3].reshape(rgb.height, rgb.width, 3)


class VideoSampler:
    def __init__(
        self,
        analyze: Callable[[np.ndarray, float], Any],
        *,
        fps: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
        on_observation: Callable[[Any], None] | None = None,
        phase_s: float = 0.0,
    ) -> None:
        self._analyze = analyze
        # samples are due at phase_s + k * interval on the clock: the live ticks place them just before each
        # tick, so every message carries a fresh observation
        self._phase = phase_s
        self._last_sample_t: float | None = None
        self.set_fps(fps)
        self._clock = clock
        self._on_observation = on_observation
        self._executor = background_executor("video-analysis", ANALYSIS_NICE)
        self._task: asyncio.Task[None] | None = None
        self._stream: rtc.VideoStream | None = None
        self._busy = False
        self._gated = False  # frames are chosen in the FFI thread (_admit); else _consume chooses
        self.track_sid: str | None = None
        # cumulative counters (received and sampled are counted where frames are chosen, dropped on the loop)
        self.frames_received = 0
        self.frames_sampled = 0
        self.frames_analyzed = 0
        self.frames_dropped = 0
        self.analysis_errors = 0
        self.analysis_s_total = 0.0
        self._reported = (0, 0)
        self.last_ref: FrameRef | None = None  # the frame of the latest observation

    def set_fps(self, fps: float) -> None:
        """The sampling rate from the next sample on (the gaze calibration samples faster than the interview, and
        a steady picture slower: agent/sample_rate.py). The next sample is the new grid's first point after the
        last sample, not the next frame: a frame just analysed is not analysed again."""
        self.interval = 1.0 / fps
        self.phase_s = self._phase % self.interval
        self._tolerance = min(0.02, self.interval / 4)  # a frame just before its due time is as good
        last = self._last_sample_t
        self._next_due = -math.inf if last is None else self._due_after(last)

    def _due_after(self, t: float) -> float:
        return self.phase_s + (math.floor((t + self._tolerance - self.phase_s) / self.interval) + 1) * self.interval

    @property
    def attached(self) -> bool:
        return self._task is not None and not self._task.done()

    def attach(self, track: rtc.Track) -> None:
        if self.track_sid == track.sid and self.attached:
            return
        self.detach()
        self.track_sid = track.sid
        # a short native ring buffer: if this loop ever lags, old frames are discarded, not piled up
        self._stream = rtc.VideoStream(track, capacity=4)
        self._next_due = -math.inf
        self._last_sample_t = None
        self._gated = gate_video_frames(self._stream, self._admit)
        self._task = asyncio.create_task(self._consume(self._stream), name="video-sampler")

    def detach(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
        if self._stream is not None:
            stream, self._stream = self._stream, None
            self._closing = asyncio.ensure_future(stream.aclose())
        self.track_sid = None

    def take_counters(self) -> tuple[int, int]:
        """(analysed, dropped) since the previous call."""
        analyzed, dropped = self.frames_analyzed, self.frames_dropped
        prev_a, prev_d = self._reported
        self._reported = (analyzed, dropped)
        return analyzed - prev_a, dropped - prev_d

    def _admit(self) -> bool:
        """A frame arrived now: is it a sample? (In the FFI callback thread when gated, the only writer then of
        the grid and of the received and sampled counters.)"""
        self.frames_received += 1
        t = self._clock()
        tolerance = self._tolerance
        # a fixed grid of due times (not "interval after the last sample"): with a camera whose frames
        # arrive unevenly the average rate stays at VIDEO_SAMPLE_FPS instead of drifting below it
        if t < self._next_due - tolerance:
            return False
        self._next_due = self._due_after(t)
        self._last_sample_t = t
        self.frames_sampled += 1
        return True

    async def _consume(self, stream: rtc.VideoStream) -> None:
        loop = asyncio.get_running_loop()
        async for event in stream:
            if not self._gated and not self._admit():
                continue
            t = self._clock()
            if self._busy:
                self.frames_dropped += 1
                continue
            md = event.metadata
            ref = FrameRef(
                id=md.frame_id if md is not None and md.HasField("frame_id") else None,
                user_ts_us=md.user_timestamp if md is not None and md.HasField("user_timestamp") else None,
                received_at=round(time.time(), 6),
            )
            self._busy = True
            fut = loop.run_in_executor(self._executor, self._work, event.frame, t)
            fut.add_done_callback(lambda f, ref=ref: self._done(f, ref))

    def _work(self, frame: rtc.VideoFrame, t: float) -> tuple[Any, float]:
        started = time.perf_counter()
        obs = self._analyze(frame_to_rgb(frame), t)
        return obs, time.perf_counter() - started

    def _done(self, fut: asyncio.Future[tuple[Any, float]], ref: FrameRef) -> None:
        self._busy = False
        if fut.cancelled():
            return
        exc = fut.exception()
        if exc is not None:
            self.analysis_errors += 1
            if self.analysis_errors <= 3:
                logger.warning("frame analysis failed: %s", exc)
            return
        obs, elapsed = fut.result()
        self.frames_analyzed += 1
        self.analysis_s_total += elapsed
        self.last_ref = ref
        if self._on_observation is not None:
            self._on_observation(obs)

    async def aclose(self) -> None:
        self.detach()
        self._executor.shutdown(wait=True, cancel_futures=True)
