"""JSON logs, each line carrying the request id of the request it belongs to, and none carrying a capability.

`RequestIdMiddleware` takes a sane `X-Request-ID` from the caller (or makes one), puts it in a context variable
that the JSON formatter reads, returns it in the response header and writes one access line per request.

A join code is enough to join an interview as its candidate, and a token is a session: neither may reach a log
(issue 14, finding 7). Paths are logged with the code replaced (`/interview/<code>`), and every line, ours and
uvicorn's (its access log included), passes through `redact` before it is written: JWTs, bearer credentials and
join codes in paths, query strings and JSON become placeholders. CV text is kept out by construction: no request
body is logged, and SQL errors carry no parameters (`hide_parameters`).
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from litestar.datastructures import MutableScopeHeaders
from litestar.types import ASGIApp, Message, Receive, Scope, Send

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
access_logger = logging.getLogger("api.access")

_STANDARD_ATTRS = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}

_REDACTIONS = (
    # any JWT: session tokens, LiveKit tokens
    (re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*"), "<token>"),
    (re.compile(r"(?i)\b(bearer)\s+[^\s\"',;]+"), r"\1 <token>"),
    # join codes in the two paths that carry them, in query strings and in JSON bodies
    (re.compile(r"(/interview(?:-links)?/)[^/?#\s\"']+"), r"\1<code>"),
    (re.compile(r"(?i)([?&](?:join_code|code|token|access_token)=)[^&#\s\"']+"), r"\1<redacted>"),
    (re.compile(r"(?i)([\"']?(?:join_code|current_token|token)[\"']?\s*[:=]\s*[\"']?)[A-Za-z0-9_\-.]{8,}"),
     r"\1<redacted>"),
)


def redact(text: str) -> str:
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


def _redacted(value: Any) -> Any:
    return redact(value) if isinstance(value, str) else value


class RedactingFilter(logging.Filter):
    """For loggers that format their own records (uvicorn's access log formats its `args` by position): the message
    and each string argument are redacted in place."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _redacted(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_redacted(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _redacted(v) for k, v in record.args.items()}
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        request_id = request_id_var.get()
        if request_id:
            data["request_id"] = request_id
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                data[key] = value
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        # the whole line, extras and traceback included, whatever logger wrote it
        return redact(json.dumps(data, default=str))


_HANDLER_NAME = "interviewly-json"


def configure_logging(level: str) -> None:
    """One JSON handler on the root logger (idempotent: calling create_app twice adds no second handler)."""
    root = logging.getLogger()
    if not any(getattr(h, "name", None) == _HANDLER_NAME for h in root.handlers):
        handler = logging.StreamHandler()
        handler.set_name(_HANDLER_NAME)
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)
    root.setLevel(level)
    # uvicorn's loggers have handlers of their own (its access log prints each request line)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())
    for noisy in ("advanced_alchemy", "httpx", "aiohttp", "livekit"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(level)))


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp, access_log: bool = True) -> None:
        self.app = app
        self.access_log = access_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = None
        for name, value in scope.get("headers", ()):
            if name == b"x-request-id":
                incoming = value.decode("latin-1")
                break
        request_id = incoming if incoming and _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableScopeHeaders.from_message(message)
                headers["X-Request-ID"] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            if self.access_log:
                path = redact(scope.get("path") or "")
                access_logger.info(
                    "%s %s %s",
                    scope.get("method"),
                    path,
                    status,
                    extra={
                        "method": scope.get("method"),
                        "path": path,
                        "status": status,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                        "client": (scope.get("client") or ("?",))[0],
                    },
                )
            request_id_var.reset(token)
