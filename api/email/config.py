"""Mail settings from the environment (SMTP_*, EMAIL_*). The SMTP password comes only from the environment."""

from __future__ import annotations

import os
import ssl
from dataclasses import dataclass


def _env(name: str, default: str) -> str:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


@dataclass(frozen=True)
class EmailConfig:
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    # none: plain SMTP (a local catcher); starttls: upgrade on the submission port; tls: implicit TLS (465)
    smtp_security: str = "none"
    smtp_username: str | None = None
    smtp_password: str | None = None
    # a private CA to trust for the server's certificate (STARTTLS / TLS); the system's CAs otherwise
    smtp_ca_file: str | None = None
    smtp_timeout_seconds: float = 30.0
    from_address: str = "Interviewly <no-reply@interviewly.local>"
    # how often the queue's email job looks for due mail, reminders and finished interviews
    tick_seconds: int = 10
    # a failed attempt waits base * 2^(attempt-1) seconds, at most max_backoff
    retry_base_seconds: float = 5.0
    max_backoff_seconds: float = 600.0
    # a sender that claimed a mail and died leaves it SENDING; another may take it once this has passed
    lease_seconds: float = 120.0
    batch_size: int = 50

    @classmethod
    def from_env(cls, **overrides: object) -> EmailConfig:
        values: dict[str, object] = {
            "smtp_host": _env("SMTP_HOST", "127.0.0.1"),
            "smtp_port": int(_env("SMTP_PORT", "1025")),
            "smtp_security": _env("SMTP_SECURITY", "none").lower(),
            "smtp_username": os.environ.get("SMTP_USERNAME") or None,
            "smtp_password": os.environ.get("SMTP_PASSWORD") or None,
            "smtp_ca_file": os.environ.get("SMTP_CA_FILE") or None,
            "smtp_timeout_seconds": float(_env("SMTP_TIMEOUT_SECONDS", "30")),
            "from_address": _env("EMAIL_FROM", "Interviewly <no-reply@interviewly.local>"),
            "tick_seconds": int(_env("EMAIL_TICK_SECONDS", "10")),
            "retry_base_seconds": float(_env("EMAIL_RETRY_BASE_SECONDS", "5")),
            "max_backoff_seconds": float(_env("EMAIL_MAX_BACKOFF_SECONDS", "600")),
            "lease_seconds": float(_env("EMAIL_LEASE_SECONDS", "120")),
        }
        values.update(overrides)
        config = cls(**values)  # type: ignore[arg-type]
        if config.smtp_security not in {"none", "starttls", "tls"}:
            raise ValueError(f"SMTP_SECURITY must be none, starttls or tls, not {config.smtp_security!r}")
        return config

    def tls_context(self) -> ssl.SSLContext:
        """Certificates are always verified (host name included)."""
        return ssl.create_default_context(cafile=self.smtp_ca_file)

    def backoff(self, attempts: int) -> float:
        return min(self.max_backoff_seconds, self.retry_base_seconds * 2 ** max(0, attempts - 1))
