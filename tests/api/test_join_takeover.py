"""A second join with a connected candidate's identity (issue 14, finding 7): LiveKit would let it push the real
candidate out of the room, so the API gives out no second candidate token while the candidate is connected; the
connected page itself may still ask again (to wait in line again) by showing the token it joined with."""

from __future__ import annotations

import asyncio

from livekit import rtc

from tests.api.conftest import World
from tests.consent import join_body
from tests.rooms import new_room


async def test_a_second_join_does_not_take_over_the_room(api, world: World) -> None:
    first = await api.post("/api/livekit/token", json=join_body(world.join_code))
    assert first.status_code == 200, first.text
    grant = first.json()
    candidate = new_room()
    await candidate.connect(grant["url"], grant["token"])
    try:
        # someone else with the code, or the same candidate in another tab: refused, and told why
        second = await api.post("/api/livekit/token", json=join_body(world.join_code))
        assert second.status_code == 409, second.text
        assert second.json()["extra"]["code"] == "candidate_already_connected"
        # the candidate's own account asking by interview id is the same second join
        r = await api.post("/api/livekit/token", json={"interview_id": world.interview_a["id"]},
                           headers=world.candidate.headers)
        assert r.status_code == 409, r.text
        # another token (from before, or forged) proves nothing
        other = await api.post("/api/livekit/token", json=join_body(world.join_code,
                                                              current_token=grant["token"][:-4] + "AAAA"))
        assert other.status_code == 409, other.text
        # the connected page asking again, with the token it joined with, is not a second join
        again = await api.post("/api/livekit/token", json=join_body(world.join_code,
                                                              current_token=grant["token"]))
        assert again.status_code == 200, again.text
        await asyncio.sleep(0.5)
        assert candidate.connection_state == rtc.ConnectionState.CONN_CONNECTED, "the candidate is still in the room"
        # recruiters watching are not candidates: they still get their tokens
        r = await api.post("/api/livekit/token", json={"interview_id": world.interview_a["id"]},
                           headers=world.recruiter_a.headers)
        assert r.status_code == 200, r.text
    finally:
        await candidate.disconnect()
    # once the candidate has left, the link works again (a reload, another device)
    for _ in range(20):
        r = await api.post("/api/livekit/token", json=join_body(world.join_code))
        if r.status_code == 200:
            break
        await asyncio.sleep(0.5)
    assert r.status_code == 200, r.text
