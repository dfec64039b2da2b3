"""Webhooks (issue 20): endpoints, the event outbox (written in the transaction of the change) and deliveries.

Events are written by one SQL function, `webhook_emit(company, type, data)` (migration 0011_teams), called by
Python (`api/webhooks/events.py`) and by triggers on applications and interviews, so every writer (API, queue
jobs, the agent) emits them in its own transaction.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from advanced_alchemy.base import BigIntBase, UUIDAuditBase
from advanced_alchemy.types import DateTimeUTC, JsonB
from sqlalchemy.orm import Mapped, mapped_column

from db.enums import WebhookDeliveryStatus
from db.models._types import enum_column


class WebhookEndpoint(UUIDAuditBase):
    __tablename__ = "webhook_endpoints"
    company_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(sa.String(2000))
    description: Mapped[str | None] = mapped_column(sa.String(500))
    event_types: Mapped[list[str]] = mapped_column(JsonB, default=list)
    # "whsec_" + base64 of 32 random bytes: the receiver needs it to verify, so it is kept (shown to admins only)
    secret: Mapped[str] = mapped_column(sa.String(100))
    enabled: Mapped[bool] = mapped_column(sa.Boolean, default=True, server_default=sa.true())
    disabled_reason: Mapped[str | None] = mapped_column(sa.String(500))
    # the first failed attempt since the last success: failing for the retry window disables the endpoint
    failing_since: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
    # API: registered by an admin; REST_HOOK: subscribed by an integration (Zapier), deleted by unsubscribing
    source: Mapped[str] = mapped_column(sa.String(16), default="API", server_default="API")
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))


class WebhookEvent(UUIDAuditBase):
    """One event; its id is the `webhook-id` every delivery of it carries."""

    __tablename__ = "webhook_events"
    __table_args__ = (sa.Index("ix_webhook_events_company_type_created", "company_id", "event_type", "created_at"),)
    company_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("companies.id", ondelete="CASCADE"))
    event_type: Mapped[str] = mapped_column(sa.String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)


class WebhookDelivery(UUIDAuditBase):
    """An event for one endpoint: claimed with a lease, retried with exponential backoff for the retry window."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "endpoint_id", name="uq_webhook_deliveries_event_endpoint"),
        sa.Index("ix_webhook_deliveries_due", "next_attempt_at",
                 postgresql_where=sa.text("status IN ('PENDING', 'SENDING')")),
        sa.Index("ix_webhook_deliveries_endpoint_created", "endpoint_id", "created_at"),
    )
    event_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("webhook_events.id", ondelete="CASCADE"))
    endpoint_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("webhook_endpoints.id", ondelete="CASCADE"))
    status: Mapped[WebhookDeliveryStatus] = mapped_column(
        enum_column(WebhookDeliveryStatus), default=WebhookDeliveryStatus.PENDING)
    attempts: Mapped[int] = mapped_column(sa.Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True), server_default=sa.func.now())
    locked_until: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
    last_status_code: Mapped[int | None] = mapped_column(sa.Integer)
    last_latency_ms: Mapped[int | None] = mapped_column(sa.Integer)
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))


class WebhookAttempt(BigIntBase):
    """The delivery log: one row per HTTP attempt."""

    __tablename__ = "webhook_attempts"
    delivery_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), index=True)
    attempted_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True), server_default=sa.func.now())
    status_code: Mapped[int | None] = mapped_column(sa.Integer)
    latency_ms: Mapped[int | None] = mapped_column(sa.Integer)
    error: Mapped[str | None] = mapped_column(sa.Text)
