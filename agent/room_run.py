"""What every interview room run shares, with an interviewer (``agent/run.py``) or as the silent note-taker
(``agent/note_taker.py``): joining the room (its steps in ``agent/room_join.py``), the candidate's camera and
microphone analysed live, the live scores, the recorder, drop-out and rejoin, and the end.

Frames run one way: VideoSampler -> EyeTracker -> LiveScores (message to the hiring team, row to the Recorder);
the candidate's audio likewise: FluencyTracker -> LiveScores.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref
from datetime import UTC, datetime
from typing import Any

from livekit import rtc
from livekit.agents import JobContext
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from agent.config import Settings
from agent.eye_tracker import EyeTracker
from agent.fluency_tracker import FluencyTracker
from agent.live_scores import LiveScores, RecruiterDirectory, Speaking
from agent.plan import InterviewContext
from agent.recorder import Recorder, unanswer_dispatch
from agent.room_join import answer_and_connect, claim_interview, is_candidate, release_no_show, wait_for_candidate
from agent.sample_rate import SteadyRate
from agent.self_feedback import SelfFeedbackSender
from agent.video_sampler import VideoSampler
from analytics.eye_contact import FrameObservation
from analytics.gaze_calibration import CalibrationError
from db.contract import ATTR_CALIBRATION, ATTR_PHASE
from db.enums import InterviewStatus

logger = logging.getLogger("interviewly.room")

CALIBRATION_FPS = 5.0  # analytics.gaze_calibration needs MIN_FRAMES usable frames in a few seconds

#: the room runs of this process (the thread executor's interviews), each on its own job thread's loop
_RUNS: weakref.WeakSet[RoomRun] = weakref.WeakSet()


def end_running_interviews(reason: str) -> int:
    """From any thread: end every started interview of this process now (INTERRUPTED, ``reason``); each then
    writes its report and leaves its room as at any end. One still waiting for its candidate gives its dispatch
    back (the candidate gets another host). livekit-agents' own job shutdown first waits 15 s for the entrypoint,
    which is waiting for the interview to end (or the candidate to come). Returns how many were told."""
    told = 0
    for run in list(_RUNS):
        if run._end is None and not run._loop.is_closed():
            if run.started:
                run._loop.call_soon_threadsafe(run.end, InterviewStatus.INTERRUPTED, reason)
            else:
                run._loop.call_soon_threadsafe(run._give_up.set)
            told += 1
    return told


class RoomRun:
    """One interview room, from the agent joining it to the final report. Subclasses add the conversation."""

    def __init__(self, *, ctx: JobContext, settings: Settings, context: InterviewContext,
                 sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self.ctx = ctx
        self.settings = settings
        self.context = context
        self.sessionmaker = sessionmaker
        self.interview_id = context.interview_id
        self.max_s = min(settings.max_minutes, float(context.duration_minutes)) * 60.0
        self.recorder = Recorder(sessionmaker, context.interview_id, flush_interval_s=settings.flush_interval_s,
                                 max_buffered_rows=settings.max_buffered_rows, generation=context.resumes)
        self.eyes = EyeTracker(look_away_flag_s=settings.look_away_flag_s,
                               sample_fps=max(settings.video_sample_fps, CALIBRATION_FPS))
        # the gaze calibration is sampled faster than the interview (it needs MIN_FRAMES in a few seconds)
        self._calibrating = (settings.gaze_calibration_s > 0 and context.video_analysis
                             and context.resumed_from is None)
        self.rate = SteadyRate(settings.video_sample_fps, settings.video_steady_fps)
        self.speaking = Speaking()
        self.fluency = FluencyTracker(gate=lambda: self.speaking.agent_state != "speaking")
        self.directory: RecruiterDirectory | None = None
        self.live: LiveScores | None = None
        self.sampler: VideoSampler | None = None
        self.candidate_identity: str | None = None
        self._t0: float | None = None
        self._t0_wall = 0.0
        self._tasks: list[asyncio.Task[Any]] = []  # one-off work
        self._loops: list[asyncio.Task[Any]] = []  # ticks, sends, fluency refresh, deadline...
        self._ended = asyncio.Event()
        self._end: tuple[InterviewStatus, str] | None = None
        self._finalize_task: asyncio.Task[None] | None = None
        self._grace_task: asyncio.Task[None] | None = None
        self._loop = asyncio.get_running_loop()
        self._give_up = asyncio.Event()  # the host is going away before the candidate came
        _RUNS.add(self)

    # --- clock ------------------------------------------------------------------------------------------------

    def now(self) -> float:
        return 0.0 if self._t0 is None else time.monotonic() - self._t0

    def since_start(self, wall: float) -> float:
        """A wall-clock time (time.time()) as seconds since the interview started."""
        return max(0.0, wall - self._t0_wall)

    def remaining_s(self) -> float | None:
        return None if self._t0 is None else self.max_s - self.now()

    @property
    def started(self) -> bool:
        return self._t0 is not None

    # --- joining ----------------------------------------------------------------------------------------------

    async def join(self) -> rtc.RemoteParticipant | None:
        """Connect, say so in Postgres, and wait for the candidate. None: they never came (the run is over)."""
        room = self.ctx.room
        room.on("track_published", self._on_track_published)
        room.on("track_subscribed", self._on_track_subscribed)
        room.on("track_unsubscribed", self._on_track_unsubscribed)
        room.on("participant_connected", self._on_participant_connected)
        room.on("participant_disconnected", self._on_participant_disconnected)
        self.ctx.add_shutdown_callback(self._on_job_shutdown)
        taken_at = await answer_and_connect(self.ctx, self.sessionmaker, self.interview_id)
        self.directory = RecruiterDirectory(room, self.ctx.api)
        self.directory.start()
        candidate = await wait_for_candidate(room, self.settings.candidate_wait_s, self._give_up)
        if candidate is None and self._give_up.is_set():
            logger.info("host going away: interview %s given back before its candidate came", self.interview_id)
            await unanswer_dispatch(self.sessionmaker, self.interview_id, taken_at, redispatch_now=True)
            await self.directory.aclose()
            self.ctx.shutdown("host going away")
            return None
        if candidate is None:
            logger.info("no candidate in interview %s within %.0f s: leaving", self.interview_id,
                        self.settings.candidate_wait_s)
            await release_no_show(self.sessionmaker, self.interview_id)
            await self.directory.aclose()
            self.ctx.shutdown("candidate did not come in")
            return None
        started_at = await claim_interview(self.sessionmaker, self.interview_id, self.context.resumed_from)
        if started_at is None:
            logger.warning("interview %s is no longer SCHEDULED: leaving", self.interview_id)
            await self.directory.aclose()
            self.ctx.shutdown("interview not schedulable")
            return None
        self._t0_wall = started_at.timestamp()
        self._t0 = time.monotonic() - max(0.0, time.time() - self._t0_wall)
        self.candidate_identity = candidate.identity
        self.recorder.heartbeat = True
        self.recorder.start()
        self._subscribe_candidate(candidate)
        return candidate

    # --- live analysis ----------------------------------------------------------------------------------------

    def start_live(self, question_count: int) -> None:
        assert self.directory is not None
        self.live = LiveScores(interview_id=self.interview_id, question_count=question_count,
                               interval_s=self.settings.live_interval_s, eyes=self.eyes, fluency=self.fluency,
                               speaking=self.speaking, recorder=self.recorder, directory=self.directory,
                               hide_delivery=self.context.hide_delivery_signals,
                               video_analysis=self.context.video_analysis)
        if self.context.is_practice:  # a practising candidate sees their own delivery; nobody else ever does
            self.live.self_feedback = SelfFeedbackSender(self.ctx.room, lambda: self.candidate_identity)
            self._loops.append(asyncio.create_task(self.live.self_feedback.send_loop(), name="self-feedback"))
        self._loops += [
            asyncio.create_task(self._tick_loop(), name="live-ticks"),
            asyncio.create_task(self.live.send_loop(), name="live-sender"),
            asyncio.create_task(self._fluency_loop(), name="fluency-refresh"),
        ]
        if self.context.video_analysis:  # otherwise no frame is ever taken (nor MediaPipe loaded)
            self.spawn(self._start_video())

    async def calibrate_gaze(self) -> None:
        """The candidate looks at the interviewer tile for a few seconds (their page asks them to): that becomes
        their gaze centre. Without one (camera off, looked around), the default centre, the camera, holds."""
        seconds = self.settings.gaze_calibration_s
        if seconds <= 0 or not self.context.video_analysis:
            return
        attrs = self.ctx.room.local_participant
        await attrs.set_attributes({ATTR_PHASE: "calibration"})
        await asyncio.sleep(0.5)  # the page shows its prompt on this attribute
        try:
            calibration = await self.eyes.calibrate(seconds)
        except CalibrationError as e:
            self._end_calibration_rate()
            logger.info("interview %s: no gaze calibration (%s)", self.interview_id, e)
            await attrs.set_attributes({ATTR_PHASE: "greeting", ATTR_CALIBRATION: "skipped"})
            return
        self._end_calibration_rate()
        self.recorder.update_interview(gaze_calibration=calibration.as_dict())
        # the page's prompt ends with the phase; the greeting follows at once
        await attrs.set_attributes({ATTR_PHASE: "greeting", ATTR_CALIBRATION: "done"})

    def _end_calibration_rate(self) -> None:
        self._calibrating = False
        self.rate.reset()
        if self.sampler is not None:
            self.sampler.set_fps(self.rate.fps)

    def _observed(self, obs: FrameObservation) -> None:
        self.eyes.observe(obs)
        fps = None if self._calibrating else self.rate.observe(obs)
        if fps is not None and self.sampler is not None:
            self.sampler.set_fps(fps)

    async def _start_video(self) -> None:
        await self.eyes.load()
        assert self.eyes.analyzer is not None
        # a sample 150 ms before each live tick: time for a 15 fps camera's next frame and its analysis
        fps = max(self.settings.video_sample_fps, CALIBRATION_FPS) if self._calibrating else \
            self.settings.video_sample_fps
        self.sampler = VideoSampler(self.eyes.analyzer.process, fps=fps, clock=self.now,
                                    on_observation=self._observed, phase_s=self.settings.live_interval_s - 0.15)
        if self.live is not None:
            self.live.sampler = self.sampler
        for p in self.ctx.room.remote_participants.values():
            if p.identity == self.candidate_identity:
                for pub in p.track_publications.values():
                    if pub.track is not None and pub.source == rtc.TrackSource.SOURCE_CAMERA:
                        self.sampler.attach(pub.track)

    async def _tick_loop(self) -> None:
        loop = asyncio.get_running_loop()
        interval = self.settings.live_interval_s
        start = loop.time() - self.now()
        k = max(1, int(self.now() / interval) + 1)
        while self._end is None:
            await asyncio.sleep(max(0.0, start + k * interval - loop.time()))
            try:
                self.tick(k)
            except Exception:
                logger.exception("live tick %d failed", k)
            k += 1

    def tick(self, k: int) -> None:
        """One live message and metrics row; subclasses add their own once-a-second checks."""
        assert self.live is not None
        self.live.tick(k, self.now())

    async def _fluency_loop(self) -> None:
        while self._end is None:
            await asyncio.sleep(1.0)
            try:
                await self.fluency.refresh()
            except Exception:
                logger.exception("fluency refresh failed")

    # --- the room's participants ----------------------------------------------------------------------------

    def _subscribe_candidate(self, participant: rtc.RemoteParticipant) -> None:
        for pub in participant.track_publications.values():
            self._maybe_subscribe(pub, participant)

    def wants(self, pub: rtc.RemoteTrackPublication, participant: rtc.RemoteParticipant) -> bool:
        """Only the candidate's camera and microphone: never the hiring team's, never screen shares; the camera only
        when it is to be analysed."""
        sources = ((rtc.TrackSource.SOURCE_CAMERA, rtc.TrackSource.SOURCE_MICROPHONE) if self.context.video_analysis
                   else (rtc.TrackSource.SOURCE_MICROPHONE,))
        return is_candidate(participant) and pub.source in sources

    def _maybe_subscribe(self, pub: rtc.RemoteTrackPublication, participant: rtc.RemoteParticipant) -> None:
        if not self.wants(pub, participant):
            return
        pub.set_subscribed(True)
        if pub.source == rtc.TrackSource.SOURCE_CAMERA and pub.simulcasted and pub.width >= 1280:
            # an HD camera's middle layer (~640 px wide) is plenty for face landmarks, at a quarter of the cost
            with contextlib.suppress(Exception):
                pub.set_video_quality(rtc.VideoQuality.VIDEO_QUALITY_MEDIUM)

    def _on_track_published(self, pub: rtc.RemoteTrackPublication, participant: rtc.RemoteParticipant) -> None:
        self._maybe_subscribe(pub, participant)

    def _on_track_subscribed(self, track: rtc.Track, pub: rtc.RemoteTrackPublication,
                             participant: rtc.RemoteParticipant) -> None:
        if participant.identity == self.candidate_identity and pub.source == rtc.TrackSource.SOURCE_CAMERA:
            if self.sampler is not None:
                self.sampler.attach(track)

    def _on_track_unsubscribed(self, track: rtc.Track, pub: rtc.RemoteTrackPublication,
                               participant: rtc.RemoteParticipant) -> None:
        if self.sampler is not None and self.sampler.track_sid == track.sid:
            self.sampler.detach()

    def _on_participant_connected(self, participant: rtc.RemoteParticipant) -> None:
        if not is_candidate(participant) or not self.started or self._end is not None:
            return
        self._subscribe_candidate(participant)
        if self._grace_task is not None:
            self._grace_task.cancel()
            self._grace_task = None
            logger.info("candidate %s rejoined interview %s", participant.identity, self.interview_id)
            previous, self.candidate_identity = self.candidate_identity, participant.identity
            self.on_candidate_back(previous)

    def _on_participant_disconnected(self, participant: rtc.RemoteParticipant) -> None:
        if participant.identity != self.candidate_identity or self._end is not None or not self.started:
            return
        logger.info("candidate left interview %s: waiting %.0f s for them to rejoin", self.interview_id,
                    self.settings.rejoin_grace_s)
        if self._grace_task is None:
            self._grace_task = asyncio.create_task(self._grace(), name="rejoin-grace")

    async def _grace(self) -> None:
        await asyncio.sleep(self.settings.rejoin_grace_s)
        self._grace_task = None
        self.on_candidate_gone()

    @property
    def candidate_away(self) -> bool:
        return self._grace_task is not None

    def on_candidate_back(self, previous_identity: str | None) -> None:
        """The candidate rejoined within the grace period."""

    def on_candidate_gone(self) -> None:
        self.end(InterviewStatus.INTERRUPTED, "candidate left")

    # --- ending -----------------------------------------------------------------------------------------------

    def spawn(self, coro: Any) -> None:
        self._tasks = [t for t in self._tasks if not t.done()]
        self._tasks.append(asyncio.create_task(coro))

    def end(self, status: InterviewStatus, reason: str) -> None:
        if self._end is None:
            logger.info("interview %s ends: %s (%s)", self.interview_id, status.value, reason)
            self._end = (status, reason)
            self._ended.set()

    async def finalize(self) -> None:
        """Write the last figures, the report, usage and the final status; then leave. Runs once."""
        if self._finalize_task is None:
            self._finalize_task = asyncio.create_task(self._finalize(), name="finalize")
        await asyncio.shield(self._finalize_task)

    async def _finalize(self) -> None:
        status, reason = self._end or (InterviewStatus.INTERRUPTED, "worker shutdown")
        current = asyncio.current_task()
        for task in self._loops:
            if task is not current:  # finalize may run from the deadline task itself
                task.cancel()
        if self._grace_task is not None:
            self._grace_task.cancel()
        await self.before_report()
        if self.live is not None:
            # the last (partial) second, so the metrics cover the interview up to its end
            with contextlib.suppress(Exception):
                self.tick(max(self.live.last_k + 1, int(self.now() / self.settings.live_interval_s) + 1))
                await self.live.drain()
        self.write_report(status, reason)
        self.recorder.update_interview(status=status, ended_at=datetime.now(UTC), end_reason=reason)
        written = await self.recorder.close(timeout_s=30)
        self._log_final(status, written)
        await self._close_resources()
        self.ctx.shutdown(f"interview {status.value.lower()}")

    async def before_report(self) -> None:
        """Close what the report needs closed (the last question, the session)."""

    def write_report(self, status: InterviewStatus, reason: str) -> None:
        """Queue the report and usage rows on the recorder."""

    def _log_final(self, status: InterviewStatus, written: bool) -> None:
        d = self.directory
        sends = sorted(d.send_s) if d else []
        logger.info("interview %s finalized: %s, report %s, %d rows written, %d failed flushes, %d metrics dropped; "
                    "%d live messages sent (publish p50 %.0f ms, p95 %.0f ms); %d frames analysed, %d dropped",
                    self.interview_id, status.value, "written" if written else "NOT written",
                    self.recorder.rows_written, self.recorder.failed_flushes, self.recorder.dropped_metrics,
                    d.sent if d else 0, 1000 * sends[len(sends) // 2] if sends else 0,
                    1000 * sends[int(len(sends) * 0.95)] if sends else 0,
                    self.sampler.frames_analyzed if self.sampler else 0,
                    self.sampler.frames_dropped if self.sampler else 0)

    async def close_conversation(self) -> None:
        """Stop whatever talks or listens in the room (the agent session, transcription)."""

    async def _close_resources(self) -> None:
        current = asyncio.current_task()
        for task in [*self._tasks, *self._loops]:
            if not task.done() and task is not current:
                task.cancel()
        if self.directory is not None:
            await self.directory.aclose()
        await self.close_conversation()
        if self.sampler is not None:
            await self.sampler.aclose()
        await self.fluency.aclose()
        await self.eyes.aclose()

    async def _on_job_shutdown(self, reason: str = "") -> None:
        if not self.started:
            return
        self.end(InterviewStatus.INTERRUPTED, f"worker shutdown: {reason}" if reason else "worker shutdown")
        await self.finalize()
