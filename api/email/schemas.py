from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec

from api.common.schemas import Input, Schema
from db.enums import ApplicationStatus, EmailStatus


class TemplateOut(Schema):
    kind: str
    description: str
    to: str
    essential: bool
    customised: bool
    enabled: bool
    subject: str
    text_body: str
    html_body: str | None


class TemplateIn(Input):
    subject: Annotated[str, msgspec.Meta(min_length=1, max_length=300)]
    text_body: Annotated[str, msgspec.Meta(min_length=1, max_length=20_000)]
    html_body: Annotated[str, msgspec.Meta(max_length=50_000)] | None = None
    enabled: bool = True


class EmailSettingsIO(Input):
    notify_statuses: list[ApplicationStatus]
    reminder_hours: Annotated[list[Annotated[int, msgspec.Meta(ge=1, le=168)]], msgspec.Meta(max_length=4)]


class OutboxItem(Schema):
    id: uuid.UUID
    kind: str
    to_address: str
    status: EmailStatus
    attempts: int
    subject: str | None
    last_error: str | None
    next_attempt_at: datetime
    sent_at: datetime | None
    created_at: datetime
