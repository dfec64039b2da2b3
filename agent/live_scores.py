"""Live scores for the hiring team: one message a second on the contract's LIVE_TOPIC, and the same figures as
that second's interview_metrics row.

Frames and audio run one way: the sampler's observations land in the EyeTracker, the candidate's audio in the
FluencyTracker; every tick, ``LiveScores`` composes a typed ``LiveMessage`` (db/contract.py) from them, queues it
for the recruiters in the room and hands its ``MetricRow`` to the recorder. What the recruiter saw is what is
stored.

Only the hiring team receives them: messages go to ``recruiter-`` (hidden watchers) and ``panelist-`` identities
through ``destination_identities``, never broadcast, so candidates never get a score. Hidden participants are
invisible to other participants, so the directory comes from the server API (ListParticipants), refreshed every
couple of seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

import msgspec
from livekit import api, rtc

from agent import metrics as agent_metrics
from agent.eye_tracker import EyeTracker
from agent.fluency_tracker import FluencyTracker
from analytics.eye_contact import EyeContactSummary
from db.contract import (
    LIVE_TOPIC,
    PANELIST_PREFIX,
    RECRUITER_PREFIX,
    VIDEO_NOT_COLLECTED,
    EyeContactLive,
    FluencyLive,
    FrameCounts,
    FrameRef,
    HeadPose,
    LiveMessage,
    MetricRow,
)

if TYPE_CHECKING:
    from agent.recorder import Recorder
    from agent.self_feedback import SelfFeedbackSender
    from agent.video_sampler import VideoSampler

logger = logging.getLogger("interviewly.live")

HIRING_TEAM_PREFIXES = (RECRUITER_PREFIX, PANELIST_PREFIX)


@dataclass
class Speaking:
    agent_state: str = "initializing"
    user_state: str = "listening"

    @property
    def who(self) -> str:
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
    eyes: EyeTracker,
    speaking: Speaking,
    fluency: FluencyTracker,
    frames: FrameCounts,
    video_attached: bool,
    frame_ref: FrameRef | None,
    video_analysis: bool = True,
) -> LiveMessage:
    last1, last30 = eyes.window(1.0, t), eyes.window(30.0, t)
    obs = eyes.last if eyes.last is not None and t - eyes.last.t <= 1.5 else None
    if last1 is not None and last1.frames == 0 and obs is not None:
        # the second's one sample (a steady picture is sampled once a second) is still being analysed: the one
        # before it stands, as it does for the head pose
        last1 = eyes.window(1.5, t)
    has_frames = last1 is not None and last1.frames > 0
    face_present = bool(has_frames and last1.face_present_ratio >= 0.5)
    flags: set[str] = set()
    if not video_analysis:
        flags.add(VIDEO_NOT_COLLECTED)
    elif not video_attached:
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
    return LiveMessage(
        interview_id=str(interview_id),
        seq=seq,
        t_s=t_s,
        t=round(t, 3),
        ts=round(time.time(), 3),
        question_index=question_index,
        question_count=question_count,
        eye_contact=EyeContactLive(last_1s=_r(_contact_share(last1)), rolling_30s=_r(_contact_share(last30))),
        face_present=face_present if has_frames else None,
        num_faces=obs.num_faces if obs is not None else (0 if has_frames else None),
        head=HeadPose(yaw_deg=_r(obs.yaw_deg if obs else None, 1), pitch_deg=_r(obs.pitch_deg if obs else None, 1)),
        flags=sorted(flags),
        fluency=fluency.snapshot(),
        speaking=speaking.who,
        frames=frames,
        frame=frame_ref if obs is not None else None,
    )


def without_delivery(msg: LiveMessage) -> LiveMessage:
    """The live message without eye contact, head pose, fluency or look-away notes (for a company that hides
    delivery signals; face-in-view and multiple-faces notes stay)."""
    return msgspec.structs.replace(
        msg, eye_contact=EyeContactLive(last_1s=None, rolling_30s=None), head=HeadPose(yaw_deg=None, pitch_deg=None),
        fluency=FluencyLive(), flags=[f for f in msg.flags if not f.startswith("look_away")])


class LiveScores:
    """Every LIVE_INTERVAL_SECONDS: compose, queue for the hiring team, and hand the row to the recorder."""

    def __init__(self, *, interview_id: uuid.UUID, question_count: int, interval_s: float, eyes: EyeTracker,
                 fluency: FluencyTracker, speaking: Speaking, recorder: Recorder,
                 directory: RecruiterDirectory, hide_delivery: bool = False, video_analysis: bool = True,
                 self_feedback: SelfFeedbackSender | None = None) -> None:
        self.interview_id = interview_id
        self.video_analysis = video_analysis  # False: every row says its video figures were not collected
        self.hide_delivery = hide_delivery  # the company hides delivery signals: the watchers get none
        self.question_count = question_count
        self.interval_s = interval_s
        self.eyes = eyes
        self.fluency = fluency
        self.speaking = speaking
        self.recorder = recorder
        self.directory = directory
        self.self_feedback = self_feedback  # PRACTICE interviews only: the candidate's own pace, pauses, eye contact
        self.sampler: VideoSampler | None = None
        self.question_index: int | None = None
        self.last_k = 0
        self.rows: list[MetricRow] = []  # every row written: the report's figures are computed over them
        self._sends: asyncio.Queue[tuple[bytes, float]] = asyncio.Queue(maxsize=5)  # (message, composed at)

    def tick(self, k: int, t: float) -> LiveMessage:
        self.last_k = k
        sampler = self.sampler
        analyzed, dropped = sampler.take_counters() if sampler else (0, 0)
        agent_metrics.frames(analyzed, dropped)
        msg = compose_live_message(
            interview_id=self.interview_id, seq=k, t=t, t_s=round(k * self.interval_s),
            question_index=self.question_index, question_count=self.question_count, eyes=self.eyes,
            speaking=self.speaking, fluency=self.fluency, frames=FrameCounts(analyzed=analyzed, dropped=dropped),
            video_attached=bool(sampler and sampler.attached), frame_ref=sampler.last_ref if sampler else None,
            video_analysis=self.video_analysis,
        )
        if self._sends.full():  # the data channel is backed up: the oldest update is the least useful
            self._sends.get_nowait()
        self._sends.put_nowait(((without_delivery(msg) if self.hide_delivery else msg).encode(), time.monotonic()))
        if self.self_feedback is not None:
            self.self_feedback.offer(msg)
        row = msg.metric_row()
        self.rows.append(row)
        self.recorder.add_metric(row)
        self.recorder.kick()
        return msg

    async def send_loop(self) -> None:
        """Deliver messages in order; a slow data channel never delays the ticks themselves."""
        while True:
            payload, composed_at = await self._sends.get()
            if await self.directory.send(payload, topic=LIVE_TOPIC):
                agent_metrics.live_message_sent(composed_at)

    async def drain(self, timeout_s: float = 2.0) -> None:
        while not self._sends.empty():
            await asyncio.wait_for(self.directory.send(self._sends.get_nowait()[0], topic=LIVE_TOPIC), timeout_s)


class RecruiterDirectory:
    """The hiring team in the room (hidden watchers included), and sending to them only."""

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
                   if p.identity.startswith(HIRING_TEAM_PREFIXES)}
        return sorted(visible | self._api_identities)

    def start(self) -> None:
        if self.lk is not None and self._task is None:
            self._task = asyncio.create_task(self._poll(), name="recruiter-directory")

    async def refresh(self) -> None:
        assert self.lk is not None
        resp = await self.lk.room.list_participants(api.ListParticipantsRequest(room=self.room.name))
        self._api_identities = {p.identity for p in resp.participants if p.identity.startswith(HIRING_TEAM_PREFIXES)}

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
