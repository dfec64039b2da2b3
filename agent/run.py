"""An AI interview: the room (``agent/room_run.py``) with the interviewer speaking the flow (``agent/flow.py``).

This module only wires the parts together: the AgentSession and the interviewer agent, the turn tracker that
says which question each piece of speech answers, the per-question scores, the silence watch and the time limit.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from datetime import UTC, datetime
from typing import Any

from livekit import rtc
from livekit.agents import AgentSession, JobContext, room_io, stt
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from agent import metrics as agent_metrics
from agent.avatar import start_avatar
from agent.config import Settings
from agent.engagement import compute_engagement, expected_words
from agent.flow import Action, Ask, Directive, InterviewFlow, Say
from agent.interviewer import Interviewer, InterviewHooks, interview_texts, interviewer_instructions
from agent.pipeline import Models, turn_handling
from agent.plan import InterviewContext
from agent.question_scores import QuestionScores
from agent.resume import load_resume_state
from agent.room_run import RoomRun
from agent.scoring.follow_up import RubricFollowUps
from agent.scoring.llm_judge import JudgeSettings, judge_answer
from agent.scoring.rubric import Rubric
from agent.turns import Turn, TurnTracker
from agent.usage import UsageMeter
from analytics.transcript_metrics import Word
from db.contract import ATTR_PHASE, ATTR_QUESTION_INDEX, ATTR_QUESTION_TOTAL, MetricRow
from db.enums import ConsentDecision, ConsentMethod, InterviewStatus, Speaker

logger = logging.getLogger("interviewly.interview")


class InterviewRun(RoomRun, InterviewHooks):
    def __init__(self, *, ctx: JobContext, settings: Settings, context: InterviewContext, models: Models,
                 sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        super().__init__(ctx=ctx, settings=settings, context=context, sessionmaker=sessionmaker)
        self.models = models
        self.texts = interview_texts(context.template_values(self.max_s / 60.0), practice=context.is_practice)
        self.flow = InterviewFlow(context.plan, self.texts, follow_up_min_words=settings.follow_up_min_words,
                                  follow_ups=RubricFollowUps())
        self.turns = TurnTracker()
        self.usage = UsageMeter(settings.prices, pipeline=models.pipeline)
        judge = JudgeSettings(settings.scoring_llm_base_url, settings.scoring_llm_api_key, settings.scoring_llm_model)
        self.scores = QuestionScores(self.flow, eyes=self.eyes, fluency=self.fluency, recorder=self.recorder,
                                     judge=self._judge if judge.configured else None,
                                     show_delivery=not context.hide_delivery_signals,
                                     rows=lambda: self.live.rows if self.live is not None else [])
        self._judge_settings = judge
        self.session: AgentSession | None = None
        self.agent: Interviewer | None = None
        self._agent_speaking_since: float | None = None
        self._quiet_since = 0.0  # last change of who speaks (for the silence watch)
        self._resumed_rows: list[MetricRow] = []  # a resumed interview's seconds from the host before

    async def run(self) -> None:
        candidate = await self.join()
        if candidate is None:
            return
        self.usage.start_room()
        if self.context.plan.source == "prompts":
            self.recorder.update_interview(question_plan=self.context.plan.as_json())
        opening = await self._resume() if self.context.resumed_from is not None else None
        self.start_live(self.flow.count)
        if opening is None:
            await self.calibrate_gaze()
        else:
            assert self.live is not None
            self.live.rows[:0] = self._resumed_rows
        await self._start_session(candidate, opening)
        self._loops.append(asyncio.create_task(self._deadline(), name="deadline"))
        await self._ended.wait()
        await self.finalize()

    async def _resume(self) -> list[Action]:
        """Another host ran this interview until it was lost: pick up its state from Postgres (agent/resume.py)
        and return what to say first (the question where it stopped)."""
        assert self.context.resumed_from is not None
        async with self.sessionmaker() as session:
            state = await load_resume_state(session, self.interview_id, self.context.resumed_from)
        self.eyes.calibration = state.calibration
        self._resumed_rows = state.metrics
        opening = self.flow.resume(last_asked=state.last_asked, answers=state.answers,
                                   consent_given=state.consent_given, remaining_s=self.remaining_s())
        self.scores.restore(state.scores, active=state.last_asked if state.last_answered else None,
                            active_since_s=state.last_asked_at_s)
        logger.info("interview %s resumed at %.0f s: question %d of %d was the last asked (%s), %d metric seconds "
                    "kept", self.interview_id, self.now(), state.last_asked + 1, self.flow.count,
                    "answered" if state.last_answered else "not answered", len(state.metrics))
        return opening

    async def _start_session(self, candidate: rtc.RemoteParticipant, opening: list[Action] | None = None) -> None:
        self.agent = Interviewer(flow=self.flow, instructions=interviewer_instructions(
            self.context.template_values(self.max_s / 60.0)), hooks=self, opening=opening)
        m = self.models
        agent_metrics.watch_models(m.stt, m.tts)
        self.session = s = AgentSession(stt=m.stt, llm=m.llm, tts=m.tts, vad=m.vad,
                                        turn_handling=turn_handling(self.settings), user_away_timeout=None)
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
                audio_input=room_io.AudioInputOptions(sample_rate=16000, frame_size_ms=100, pre_connect_audio=False,
                                                      auto_gain_control=False),
            ),
            record=False,
            session_host=False,  # nobody drives this session remotely: no session events over the data channel
        )
        await start_avatar(self.settings.avatar_provider, s, self.ctx.room)

    # --- what the interviewer says and hears --------------------------------------------------------------

    def on_speak(self, action: Say | Ask) -> None:
        """The interviewer is about to voice ``action``: note which question it asks, and tell the room."""
        if isinstance(action, Ask):
            d: Directive = action.directive
            self.turns.will_ask(d.question_index)
            self.spawn(self.scores.move_to(d.question_index, self.now()))
            self._publish_progress("question", d.question_index)
        elif self.flow.phase == "consent":
            self.turns.will_ask(None)
            self._publish_progress("consent", None)
        elif self.flow.phase == "closing":
            self._publish_progress("closing", None)

    def _publish_progress(self, phase: str, question_index: int | None) -> None:
        """Where the interview stands, as the agent's participant attributes: the candidate's page shows
        "Question 2 of 5" from them. No score is ever put here (everyone in the room can read attributes)."""
        self.spawn(self.ctx.room.local_participant.set_attributes({
            ATTR_PHASE: phase,
            ATTR_QUESTION_INDEX: "" if question_index is None else str(question_index),
            ATTR_QUESTION_TOTAL: str(self.flow.count),
        }))

    def take_turn(self, fallback_text: str) -> Turn:
        return self.turns.take_turn(self.flow.index if self.flow.index >= 0 else None, fallback_text)

    def on_consent(self, decision: ConsentDecision, turn: Turn | None) -> None:
        answer = [s for s in (turn.segments if turn else []) if not s.overlap]
        self.recorder.add_consent({
            "method": ConsentMethod.SPOKEN, "decision": decision,
            "text_sha256": hashlib.sha256(self.texts["consent"].encode()).hexdigest(),
            # what the spoken notice covered: the camera only if agreed, and the recording agreed on the join page
            # (issue 21 records while the latest consent includes it)
            "scopes": ["ai_interviewer", "transcript", "speech_analysis",
                       *(["eye_contact_analysis"] if self.context.video_analysis else []),
                       *(["recording"] if "recording" in self.context.page_scopes else [])],
            "transcript_segment_uid": answer[-1].uid if answer else None,
            "recorded_at": datetime.now(UTC),
        })

    def on_final_transcript(self, event: stt.SpeechEvent) -> None:
        if not event.alternatives or not self.started:
            return
        alt = event.alternatives[0]
        text = (alt.text or "").strip()
        if not text:
            return
        end_s = self.since_start(event.speech_end_time or time.time())
        start_s = max(0.0, end_s - float(alt.end_time or 0.0))
        words = [Word(str(w), start_s + float(w.start_time), start_s + float(w.end_time))
                 for w in alt.words or () if isinstance(getattr(w, "start_time", None), float | int)]
        seg = self.turns.candidate_segment(
            start_s, end_s, text, [{"w": w.text, "s": round(w.start, 3), "e": round(w.end, 3)} for w in words] or None)
        if not seg.overlap:
            self.fluency.add_words(seg.question_index, words)
        self.recorder.add_segment({
            "segment_uid": seg.uid, "speaker": Speaker.CANDIDATE, "text": text, "start_s": round(start_s, 3),
            "end_s": round(end_s, 3), "question_index": seg.question_index, "words": seg.words,
            "overlap": seg.overlap,
        })

    def on_candidate_audio(self, frame: rtc.AudioFrame) -> None:
        self.fluency.push_frame(frame)

    def on_finished(self, status: InterviewStatus, reason: str) -> None:
        self.end(status, reason)

    # --- session events -----------------------------------------------------------------------------------

    def _on_agent_state(self, ev: Any) -> None:
        self.speaking.agent_state = ev.new_state
        self._quiet_since = self.now()
        if ev.new_state == "speaking":
            self._agent_speaking_since = self.now()
            self.turns.agent_started(self.now())
        elif ev.old_state == "speaking":
            self.turns.agent_stopped(self.now())

    def _on_user_state(self, ev: Any) -> None:
        self.speaking.user_state = ev.new_state
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

    # --- the clock: silence and the time limit ------------------------------------------------------------

    def tick(self, k: int) -> None:
        if self.live is not None:
            self.live.question_index = self.scores.active
        super().tick(k)
        if k % 5 == 0:
            self.recorder.set_usage(self.usage.row())
        self._check_silence(self.now())

    def _check_silence(self, t: float) -> None:
        """Nobody has spoken for SILENCE_NUDGE_SECONDS since the interviewer last did: the flow decides."""
        nudge_s = self.settings.silence_nudge_s
        if not nudge_s or self.agent is None or self.flow.closed or self._end is not None or self.candidate_away:
            return
        if self.speaking.agent_state != "listening" or self.speaking.user_state == "speaking":
            return
        if t - self._quiet_since >= nudge_s:
            self._quiet_since = t
            self.agent.on_silence()

    async def _deadline(self) -> None:
        await asyncio.sleep(max(0.0, self.max_s - self.now()))
        if self._end is None and self.agent is not None:
            logger.info("interview %s reached its %.1f min limit", self.interview_id, self.max_s / 60)
            try:
                await asyncio.wait_for(self.agent.time_up(), timeout=30)
            except Exception:
                logger.exception("time-up goodbye failed")
            self.end(InterviewStatus.COMPLETED, "time limit")

    # --- drop-out and rejoin ------------------------------------------------------------------------------

    def on_candidate_back(self, previous_identity: str | None) -> None:
        if self.candidate_identity != previous_identity and self.session is not None:
            self.session.room_io.set_participant(self.candidate_identity)
        self.spawn(self._welcome_back())

    async def _welcome_back(self) -> None:
        await asyncio.sleep(1.5)  # let their microphone come back before speaking to them
        if self.agent is not None and self._end is None:
            self.agent.on_rejoin()

    # --- the end ------------------------------------------------------------------------------------------

    async def _judge(self, question: str, answer: str, rubric: Rubric | None) -> dict[str, Any]:
        """The LLM's rubric score of one answer; its tokens count in the interview's usage."""
        judgement = await judge_answer(self._judge_settings, question, answer, rubric)
        self.usage.add_scoring_usage(judgement.get("usage") or {}, judgement.get("model"))
        return judgement

    async def before_report(self) -> None:
        try:
            await asyncio.wait_for(self.scores.move_to(None, self.now()), timeout=10)
        except Exception:
            logger.exception("closing the last question failed")
        await self.scores.settle(timeout_s=60)

    def write_report(self, status: InterviewStatus, reason: str) -> None:
        normal_end = status == InterviewStatus.COMPLETED and reason == "completed"
        engagement = None
        if not self.context.hide_delivery_signals:  # engagement is a delivery signal: none for such a company
            expected = {q.index: expected_words(q.rubric) for q in self.context.plan.questions}
            engagement = compute_engagement(self.turns, self.live.rows if self.live else [], expected, self.now())
        self.scores.report(end_reason=None if normal_end else reason,
                           practice_session_id=self.context.practice_session_id, engagement=engagement)
        self.usage.stop_room()
        self.recorder.set_usage(self.usage.row())

    async def close_conversation(self) -> None:
        if self.session is not None:
            try:
                await asyncio.wait_for(self.session.aclose(), timeout=10)
            except Exception:
                logger.debug("closing the agent session failed", exc_info=True)
