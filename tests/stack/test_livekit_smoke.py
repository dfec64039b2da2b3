"""The bed is real: a participant joins the local livekit-server and publishes video another receives."""

from __future__ import annotations

import asyncio

import numpy as np
from livekit import api, rtc

from tests.rooms import new_room


def _token(info, identity: str, room: str) -> str:
    return (
        api.AccessToken(info.api_key, info.api_secret)
        .with_identity(identity)
        .with_grants(api.VideoGrants(room_join=True, room=room))
        .to_jwt()
    )


async def test_video_track_travels_between_participants(livekit) -> None:
    room_name = "smoke-room"
    publisher, subscriber = new_room(), new_room()
    received: asyncio.Future[rtc.RemoteVideoTrack] = asyncio.get_running_loop().create_future()

    @subscriber.on("track_subscribed")
    def _on_track(track, publication, participant) -> None:
        if track.kind == rtc.TrackKind.KIND_VIDEO and not received.done():
            received.set_result(track)

    await subscriber.connect(livekit.url, _token(livekit, "watcher", room_name))
    await publisher.connect(livekit.url, _token(livekit, "camera", room_name))
    try:
        source = rtc.VideoSource(320, 240)
        track = rtc.LocalVideoTrack.create_video_track("cam", source)
        await publisher.local_participant.publish_track(
            track, rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_CAMERA)
        )
        frame = np.full((240, 320, 4), 200, dtype=np.uint8)

        async def pump() -> None:
            while True:
                source.capture_frame(rtc.VideoFrame(320, 240, rtc.VideoBufferType.RGBA, frame.tobytes()))
                await asyncio.sleep(1 / 15)

        pumper = asyncio.create_task(pump())
        remote = await asyncio.wait_for(received, timeout=15)
        stream = rtc.VideoStream(remote)
        event = await asyncio.wait_for(anext(aiter(stream)), timeout=15)
        assert event.frame.width > 0 and event.frame.height > 0
        # the pixels survived the trip through the SFU (VP8 is lossy: compare loosely)
        rgb = np.frombuffer(event.frame.convert(rtc.VideoBufferType.RGBA).data, dtype=np.uint8)
        assert abs(float(rgb.reshape(-1, 4)[:, :3].mean()) - 200) < 20
        pumper.cancel()
        await stream.aclose()
    finally:
        await publisher.disconnect()
        await subscriber.disconnect()
