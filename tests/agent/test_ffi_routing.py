"""Frames reach only their own stream: two cameras in one process, each stream's FFI subscription takes its own
frames and no other's (before, every stream's event loop was woken for every frame of every stream)."""

from __future__ import annotations

import asyncio
import time

import pytest
from livekit import rtc
from livekit.rtc._ffi_client import FfiClient
from livekit.rtc._proto import ffi_pb2

from agent.ffi_routing import route_frames_by_stream
from tests.agent.sim import Candidate, Participant
from tests.faces import frontal_face_rgb

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(90)]


def _event(kind: str, handle: int) -> ffi_pb2.FfiEvent:
    event = ffi_pb2.FfiEvent()
    getattr(event, kind).stream_handle = handle
    return event


def _filter_of(stream: rtc.VideoStream | rtc.AudioStream):
    return next(f for q, _, f in FfiClient.instance.queue._subscribers if q is stream._ffi_queue)


async def _frames(stream: rtc.VideoStream, n: int, within: float) -> int:
    got = 0
    deadline = time.monotonic() + within
    async for _ in stream:
        got += 1
        if got >= n or time.monotonic() > deadline:
            break
    return got


async def test_each_stream_gets_its_own_frames_only(livekit) -> None:
    route_frames_by_stream()
    room = f"ffi-routing-{time.monotonic_ns()}"
    cams = [Candidate(livekit, room, f"candidate-ffi-{n}", fps=10, size=(160, 120)) for n in (1, 2)]
    viewer = Participant(livekit, room, "viewer-ffi", publish=False)
    try:
        for cam in cams:
            await cam.connect()
            await cam.publish(frontal_face_rgb(160, 120))
        await viewer.connect()
        tracks: dict[str, dict[int, rtc.Track]] = {}
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            tracks = {p.identity: {pub.kind: pub.track for pub in p.track_publications.values() if pub.track}
                      for p in viewer.room.remote_participants.values()}
            if all(len(tracks.get(c.identity, {})) == 2 for c in cams):
                break
            await asyncio.sleep(0.2)
        video = [rtc.VideoStream(tracks[c.identity][rtc.TrackKind.KIND_VIDEO]) for c in cams]
        audio = [rtc.AudioStream(tracks[c.identity][rtc.TrackKind.KIND_AUDIO]) for c in cams]
        for kind, (a, b) in (("video_stream_event", video), ("audio_stream_event", audio)):
            mine, other = _filter_of(a), _filter_of(b)
            assert mine(_event(kind, a._ffi_handle.handle)) and not mine(_event(kind, b._ffi_handle.handle))
            assert other(_event(kind, b._ffi_handle.handle)) and not other(_event(kind, a._ffi_handle.handle))
            other_kind = "audio_stream_event" if kind == "video_stream_event" else "video_stream_event"
            assert not mine(_event(other_kind, a._ffi_handle.handle))
        # and the frames still flow, to each stream
        counts = await asyncio.gather(*(_frames(s, 10, 10) for s in video))
        assert counts == [10, 10]
        for s in (*video, *audio):
            await s.aclose()
    finally:
        for p in (*cams, viewer):
            await p.disconnect()
