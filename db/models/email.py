"""Automated email: the outbox (written in the same transaction as the change that causes a mail), companies'
templates and settings, and unsubscribed addresses."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from advanced_alchemy.base import UUIDAuditBase
from advanced_alchemy.types import DateTimeUTC, JsonB
from sqlalchemy.orm import Mapped, mapped_column

from db.enums import EmailStatus
from db.models._types import enum_column


class EmailOutbox(UUIDAuditBase):
    """One email to one address. The sender claims a row (SENDING until ``locked_until``), sends it and marks it
    SENT right after the server's 250; a failed attempt waits ``next_attempt_at`` (exponential backoff)."""

    __tablename__ = "email_outbox"
    __table_args__ = (
        sa.Index("ix_email_outbox_due", "next_attempt_at",
                 postgresql_where=sa.text("status IN ('PENDING', 'SENDING')")),
        sa.Index("ix_email_outbox_company_created_id", "company_id", "created_at", "id"),
    )
    company_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(40))
    to_address: Mapped[str] = mapped_column(sa.String(320))
    # invitations, reschedules and reminders are essential (no unsubscribe); the rest is not
    essential: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    # one mail per event: a reminder for a given slot, the report of a given interview
    dedupe_key: Mapped[str | None] = mapped_column(sa.String(200), unique=True)
    # what the templates are rendered from, as it was when the change happened
    context: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)
    status: Mapped[EmailStatus] = mapped_column(enum_column(EmailStatus), default=EmailStatus.PENDING)
    attempts: Mapped[int] = mapped_column(sa.Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True), server_default=sa.func.now())
    locked_until: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
    # the same Message-ID on every attempt: a resend after an unconfirmed delivery is recognisable as the same mail
    message_id: Mapped[str] = mapped_column(sa.String(255), unique=True)
    unsubscribe_token: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    # rendered once, on the first attempt; every retry sends exactly these
    subject: Mapped[str | None] = mapped_column(sa.Text)
    text_body: Mapped[str | None] = mapped_column(sa.Text)
    html_body: Mapped[str | None] = mapped_column(sa.Text)
    ics: Mapped[str | None] = mapped_column(sa.Text)
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    sent_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))


class EmailTemplate(UUIDAuditBase):
    """A company's own wording for one kind of mail (Jinja, sandboxed); without one, the default is used."""

    __tablename__ = "email_templates"
    __table_args__ = (sa.UniqueConstraint("company_id", "kind", name="uq_email_templates_company_kind"),)
    company_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("companies.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(40))
    subject: Mapped[str] = mapped_column(sa.String(300))
    text_body: Mapped[str] = mapped_column(sa.Text)
    html_body: Mapped[str | None] = mapped_column(sa.Text)
    enabled: Mapped[bool] = mapped_column(sa.Boolean, default=True, server_default=sa.true())


class CompanyEmailSettings(UUIDAuditBase):
    __tablename__ = "company_email_settings"
    company_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("companies.id", ondelete="CASCADE"), unique=True)
    # the application statuses whose change the candidate is told about
    notify_statuses: Mapped[list[str]] = mapped_column(JsonB, default=list)
    # reminders this many hours before an interview
    reminder_hours: Mapped[list[int]] = mapped_column(JsonB, default=list)


class EmailUnsubscribe(UUIDAuditBase):
    __tablename__ = "email_unsubscribes"
    __table_args__ = (sa.UniqueConstraint("company_id", "email", name="uq_email_unsubscribes_company_email"),)
    company_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("companies.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(sa.String(320))  # lower-cased
