"""Disabling an endpoint that failed for the whole retry window: its waiting deliveries fail, and the company's
owners and admins are mailed (once per failing spell)."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.email.outbox import add_mail, when_text
from db.enums import CompanyRole
from db.enums import WebhookDeliveryStatus as S
from db.models import Company, CompanyMembership, User, WebhookDelivery, WebhookEndpoint


async def disable_failing(session: AsyncSession, endpoint: WebhookEndpoint, error: str | None) -> None:
    since = endpoint.failing_since
    error = error or await session.scalar(select(WebhookDelivery.last_error).where(
        WebhookDelivery.endpoint_id == endpoint.id, WebhookDelivery.last_error.is_not(None))
        .order_by(WebhookDelivery.updated_at.desc()).limit(1))
    endpoint.enabled = False
    endpoint.disabled_reason = f"no successful delivery since {when_text(since)}" if since else "failing"
    await session.execute(update(WebhookDelivery).where(
        WebhookDelivery.endpoint_id == endpoint.id, WebhookDelivery.status.in_([S.PENDING, S.SENDING]))
        .values(status=S.FAILED, last_error="the endpoint was disabled"))
    company = await session.get(Company, endpoint.company_id)
    admins = await session.execute(select(User.id, User.email)
                                   .join(CompanyMembership, CompanyMembership.user_id == User.id)
                                   .where(CompanyMembership.company_id == endpoint.company_id,
                                          CompanyMembership.role.in_([CompanyRole.OWNER, CompanyRole.ADMIN]),
                                          User.email.is_not(None)))
    spell = int(since.timestamp()) if since else 0
    for user_id, email in admins:
        await add_mail(session, company_id=endpoint.company_id, kind="webhook_disabled", to=email,
                       dedupe_key=f"webhook-disabled:{endpoint.id}:{spell}:{user_id}",
                       context={"company_name": company.name if company else "", "url": endpoint.url,
                                "failing_since_text": when_text(since) if since else "", "last_error": error or ""})
