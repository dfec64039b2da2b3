"""Request and response bodies of the company settings endpoints."""

from __future__ import annotations

import uuid
from typing import Annotated

import msgspec

from api.common.schemas import Input, Schema


class CompanySettingsOut(Schema):
    company_id: uuid.UUID
    name: str
    hide_delivery_signals: bool
    recording_enabled: bool = False
    recording_retention_days: int = 90


class CompanySettingsIn(Input):
    hide_delivery_signals: bool | None = None
    # interviews are recorded only with this on and the candidate's consent to "recording" (issue 21)
    recording_enabled: bool | None = None
    recording_retention_days: Annotated[int, msgspec.Meta(ge=1, le=3650)] | None = None
