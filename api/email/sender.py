"""Sending the outbox: claim due mail, render it once, send it, and mark each mail SENT right after the server's
250, in its own transaction.

Guarantees: a mail marked SENT is never sent again, whoever restarts; a claimed mail whose sender died (SIGKILL)
goes back into the queue when its lease runs out and is sent then, with the same Message-ID. The one duplicate
possible is a mail the server accepted in the instant between its 250 and our commit; its Message-ID is unchanged
so a mail system can recognise the copy.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from jinja2 import TemplateError
from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.email.config import EmailConfig
from api.email.ics import interview_ics
from api.email.smtp import SMTPConnection, SMTPFailure, build_message
from api.email.templates import KINDS, render, wrap_html
from db.enums import EmailStatus
from db.models import EmailOutbox, EmailTemplate

logger = logging.getLogger(__name__)


@dataclass
class EmailRuntime:
    """What the email jobs need; handed to the queue worker as its additional context."""

    sessionmaker: async_sessionmaker
    config: EmailConfig
    base_url: str


@dataclass
class Delivery:
    sent: list[uuid.UUID] = field(default_factory=list)
    retrying: list[uuid.UUID] = field(default_factory=list)
    failed: list[uuid.UUID] = field(default_factory=list)


def links(mail: EmailOutbox, base_url: str) -> dict[str, str | None]:
    ctx = mail.context
    return {
        "join_url": f"{base_url}{ctx['join_path']}" if ctx.get("join_path") else None,
        "report_url": f"{base_url}/recruiter/interviews/{ctx['interview_id']}/report" if ctx.get("interview_id")
        else None,
        "unsubscribe_url": f"{base_url}/email/unsubscribe/{mail.unsubscribe_token}" if mail.unsubscribe_token
        else None,
    }


async def _override(session: AsyncSession, mail: EmailOutbox) -> dict[str, str | None] | None:
    if mail.company_id is None:
        return None
    row = (await session.execute(select(EmailTemplate.subject, EmailTemplate.text_body, EmailTemplate.html_body)
                                 .where(EmailTemplate.company_id == mail.company_id,
                                        EmailTemplate.kind == mail.kind))).first()
    return {"subject": row.subject, "text_body": row.text_body, "html_body": row.html_body} if row else None


async def render_once(session: AsyncSession, mail: EmailOutbox, runtime: EmailRuntime) -> None:
    """Fill subject, bodies and .ics on the first attempt; retries send exactly what was rendered then."""
    if mail.subject is not None:
        return
    context = {**mail.context, **links(mail, runtime.base_url)}
    try:
        rendered = render(mail.kind, context, await _override(session, mail))
    except TemplateError:  # a company template that fails on this mail's data: the default still informs
        logger.exception("company email template failed; using the default", extra={"kind": mail.kind})
        rendered = render(mail.kind, context)
    text, html_footer = rendered.text, ""
    if context["unsubscribe_url"]:
        text += f"\n--\nTo stop these emails from {context.get('company_name', 'us')}: {context['unsubscribe_url']}\n"
        html_footer = (f'<hr><p style="font-size: 12px; color: #555"><a href="{context["unsubscribe_url"]}">'
                       "Unsubscribe</a> from these emails.</p>")
    mail.subject, mail.text_body, mail.html_body = rendered.subject, text, wrap_html(rendered.html, html_footer)
    if KINDS[mail.kind].calendar and context.get("scheduled_at"):
        mail.ics = interview_ics(
            uid=f"interview-{context['interview_id']}@interviewly", sequence=int(context.get("sequence", 0)),
            start=datetime.fromisoformat(context["scheduled_at"]), duration_minutes=int(context["duration_minutes"]),
            summary=f"Interview: {context['job_title']} at {context['company_name']}",
            description=f"Join the interview room: {context['join_url']}", url=context["join_url"],
            organizer=runtime.config.from_address.split("<")[-1].rstrip(">").strip(), attendee=mail.to_address)


async def claim(session: AsyncSession, runtime: EmailRuntime, ids: list[uuid.UUID] | None = None
                ) -> list[EmailOutbox]:
    """Due mail, locked for this sender for ``lease_seconds`` (SKIP LOCKED: senders never share a mail)."""
    now = datetime.now(UTC)
    due = or_(and_(EmailOutbox.status == EmailStatus.PENDING, EmailOutbox.next_attempt_at <= now),
              and_(EmailOutbox.status == EmailStatus.SENDING, EmailOutbox.locked_until < now))
    pick = select(EmailOutbox.id).where(due).order_by(EmailOutbox.next_attempt_at).limit(runtime.config.batch_size)
    if ids is not None:
        pick = pick.where(EmailOutbox.id.in_(ids))
    claimed = await session.scalars(
        update(EmailOutbox)
        .where(EmailOutbox.id.in_(pick.with_for_update(skip_locked=True).scalar_subquery()))
        .values(status=EmailStatus.SENDING, attempts=EmailOutbox.attempts + 1, updated_at=now,
                locked_until=now + timedelta(seconds=runtime.config.lease_seconds))
        .returning(EmailOutbox)
        .execution_options(synchronize_session=False, populate_existing=True))
    mails = list(claimed)
    for mail in mails:
        await render_once(session, mail, runtime)
    await session.flush()
    return mails


async def _settle(runtime: EmailRuntime, mail: EmailOutbox, **values: object) -> None:
    """Record an attempt's outcome, only while this sender still holds the claim."""
    async with runtime.sessionmaker() as session, session.begin():
        await session.execute(
            update(EmailOutbox)
            .where(EmailOutbox.id == mail.id, EmailOutbox.status == EmailStatus.SENDING,
                   EmailOutbox.attempts == mail.attempts)
            .values(locked_until=None, updated_at=datetime.now(UTC), **values)
            .execution_options(synchronize_session=False))


