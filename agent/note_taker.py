"""The silent note-taker of a HUMAN interview: it asks nothing, transcribes both sides, measures the candidate's
eye contact and fluency as in an AI interview, and writes the same rows and report.

Each speaker's microphone (the candidate's, and each visible interviewer's: ``panelist-`` identities) is cut into
speech segments by its own Silero VAD stream and each segment is transcribed. The interview ends when the
candidate leaves for longer than the rejoin grace, or at its time limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any

import msgspec
from livekit import rtc
from livekit.agents import JobContext, utils, vad
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from agent.config import Settings
from agent.pipeline import load_vad
from agent.plan import InterviewContext
from agent.report import build_report
from agent.room_join import is_candidate
from agent.room_run import RoomRun
from agent.usage import UsageMeter
from analytics.transcript_metrics import Word
from db.contract import ATTR_PHASE, CANDIDATE_PREFIX, PANELIST_PREFIX
from db.enums import InterviewStatus, Speaker

logger = logging.getLogger("interviewly.note_taker")


class NoteTakerRun(RoomRun):
    def __init__(self, *, ctx: JobContext, settings: Settings, context: InterviewContext,
                 sessionmaker: async_sessionmaker[AsyncSession], stt_model: Any, vad_model: Any | None = None
                 ) -> None:
        super().__init__(ctx=ctx, settings=settings, context=context, sessionmaker=sessionmaker)
        self.stt = stt_model
        self.vad = vad_model if vad_model is not None else load_vad()
        self.usage = UsageMeter(settings.prices, pipeline=settings.pipeline)
        self._listeners: dict[str, asyncio.Task[None]] = {}  # track sid -> transcription
        self._panelists_speaking: set[str] = set()

    async def run(self) -> None:
        candidate = await self.join()
        if candidate is None:
            return
        self.usage.start_room()
        await self.fluency.start_question(0)  # the whole conversation is one stretch for the fluency analysis
        self.spawn(self.ctx.room.local_participant.set_attributes({ATTR_PHASE: "note_taking"}))
        self.start_live(0)
        await self.calibrate_gaze()
        for p in self.ctx.room.remote_participants.values():  # tracks published before we claimed the interview
            for pub in p.track_publications.values():
                self._maybe_subscribe(pub, p)
                if pub.track is not None:
                    self._on_track_subscribed(pub.track, pub, p)
        self._loops.append(asyncio.create_task(self._deadline(), name="deadline"))
        await self._ended.wait()
        await self.finalize()

    def wants(self, pub: rtc.RemoteTrackPublication, participant: rtc.RemoteParticipant) -> bool:
        if participant.identity.startswith(PANELIST_PREFIX):
            return pub.source == rtc.TrackSource.SOURCE_MICROPHONE
        return super().wants(pub, participant)

    def _on_track_subscribed(self, track: rtc.Track, pub: rtc.RemoteTrackPublication,
                             participant: rtc.RemoteParticipant) -> None:
        super()._on_track_subscribed(track, pub, participant)
        if not self.started or pub.source != rtc.TrackSource.SOURCE_MICROPHONE or track.sid in self._listeners:
            return
        if is_candidate(participant) or participant.identity.startswith(PANELIST_PREFIX):
            self._listeners[track.sid] = asyncio.create_task(
                self._transcribe(track, participant.identity), name=f"note-taker-{participant.identity}")

    def _on_track_unsubscribed(self, track: rtc.Track, pub: rtc.RemoteTrackPublication,
                               participant: rtc.RemoteParticipant) -> None:
        super()._on_track_unsubscribed(track, pub, participant)
        task = self._listeners.pop(track.sid, None)
        if task is not None:
            task.cancel()

    async def _transcribe(self, track: rtc.Track, identity: str) -> None:
        """One speaker: VAD segments, each transcribed and written with its speaker and times."""
        # 100 ms frames, not the stream's own 10 ms: a tenth of the frame events through the FFI, VAD and fluency
        audio = rtc.AudioStream(track, sample_rate=16000, num_channels=1, frame_size_ms=100)
        stream = self.vad.stream()
        candidate = identity.startswith(CANDIDATE_PREFIX)

        async def feed() -> None:
            async for event in audio:
                stream.push_frame(event.frame)
                if candidate:
                    self.fluency.push_frame(event.frame)

        feeding = asyncio.create_task(feed())
        try:
            async for ev in stream:
                if ev.type == vad.VADEventType.START_OF_SPEECH:
                    self._speaking(identity, candidate, True)
                elif ev.type == vad.VADEventType.END_OF_SPEECH:
                    self._speaking(identity, candidate, False)
                    end_wall = time.time() - ev.silence_duration
                    await self._write_segment(utils.merge_frames(ev.frames), end_wall, candidate)
        finally:
            feeding.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await feeding
            await stream.aclose()
            await audio.aclose()

    def _speaking(self, identity: str, candidate: bool, on: bool) -> None:
        if candidate:
            self.speaking.user_state = "speaking" if on else "listening"
            return
        (self._panelists_speaking.add if on else self._panelists_speaking.discard)(identity)
        # the candidate's pauses are only theirs while no interviewer speaks (the fluency gate reads this)
        self.speaking.agent_state = "speaking" if self._panelists_speaking else "listening"

    async def _write_segment(self, frame: rtc.AudioFrame, end_wall: float, candidate: bool) -> None:
        duration = frame.samples_per_channel / frame.sample_rate
        if duration < 0.3:
            return
        try:
            result = await self.stt.recognize(buffer=frame)
        except Exception:
            logger.exception("transcribing a segment failed")
            return
        self.usage.stt_seconds += duration
        alt = result.alternatives[0] if result.alternatives else None
        text = (alt.text or "").strip() if alt else ""
        if not text:
            return
        end_s = self.since_start(end_wall)
        start_s = max(0.0, end_s - duration)
        words = [Word(str(w), start_s + float(w.start_time), start_s + float(w.end_time))
                 for w in (alt.words or ()) if isinstance(getattr(w, "start_time", None), float | int)]
        if candidate:
            self.fluency.add_words(0, words)
        self.recorder.add_segment({
            "speaker": Speaker.CANDIDATE if candidate else Speaker.INTERVIEWER, "text": text,
            "start_s": round(start_s, 3), "end_s": round(end_s, 3), "question_index": None,
            "words": [{"w": w.text, "s": round(w.start, 3), "e": round(w.end, 3)} for w in words] or None,
        })

    async def _deadline(self) -> None:
        await asyncio.sleep(max(0.0, self.max_s - self.now()))
        self.end(InterviewStatus.COMPLETED, "time limit")

    def on_candidate_gone(self) -> None:
        # in a conversation between people, the candidate leaving is how it ends
        self.end(InterviewStatus.COMPLETED, "the candidate left")

    async def before_report(self) -> None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.fluency.finish_question(), timeout=10)

    def write_report(self, status: InterviewStatus, reason: str) -> None:
        eye = self.eyes.total.summary().as_dict() if self.eyes.loaded else {}
        if eye:
            eye["calibrated"] = self.eyes.calibration is not None
        fluency = msgspec.structs.asdict(self.fluency.snapshot())
        self.recorder.set_report(build_report([], eye=eye, fluency=fluency, rows=self.live.rows if self.live else (),
                                              end_reason=None if reason == "the candidate left" else reason,
                                              show_delivery=not self.context.hide_delivery_signals))
        self.usage.stop_room()
        self.recorder.set_usage(self.usage.row())

    async def close_conversation(self) -> None:
        for task in self._listeners.values():
            task.cancel()
        for task in self._listeners.values():
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._listeners.clear()
