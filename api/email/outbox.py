"""Writing mail to the outbox, inside the caller's transaction: the mail exists if and only if the change that
caused it was committed. A queue job is deferred in the same transaction to send it at once; the periodic email
job picks up anything due that no job took (a crashed worker, SMTP down)."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from api.email.templates import KINDS
from api.queue.app import defer_in_transaction
from db.enums import EmailStatus
from db.models import EmailOutbox, EmailTemplate, EmailUnsubscribe

QUEUE = "email"
DELIVER_TASK = "email:deliver"
MESSAGE_ID_DOMAIN = "interviewly.mail"


def when_text(t: datetime) -> str:
    """How times read in mail: the day spelled out, always in UTC (the .ics gives the reader's own time zone)."""
    t = t.astimezone(UTC)
    return f"{t:%a} {t.day} {t:%b %Y}, {t:%H:%M} UTC"


async def is_unsubscribed(session: AsyncSession, company_id: uuid.UUID | None, address: str) -> bool:
    if company_id is None:
        return False
    found = await session.scalar(select(EmailUnsubscribe.id).where(
        EmailUnsubscribe.company_id == company_id, EmailUnsubscribe.email == address.strip().lower()))
    return found is not None


async def kind_disabled(session: AsyncSession, company_id: uuid.UUID | None, kind: str) -> bool:
    if company_id is None:
        return False
    enabled = await session.scalar(select(EmailTemplate.enabled).where(
        EmailTemplate.company_id == company_id, EmailTemplate.kind == kind))
    return enabled is False


async def add_mail(session: AsyncSession, *, company_id: uuid.UUID | None, kind: str, to: str,
                   context: dict[str, Any], dedupe_key: str | None = None) -> uuid.UUID | None:
    """Queue one mail in the session's transaction. Returns its id, or None when nothing was queued (the company
    switched this kind off, or a mail with the same ``dedupe_key`` exists already)."""
    spec = KINDS[kind]
    if await kind_disabled(session, company_id, kind):
        return None
    suppressed = not spec.essential and await is_unsubscribed(session, company_id, to)
    mail_id = uuid.uuid4()
    now = datetime.now(UTC)
    statement = insert(EmailOutbox).values(
        id=mail_id, company_id=company_id, kind=kind, to_address=to.strip(), essential=spec.essential,
        dedupe_key=dedupe_key, context=context,
        status=EmailStatus.SUPPRESSED if suppressed else EmailStatus.PENDING,
        attempts=0, next_attempt_at=now, message_id=f"<{mail_id.hex}@{MESSAGE_ID_DOMAIN}>",
        unsubscribe_token=None if spec.essential else secrets.token_urlsafe(24),
        last_error="the address unsubscribed from this company's non-essential mail" if suppressed else None,
        created_at=now, updated_at=now,
    ).on_conflict_do_nothing(index_elements=["dedupe_key"]).returning(EmailOutbox.id)
    inserted = await session.scalar(statement)
    if inserted is None or suppressed:
        return inserted
    await defer_in_transaction(session, queue=QUEUE, task=DELIVER_TASK, args={"outbox_id": str(inserted)})
    return inserted


async def outbox_counts(session: AsyncSession, company_id: uuid.UUID) -> dict[str, int]:
    rows = await session.execute(select(EmailOutbox.status, func.count()).where(
        EmailOutbox.company_id == company_id).group_by(EmailOutbox.status))
    return {status.value: int(n) for status, n in rows}
