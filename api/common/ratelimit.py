"""Litestar's rate-limit middleware, with the limit read from the app's settings at request time (handlers are
declared at import time, settings are known only when the app is built). One store per limit: each limit counts
only its own endpoints."""

from __future__ import annotations

from litestar.middleware.rate_limit import RateLimitConfig, RateLimitMiddleware
from litestar.types import Receive, Scope, Send


class _SettingsRateLimit(RateLimitMiddleware):
    setting: str = ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        settings = scope["litestar_app"].state.settings
        self.max_requests = int(getattr(settings, self.setting))
        await super().__call__(scope, receive, send)


class ApplyRateLimit(_SettingsRateLimit):
    setting = "apply_rate_limit_per_minute"


class PublicRateLimit(_SettingsRateLimit):
    setting = "public_rate_limit_per_minute"


apply_rate_limit = RateLimitConfig(
    rate_limit=("minute", 10), store="rate_limit_apply", middleware_class=ApplyRateLimit
).middleware
public_rate_limit = RateLimitConfig(
    rate_limit=("minute", 120), store="rate_limit_public", middleware_class=PublicRateLimit
).middleware


def _unauthenticated(request) -> bool:
    return "authorization" not in request.headers


# for endpoints open to both: only anonymous calls count (a signed-in caller is accountable, and not limited here)
public_rate_limit_unauthenticated = RateLimitConfig(
    rate_limit=("minute", 120),
    store="rate_limit_public",
    middleware_class=PublicRateLimit,
    check_throttle_handler=_unauthenticated,
).middleware
