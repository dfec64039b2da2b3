"""A plan-driven interviewer as a livekit-agents LLM.

It does not generate language: the interviewer agent puts a plan note (see ``agent.flow.Directive``) into
the chat context before each reply, and this LLM speaks the note's ``SAY:`` line. Token counts are
estimated (4 characters a token) so usage accounting treats both pipelines alike.
"""

from __future__ import annotations

import math
import re
from typing import Any

from livekit.agents import llm
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, NOT_GIVEN, APIConnectOptions, NotGivenOr
from livekit.agents.utils import shortuuid

from agent.flow import parse_note

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / 4) if text else 0


def latest_note(chat_ctx: llm.ChatContext) -> str | None:
    """The SAY text of the newest plan note that has not been answered by the assistant yet."""
    for item in reversed(chat_ctx.items):
        if item.type != "message":
            continue
        if item.role == "assistant":
            return None
        if item.role in ("system", "developer"):
            say = parse_note(item.text_content or "")
            if say is not None:
                return say
    return None


class PlanLLM(llm.LLM):
    def __init__(self) -> None:
        super().__init__()

    @property
    def model(self) -> str:
        return "interview-plan"

    @property
    def provider(self) -> str:
        return "interviewly"

    def chat(
        self,
        *,
        chat_ctx: llm.ChatContext,
        tools: list[llm.Tool] | None = None,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
        parallel_tool_calls: NotGivenOr[bool] = NOT_GIVEN,
        tool_choice: NotGivenOr[llm.ToolChoice] = NOT_GIVEN,
        extra_kwargs: NotGivenOr[dict[str, Any]] = NOT_GIVEN,
    ) -> PlanLLMStream:
        return PlanLLMStream(self, chat_ctx=chat_ctx, tools=tools or [], conn_options=conn_options)


class PlanLLMStream(llm.LLMStream):
    async def _run(self) -> None:
        request_id = shortuuid("plan_")
        text = latest_note(self._chat_ctx) or ""
        sentences = [s for s in _SENTENCE_END.split(text) if s]
        for i, sentence in enumerate(sentences):  # a chunk per sentence: speech can start with the first
            content = sentence if i == 0 else " " + sentence
            self._event_ch.send_nowait(
                llm.ChatChunk(id=request_id, delta=llm.ChoiceDelta(role="assistant", content=content))
            )
        prompt = "\n".join(
            (item.text_content or "") for item in self._chat_ctx.items if item.type == "message"
        )
        prompt_tokens, completion_tokens = estimate_tokens(prompt), estimate_tokens(text)
        self._event_ch.send_nowait(llm.ChatChunk(
            id=request_id,
            usage=llm.CompletionUsage(
                completion_tokens=completion_tokens,
                prompt_tokens=prompt_tokens,
                total_tokens=prompt_tokens + completion_tokens,
            ),
        ))
