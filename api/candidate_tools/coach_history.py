"""The career coach with memory: each candidate's conversation is stored server-side, so it continues on any
device and across visits. The candidate sends only their new message; the history comes from Postgres."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated

import msgspec
from litestar import Controller, Request, delete, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody
from litestar.response import ServerSentEvent, ServerSentEventMessage
from sqlalchemy import delete as sql_delete
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.auth.deps import Principal
from api.candidate_tools.coach import MAX_TURNS, coach_messages
from api.candidate_tools.controllers import LLM_SETTINGS, _llm_unavailable, llm_client
from api.candidate_tools.llm import NOT_CONFIGURED, LLMClient, LLMError
from api.common.openapi import BEARER
from api.common.ratelimit import COACH, rate_limited
from api.common.schemas import Input, Schema
from db.models import CoachMessage

HISTORY_LIMIT = 200  # what the page shows; the model sees the last MAX_TURNS of it


class CoachMessageIn(Input):
    content: Annotated[str, msgspec.Meta(min_length=1, max_length=20_000)]
    cv_text: Annotated[str, msgspec.Meta(max_length=60_000)] | None = None


class LLMStatusOut(Schema):
    configured: bool
    message: str | None  # what to set, when nothing is configured
    settings: list[str]


class CoachMessageOut(Schema):
    id: uuid.UUID
    role: str
    content: str
    created_at: datetime


async def history(session: AsyncSession, user_id: uuid.UUID, limit: int = HISTORY_LIMIT) -> list[CoachMessage]:
    """The last `limit` turns, oldest first."""
    rows = await session.scalars(
        select(CoachMessage).where(CoachMessage.user_id == user_id)
        .order_by(CoachMessage.created_at.desc(), CoachMessage.id.desc()).limit(limit))
    return list(reversed(list(rows)))


def _out(row: CoachMessage) -> CoachMessageOut:
    return CoachMessageOut(id=row.id, role=row.role, content=row.content, created_at=row.created_at)


async def _answer_events(llm: LLMClient, messages: list[dict[str, str]], user_id: uuid.UUID,
                         sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[ServerSentEventMessage]:
    """Stream the answer; once it is complete, keep it (in its own transaction: the request's was committed when
    the stream began). An answer cut off by an error is not kept, so the history holds only whole answers."""
    parts: list[str] = []
    try:
        async for delta in llm.stream(messages):
            parts.append(delta)
            yield ServerSentEventMessage(data=json.dumps({"delta": delta}))
    except LLMError as exc:
        yield ServerSentEventMessage(event="error", data=json.dumps({"detail": str(exc)}))
        return
    text = "".join(parts).strip()
    if text:
        async with sessionmaker() as session, session.begin():
            session.add(CoachMessage(user_id=user_id, role="assistant", content=text))
    yield ServerSentEventMessage(event="done", data="{}")


class CoachHistoryController(Controller):
    path = "/api/candidate/v1/coach/messages"
    tags = ["candidate tools"]
    security = BEARER

    @get("/", operation_id="listMyCoachMessages", summary="My conversation with the career coach, oldest first")
    async def list_messages(self, candidate: NamedDependency[Principal],
                            db_session: NamedDependency[AsyncSession]) -> list[CoachMessageOut]:
        return [_out(r) for r in await history(db_session, candidate.user_id)]

    @get("/llm", operation_id="getCoachLlmStatus",
         summary="Whether an LLM is configured for the coach and the rewriter, and if not which settings to set")
    async def llm_status(self, candidate: NamedDependency[Principal]) -> LLMStatusOut:
        configured = llm_client().settings.configured
        return LLMStatusOut(configured=configured, message=None if configured else NOT_CONFIGURED,
                            settings=LLM_SETTINGS)

    @post("/", operation_id="sendCoachMessage", status_code=200, middleware=[rate_limited(COACH)],
          summary="Send the coach a message: it is kept, and the answer streams as Server-Sent Events "
          '(`data: {"delta": ...}`, then `event: done`) and is kept when complete; 503 naming the settings when '
          "no LLM is configured (nothing is kept then)")
    async def send(self, request: Request, candidate: NamedDependency[Principal],
                   db_session: NamedDependency[AsyncSession], data: JSONBody[CoachMessageIn]) -> ServerSentEvent:
        llm = llm_client()
        if not llm.settings.configured:
            raise _llm_unavailable()
        db_session.add(CoachMessage(user_id=candidate.user_id, role="user", content=data.content))
        await db_session.flush()
        turns = await history(db_session, candidate.user_id, MAX_TURNS)
        messages = coach_messages([{"role": t.role, "content": t.content} for t in turns], data.cv_text)
        events = _answer_events(llm, messages, candidate.user_id, request.app.state.lifecycle.sessionmaker)
        return ServerSentEvent(events, headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

    @delete("/", operation_id="clearMyCoachMessages", status_code=204, summary="Forget my conversation")
    async def clear(self, candidate: NamedDependency[Principal], db_session: NamedDependency[AsyncSession]) -> None:
        await db_session.execute(sql_delete(CoachMessage).where(CoachMessage.user_id == candidate.user_id))
