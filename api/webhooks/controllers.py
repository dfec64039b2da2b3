"""Webhook endpoints, their delivery log and redelivery (company admins; API keys with webhooks:write may list,
register and delete), and Zapier-style REST hooks (subscribe, unsubscribe, recent items for a polling trigger)."""

from __future__ import annotations

import uuid
from typing import Annotated

from litestar import Controller, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_202_ACCEPTED, HTTP_204_NO_CONTENT
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.common.errors import NotFound
from api.common.openapi import BEARER
from api.config import Settings
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
from api.webhooks.services import (
    add_endpoint,
    attempts_of,
    change_endpoint,
    checked_url,
    company_endpoint,
    company_endpoints,
    endpoint_deliveries,
    endpoint_out,
    recent_events,
    redeliver,
    remove_endpoint,
)

Limit = Annotated[int, QueryParameter(ge=1, le=200)]


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
        return [endpoint_out(e) for e in await company_endpoints(db_session, integrator)]

    @get("/webhooks/{endpoint_id:uuid}", summary="One endpoint, with its signing secret")
    async def get_endpoint(self, company_admin: NamedDependency[Principal],
                           db_session: NamedDependency[AsyncSession],
                           endpoint_id: FromPath[uuid.UUID]) -> EndpointOut:
        return endpoint_out(await company_endpoint(db_session, company_admin, endpoint_id), with_secret=True)

    @patch("/webhooks/{endpoint_id:uuid}", summary="Change an endpoint; enabled: true turns a disabled one back on")
    async def update_endpoint(self, company_admin: NamedDependency[Principal],
                              db_session: NamedDependency[AsyncSession], settings: NamedDependency[Settings],
                              endpoint_id: FromPath[uuid.UUID], data: JSONBody[EndpointPatch]) -> EndpointOut:
        e = await change_endpoint(db_session, company_admin, settings, endpoint_id, data)
        return endpoint_out(e)

    @delete("/webhooks/{endpoint_id:uuid}", status_code=HTTP_204_NO_CONTENT, summary="Delete an endpoint")
    async def delete_endpoint(self, integrator: NamedDependency[Principal],
                              db_session: NamedDependency[AsyncSession], endpoint_id: FromPath[uuid.UUID]) -> None:
        await remove_endpoint(db_session, integrator, endpoint_id)

    @get("/webhooks/{endpoint_id:uuid}/deliveries", summary="The endpoint's delivery log, newest first")
    async def webhook_deliveries(self, company_admin: NamedDependency[Principal],
                                 db_session: NamedDependency[AsyncSession],
                                 endpoint_id: FromPath[uuid.UUID], limit: Limit = 50) -> list[DeliveryOut]:
        return await endpoint_deliveries(db_session, company_admin, endpoint_id, limit)

    @get("/deliveries/{delivery_id:uuid}/attempts", summary="Every attempt of one delivery")
    async def delivery_attempts(self, company_admin: NamedDependency[Principal],
                                db_session: NamedDependency[AsyncSession],
                                delivery_id: FromPath[uuid.UUID]) -> list[AttemptOut]:
        return await attempts_of(db_session, company_admin, delivery_id)

    @post("/deliveries/{delivery_id:uuid}/redeliver", status_code=HTTP_202_ACCEPTED,
          summary="Send a delivery again now (the same webhook-id: receivers recognise a repeat)")
    async def redeliver_delivery(self, company_admin: NamedDependency[Principal],
                                 db_session: NamedDependency[AsyncSession],
                                 delivery_id: FromPath[uuid.UUID]) -> DeliveryOut:
        return await redeliver(db_session, company_admin, delivery_id)


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
        await remove_endpoint(db_session, integrator, hook_id)
        return {"id": str(hook_id), "status": "unsubscribed"}

    @get("/recent/{event_type:str}", summary="The latest events of a type, newest first (a polling trigger)")
    async def recent_items(self, integrator: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                     settings: NamedDependency[Settings], event_type: FromPath[str],
                     limit: Limit = 25) -> list[RecentItem]:
        if event_type not in EVENT_TYPES:
            raise NotFound(f"no event type {event_type!r}", extra={"event_types": sorted(EVENT_TYPES)})
        return await recent_events(db_session, integrator, settings, event_type, limit)
