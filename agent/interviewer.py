"""The interviewer's voice: a livekit-agents Agent that performs what ``agent/flow.py`` decides.

The candidate's turns reach the flow through ``llm_node`` (the session calls it when a user turn ends), so every
reply is an ordinary reply of the session. ``Ask`` actions become a plan note for the LLM (the cloud LLM phrases
the question, the offline plan-driven LLM speaks it verbatim); ``Say`` actions are fixed words, spoken as they are
in both pipelines; ``End`` waits for the goodbye, then reports the end. Turns that only overlapped the
interviewer's own speech are not answers: the interviewer stays silent.

The follow-up decision needs the answer scored against its rubric; that is computed ahead (``agent/scoring/ahead.py``)
from each final transcript during the end-of-turn silence, so the reply does not wait for it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterable, AsyncIterator
from typing import Any

from livekit import rtc
from livekit.agents import Agent, ModelSettings, llm, stt

import prompts
from agent.flow import Action, Ask, End, InterviewFlow, RecordConsent, Say
from agent.scoring.ahead import FollowUpsAhead
from agent.turns import Turn
from agent.vad_tap import VADEventTap, transcribe_vad_segments
from db.enums import ConsentDecision, InterviewStatus

logger = logging.getLogger("interviewly.interviewer")


class InterviewHooks:
    """What the interview run wants to hear about; the defaults do nothing (unit tests, console)."""

    def remaining_s(self) -> float | None:
        return None

    def take_turn(self, fallback_text: str) -> Turn:
        return Turn(fallback_text, {}, False, [])

    def on_speak(self, action: Say | Ask) -> None: ...

    def on_consent(self, decision: ConsentDecision, turn: Turn | None) -> None: ...

    def on_final_transcript(self, event: stt.SpeechEvent) -> None: ...

    def on_candidate_audio(self, frame: rtc.AudioFrame) -> None: ...

    def on_finished(self, status: InterviewStatus, reason: str) -> None: ...


class Interviewer(Agent):
    def __init__(self, *, flow: InterviewFlow, instructions: str, hooks: InterviewHooks | None = None,
                 opening: list[Action] | None = None) -> None:
        super().__init__(instructions=instructions)
        self.flow = flow
        self.opening = opening  # what to say first instead of the greeting (a resumed interview)
        self.hooks = hooks or InterviewHooks()
        self._handled_user_items: set[str] = set()
        self._finishing: asyncio.Task[None] | None = None
        self._pending: set[asyncio.Task[Any]] = set()
        self.finished: tuple[InterviewStatus, str] | None = None
        self.ahead = FollowUpsAhead(flow.follow_ups) if flow.follow_ups is not None else None
        self._heard: list[str] = []  # final transcripts since the last turn: the answer so far

    # --- events into the flow -----------------------------------------------------------------------------

    async def on_enter(self) -> None:
        await self._perform(self.opening if self.opening is not None else self.flow.start())

    def on_silence(self) -> None:
        self.spawn_perform(self.flow.on_silence(remaining_s=self.hooks.remaining_s()))

    def on_rejoin(self) -> None:
        self.spawn_perform(self.flow.on_rejoin())

    async def time_up(self) -> None:
        """The hard stop: cut whatever is being said and say the time-up goodbye."""
        actions = self.flow.on_time_up()
        if not actions or self._finishing is not None:
            return
        try:
            await self.session.interrupt(force=True)
        except Exception:
            logger.debug("nothing to interrupt", exc_info=True)
        await self._perform(actions)
        if self._finishing is not None:
            await self._finishing

    def spawn_perform(self, actions: list[Action]) -> None:
        if actions:
            task = asyncio.create_task(self._perform(actions), name="interviewer-actions")
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)

    # --- performing actions ---------------------------------------------------------------------------------

    async def _perform(self, actions: list[Action], turn: Turn | None = None) -> str | None:
        """Do ``actions`` in order. Outside a reply, everything is spoken here; inside one (``turn`` given),
        the text of a question or of interruptible fixed words is returned for the reply to voice instead."""
        in_reply = turn is not None
        for i, action in enumerate(actions):
            if isinstance(action, RecordConsent):
                self.hooks.on_consent(action.decision, turn)
            elif isinstance(action, End):
                goodbye = [a for a in actions[:i] if isinstance(a, Say) and not a.interruptible]
                self._finish(action, goodbye[-1].text if goodbye else "")
            elif isinstance(action, Say) and not action.interruptible:
                if not any(isinstance(a, End) for a in actions[i:]):
                    self.hooks.on_speak(action)
                    await self.session.say(action.text, allow_interruptions=False)
                else:
                    self.hooks.on_speak(action)  # spoken by _finish, before the end is reported
            elif in_reply:
                self._warm_follow_up(action)
                self.hooks.on_speak(action)
                return action.directive.note() if isinstance(action, Ask) else action.text
            elif isinstance(action, Ask):
                self._warm_follow_up(action)
                self.hooks.on_speak(action)
                self.session.generate_reply(instructions=action.directive.note())
            else:
                self.hooks.on_speak(action)
                self.session.say(action.text)
        return None

    def _warm_follow_up(self, action: Say | Ask) -> None:
        # a question that may get a follow-up: its rubric's vectors are computed while it is asked
        if not isinstance(action, Ask) or self.ahead is None:
            return
        request = self.flow.follow_up_request("", remaining_s=self.hooks.remaining_s())
        if request is not None:
            self.ahead.warm(request[0], request[1])

    def _finish(self, end: End, goodbye: str) -> None:
        if self._finishing is None:
            self._finishing = asyncio.create_task(self._say_goodbye(end, goodbye), name="interview-finish")

    async def _say_goodbye(self, end: End, goodbye: str) -> None:
        try:
            if goodbye:
                await self.session.say(goodbye, allow_interruptions=False)
        except Exception:
            logger.exception("could not say goodbye")
        self.finished = (end.status, end.reason)
        self.hooks.on_finished(end.status, end.reason)

    # --- the decision point: a candidate's turn ended -------------------------------------------------------

    def _new_user_message(self, chat_ctx: llm.ChatContext) -> llm.ChatMessage | None:
        for item in reversed(chat_ctx.items):
            if item.type != "message":
                continue
            if item.role == "user" and item.id not in self._handled_user_items:
                return item
            if item.role in ("user", "assistant"):
                return None
        return None

    async def llm_node(
        self, chat_ctx: llm.ChatContext, tools: list[llm.Tool], model_settings: ModelSettings
    ) -> AsyncIterable[llm.ChatChunk | str]:
        message = self._new_user_message(chat_ctx)
        if message is None:
            if self.flow.closed:
                return
            reply: str | None = None  # a reply the session asked for itself (generate_reply with a plan note)
        else:
            self._handled_user_items.add(message.id)
            turn = self.hooks.take_turn(message.text_content or "")
            self._heard.clear()
            if turn.overlap_only:
                return  # spoken over the interviewer: kept in the transcript, not an answer
            request = self.flow.follow_up_request(turn.text, remaining_s=self.hooks.remaining_s())
            if request is not None and self.ahead is not None:
                # computed ahead from the final transcripts when they make this turn's text; else now, off the
                # event loop (either way the flow then reads the picker's cache)
                try:
                    await self.ahead.decide(request)
                except Exception:
                    logger.exception("choosing a follow-up failed")
            actions = self.flow.on_turn(turn.text, earlier=turn.earlier, remaining_s=self.hooks.remaining_s())
            reply = await self._perform(actions, turn)
            if reply is None:
                return
            if not reply.startswith("PLAN:"):
                yield reply  # fixed words: not rephrased by any LLM
                return
            chat_ctx = chat_ctx.copy()
            chat_ctx.add_message(role="system", content=[reply])
        async for chunk in Agent.default.llm_node(self, chat_ctx, tools, model_settings):
            yield chunk

    # --- hearing the candidate --------------------------------------------------------------------------

    async def stt_node(
        self, audio: AsyncIterable[rtc.AudioFrame], model_settings: ModelSettings
    ) -> AsyncIterable[stt.SpeechEvent]:
        audio = self._tee_candidate_audio(audio)
        activity = self._get_activity_or_raise()
        batch_stt = activity.stt is not None and not activity.stt.capabilities.streaming
        if batch_stt and isinstance(activity.vad, VADEventTap):
            events = transcribe_vad_segments(activity.stt, activity.vad, audio,
                                             conn_options=activity.session.conn_options.stt_conn_options)
        else:
            events = Agent.default.stt_node(self, audio, model_settings)
        async for event in events:
            if isinstance(event, stt.SpeechEvent) and event.type == stt.SpeechEventType.FINAL_TRANSCRIPT:
                try:
                    self.hooks.on_final_transcript(event)
                except Exception:
                    logger.exception("transcript hook failed")
                try:
                    self._speculate(event)
                except Exception:
                    logger.exception("could not start choosing a follow-up ahead")
            yield event

    def _speculate(self, event: stt.SpeechEvent) -> None:
        """The turn may end with this transcript: start choosing the follow-up for the answer so far."""
        text = (event.alternatives[0].text or "").strip() if event.alternatives else ""
        if not text or self.ahead is None:
            return
        self._heard.append(text)  # as the turn tracker joins a turn's segments (agent/turns.py)
        request = self.flow.follow_up_request(" ".join(self._heard), remaining_s=self.hooks.remaining_s())
        if request is not None:
            self.ahead.speculate(request)

    async def _tee_candidate_audio(self, audio: AsyncIterable[rtc.AudioFrame]) -> AsyncIterator[rtc.AudioFrame]:
        # the frames the session already receives feed the fluency analysis: no second stream on the track
        async for frame in audio:
            try:
                self.hooks.on_candidate_audio(frame)
            except Exception:
                logger.exception("audio hook failed")
            yield frame


def interview_texts(values: dict[str, Any], *, practice: bool) -> dict[str, str]:
    """Everything the interviewer says in fixed words, from prompts/ (flow.yaml and consent.md)."""
    flow = prompts.load_yaml("flow.yaml")
    consent = flow["practice_consent"] if practice else prompts.load_text("consent.md")
    keys = ("time_up", "welcome_back", "resumed", "nudge", "move_on", "consent_question", "consent_repeat",
            "consent_nudge", "first_question_lead")
    texts = {key: prompts.render(" ".join(str(flow[key]).split()), **values) for key in keys}
    texts.update(
        greeting=prompts.render(flow["practice_greeting" if practice else "greeting"], **values),
        consent=prompts.render(" ".join(consent.split()), **values),
        closing=prompts.render(flow["practice_closing" if practice else "closing"], **values),
        consent_declined=prompts.render(flow["practice_consent_declined" if practice else "consent_declined"],
                                        **values),
    )
    return {k: " ".join(v.split()) for k, v in texts.items()}


def interviewer_instructions(values: dict[str, Any]) -> str:
    return prompts.render(prompts.load_text("interviewer.md"), **values)
