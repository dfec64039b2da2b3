"""Optional error reporting to Sentry from an agent host (issue 22): on only when SENTRY_DSN is set. No transcript,
CV or token is ever put in an event by our code; event bodies are what the logs hold."""

from __future__ import annotations

import os


def init_sentry() -> bool:
    dsn = os.environ.get("SENTRY_DSN", "").strip()
    if not dsn:
        return False
    import sentry_sdk

    sentry_sdk.init(dsn=dsn, environment=os.environ.get("ENV", "production"), server_name="agent",
                    send_default_pii=False, max_request_body_size="never",
                    traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0") or 0))
    sentry_sdk.set_tag("component", "agent")
    return True
