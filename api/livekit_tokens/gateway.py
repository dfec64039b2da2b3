"""Everything the API asks of the LiveKit server goes through here (rooms, agent dispatch, reachability)."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from dataclasses import dataclass

import aiohttp
from livekit import api as lk

from api.config import Settings

logger = logging.getLogger(__name__)


class LiveKitUnavailable(Exception):
    """LiveKit did not answer, or refused; the message says why."""


@dataclass(frozen=True)
class Dispatch:
    room_name: str
    dispatch_id: str


def room_name_for(interview_id: uuid.UUID) -> str:
    return f"interview-{interview_id}"


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

    async def create_room_and_dispatch(self, interview_id: uuid.UUID, empty_timeout_s: int) -> Dispatch:
        room = room_name_for(interview_id)
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
        dispatch = await self._call(
            "dispatch the interviewer agent",
            self.api.agent_dispatch.create_dispatch(
                lk.CreateAgentDispatchRequest(
                    agent_name=self.settings.agent_name,
                    room=room,
                    metadata=json.dumps({"interview_id": str(interview_id)}),
                )
            ),
        )
        return Dispatch(room_name=room, dispatch_id=dispatch.id)

    async def has_dispatch(self, room: str) -> bool:
        """Is our agent dispatched to this room and there (or about to be)? False when LiveKit closed the room.

        A dispatch created while no worker was registered (starting or restarting) is never served and LiveKit
        does not retry it. LiveKit's dispatch listing does not show jobs reliably, so "served" means: an agent
        participant is in the room, or the dispatch is younger than a worker needs to join. Otherwise the stale
        dispatch is removed here and the caller dispatches again.
        """
        rooms = await self._call("list rooms", self.api.room.list_rooms(lk.ListRoomsRequest(names=[room])))
        if not rooms.rooms:
            return False
        dispatches = await self._call("list dispatches", self.api.agent_dispatch.list_dispatch(room))
        ours = [d for d in dispatches if d.agent_name == self.settings.agent_name]
        if not ours:
            return False
        newest_ns = max(d.state.created_at for d in ours)
        if time.time_ns() - newest_ns < self.settings.dispatch_join_grace_seconds * 1e9:
            return True
        participants = await self._call(
            "list participants", self.api.room.list_participants(lk.ListParticipantsRequest(room=room))
        )
        if any(p.kind == lk.ParticipantInfo.Kind.AGENT for p in participants.participants):
            return True
        logger.warning("replacing a dispatch no agent answered", extra={"room": room})
        for d in ours:
            await self._call("remove a dispatch no agent answered", self.api.agent_dispatch.delete_dispatch(d.id, room))
        return False

    async def delete_room(self, room: str) -> None:
        """Best effort (a room that is already gone is fine)."""
        try:
            await self._call("delete the room", self.api.room.delete_room(lk.DeleteRoomRequest(room=room)))
        except LiveKitUnavailable as exc:
            logger.info("room not deleted", extra={"room": room, "reason": str(exc)})

    async def ping(self) -> None:
        await self._call("list rooms", self.api.room.list_rooms(lk.ListRoomsRequest(names=["health-check"])))
