"""Optional error reporting to Sentry (issue 22): on only when SENTRY_DSN is set; nothing is sent otherwise.

What leaves is what the logs would hold anyway, redacted the same way (api/common/logging.py: no join codes,
tokens or CV text): no request bodies, headers, cookies or user data (`send_default_pii` off, `max_request_body_size`
"never"), and every string in an event passes `redact` before it is sent.
"""

from __future__ import annotations

from typing import Any

from api.common.logging import redact
from api.config import Settings


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def before_send(event: dict[str, Any], _hint: dict[str, Any]) -> dict[str, Any]:
    request = event.get("request") or {}
    for field in ("headers", "cookies", "data", "query_string"):
        request.pop(field, None)
    return _scrub(event)


def init_sentry(settings: Settings, component: str = "api") -> bool:
    """Configures the SDK when a DSN is set; answers whether it did."""
    if not settings.sentry_dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.litestar import LitestarIntegration

    sentry_sdk.init(
        dsn=settings.sentry_dsn,
        environment=settings.env,
        server_name=component,
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=settings.sentry_traces_sample_rate,
        integrations=[LitestarIntegration()],
        before_send=before_send,  # type: ignore[arg-type]
    )
    sentry_sdk.set_tag("component", component)
    return True
