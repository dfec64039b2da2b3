"""The interviewer agent: greeting and consent, the planned questions, one probe at most, closing.

Every reply goes through ``llm_node``: when the candidate has said something new, the interview flow
decides the next step and its plan note is appended to the chat context for this turn; the LLM (cloud)
phrases it, or the plan-driven LLM (offline) speaks it. Greeting, consent, closing and the time-up
goodbye are fixed texts from prompts/, spoken with ``say`` so they are identical in both pipelines.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterable, AsyncIterator
from typing import Any

from livekit import rtc
from livekit.agents import Agent, ModelSettings, llm, stt

import prompts
from agent.flow import Directive, InterviewFlow
from agent.vad_tap import VADEventTap, transcribe_vad_segments

logger = logging.getLogger("interviewly.interviewer")


class InterviewHooks:
    """What the interview run wants to hear about; the defaults do nothing (unit tests, console)."""

    def remaining_s(self) -> float | None:
        return None

    def on_directive(self, directive: Directive) -> None: ...

    def on_final_transcript(self, event: stt.SpeechEvent) -> None: ...

    def on_candidate_audio(self, frame: rtc.AudioFrame) -> None: ...

    def on_finished(self, reason: str) -> None: ...


class Interviewer(Agent):
    def __init__(
        self,
        *,
        flow: InterviewFlow,
        texts: dict[str, str],
        instructions: str,
        hooks: InterviewHooks | None = None,
    ) -> None:
        super().__init__(instructions=instructions)
        self.flow = flow
        self.texts = texts  # greeting, consent, closing, time_up, welcome_back
        self.hooks = hooks or InterviewHooks()
        self._handled_user_items: set[str] = set()
        self._finishing: asyncio.Task[None] | None = None
        self.finished_reason: str | None = None

    # --- lifecycle ------------------------------------------------------------------------------------

    async def on_enter(self) -> None:
        intro = " ".join(t for t in (self.texts.get("greeting"), self.texts.get("consent")) if t)
        if intro:
            # the consent notice is spoken in full before anything else happens
            await self.session.say(intro, allow_interruptions=False)
        if self.flow.closed:
            return
        self._ask(self.flow.start())

    def _ask(self, directive: Directive) -> None:
        self.hooks.on_directive(directive)
        self.session.generate_reply(instructions=directive.note())

    # --- the decision point ---------------------------------------------------------------------------

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
        if message is not None:
            self._handled_user_items.add(message.id)
            if self.flow.closed:
                return
            directive = self.flow.on_answer(message.text_content or "", remaining_s=self.hooks.remaining_s())
            self.hooks.on_directive(directive)
            if directive.kind == "closing":
                self.finish("completed")
                return
            chat_ctx = chat_ctx.copy()
            chat_ctx.add_message(role="system", content=[directive.note()])
        elif self.flow.closed:
            return
        async for chunk in Agent.default.llm_node(self, chat_ctx, tools, model_settings):
            yield chunk

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
            yield event

    async def _tee_candidate_audio(self, audio: AsyncIterable[rtc.AudioFrame]) -> AsyncIterator[rtc.AudioFrame]:
        # the frames the session already receives feed the fluency analysis: no second stream on the track
        async for frame in audio:
            try:
                self.hooks.on_candidate_audio(frame)
            except Exception:
                logger.exception("audio hook failed")
            yield frame

    # --- ending ---------------------------------------------------------------------------------------

    def finish(self, reason: str, *, text: str | None = None) -> asyncio.Task[None]:
        """Say the closing (or ``text``) without interruption, then report ``reason``. Idempotent."""
        if self._finishing is None:
            self.flow.close()
            self._finishing = asyncio.create_task(self._finish(reason, text), name="interview-finish")
        return self._finishing

    async def _finish(self, reason: str, text: str | None) -> None:
        goodbye = text if text is not None else self.texts.get("closing", "")
        try:
            if goodbye:
                await self.session.say(goodbye, allow_interruptions=False)
        except Exception:
            logger.exception("could not say goodbye")
        self.finished_reason = reason
        self.hooks.on_finished(reason)

    async def time_up(self) -> None:
        """The hard stop: cut whatever is being said and say the time-up goodbye."""
        if self._finishing is not None:
            return
        try:
            await self.session.interrupt(force=True)
        except Exception:
            logger.debug("nothing to interrupt", exc_info=True)
        await self.finish("time limit", text=self.texts.get("time_up", ""))

    def nudge(self) -> None:
        """The candidate has been silent since the question: offer to repeat it."""
        if not self.flow.closed and self._finishing is None and self.texts.get("nudge"):
            self.flow.offered_repeat = True
            self.session.say(self.texts["nudge"])

    def move_on(self) -> None:
        """Still silent after the nudge: leave the question unanswered and go on."""
        if self.flow.closed or self._finishing is not None:
            return
        directive = self.flow.advance(remaining_s=self.hooks.remaining_s(), lead=self.texts.get("move_on", ""))
        if directive.kind == "closing":
            self.hooks.on_directive(directive)
            self.finish("completed")
        else:
            self._ask(directive)

    def welcome_back(self) -> None:
        """The candidate rejoined after dropping: greet them and repeat where we were."""
        if self.flow.closed or self.flow.current is None:  # still in the greeting: the first question follows
            return
        directive = self.flow.repeat()
        lead = self.texts.get("welcome_back", "")
        directive = Directive(directive.kind, f"{lead} {directive.text}".strip(), directive.question_index,
                              directive.question_count, directive.skill)
        self._ask(directive)


def interview_texts(values: dict[str, Any], *, practice: bool) -> dict[str, str]:
    flow = prompts.load_yaml("flow.yaml")
    consent = flow["practice_consent"] if practice else prompts.load_text("consent.md")
    return {
        "greeting": prompts.render(flow["practice_greeting" if practice else "greeting"], **values),
        "consent": prompts.render(" ".join(consent.split()), **values),
        "closing": prompts.render(flow["practice_closing" if practice else "closing"], **values),
        "time_up": prompts.render(flow["time_up"], **values),
        "welcome_back": prompts.render(flow["welcome_back"], **values),
        "nudge": prompts.render(flow["nudge"], **values),
        "move_on": prompts.render(flow["move_on"], **values),
    }


def interviewer_instructions(values: dict[str, Any]) -> str:
    return prompts.render(prompts.load_text("interviewer.md"), **values)
