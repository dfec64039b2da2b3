"""Live feedback to the candidate, in PRACTICE interviews only: once a second their own speaking pace, pauses and
eye contact (db/contract.py SelfFeedback, on SELF_TOPIC), sent to the candidate's identity alone.

A recruiting interview never builds one of these (agent/room_run.py decides by the interview's mode), so its
candidate receives nothing: scores and signals are the hiring team's.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from livekit import rtc

from db.contract import SELF_TOPIC, LiveMessage, self_feedback_of

logger = logging.getLogger("interviewly.self_feedback")


class SelfFeedbackSender:
    def __init__(self, room: rtc.Room, candidate_identity: Callable[[], str | None]) -> None:
        self.room = room
        self.candidate_identity = candidate_identity
        self.sent = 0
        self.send_errors = 0
        self._queue: asyncio.Queue[bytes] = asyncio.Queue(maxsize=3)

    def offer(self, msg: LiveMessage) -> None:
        """Queue this second's figures; when the data channel is backed up the oldest update goes first."""
        if self._queue.full():
            self._queue.get_nowait()
        self._queue.put_nowait(self_feedback_of(msg).encode())

    async def send_loop(self) -> None:
        while True:
            payload = await self._queue.get()
            identity = self.candidate_identity()
            if identity is None or not self.room.isconnected():
                continue
            try:
                await self.room.local_participant.publish_data(
                    payload, reliable=True, topic=SELF_TOPIC, destination_identities=[identity])
                self.sent += 1
            except Exception as e:
                self.send_errors += 1
                if self.send_errors in (1, 10, 100):
                    logger.warning("sending the candidate's own feedback failed: %s", e)