async def _retry_later(runtime: EmailRuntime, mail: EmailOutbox, error: str) -> None:
    wait = runtime.config.backoff(mail.attempts)
    await _settle(runtime, mail, status=EmailStatus.PENDING, last_error=error[:2000],
                  next_attempt_at=datetime.now(UTC) + timedelta(seconds=wait))


async def _send_batch(runtime: EmailRuntime, mails: list[EmailOutbox], report: Delivery) -> None:
    connection = SMTPConnection(runtime.config)
    try:
        await asyncio.to_thread(connection.open)
    except SMTPFailure as exc:
        logger.warning("SMTP unavailable; %d mail(s) wait: %s", len(mails), exc)
        for mail in mails:
            await _retry_later(runtime, mail, str(exc))
            report.retrying.append(mail.id)
        return
    try:
        for index, mail in enumerate(mails):
            message = build_message(
                from_address=runtime.config.from_address, to=mail.to_address, subject=mail.subject or "",
                text=mail.text_body or "", html=mail.html_body or "", message_id=mail.message_id, ics=mail.ics,
                unsubscribe_url=links(mail, runtime.base_url)["unsubscribe_url"])
            try:
                await asyncio.to_thread(connection.send, message)
            except SMTPFailure as exc:
                if exc.permanent:
                    await _settle(runtime, mail, status=EmailStatus.FAILED, last_error=str(exc)[:2000])
                    report.failed.append(mail.id)
                    continue
                for waiting in mails[index:] if exc.connection else [mail]:
                    await _retry_later(runtime, waiting, str(exc))
                    report.retrying.append(waiting.id)
                if exc.connection:
                    return
                continue
            # confirmed by the server: recorded at once, so nothing after this point can send it again
            await _settle(runtime, mail, status=EmailStatus.SENT, sent_at=datetime.now(UTC), last_error=None)
            report.sent.append(mail.id)
    finally:
        await asyncio.to_thread(connection.close)


async def deliver(runtime: EmailRuntime, ids: list[uuid.UUID] | None = None, max_batches: int = 20) -> Delivery:
    """Send what is due (only ``ids`` when given), batch after batch until nothing is left or ``max_batches``."""
    report = Delivery()
    for _ in range(max_batches):
        async with runtime.sessionmaker() as session, session.begin():
            mails = await claim(session, runtime, ids)
            session.expunge_all()
        if not mails:
            break
        await _send_batch(runtime, mails, report)
        if ids is not None:
            break
    return report
