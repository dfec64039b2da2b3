"""Tokens from POST /api/livekit/token work on the real local livekit-server, and only as far as they should:
the candidate joins and publishes the microphone (but not a screen share); the recruiter is hidden, receives the
candidate's track and the agent's data messages, and cannot publish."""

from __future__ import annotations

import asyncio
import json

import numpy as np
from livekit import api as lk
from livekit import rtc

from tests.api.conftest import World
from tests.consent import join_body
from tests.rooms import new_room


async def _token(api, body: dict, headers: dict | None = None) -> dict:
    r = await api.post("/api/livekit/token", json=body, headers=headers or {})
    assert r.status_code == 200, r.text
    return r.json()


def _agent_token(livekit, room: str) -> str:
    return (
        lk.AccessToken(livekit.api_key, livekit.api_secret)
        .with_identity("agent-test")
        .with_grants(lk.VideoGrants(room_join=True, room=room, agent=True))
        .to_jwt()
    )


async def _check_nothing_else_is_published(livekit, candidate: rtc.Room, recruiter: rtc.Room, cand: dict,
                                           rec: dict) -> None:
    """The candidate may not share the screen; the recruiter may publish nothing. The SDK waits for a publish
    confirmation that never comes, so the proof is on the server: the tracks are not there."""
    me = candidate.local_participant
    screen = rtc.LocalVideoTrack.create_video_track("screen", rtc.VideoSource(64, 64))
    rec_mic = rtc.LocalAudioTrack.create_audio_track("rec-mic", rtc.AudioSource(48000, 1))
    attempts = [
        me.publish_track(screen, rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_SCREENSHARE)),
        recruiter.local_participant.publish_track(
            rec_mic, rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_MICROPHONE)
        ),
    ]
    results = await asyncio.gather(*(asyncio.wait_for(a, 3) for a in attempts), return_exceptions=True)
    assert all(isinstance(r, BaseException) for r in results), results
    async with lk.LiveKitAPI(livekit.http_url, livekit.api_key, livekit.api_secret) as server:
        listing = await server.room.list_participants(lk.ListParticipantsRequest(room=cand["room"]))
    by_identity = {p.identity: p for p in listing.participants}
    c, r = by_identity[cand["identity"]], by_identity[rec["identity"]]
    assert [t.source for t in c.tracks] == [lk.TrackSource.MICROPHONE]
    assert list(r.tracks) == []
    assert c.permission.can_publish and not c.permission.can_publish_data and not c.permission.hidden
    assert set(c.permission.can_publish_sources) == {lk.TrackSource.CAMERA, lk.TrackSource.MICROPHONE}
    assert r.permission.hidden and not r.permission.can_publish and r.permission.can_subscribe
    assert not r.permission.can_publish_data


async def test_tokens_join_with_least_privilege(api, world: World, livekit) -> None:
    cand = await _token(api, join_body(world.join_code))
    rec = await _token(api, {"interview_id": world.interview_a["id"]}, world.recruiter_a.headers)
    assert cand["room"] == rec["room"] == world.interview_a["room_name"]
    assert cand["identity"] == f"candidate-{world.interview_a['id']}"
    assert rec["identity"] == f"recruiter-{world.recruiter_a.id}"
    assert cand["url"] == livekit.url

    candidate, recruiter, agent = new_room(), new_room(), new_room()
    got_track: asyncio.Future = asyncio.get_running_loop().create_future()
    got_data: asyncio.Future = asyncio.get_running_loop().create_future()

    @recruiter.on("track_subscribed")
    def _on_track(track, publication, participant) -> None:
        if not got_track.done():
            got_track.set_result(participant.identity)

    @recruiter.on("data_received")
    def _on_data(packet) -> None:
        if not got_data.done():
            got_data.set_result(packet.data)

    await candidate.connect(cand["url"], cand["token"])
    await recruiter.connect(rec["url"], rec["token"])
    await agent.connect(livekit.url, _agent_token(livekit, cand["room"]))
    try:
        me = candidate.local_participant
        assert json.loads(me.metadata)["role"] == "candidate" and me.attributes["role"] == "candidate"
        assert json.loads(recruiter.local_participant.metadata)["role"] == "recruiter"

        source = rtc.AudioSource(48000, 1)
        mic = rtc.LocalAudioTrack.create_audio_track("mic", source)
        await me.publish_track(mic, rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_MICROPHONE))

        async def pump() -> None:
            frame = rtc.AudioFrame(np.zeros(480, dtype=np.int16).tobytes(), 48000, 1, 480)
            while True:
                await source.capture_frame(frame)

        pumper = asyncio.create_task(pump())
        assert await asyncio.wait_for(got_track, 15) == cand["identity"]
        pumper.cancel()

        # the recruiter is hidden from the candidate (and the agent), not from the server
        await asyncio.sleep(0.5)
        assert rec["identity"] not in candidate.remote_participants
        assert cand["identity"] in recruiter.remote_participants

        # the agent's live scores reach the recruiter
        await agent.local_participant.publish_data(b'{"eye_contact": 0.8}', destination_identities=[rec["identity"]])
        assert await asyncio.wait_for(got_data, 10) == b'{"eye_contact": 0.8}'

        await _check_nothing_else_is_published(livekit, candidate, recruiter, cand, rec)
    finally:
        for room in (candidate, recruiter, agent):
            await room.disconnect()


async def test_token_for_other_rooms_and_bad_requests(api, world: World) -> None:
    # recruiter B, the candidate of another interview, unknown codes: nothing
    r = await api.post(
        "/api/livekit/token", json={"interview_id": world.interview_a["id"]}, headers=world.recruiter_b.headers
    )
    assert r.status_code == 404
    r = await api.post("/api/livekit/token", json=join_body("x" * 32))
    assert r.status_code == 404
    r = await api.post("/api/livekit/token", json={})
    assert r.status_code == 400
    r = await api.post(
        "/api/livekit/token", json={"join_code": world.join_code, "interview_id": world.interview_a["id"]}
    )
    assert r.status_code == 400
    r = await api.post("/api/livekit/token", json={"interview_id": world.interview_a["id"]})
    assert r.status_code == 401
