"""Frames reach only their own stream: two cameras in one process, each stream's FFI subscription takes its own
frames and no other's (before, every stream's event loop was woken for every frame of every stream). Likewise a
room takes its own room's events, and an awaited request the callbacks of its kind. A gated stream gets only the
frames its gate admits, and the others are released, not kept in LiveKit's memory."""

from __future__ import annotations

import asyncio
import time

import psutil
import pytest
from livekit import rtc
from livekit.rtc._ffi_client import FfiClient
from livekit.rtc._proto import ffi_pb2

from agent.ffi_routing import _awaiting_callback, gate_video_frames, route_frames_by_stream
from tests.agent.sim import Candidate, Participant
from tests.faces import frontal_face_rgb

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(90)]


def _event(kind: str, handle: int) -> ffi_pb2.FfiEvent:
    event = ffi_pb2.FfiEvent()
    getattr(event, kind).stream_handle = handle
    return event


def _filter_of(stream: rtc.VideoStream | rtc.AudioStream | rtc.Room):
    return next(f for q, _, f in FfiClient.instance.queue._subscribers if q is stream._ffi_queue)


def _room_event(handle: int) -> ffi_pb2.FfiEvent:
    event = ffi_pb2.FfiEvent()
    event.room_event.room_handle = handle
    event.room_event.room_updated.sid = "RM_x"
    return event


def _callback(kind: str) -> ffi_pb2.FfiEvent:
    event = ffi_pb2.FfiEvent()
    getattr(event, kind).SetInParent()
    return event


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
        # each room takes its own room's events, never another's, nor callbacks awaited elsewhere
        mine, other = cams[0].room, cams[1].room
        accept = _filter_of(mine)
        assert accept(_room_event(mine._ffi_handle.handle)) and not accept(_room_event(other._ffi_handle.handle))
        assert accept(_callback("publish_track")) and accept(_callback("rpc_method_invocation"))
        for kind in ("capture_audio_frame", "publish_data", "video_stream_event", "audio_stream_event"):
            assert not accept(_callback(kind) if "stream" not in kind else _event(kind, 1))
        # the awaited requests still complete: the microphone's frames (each capture awaits its callback) keep
        # coming 5 s on, a data packet and attributes go through
        await asyncio.sleep(5)
        assert await asyncio.wait_for(_frames(audio[0], 20, 10), 12) == 20  # type: ignore[arg-type]
        got: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        viewer.room.on("data_received", lambda packet: got.done() or got.set_result(bytes(packet.data)))
        await cams[0].room.local_participant.publish_data(b"hello", reliable=True, topic="t")
        await cams[0].room.local_participant.set_attributes({"k": "v"})
        assert await asyncio.wait_for(got, 10) == b"hello"
        for s in (*video, *audio):
            await s.aclose()
    finally:
        for p in (*cams, viewer):
            await p.disconnect()


async def test_an_awaited_request_subscribes_to_its_own_callbacks_only() -> None:
    seen = []

    async def request() -> None:  # as livekit-rtc's requests do: subscribe, send, await the callback
        queue = FfiClient.instance.queue.subscribe()
        try:
            seen.append(_filter_of_queue(queue))
        finally:
            FfiClient.instance.queue.unsubscribe(queue)

    route_frames_by_stream()
    await _awaiting_callback(request, lambda: "capture_audio_frame")()
    await request()  # not awaiting anything: as livekit-rtc subscribes
    narrowed, plain = seen
    assert narrowed(_callback("capture_audio_frame")) and not narrowed(_callback("publish_data"))
    assert not narrowed(_event("video_stream_event", 1))
    assert plain is None


def _filter_of_queue(queue):
    return next(f for q, _, f in FfiClient.instance.queue._subscribers if q is queue)


async def _remote_camera(viewer: Participant, identity: str) -> rtc.Track:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for p in viewer.room.remote_participants.values():
            for pub in p.track_publications.values():
                if p.identity == identity and pub.track is not None and pub.kind == rtc.TrackKind.KIND_VIDEO:
                    return pub.track
        await asyncio.sleep(0.2)
    raise TimeoutError(f"no camera from {identity}")


async def test_a_gated_stream_gets_only_admitted_frames_and_the_rest_are_released(livekit) -> None:
    room = f"ffi-gate-{time.monotonic_ns()}"
    cam = Candidate(livekit, room, "candidate-gate", fps=30)  # 640x480: a leaked frame is 460 kB
    viewer = Participant(livekit, room, "viewer-gate", publish=False)
    try:
        await cam.connect()
        await cam.publish(frontal_face_rgb())
        await viewer.connect()
        stream = rtc.VideoStream(await _remote_camera(viewer, cam.identity), capacity=0)
        arrived = 0

        def every_tenth() -> bool:
            nonlocal arrived
            arrived += 1
            return arrived % 10 == 0

        assert gate_video_frames(stream, every_tenth)
        # not the stream's events, or not frames: the gate's filter leaves them to their own subscribers
        assert not _filter_of(stream)(_event("video_stream_event", stream._ffi_handle.handle + 1))
        assert not _filter_of(stream)(_event("audio_stream_event", stream._ffi_handle.handle))
        got = await _frames(stream, 3, 15)  # warm-up: the decoder runs, the first frames are through
        rss_before, arrived_before = psutil.Process().memory_info().rss, arrived
        got = await _frames(stream, 25, 30)
        arrived_during = arrived - arrived_before
        rss_growth = psutil.Process().memory_info().rss - rss_before
        await stream.aclose()
        assert got == 25
        # one frame in ten reached the stream (a frame in flight at either end may fall either way)
        assert 240 <= arrived_during <= 260, arrived_during
        # the 225 refused frames (~100 MB of I420) were released as they came
        assert rss_growth < 40 * 2**20, rss_growth / 2**20
    finally:
        for p in (cam, viewer):
            await p.disconnect()
