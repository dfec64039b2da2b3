from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

from api.common.schemas import Input, Schema
from api.webhooks.events import EVENT_TYPES

EventType = Literal[tuple(EVENT_TYPES)]  # type: ignore[valid-type]
Url = Annotated[str, msgspec.Meta(min_length=8, max_length=2000, pattern=r"^https?://[^\x00-\x20\x7f]+$")]
Description = Annotated[str, msgspec.Meta(max_length=500, pattern=r"^[^\x00]*$")]


class EndpointIn(Input):
    url: Url
    event_types: Annotated[list[EventType], msgspec.Meta(min_length=1)]
    description: Description | None = None


class EndpointPatch(Input):
    url: Url | None = None
    event_types: Annotated[list[EventType], msgspec.Meta(min_length=1)] | None = None
    description: Description | None = None
    enabled: bool | None = None


class EndpointOut(Schema):
    id: uuid.UUID
    url: str
    event_types: list[str]
    description: str | None
    enabled: bool
    disabled_reason: str | None
    failing_since: datetime | None
    source: str
    created_at: datetime
    # the signing secret: in the answer to its creation and to an admin's GET of the endpoint
    secret: str | None = None


class DeliveryOut(Schema):
    id: uuid.UUID
    event_id: uuid.UUID
    webhook_id: str
    event_type: str
    status: str
    attempts: int
    last_status_code: int | None
    last_latency_ms: int | None
    last_error: str | None
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    created_at: datetime


class AttemptOut(Schema):
    attempted_at: datetime
    status_code: int | None
    latency_ms: int | None
    error: str | None


class HookIn(Input):
    """Zapier-style REST hook subscription."""

    target_url: Url
    event: EventType


class HookOut(Schema):
    id: uuid.UUID
    target_url: str
    event: str
    secret: str


class RecentItem(Schema):
    id: str
    type: str
    created_at: datetime
    data: dict[str, Any]


class EventTypeOut(Schema):
    type: str
    description: str
