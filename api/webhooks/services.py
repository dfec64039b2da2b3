"""The webhook endpoints' queries: a company's endpoints, their delivery log and attempts, redelivery, and the
recent events a polling trigger reads."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.common.errors import BadRequest, NotFound
from api.config import Settings
from api.queue.app import defer_in_transaction
from api.webhooks import signing
from api.webhooks.schemas import AttemptOut, DeliveryOut, EndpointOut, EndpointPatch, RecentItem
from api.webhooks.sender import message_id, public_data
from api.webhooks.ssrf import UnsafeUrl, resolve
from db.enums import WebhookDeliveryStatus as S
from db.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEvent


async def checked_url(url: str, settings: Settings) -> str:
    try:
        await resolve(url, allow_private=settings.webhook_allow_private_urls)
    except UnsafeUrl as exc:
        raise BadRequest(f"this URL cannot receive webhooks: {exc}", extra={"field": "url", "code": "unsafe_url"}
                         ) from exc
    return url


def endpoint_out(e: WebhookEndpoint, *, with_secret: bool = False) -> EndpointOut:
    return EndpointOut(id=e.id, url=e.url, event_types=list(e.event_types), description=e.description,
                       enabled=e.enabled, disabled_reason=e.disabled_reason, failing_since=e.failing_since,
                       source=e.source, created_at=e.created_at, secret=e.secret if with_secret else None)


def delivery_out(d: WebhookDelivery, event_type: str | None) -> DeliveryOut:
    return DeliveryOut(id=d.id, event_id=d.event_id, webhook_id=message_id(d.event_id), event_type=event_type or "",
                       status=d.status.value, attempts=d.attempts, last_status_code=d.last_status_code,
                       last_latency_ms=d.last_latency_ms, last_error=d.last_error,
                       next_attempt_at=d.next_attempt_at if d.status == S.PENDING else None,
                       delivered_at=d.delivered_at, created_at=d.created_at)


async def company_endpoint(session: AsyncSession, principal: Principal, endpoint_id: uuid.UUID) -> WebhookEndpoint:
    e = await session.scalar(select(WebhookEndpoint).where(WebhookEndpoint.id == endpoint_id,
                                                           WebhookEndpoint.company_id == principal.company_id))
    if e is None:
        raise NotFound("no such webhook endpoint")
    return e


async def company_endpoints(session: AsyncSession, principal: Principal) -> list[WebhookEndpoint]:
    return list(await session.scalars(select(WebhookEndpoint).where(
        WebhookEndpoint.company_id == principal.company_id).order_by(WebhookEndpoint.created_at)))


async def add_endpoint(session: AsyncSession, principal: Principal, url: str, event_types: list[str],
                       description: str | None, source: str) -> WebhookEndpoint:
    now = datetime.now(UTC)
    e = WebhookEndpoint(id=uuid.uuid4(), company_id=principal.company_id, url=url, description=description,
                        event_types=sorted(set(event_types)), secret=signing.new_secret(), enabled=True,
                        source=source, created_by_id=principal.user_id, created_at=now, updated_at=now)
    session.add(e)
    await session.flush()
    return e


async def change_endpoint(session: AsyncSession, principal: Principal, settings: Settings, endpoint_id: uuid.UUID,
                          data: EndpointPatch) -> WebhookEndpoint:
    """Only the fields sent change; enabling an endpoint forgets why it was disabled."""
    e = await company_endpoint(session, principal, endpoint_id)
    if data.url is not None:
        e.url = await checked_url(data.url, settings)
    if data.event_types is not None:
        e.event_types = sorted(set(data.event_types))
    if data.description is not None:
        e.description = data.description
    if data.enabled is not None:
        e.enabled = data.enabled
        if data.enabled:
            e.failing_since, e.disabled_reason = None, None
    await session.flush()
    return e


async def remove_endpoint(session: AsyncSession, principal: Principal, endpoint_id: uuid.UUID) -> None:
    await session.delete(await company_endpoint(session, principal, endpoint_id))


async def endpoint_deliveries(session: AsyncSession, principal: Principal, endpoint_id: uuid.UUID, limit: int
                              ) -> list[DeliveryOut]:
    """The endpoint's latest deliveries, newest first."""
    await company_endpoint(session, principal, endpoint_id)
    rows = await session.execute(
        select(WebhookDelivery, WebhookEvent.event_type).join(WebhookEvent, WebhookEvent.id == WebhookDelivery.event_id)
        .where(WebhookDelivery.endpoint_id == endpoint_id).order_by(WebhookDelivery.created_at.desc()).limit(limit))
    return [delivery_out(d, t) for d, t in rows]


async def company_delivery(session: AsyncSession, principal: Principal, delivery_id: uuid.UUID) -> WebhookDelivery:
    d = await session.scalar(select(WebhookDelivery).join(WebhookEndpoint).where(
        WebhookDelivery.id == delivery_id, WebhookEndpoint.company_id == principal.company_id))
    if d is None:
        raise NotFound("no such delivery")
    return d


async def attempts_of(session: AsyncSession, principal: Principal, delivery_id: uuid.UUID
                            ) -> list[AttemptOut]:
    await company_delivery(session, principal, delivery_id)
    rows = await session.scalars(select(WebhookAttempt).where(WebhookAttempt.delivery_id == delivery_id)
                                 .order_by(WebhookAttempt.id))
    return [AttemptOut(attempted_at=a.attempted_at, status_code=a.status_code, latency_ms=a.latency_ms,
                       error=a.error) for a in rows]


async def redeliver(session: AsyncSession, principal: Principal, delivery_id: uuid.UUID) -> DeliveryOut:
    """The delivery pending again now and queued (400 while it is being sent)."""
    d = await company_delivery(session, principal, delivery_id)
    if d.status == S.SENDING:
        raise BadRequest("this delivery is being sent right now", extra={"code": "sending"})
    d.status, d.next_attempt_at, d.locked_until = S.PENDING, datetime.now(UTC), None
    await session.flush()
    await defer_in_transaction(session, queue="webhooks", task="webhooks:deliver", args={"delivery_id": str(d.id)})
    event_type = await session.scalar(select(WebhookEvent.event_type).where(WebhookEvent.id == d.event_id))
    return delivery_out(d, event_type)


async def recent_events(session: AsyncSession, principal: Principal, settings: Settings, event_type: str,
                        limit: int) -> list[RecentItem]:
    """The company's latest events of a type, newest first, as receivers see them."""
    rows = await session.scalars(select(WebhookEvent).where(
        WebhookEvent.company_id == principal.company_id, WebhookEvent.event_type == event_type)
        .order_by(WebhookEvent.created_at.desc()).limit(limit))
    return [RecentItem(id=message_id(e.id), type=e.event_type, created_at=e.created_at,
                       data=public_data(e.data, settings.public_base_url)) for e in rows]
