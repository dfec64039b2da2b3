"""Everything the API asks of the LiveKit server goes through here (rooms, agent dispatch, reachability)."""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass

import aiohttp
from livekit import api as lk

from api.config import Settings
from db.contract import dispatch_metadata

logger = logging.getLogger(__name__)


class LiveKitUnavailable(Exception):
    """LiveKit did not answer, or refused; the message says why."""


@dataclass(frozen=True)
class Dispatch:
    room_name: str
    dispatch_id: str


class LiveKitGateway:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._api: lk.LiveKitAPI | None = None

    async def start(self) -> None:
        if self._api is None:
            self._api = lk.LiveKitAPI(
                url=self.settings.livekit_http_url,
                api_key=self.settings.livekit_api_key,
                api_secret=self.settings.livekit_api_secret,
                timeout=aiohttp.ClientTimeout(total=self.settings.livekit_timeout_seconds),
                failover=False,
            )

    async def close(self) -> None:
        if self._api is not None:
            await self._api.aclose()
            self._api = None

    @property
    def api(self) -> lk.LiveKitAPI:
        if self._api is None:
            raise LiveKitUnavailable("LiveKit client is not started")
        return self._api

    async def _call(self, what: str, coro):
        try:
            return await asyncio.wait_for(coro, timeout=self.settings.livekit_timeout_seconds)
        except lk.TwirpError as exc:
            raise LiveKitUnavailable(f"LiveKit refused to {what}: {exc.message}") from exc
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise LiveKitUnavailable(f"LiveKit is unreachable ({what}): {type(exc).__name__}") from exc

    async def ensure_room(self, room: str, empty_timeout_s: int) -> None:
        """Create the room with our limits (creating a room that exists changes nothing)."""
        await self._call(
            "create the room",
            self.api.room.create_room(
                lk.CreateRoomRequest(
                    name=room,
                    empty_timeout=max(60, min(empty_timeout_s, 7 * 24 * 3600)),
                    departure_timeout=60,
                    max_participants=self.settings.room_max_participants,
                )
            ),
        )

    async def dispatch_agent(self, interview_id: uuid.UUID, room: str, empty_timeout_s: int) -> Dispatch:
        """Send the interviewer to the room: the room is made sure of, and an earlier dispatch of ours that no agent
        answered is replaced (LiveKit never retries a dispatch that found no free worker)."""
        await self.ensure_room(room, empty_timeout_s)
        existing = await self._call("list dispatches", self.api.agent_dispatch.list_dispatch(room))
        for d in existing:
            if d.agent_name == self.settings.agent_name:
                await self._call("remove an unanswered dispatch", self.api.agent_dispatch.delete_dispatch(d.id, room))
        dispatch = await self._call(
            "dispatch the interviewer agent",
            self.api.agent_dispatch.create_dispatch(
                lk.CreateAgentDispatchRequest(
                    agent_name=self.settings.agent_name, room=room, metadata=dispatch_metadata(interview_id)
                )
            ),
        )
        return Dispatch(room_name=room, dispatch_id=dispatch.id)

    async def identities(self, room: str) -> set[str]:
        """Who is in the room now (empty when there is no such room)."""
        rooms = await self._call("list rooms", self.api.room.list_rooms(lk.ListRoomsRequest(names=[room])))
        if not rooms.rooms:
            return set()
        participants = await self._call(
            "list participants", self.api.room.list_participants(lk.ListParticipantsRequest(room=room))
        )
        return {p.identity for p in participants.participants}

    async def participant_attributes(self, room: str, identity: str) -> dict[str, str] | None:
        """The attributes of `identity` while it is connected to `room`, else None."""
        rooms = await self._call("list rooms", self.api.room.list_rooms(lk.ListRoomsRequest(names=[room])))
        if not rooms.rooms:
            return None
        participants = await self._call(
            "list participants", self.api.room.list_participants(lk.ListParticipantsRequest(room=room))
        )
        found = next((p for p in participants.participants if p.identity == identity), None)
        return dict(found.attributes) if found is not None else None

    async def remove_participant(self, room: str, identity: str) -> None:
        """Take ``identity`` out of the room (one already gone is fine)."""
        try:
            await self._call("remove a participant", self.api.room.remove_participant(
                lk.RoomParticipantIdentity(room=room, identity=identity)))
        except LiveKitUnavailable as exc:
            if "not found" not in str(exc).lower():
                raise

    async def delete_room(self, room: str) -> None:
        """Best effort (a room that is already gone is fine)."""
        try:
            await self._call("delete the room", self.api.room.delete_room(lk.DeleteRoomRequest(room=room)))
        except LiveKitUnavailable as exc:
            logger.info("room not deleted", extra={"room": room, "reason": str(exc)})

    async def ping(self) -> None:
        await self._call("list rooms", self.api.room.list_rooms(lk.ListRoomsRequest(names=["health-check"])))
