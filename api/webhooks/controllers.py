"""Webhook endpoints, their delivery log and redelivery (company admins; API keys with webhooks:write may list,
register and delete), and Zapier-style REST hooks (subscribe, unsubscribe, recent items for a polling trigger)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from litestar import Controller, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_202_ACCEPTED, HTTP_204_NO_CONTENT
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.common.errors import BadRequest, NotFound
from api.common.openapi import BEARER
from api.config import Settings
from api.queue.app import defer_in_transaction
from api.webhooks import signing
from api.webhooks.events import EVENT_TYPES
from api.webhooks.schemas import (
    AttemptOut,
    DeliveryOut,
    EndpointIn,
    EndpointOut,
    EndpointPatch,
    EventTypeOut,
    HookIn,
    HookOut,
    RecentItem,
)
from api.webhooks.sender import message_id, public_data
from api.webhooks.ssrf import UnsafeUrl, resolve
from db.enums import WebhookDeliveryStatus as S
from db.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEvent

Limit = Annotated[int, QueryParameter(ge=1, le=200)]


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


async def company_endpoint(session: AsyncSession, principal: Principal, endpoint_id: uuid.UUID) -> WebhookEndpoint:
    e = await session.scalar(select(WebhookEndpoint).where(WebhookEndpoint.id == endpoint_id,
                                                           WebhookEndpoint.company_id == principal.company_id))
    if e is None:
        raise NotFound("no such webhook endpoint")
    return e


async def add_endpoint(session: AsyncSession, principal: Principal, url: str, event_types: list[str],
                       description: str | None, source: str) -> WebhookEndpoint:
    now = datetime.now(UTC)
    e = WebhookEndpoint(id=uuid.uuid4(), company_id=principal.company_id, url=url, description=description,
                        event_types=sorted(set(event_types)), secret=signing.new_secret(), enabled=True,
                        source=source, created_by_id=principal.user_id, created_at=now, updated_at=now)
    session.add(e)
    await session.flush()
    return e


class WebhookController(Controller):
    path = "/api/integrations/v1"
    tags = ["webhooks"]
    security = BEARER

    @get("/event-types", summary="The events a webhook can subscribe to")
    async def webhook_event_types(self, recruiter: NamedDependency[Principal]) -> list[EventTypeOut]:
        return [EventTypeOut(type=t, description=d) for t, d in EVENT_TYPES.items()]

    @post("/webhooks", status_code=HTTP_201_CREATED, summary="Register an endpoint (its secret is in this answer)")
    async def create_webhook(self, integrator: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                     settings: NamedDependency[Settings], data: JSONBody[EndpointIn]) -> EndpointOut:
        url = await checked_url(data.url, settings)
        e = await add_endpoint(db_session, integrator, url, list(data.event_types), data.description, "API")
        return endpoint_out(e, with_secret=True)

    @get("/webhooks", summary="The company's endpoints")
    async def list_endpoints(self, integrator: NamedDependency[Principal],
                             db_session: NamedDependency[AsyncSession]) -> list[EndpointOut]:
        rows = await db_session.scalars(select(WebhookEndpoint).where(
            WebhookEndpoint.company_id == integrator.company_id).order_by(WebhookEndpoint.created_at))
        return [endpoint_out(e) for e in rows]

    @get("/webhooks/{endpoint_id:uuid}", summary="One endpoint, with its signing secret")
    async def get_endpoint(self, company_admin: NamedDependency[Principal],
                           db_session: NamedDependency[AsyncSession],
                           endpoint_id: FromPath[uuid.UUID]) -> EndpointOut:
        return endpoint_out(await company_endpoint(db_session, company_admin, endpoint_id), with_secret=True)

    @patch("/webhooks/{endpoint_id:uuid}", summary="Change an endpoint; enabled: true turns a disabled one back on")
    async def update_endpoint(self, company_admin: NamedDependency[Principal],
                              db_session: NamedDependency[AsyncSession], settings: NamedDependency[Settings],
                              endpoint_id: FromPath[uuid.UUID], data: JSONBody[EndpointPatch]) -> EndpointOut:
        e = await company_endpoint(db_session, company_admin, endpoint_id)
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
        await db_session.flush()
        return endpoint_out(e)

    @delete("/webhooks/{endpoint_id:uuid}", status_code=HTTP_204_NO_CONTENT, summary="Delete an endpoint")
    async def delete_endpoint(self, integrator: NamedDependency[Principal],
                              db_session: NamedDependency[AsyncSession], endpoint_id: FromPath[uuid.UUID]) -> None:
        await db_session.delete(await company_endpoint(db_session, integrator, endpoint_id))

    @get("/webhooks/{endpoint_id:uuid}/deliveries", summary="The endpoint's delivery log, newest first")
    async def webhook_deliveries(self, company_admin: NamedDependency[Principal],
                                 db_session: NamedDependency[AsyncSession],
                                 endpoint_id: FromPath[uuid.UUID], limit: Limit = 50) -> list[DeliveryOut]:
        await company_endpoint(db_session, company_admin, endpoint_id)
        rows = await db_session.execute(
            select(WebhookDelivery, WebhookEvent.event_type).join(WebhookEvent, WebhookEvent.id ==
                                                                  WebhookDelivery.event_id)
            .where(WebhookDelivery.endpoint_id == endpoint_id).order_by(WebhookDelivery.created_at.desc())
            .limit(limit))
        return [DeliveryOut(id=d.id, event_id=d.event_id, webhook_id=message_id(d.event_id), event_type=t,
                            status=d.status.value, attempts=d.attempts, last_status_code=d.last_status_code,
                            last_latency_ms=d.last_latency_ms, last_error=d.last_error,
                            next_attempt_at=d.next_attempt_at if d.status == S.PENDING else None,
                            delivered_at=d.delivered_at, created_at=d.created_at) for d, t in rows]

    async def _delivery(self, session: AsyncSession, principal: Principal, delivery_id: uuid.UUID
                        ) -> WebhookDelivery:
        d = await session.scalar(select(WebhookDelivery).join(WebhookEndpoint).where(
            WebhookDelivery.id == delivery_id, WebhookEndpoint.company_id == principal.company_id))
        if d is None:
            raise NotFound("no such delivery")
        return d

    @get("/deliveries/{delivery_id:uuid}/attempts", summary="Every attempt of one delivery")
    async def delivery_attempts(self, company_admin: NamedDependency[Principal],
                                db_session: NamedDependency[AsyncSession],
                                delivery_id: FromPath[uuid.UUID]) -> list[AttemptOut]:
        await self._delivery(db_session, company_admin, delivery_id)
        rows = await db_session.scalars(select(WebhookAttempt).where(WebhookAttempt.delivery_id == delivery_id)
                                        .order_by(WebhookAttempt.id))
        return [AttemptOut(attempted_at=a.attempted_at, status_code=a.status_code, latency_ms=a.latency_ms,
                           error=a.error) for a in rows]

    @post("/deliveries/{delivery_id:uuid}/redeliver", status_code=HTTP_202_ACCEPTED,
          summary="Send a delivery again now (the same webhook-id: receivers recognise a repeat)")
    async def redeliver_delivery(self, company_admin: NamedDependency[Principal],
                                 db_session: NamedDependency[AsyncSession],
                                 delivery_id: FromPath[uuid.UUID]) -> DeliveryOut:
        d = await self._delivery(db_session, company_admin, delivery_id)
        if d.status == S.SENDING:
            raise BadRequest("this delivery is being sent right now", extra={"code": "sending"})
        d.status, d.next_attempt_at, d.locked_until = S.PENDING, datetime.now(UTC), None
        await db_session.flush()
        await defer_in_transaction(db_session, queue="webhooks", task="webhooks:deliver",
                                   args={"delivery_id": str(d.id)})
        event_type = await db_session.scalar(select(WebhookEvent.event_type).where(WebhookEvent.id == d.event_id))
        return DeliveryOut(id=d.id, event_id=d.event_id, webhook_id=message_id(d.event_id), event_type=event_type or "",
                           status=d.status.value, attempts=d.attempts, last_status_code=d.last_status_code,
                           last_latency_ms=d.last_latency_ms, last_error=d.last_error,
                           next_attempt_at=d.next_attempt_at, delivered_at=d.delivered_at, created_at=d.created_at)


class RestHookController(Controller):
    """Zapier's REST hooks: subscribe creates an endpoint for one event, unsubscribe deletes it, and the recent
    items let a polling trigger (and Zapier's sample data) read the latest events."""

    path = "/api/integrations/v1/hooks"
    tags = ["webhooks"]
    security = BEARER

    @post("/", status_code=HTTP_201_CREATED, summary="Subscribe a target URL to one event")
    async def subscribe_hook(self, integrator: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                        settings: NamedDependency[Settings], data: JSONBody[HookIn]) -> HookOut:
        url = await checked_url(data.target_url, settings)
        e = await add_endpoint(db_session, integrator, url, [data.event], "REST hook", "REST_HOOK")
        return HookOut(id=e.id, target_url=e.url, event=data.event, secret=e.secret)

    @delete("/{hook_id:uuid}", status_code=HTTP_200_OK, summary="Unsubscribe")
    async def unsubscribe_hook(self, integrator: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                          hook_id: FromPath[uuid.UUID]) -> dict[str, str]:
        await db_session.delete(await company_endpoint(db_session, integrator, hook_id))
        return {"id": str(hook_id), "status": "unsubscribed"}

    @get("/recent/{event_type:str}", summary="The latest events of a type, newest first (a polling trigger)")
    async def recent_items(self, integrator: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                     settings: NamedDependency[Settings], event_type: FromPath[str],
                     limit: Limit = 25) -> list[RecentItem]:
        if event_type not in EVENT_TYPES:
            raise NotFound(f"no event type {event_type!r}", extra={"event_types": sorted(EVENT_TYPES)})
        rows = await db_session.scalars(select(WebhookEvent).where(
            WebhookEvent.company_id == integrator.company_id, WebhookEvent.event_type == event_type)
            .order_by(WebhookEvent.created_at.desc()).limit(limit))
        return [RecentItem(id=message_id(e.id), type=e.event_type, created_at=e.created_at,
                           data=public_data(e.data, settings.public_base_url)) for e in rows]
