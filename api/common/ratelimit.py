"""Rate limits per IP address and per signed-in user, answered with 429 and `Retry-After` (issue 14, finding 6).

Each limited endpoint names a `Limit`; its sizes are settings read at request time. A request is counted against
its client address always, and against its user too when it carries a valid session token, whatever else it
carries (an `Authorization` header no longer skips the count). Buckets are token buckets: `n` a minute, refilled
evenly, so a client may burst to `n` and then gets one every `60/n` seconds.

Counting happens in a `RateLimitStore`: `PostgresRateLimitStore` (api/common/ratelimit_pg.py, the default) counts
in Postgres, shared by every API process; `MemoryRateLimitStore` (RATE_LIMIT_STORE=memory) counts in this process
only, so with several API processes each would count its own share.

Behind a reverse proxy, start uvicorn with `--proxy-headers --forwarded-allow-ips=<the proxy's address>` so that
the client address is the caller's, not the proxy's.
"""

from __future__ import annotations

import json
import math
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Protocol

from litestar.middleware import DefineMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

from api.auth.jwt import KeysUnavailable, TokenError
from api.common.metrics import RATE_LIMITED


class RateLimitStore(Protocol):
    async def take(self, key: str, per_minute: int) -> float:
        """Counts one request on `key`; returns 0 when it is allowed, else the seconds until it would be."""
        ...


class MemoryRateLimitStore:
    """Token buckets in this process, the least recently used dropped beyond `max_keys`."""

    def __init__(self, max_keys: int = 100_000) -> None:
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    async def take(self, key: str, per_minute: int) -> float:
        now = time.monotonic()
        rate = per_minute / 60.0
        tokens, at = self._buckets.pop(key, (float(per_minute), now))
        tokens = min(float(per_minute), tokens + (now - at) * rate)
        wait = 0.0
        if tokens >= 1.0:
            tokens -= 1.0
        else:
            wait = (1.0 - tokens) / rate
        self._buckets[key] = (tokens, now)
        if len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        return wait


@dataclass(frozen=True)
class Limit:
    """A named limit: the Settings fields holding its per-IP and per-user sizes (None: not counted that way)."""

    name: str
    per_ip: str | None = None
    per_user: str | None = None


APPLY = Limit("apply", per_ip="apply_rate_limit_per_minute")
PUBLIC = Limit("public", per_ip="public_rate_limit_per_minute")
JOIN = Limit("join", per_ip="join_rate_limit_per_minute", per_user="join_rate_limit_per_minute")
COSTLY = ("costly_rate_limit_per_ip_per_minute", "costly_rate_limit_per_minute")
COACH = Limit("coach", *COSTLY)
CV_REWRITE = Limit("cv-rewrite", *COSTLY)
CV_ANALYSIS = Limit("cv-analysis", *COSTLY)
MOCK_INTERVIEW = Limit("mock-interview", *COSTLY)
BOOKING = Limit("booking", per_ip="booking_rate_limit_per_ip_per_minute", per_user="booking_rate_limit_per_minute")


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, limit: Limit) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            wait, who = await self._wait(scope)
            if wait > 0:
                await _too_many(send, self.limit, who, wait)
                return
        await self.app(scope, receive, send)

    async def _wait(self, scope: Scope) -> tuple[float, str]:
        state = scope["litestar_app"].state
        store: RateLimitStore = state.rate_limits
        settings = state.settings
        take_pair = getattr(store, "take_pair", None)
        if take_pair is not None and self.limit.per_ip and self.limit.per_user:
            # a store that counts both buckets in one statement (Postgres: one round trip instead of two)
            client = (scope.get("client") or ("unknown",))[0]
            subject = await _subject(scope)
            user = None if subject is None else (f"{self.limit.name}:user:{subject}",
                                                 int(getattr(settings, self.limit.per_user)))
            return await take_pair((f"{self.limit.name}:ip:{client}", int(getattr(settings, self.limit.per_ip))), user)
        if self.limit.per_ip:
            client = (scope.get("client") or ("unknown",))[0]
            wait = await store.take(f"{self.limit.name}:ip:{client}", int(getattr(settings, self.limit.per_ip)))
            if wait > 0:
                return wait, "address"
        if self.limit.per_user and (subject := await _subject(scope)) is not None:
            wait = await store.take(f"{self.limit.name}:user:{subject}", int(getattr(settings, self.limit.per_user)))
            if wait > 0:
                return wait, "account"
        return 0.0, ""


async def _subject(scope: Scope) -> str | None:
    """The verified subject of the request's bearer token (verified tokens are cached: this is a lookup), or None;
    an invalid token is the handler's to refuse, and counts as anonymous here."""
    for name, value in scope.get("headers", ()):
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                return None
            try:
                claims = await scope["litestar_app"].state.verifier.verify(token.strip())
            except (TokenError, KeysUnavailable):
                return None
            return str(claims["sub"])
    return None


async def _too_many(send: Send, limit: Limit, who: str, wait: float) -> None:
    RATE_LIMITED.labels(limit.name, who).inc()
    retry_after = max(1, math.ceil(wait))
    body = json.dumps({
        "status_code": 429, "detail": f"too many requests from this {who}; retry in {retry_after} s",
        "extra": {"limit": limit.name, "per": who, "retry_after": retry_after},
    }).encode()
    await send({"type": "http.response.start", "status": 429, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(retry_after).encode())]})
    await send({"type": "http.response.body", "body": body})


def rate_limited(limit: Limit) -> DefineMiddleware:
    """The middleware for a handler: `middleware=[rate_limited(COACH)]`."""
    return DefineMiddleware(RateLimitMiddleware, limit=limit)
