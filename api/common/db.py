"""The advanced-alchemy Litestar plugin: one AsyncSession per request, committed when the response is 2xx and rolled
back otherwise (so a request either writes everything or nothing).

advanced-alchemy's own "autocommit" hook logs a failed commit at debug level and lets the 2xx go out: a booking
Postgres refused at COMMIT was answered 201 with a join link to nothing (issue 14, finding 10). Ours turns a failed
commit into a 503 that says nothing was kept; the handler's own body is dropped.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from advanced_alchemy.extensions.litestar import (
    AsyncSessionConfig,
    EngineConfig,
    SQLAlchemyAsyncConfig,
)
from advanced_alchemy.extensions.litestar._utils import delete_aa_scope_state, get_aa_scope_state
from litestar import Request
from litestar.types import Message, Scope
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from db.engine import database_url, normalize_url

logger = logging.getLogger(__name__)

COMMIT_FAILED = json.dumps({
    "status_code": 503, "detail": "the change could not be saved; nothing was kept, please retry",
    "extra": {"code": "commit_failed"},
}).encode()
_FAILED_KEY = "interviewly.commit_failed"
_TERMINUS = {"http.response.start", "http.disconnect", "websocket.disconnect", "websocket.close"}
# opt of a GET handler that only reads: its statements run without BEGIN and COMMIT (see `reads_only`)
READ_ONLY = {"read_only": True}
_AUTOCOMMIT = "interviewly.autocommit"


async def reads_only(request: Request, session: AsyncSession) -> None:
    """A read-only handler's session runs each statement on its own (Postgres' autocommit) instead of in a
    BEGIN ... COMMIT: two round trips fewer per request. Under READ COMMITTED every statement takes its own snapshot
    either way, so what such a request reads does not change; only GET and HEAD, and only handlers marked READ_ONLY
    (their statements write nothing: rolling back would have nothing to undo). Called before the session's first
    statement; a session that has already begun is left as it is."""
    if (request.method in {"GET", "HEAD"} and request.route_handler.opt.get("read_only")
            and not session.in_transaction()):
        await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        session.info[_AUTOCOMMIT] = True


def commit_or_refuse(session_scope_key: str) -> Any:
    async def before_send(message: Message, scope: Scope) -> None:
        if message["type"] == "http.response.body" and scope.get(_FAILED_KEY) is not None:
            message["body"] = b"" if scope[_FAILED_KEY] else COMMIT_FAILED  # type: ignore[typeddict-unknown-key]
            scope[_FAILED_KEY] = True  # type: ignore[literal-required]
            return
        session: AsyncSession | None = get_aa_scope_state(scope, session_scope_key)
        if session is None:
            return
        try:
            if message["type"] == "http.response.start":
                await _finish(session, message, scope)
        finally:
            if message["type"] in _TERMINUS:
                await _close(session)
                delete_aa_scope_state(scope, session_scope_key)

    return before_send


async def _finish(session: AsyncSession, message: Message, scope: Scope) -> None:
    if not 200 <= message["status"] < 300:  # type: ignore[typeddict-item]
        await session.rollback()
        return
    if session.info.get(_AUTOCOMMIT):
        return  # each statement was its own transaction (`reads_only`): nothing left to commit
    try:
        await session.commit()
    except Exception as exc:
        logger.error("commit failed; the response becomes a 503",
                     extra={"path": scope.get("path"), "error": f"{type(exc).__name__}: {exc}"[:500]})
        await _close(session)
        scope[_FAILED_KEY] = False  # type: ignore[literal-required]
        headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in {b"content-type",
                                                                                     b"content-length"}]
        message["status"] = 503  # type: ignore[typeddict-unknown-key]
        message["headers"] = [*headers, (b"content-type", b"application/json"),  # type: ignore[typeddict-unknown-key]
                              (b"content-length", str(len(COMMIT_FAILED)).encode())]


async def _close(session: AsyncSession) -> None:
    try:
        await session.close()
    except Exception:  # the connection may be gone with the failure; the pool discards it
        logger.debug("session close failed", exc_info=True)


def alchemy_config(settings: Settings) -> SQLAlchemyAsyncConfig:
    config = SQLAlchemyAsyncConfig(
        connection_string=normalize_url(settings.database_url or database_url()),
        engine_config=EngineConfig(
            pool_size=settings.db_pool_size,
            max_overflow=settings.db_max_overflow,
            # a pre-ping is a round trip per checkout; recycle instead, and let a dead connection fail one request
            pool_pre_ping=False,
            pool_recycle=1800,
            # a failed statement's parameters (CV text, emails, transcripts) stay out of exceptions and their logs
            hide_parameters=True,
        ),
        session_config=AsyncSessionConfig(expire_on_commit=False),
        create_all=False,
    )
    config.before_send_handler = commit_or_refuse(config.session_scope_key)
    return config
