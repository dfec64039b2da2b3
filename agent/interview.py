"""One interview, from dispatch to report: the room, the agent session, analytics, live scores, Postgres.

Lifecycle: wait for the candidate (NO_SHOW after NO_SHOW_TIMEOUT_SECONDS) -> claim the interview
(SCHEDULED -> IN_PROGRESS) -> greeting, consent, questions -> closing (COMPLETED), or the hard stop at the
maximum duration (COMPLETED, "time limit"), or the candidate gone longer than the rejoin grace period
(INTERRUPTED). Every second: one live message to the recruiters and the same figures as a metrics row.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import time
import uuid
from collections import deque
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from livekit import rtc
from livekit.agents import AgentSession, AutoSubscribe, JobContext, room_io, stt
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from agent.audio_tap import FluencyTracker
from agent.avatar import start_avatar
from agent.config import CANDIDATE_PREFIX, LIVE_TOPIC, Settings
from agent.flow import Directive, InterviewFlow
from agent.interview_plan import InterviewContext
from agent.interviewer import Interviewer, InterviewHooks, interview_texts, interviewer_instructions
from agent.live_scores import LiveState, RecruiterDirectory, compose_live_message, metric_row
from agent.pipeline import Models, turn_handling
from agent.priority import ANALYSIS_NICE, create_in_background
from agent.recorder import Recorder
from agent.report import QuestionResult, build_report, practice_feedback, score_question
from agent.usage import UsageMeter
from agent.video_sampler import FrameRef, VideoSampler
from analytics.eye_contact import EyeContactAggregator, EyeContactAnalyzer, EyeContactSummary, FrameObservation
from analytics.transcript_metrics import Word, transcript_metrics
from db.enums import InterviewStatus, Speaker
from db.models import Interview

logger = logging.getLogger("interviewly.interview")


def is_candidate(p: rtc.Participant) -> bool:
    return p.identity.startswith(CANDIDATE_PREFIX)


async def claim_interview(sessionmaker: async_sessionmaker[AsyncSession], interview_id: uuid.UUID) -> bool:
    """SCHEDULED -> IN_PROGRESS, atomically: only one worker ever runs an interview."""
    now = datetime.now(UTC)
    async with sessionmaker() as session, session.begin():
        result = await session.execute(
            sa.update(Interview)
            .where(Interview.id == interview_id, Interview.status == InterviewStatus.SCHEDULED)
            .values(status=InterviewStatus.IN_PROGRESS, started_at=now, last_heartbeat_at=now,
                    ended_at=None, end_reason=None)
            .returning(Interview.id)
        )
        return result.first() is not None


# With the thread executor several interviews share one process and one LiveKit FFI; connecting their rooms
# concurrently can miss the FFI's room-event handshake deadline, and the FFI then panics the whole process.
_CONNECT_LOCK = threading.Lock()


class InterviewRun(InterviewHooks):
    def __init__(
        self,
        *,
        ctx: JobContext,
        settings: Settings,
        context: InterviewContext,
        models: Models,
        sessionmaker: async_sessionmaker[AsyncSession],
    ) -> None:
        self.ctx = ctx
        self.settings = settings
        self.context = context
        self.models = models
        self.sessionmaker = sessionmaker
        self.interview_id = context.interview_id
        self.max_s = min(settings.max_minutes, float(context.duration_minutes)) * 60.0
        self.flow = InterviewFlow(context.plan, follow_up_min_words=settings.follow_up_min_words)
        self.recorder = Recorder(sessionmaker, context.interview_id, flush_interval_s=settings.flush_interval_s,
                                 max_buffered_rows=settings.max_buffered_rows)
        self.usage = UsageMeter(settings.prices, pipeline=models.pipeline)
        self.fluency = FluencyTracker(gate=self._candidate_has_floor)
        self.live = LiveState()
        self.directory: RecruiterDirectory | None = None
        self.session: AgentSession | None = None
        self.agent: Interviewer | None = None
        self.analyzer: EyeContactAnalyzer | None = None
        self.sampler: VideoSampler | None = None
        self.candidate_identity: str | None = None
        self._t0: float | None = None
        self._t0_wall = 0.0
        self._tasks: list[asyncio.Task[Any]] = []  # one-off work (question transitions, welcome back...)
        self._loops: list[asyncio.Task[Any]] = []  # ticks, fluency refresh, deadline
        self._ended = asyncio.Event()
        self._end: tuple[InterviewStatus, str] | None = None
        self._finalize_task: asyncio.Task[None] | None = None
        self._grace_task: asyncio.Task[None] | None = None
        self._agent_speaking_since: float | None = None
        self._quiet_since = 0.0  # last change of who speaks (for the silence nudge)
        self._nudged: set[int] = set()
        # per question
        self._active_q: int | None = None
        self._q_started: dict[int, float] = {}
        self._q_eye: dict[int, EyeContactAggregator] = {}
        # observations as they come back from the analysis thread: the live windows are computed here, on
        # the event loop, without touching the analyzer (whose lock is held while MediaPipe runs)
        flag_s = settings.look_away_flag_s
        self._recent_obs: deque[FrameObservation] = deque(maxlen=int(60 * max(1.0, settings.video_sample_fps)))
        self._eye_total = EyeContactAggregator(look_away_flag_s=flag_s)
        self._sends: asyncio.Queue[bytes] = asyncio.Queue(maxsize=5)
        self._last_k = 0
        self._results: dict[int, QuestionResult] = {}
        self._transition_lock = asyncio.Lock()
        self._pending_obs: list[FrameObservation] = []

    # --- clock ----------------------------------------------------------------------------------------

    def now(self) -> float:
        return 0.0 if self._t0 is None else time.monotonic() - self._t0

    def remaining_s(self) -> float | None:
        return None if self._t0 is None else self.max_s - self.now()

    def _candidate_has_floor(self) -> bool:
        return self.live.agent_state != "speaking"

    # --- main -----------------------------------------------------------------------------------------

    async def run(self) -> None:
        room = self.ctx.room
        room.on("track_published", self._on_track_published)
        room.on("track_subscribed", self._on_track_subscribed)
        room.on("track_unsubscribed", self._on_track_unsubscribed)
        room.on("participant_connected", self._on_participant_connected)
        room.on("participant_disconnected", self._on_participant_disconnected)
        self.ctx.add_shutdown_callback(self._on_job_shutdown)

        # one room handshake at a time per process (see _CONNECT_LOCK)
        await asyncio.to_thread(_CONNECT_LOCK.acquire)
        try:
            await self.ctx.connect(auto_subscribe=AutoSubscribe.SUBSCRIBE_NONE)
        finally:
            _CONNECT_LOCK.release()
        logger.info("joined room %s for interview %s (%s pipeline)", room.name, self.interview_id,
                    self.models.pipeline)
        self.directory = RecruiterDirectory(room, self.ctx.api)
        self.directory.start()

        candidate = await self._wait_for_candidate(self.settings.no_show_timeout_s)
        if candidate is None:
            await self._no_show()
            return
        if not await self._claim_with_retry():
            logger.warning("interview %s is no longer SCHEDULED: leaving", self.interview_id)
            self.ctx.shutdown("interview not schedulable")
            return

        self._t0, self._t0_wall = time.monotonic(), time.time()
        self.candidate_identity = candidate.identity
        self.usage.start_room()
        self.recorder.heartbeat = True
        if self.context.plan.source == "prompts":
            self.recorder.update_interview(question_plan=self.context.plan.as_json())
        self.recorder.start()
        self._subscribe_candidate(candidate)

        await self._start_session(candidate)
        self._loops = [
            asyncio.create_task(self._tick_loop(), name="live-ticks"),
            asyncio.create_task(self._send_loop(), name="live-sender"),
            asyncio.create_task(self._fluency_loop(), name="fluency-refresh"),
            asyncio.create_task(self._deadline(), name="deadline"),
        ]
        self._spawn(self._start_video_analysis())
        await self._ended.wait()
        await self.finalize()

    async def _start_session(self, candidate: rtc.RemoteParticipant) -> None:
        values = self.context.template_values(self.max_s / 60.0)
        self.agent = Interviewer(
            flow=self.flow,
            texts=interview_texts(values, practice=self.context.is_practice),
            instructions=interviewer_instructions(values),
            hooks=self,
        )
        m = self.models
        self.session = AgentSession(stt=m.stt, llm=m.llm, tts=m.tts, vad=m.vad,
                                    turn_handling=turn_handling(self.settings), user_away_timeout=None)
        s = self.session
        s.on("agent_state_changed", self._on_agent_state)
        s.on("user_state_changed", self._on_user_state)
        s.on("conversation_item_added", self._on_conversation_item)
        s.on("session_usage_updated", lambda ev: self.usage.update_from_session_usage(ev.usage))
        s.on("close", self._on_session_close)
        await s.start(
            self.agent,
            room=self.ctx.room,
            room_options=room_io.RoomOptions(
                participant_identity=candidate.identity,
                close_on_disconnect=False,
                video_input=False,
                text_input=False,
                # 16 kHz mono is what the VAD and Whisper take: no resampling on the way; no automatic gain
                # control (Whisper and the VAD cope with levels, and it costs CPU on every frame)
                audio_input=room_io.AudioInputOptions(sample_rate=16000, frame_size_ms=50, pre_connect_audio=False,
                                                      auto_gain_control=False),
            ),
            record=False,
            session_host=False,  # nobody drives this session remotely: no session events over the data channel
        )
        await start_avatar(self.settings.avatar_provider, s, self.ctx.room)
        if self._active_q is None:
            self._publish_progress("greeting", None)

    async def _start_video_analysis(self) -> None:
        # created in a lowered thread: MediaPipe's own threads inherit the analysis priority (agent/priority.py)
        self.analyzer = await asyncio.to_thread(
            create_in_background, lambda: EyeContactAnalyzer(look_away_flag_s=self.settings.look_away_flag_s),
            ANALYSIS_NICE)
        # a sample 150 ms before each live tick: time for a 15 fps camera's next frame and its analysis
        self.sampler = VideoSampler(self.analyzer.process, fps=self.settings.video_sample_fps, clock=self.now,
                                    on_observation=self._on_observation,
                                    phase_s=self.settings.live_interval_s - 0.15)
        for p in self.ctx.room.remote_participants.values():
            if p.identity == self.candidate_identity:
                for pub in p.track_publications.values():
                    if pub.track is not None and pub.source == rtc.TrackSource.SOURCE_CAMERA:
                        self.sampler.attach(pub.track)

    # --- room -----------------------------------------------------------------------------------------

    async def _wait_for_candidate(self, within_s: float) -> rtc.RemoteParticipant | None:
        room = self.ctx.room
        found: asyncio.Future[rtc.RemoteParticipant] = asyncio.get_running_loop().create_future()

        def check(p: rtc.RemoteParticipant) -> None:
            if is_candidate(p) and not found.done():
                found.set_result(p)

        room.on("participant_connected", check)
        try:
            for p in room.remote_participants.values():
                check(p)
            return await asyncio.wait_for(found, within_s)
        except TimeoutError:
            return None
        finally:
            room.off("participant_connected", check)

    def _subscribe_candidate(self, participant: rtc.RemoteParticipant) -> None:
        for pub in participant.track_publications.values():
            self._maybe_subscribe(pub, participant)

    @staticmethod
    def _maybe_subscribe(pub: rtc.RemoteTrackPublication, participant: rtc.RemoteParticipant) -> None:
        # only the candidate's camera and microphone: never recruiters, never screen shares
        if is_candidate(participant) and pub.source in (rtc.TrackSource.SOURCE_CAMERA,
                                                        rtc.TrackSource.SOURCE_MICROPHONE):
            pub.set_subscribed(True)
            if pub.source == rtc.TrackSource.SOURCE_CAMERA and pub.simulcasted and pub.width >= 1280:
                # an HD camera's middle layer (~640 px wide) is plenty for face landmarks, at a quarter of
                # the decoding cost
                with contextlib.suppress(Exception):
                    pub.set_video_quality(rtc.VideoQuality.VIDEO_QUALITY_MEDIUM)

    def _on_track_published(self, pub: rtc.RemoteTrackPublication, participant: rtc.RemoteParticipant) -> None:
        self._maybe_subscribe(pub, participant)

    def _on_track_subscribed(self, track: rtc.Track, pub: rtc.RemoteTrackPublication,
                             participant: rtc.RemoteParticipant) -> None:
        if participant.identity != self.candidate_identity:
            return
        # (the microphone reaches the fluency analysis through the session: see on_candidate_audio)
        if pub.source == rtc.TrackSource.SOURCE_CAMERA and self.sampler is not None:
            self.sampler.attach(track)

    def _on_track_unsubscribed(self, track: rtc.Track, pub: rtc.RemoteTrackPublication,
                               participant: rtc.RemoteParticipant) -> None:
        if self.sampler is not None and self.sampler.track_sid == track.sid:
            self.sampler.detach()

    def _on_participant_connected(self, participant: rtc.RemoteParticipant) -> None:
        if not is_candidate(participant) or self._t0 is None or self._end is not None:
            return
        self._subscribe_candidate(participant)
        if self._grace_task is not None:
            self._grace_task.cancel()
            self._grace_task = None
            logger.info("candidate %s rejoined interview %s", participant.identity, self.interview_id)
            if participant.identity != self.candidate_identity and self.session is not None:
                self.session.room_io.set_participant(participant.identity)
            self.candidate_identity = participant.identity
            self._spawn(self._welcome_back())

    async def _welcome_back(self) -> None:
        await asyncio.sleep(1.5)  # let their microphone come back before speaking to them
        if self.agent is not None and self._end is None:
            self.agent.welcome_back()

    def _on_participant_disconnected(self, participant: rtc.RemoteParticipant) -> None:
        if participant.identity != self.candidate_identity or self._end is not None or self._t0 is None:
            return
        logger.info("candidate left interview %s: waiting %.0f s for them to rejoin", self.interview_id,
                    self.settings.rejoin_grace_s)
        if self._grace_task is None:
            self._grace_task = asyncio.create_task(self._grace(), name="rejoin-grace")

    async def _grace(self) -> None:
        await asyncio.sleep(self.settings.rejoin_grace_s)
        self._grace_task = None
        self.end(InterviewStatus.INTERRUPTED, "candidate left")

    # --- session events -------------------------------------------------------------------------------

    def _on_agent_state(self, ev: Any) -> None:
        self.live.agent_state = ev.new_state
        self._quiet_since = self.now()
        if ev.new_state == "speaking":
            self._agent_speaking_since = self.now()

    def _on_user_state(self, ev: Any) -> None:
        self.live.user_state = ev.new_state
        self._quiet_since = self.now()

    def _on_conversation_item(self, ev: Any) -> None:
        item = ev.item
        if getattr(item, "type", None) != "message" or item.role != "assistant":
            return
        text = (item.text_content or "").strip()
        if not text:
            return
        end = self.now()
        start = self._agent_speaking_since if self._agent_speaking_since is not None else end
        self.recorder.add_segment({
            "speaker": Speaker.AGENT, "text": text, "start_s": round(start, 3), "end_s": round(end, 3),
            "question_index": self.flow.index if self.flow.index >= 0 else None, "words": None,
        })

    def _on_session_close(self, ev: Any) -> None:
        if self._end is None:
            error = getattr(ev, "error", None)
            self.end(InterviewStatus.INTERRUPTED, f"agent session closed: {error}" if error else "agent session closed")

    # --- hooks from the interviewer -------------------------------------------------------------------

    def on_directive(self, directive: Directive) -> None:
        if directive.kind == "question":
            self._spawn(self._transition(directive.question_index))
            self._publish_progress("question", directive.question_index)
        elif directive.kind == "closing":
            self._spawn(self._transition(None))
            self._publish_progress("closing", None)

    def _publish_progress(self, phase: str, question_index: int | None) -> None:
        """Where the interview stands, as the agent's participant attributes: the candidate's page shows
        "Question 2 of 5" from them. No score is ever put here (everyone in the room can read attributes)."""
        attributes = {
            "interviewly.phase": phase,
            "interviewly.question_index": "" if question_index is None else str(question_index),
            "interviewly.question_total": str(self.flow.count),
        }
        self._spawn(self.ctx.room.local_participant.set_attributes(attributes))

    def on_final_transcript(self, event: stt.SpeechEvent) -> None:
        if not event.alternatives or self._t0 is None:
            return
        alt = event.alternatives[0]
        text = (alt.text or "").strip()
        if not text:
            return
        end_wall = event.speech_end_time or time.time()
        end_s = max(0.0, end_wall - self._t0_wall)
        start_s = max(0.0, end_s - float(alt.end_time or 0.0))
        words = [Word(str(w), start_s + float(w.start_time), start_s + float(w.end_time))
                 for w in alt.words or () if isinstance(getattr(w, "start_time", None), float | int)]
        q = self.flow.index if self.flow.index >= 0 else None
        self.fluency.add_words(q, words)
        self.recorder.add_segment({
            "speaker": Speaker.CANDIDATE, "text": text, "start_s": round(start_s, 3), "end_s": round(end_s, 3),
            "question_index": q,
            "words": [{"w": w.text, "s": round(w.start, 3), "e": round(w.end, 3)} for w in words] or None,
        })

    def on_candidate_audio(self, frame: rtc.AudioFrame) -> None:
        self.fluency.push_frame(frame)

    def on_finished(self, reason: str) -> None:
        self.end(InterviewStatus.COMPLETED, reason)

    # --- per question ---------------------------------------------------------------------------------

    async def _transition(self, new: int | None) -> None:
        async with self._transition_lock:
            prev = self._active_q
            if prev == new:
                return
            self._active_q = new
            now = self.now()
            if new is not None:
                self._q_started[new] = now
                self._q_eye[new] = EyeContactAggregator(look_away_flag_s=self.settings.look_away_flag_s)
                summary = await self.fluency.start_question(new)
            else:
                summary = await self.fluency.finish_question()
            if prev is not None:
                self._score_question(prev, summary.as_dict() if summary else {}, ended_s=now)

    def _score_question(self, index: int, fluency: dict[str, Any], *, ended_s: float) -> None:
        state = self.flow.states[index]
        q = state.question
        eye = self._q_eye[index].summary().as_dict() if index in self._q_eye else {}
        words = self.fluency.words(index)
        tm = transcript_metrics(words).as_dict() if words else None
        score, signals = score_question(answer=state.answer_text, keywords=q.keywords, eye=eye, fluency=fluency,
                                        transcript=tm, probed=state.probe_reason)
        self._results[index] = QuestionResult(index=index, question=q.text, skill=q.skill, weight=q.weight,
                                              answer=state.answer_text, score=score, signals=signals, eye=eye,
                                              fluency={**fluency, "transcript": tm})
        self.recorder.set_question_score({
            "question_index": index, "question": q.text, "skill": q.skill, "answer_text": state.answer_text or None,
            "score": score, "eye_contact_ratio": eye.get("eye_contact_ratio") if eye.get("frames") else None,
            "fluency": {**fluency, "transcript": tm}, "signals": signals,
            "started_s": round(self._q_started.get(index, 0.0), 3), "ended_s": round(ended_s, 3),
        })

    # --- analytics and live scores --------------------------------------------------------------------

    def _on_observation(self, obs: FrameObservation, ref: FrameRef) -> None:
        self.live.last_obs, self.live.last_ref = obs, ref
        self._recent_obs.append(obs)
        self._eye_total.add(obs)
        if self._active_q is not None and self._active_q in self._q_eye:
            self._q_eye[self._active_q].add(obs)

    def _window(self, seconds: float, now: float) -> EyeContactSummary | None:
        """Eye contact over the observations of the last ``seconds`` (as EyeContactAnalyzer.window)."""
        if self.analyzer is None:
            return None
        agg = EyeContactAggregator(look_away_flag_s=self.settings.look_away_flag_s)
        for obs in self._recent_obs:
            if now - seconds <= obs.t <= now:
                agg.add(obs)
        return agg.summary()

    async def _tick_loop(self) -> None:
        loop = asyncio.get_running_loop()
        interval = self.settings.live_interval_s
        start = loop.time() - self.now()
        k = max(1, int(self.now() / interval) + 1)
        while self._end is None:
            await asyncio.sleep(max(0.0, start + k * interval - loop.time()))
            try:
                await self._tick(k)
            except Exception:
                logger.exception("live tick %d failed", k)
            k += 1

    async def _tick(self, k: int) -> None:
        self._last_k = k
        t = self.now()
        analyzed, dropped = self.sampler.take_counters() if self.sampler else (0, 0)
        last1, last30 = self._window(1.0, t), self._window(30.0, t)
        msg = compose_live_message(
            interview_id=self.interview_id, seq=k, t=t, t_s=round(k * self.settings.live_interval_s),
            question_index=self._active_q, question_count=self.flow.count, last1=last1, last30=last30,
            state=self.live, fluency=self.fluency.snapshot(), frames_analyzed=analyzed, frames_dropped=dropped,
            video_attached=bool(self.sampler and self.sampler.attached),
        )
        payload = json.dumps(msg, separators=(",", ":")).encode()
        if self._sends.full():  # the data channel is backed up: the oldest update is the least useful
            self._sends.get_nowait()
        self._sends.put_nowait(payload)
        self.recorder.add_metric(metric_row(msg))
        self.recorder.kick()
        if k % 5 == 0:
            self.recorder.set_usage(self.usage.row())
        self._check_silence(t)

    def _check_silence(self, t: float) -> None:
        """Nobody has spoken since the question: nudge once, then move on to the next question."""
        nudge_s = self.settings.silence_nudge_s
        q = self._active_q
        if not nudge_s or self.agent is None or self.flow.closed or q is None or self._end is not None:
            return
        if self.live.agent_state != "listening" or self.live.user_state == "speaking":
            return
        if t - self._quiet_since < nudge_s:
            return
        self._quiet_since = t
        if q not in self._nudged:
            self._nudged.add(q)
            self.agent.nudge()
        else:
            self.agent.move_on()

    async def _send_loop(self) -> None:
        """Deliver live messages in order; a slow data channel never delays the ticks themselves."""
        while True:
            payload = await self._sends.get()
            if self.directory is not None:
                await self.directory.send(payload, topic=LIVE_TOPIC)

    async def _fluency_loop(self) -> None:
        while self._end is None:
            await asyncio.sleep(1.0)
            try:
                await self.fluency.refresh()
            except Exception:
                logger.exception("fluency refresh failed")

    async def _deadline(self) -> None:
        await asyncio.sleep(max(0.0, self.max_s - self.now()))
        if self._end is None and self.agent is not None:
            logger.info("interview %s reached its %.1f min limit", self.interview_id, self.max_s / 60)
            try:
                await asyncio.wait_for(self.agent.time_up(), timeout=30)
            except Exception:
                logger.exception("time-up goodbye failed")
            self.end(InterviewStatus.COMPLETED, "time limit")

    # --- ending ---------------------------------------------------------------------------------------

    def _spawn(self, coro: Any) -> None:
        self._tasks = [t for t in self._tasks if not t.done()]
        self._tasks.append(asyncio.create_task(coro))

    def end(self, status: InterviewStatus, reason: str) -> None:
        if self._end is None:
            logger.info("interview %s ends: %s (%s)", self.interview_id, status.value, reason)
            self._end = (status, reason)
            self._ended.set()

    async def _no_show(self) -> None:
        logger.info("no candidate joined interview %s within %.0f s: NO_SHOW", self.interview_id,
                    self.settings.no_show_timeout_s)
        now = datetime.now(UTC)
        self.recorder.update_interview(status=InterviewStatus.NO_SHOW, ended_at=now,
                                       end_reason="candidate did not join")
        await self.recorder.close(timeout_s=30)
        self.ctx.shutdown("no show")

    async def _claim_with_retry(self) -> bool:
        for attempt in range(10):
            try:
                return await claim_interview(self.sessionmaker, self.interview_id)
            except Exception as e:
                logger.warning("claiming interview %s failed (attempt %d): %s", self.interview_id, attempt + 1, e)
                await asyncio.sleep(1.0)
        return False

    async def finalize(self) -> None:
        """Write the last scores, the report, usage and the final status; then leave. Runs once."""
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
        try:
            await asyncio.wait_for(self._transition(None), timeout=10)
        except Exception:
            logger.exception("closing the last question failed")
        if self._t0 is not None:
            # the last (partial) second, so the metrics cover the interview up to its end
            with contextlib.suppress(Exception):
                await self._tick(max(self._last_k + 1, int(self.now() / self.settings.live_interval_s) + 1))
                while not self._sends.empty() and self.directory is not None:
                    await asyncio.wait_for(self.directory.send(self._sends.get_nowait(), topic=LIVE_TOPIC), 2)
        results = [self._results[i] for i in sorted(self._results)]
        eye = self._eye_total.summary().as_dict() if self.analyzer else {}
        fluency = self.fluency.snapshot()
        normal_end = status == InterviewStatus.COMPLETED and reason == "completed"
        report = build_report(results, eye=eye, fluency=fluency, end_reason=None if normal_end else reason)
        self.recorder.set_report(report)
        if self.context.practice_session_id is not None:
            self.recorder.set_practice_feedback(self.context.practice_session_id, practice_feedback(report, results))
        self.usage.stop_room()
        self.recorder.set_usage(self.usage.row())
        self.recorder.update_interview(status=status, ended_at=datetime.now(UTC), end_reason=reason)
        written = await self.recorder.close(timeout_s=30)
        sends = sorted(self.directory.send_s) if self.directory else []
        logger.info("interview %s finalized: %s, report %s, %d rows written, %d failed flushes, %d metrics dropped; "
                    "%d live messages sent (publish p50 %.0f ms, p95 %.0f ms); %d frames analysed, %d dropped",
                    self.interview_id, status.value, "written" if written else "NOT written",
                    self.recorder.rows_written, self.recorder.failed_flushes, self.recorder.dropped_metrics,
                    self.directory.sent if self.directory else 0,
                    1000 * sends[len(sends) // 2] if sends else 0, 1000 * sends[int(len(sends) * 0.95)] if sends else 0,
                    self.sampler.frames_analyzed if self.sampler else 0,
                    self.sampler.frames_dropped if self.sampler else 0)
        await self._close_resources()
        self.ctx.shutdown(f"interview {status.value.lower()}")

    async def _close_resources(self) -> None:
        current = asyncio.current_task()
        for task in [*self._tasks, *self._loops]:
            if not task.done() and task is not current:
                task.cancel()
        if self.directory is not None:
            await self.directory.aclose()
        if self.session is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.session.aclose(), timeout=10)
        if self.sampler is not None:
            await self.sampler.aclose()
        await self.fluency.aclose()
        if self.analyzer is not None:
            await asyncio.to_thread(self.analyzer.close)

    async def _on_job_shutdown(self, reason: str = "") -> None:
        if self._t0 is None:
            return
        self.end(InterviewStatus.INTERRUPTED, f"worker shutdown: {reason}" if reason else "worker shutdown")
        await self.finalize()

