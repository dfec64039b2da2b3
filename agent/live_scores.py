"""Live scores for recruiters: one JSON message a second on topic ``interviewly.live``.

Only recruiters receive them: messages go to the identities that start with ``recruiter-`` through
``destination_identities``, never broadcast, so candidates never get a score. Recruiters join hidden
(subscribe-only), and hidden participants are invisible to other participants, so the directory of
recruiters comes from the server API (ListParticipants), refreshed every couple of seconds.

The message and the interview_metrics row are built from the same dict: what the recruiter saw is what
is stored.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from livekit import api, rtc

from agent.config import RECRUITER_PREFIX
from agent.video_sampler import FrameRef
from analytics.eye_contact import EyeContactSummary, FrameObservation

logger = logging.getLogger("interviewly.live")

MESSAGE_TYPE = "live_scores"
MESSAGE_VERSION = 1


@dataclass
class LiveState:
    agent_state: str = "initializing"
    user_state: str = "listening"
    last_obs: FrameObservation | None = None
    last_ref: FrameRef | None = None
    extra_flags: set[str] = field(default_factory=set)

    @property
    def speaking(self) -> str:
        agent = self.agent_state == "speaking"
        candidate = self.user_state == "speaking"
        return "both" if agent and candidate else "agent" if agent else "candidate" if candidate else "none"


def _r(x: float | None, digits: int = 3) -> float | None:
    return None if x is None else round(float(x), digits)


def _contact_share(s: EyeContactSummary | None) -> float | None:
    """Share of analysed frames with eye contact (a frame without a face has none)."""
    if s is None or s.frames == 0:
        return None
    return s.eye_contact_ratio * s.face_present_ratio


def compose_live_message(
    *,
    interview_id: uuid.UUID,
    seq: int,
    t: float,
    t_s: int,
    question_index: int | None,
    question_count: int,
    last1: EyeContactSummary | None,
    last30: EyeContactSummary | None,
    state: LiveState,
    fluency: dict[str, Any],
    frames_analyzed: int,
    frames_dropped: int,
    video_attached: bool,
) -> dict[str, Any]:
    has_frames = last1 is not None and last1.frames > 0
    face_present = bool(has_frames and last1.face_present_ratio >= 0.5)
    obs = state.last_obs if state.last_obs is not None and t - state.last_obs.t <= 1.5 else None
    flags: set[str] = set(state.extra_flags)
    if not video_attached:
        flags.add("camera_off")
    elif not has_frames:
        flags.add("no_video")
    else:
        if not face_present:
            flags.add("no_face")
        elif (_contact_share(last1) or 0.0) < 0.5:
            flags.add("looking_away")
        if last1.multiple_faces_ratio >= 0.5:
            flags.add("multiple_faces")
    if last30 is not None:
        flags.update(last30.flags)
    ref = state.last_ref if obs is not None else None
    return {
        "type": MESSAGE_TYPE,
        "v": MESSAGE_VERSION,
        "interview_id": str(interview_id),
        "seq": seq,
        "t_s": t_s,
        "t": round(t, 3),
        "ts": round(time.time(), 3),
        "question_index": question_index,
        "question_count": question_count,
        "eye_contact": {"last_1s": _r(_contact_share(last1)), "rolling_30s": _r(_contact_share(last30))},
        "face_present": face_present if has_frames else None,
        "num_faces": obs.num_faces if obs is not None else (0 if has_frames else None),
        "head": {"yaw_deg": _r(obs.yaw_deg if obs else None, 1), "pitch_deg": _r(obs.pitch_deg if obs else None, 1)},
        "flags": sorted(flags),
        "fluency": fluency,
        "speaking": state.speaking,
        "frames": {"analyzed": frames_analyzed, "dropped": frames_dropped},
        "frame": ref.as_dict() if ref is not None else None,
    }


def metric_row(msg: dict[str, Any]) -> dict[str, Any]:
    """The interview_metrics row for a live message (same figures)."""
    fl = msg.get("fluency") or {}
    return {
        "t_s": msg["t_s"],
        "recorded_at": datetime.fromtimestamp(msg["ts"], UTC),
        "question_index": msg["question_index"],
        "face_present": msg["face_present"],
        "num_faces": msg["num_faces"],
        "eye_contact": msg["eye_contact"]["last_1s"],
        "eye_contact_30s": msg["eye_contact"]["rolling_30s"],
        "head_yaw_deg": msg["head"]["yaw_deg"],
        "head_pitch_deg": msg["head"]["pitch_deg"],
        "speaking": msg["speaking"],
        "speech_rate_sps": fl.get("speech_rate_sps"),
        "articulation_rate_sps": fl.get("articulation_rate_sps"),
        "pause_count": fl.get("pause_count"),
        "phonation_ratio": fl.get("phonation_ratio"),
        "frames_analyzed": msg["frames"]["analyzed"],
        "frames_dropped": msg["frames"]["dropped"],
        "flags": msg["flags"],
    }


class RecruiterDirectory:
    """The recruiters in the room (hidden ones included), and sending to them only."""

    def __init__(self, room: rtc.Room, lk: api.LiveKitAPI | None, *, poll_s: float = 2.0) -> None:
        self.room = room
        self.lk = lk
        self.poll_s = poll_s
        self._api_identities: set[str] = set()
        self._task: asyncio.Task[None] | None = None
        self.sent = 0
        self.send_errors = 0
        self.send_s: list[float] = []  # how long each publish took (until LiveKit acknowledged it)

    @property
    def identities(self) -> list[str]:
        visible = {p.identity for p in self.room.remote_participants.values()
                   if p.identity.startswith(RECRUITER_PREFIX)}
        return sorted(visible | self._api_identities)

    def start(self) -> None:
        if self.lk is not None and self._task is None:
            self._task = asyncio.create_task(self._poll(), name="recruiter-directory")

    async def refresh(self) -> None:
        assert self.lk is not None
        resp = await self.lk.room.list_participants(api.ListParticipantsRequest(room=self.room.name))
        self._api_identities = {p.identity for p in resp.participants if p.identity.startswith(RECRUITER_PREFIX)}

    async def _poll(self) -> None:
        failures = 0
        while True:
            try:
                await self.refresh()
                failures = 0
            except asyncio.CancelledError:
                raise
            except Exception as e:
                failures += 1
                if failures in (1, 10):
                    logger.warning("listing room participants failed: %s", e)
            await asyncio.sleep(self.poll_s)

    async def send(self, payload: bytes, *, topic: str) -> bool:
        recipients = self.identities
        if not recipients or not self.room.isconnected():
            return False
        started = time.perf_counter()
        try:
            await self.room.local_participant.publish_data(
                payload, reliable=True, topic=topic, destination_identities=recipients)
            self.sent += 1
            self.send_s.append(time.perf_counter() - started)
            del self.send_s[:-600]
            return True
        except Exception as e:
            self.send_errors += 1
            if self.send_errors in (1, 10, 100):
                logger.warning("publishing live scores failed: %s", e)
            return False

    async def aclose(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
