from __future__ import annotations

import uuid
from typing import Annotated

import msgspec

from api.common.schemas import Email, Input, Name, Schema
from db.enums import CompanyRole, Role


class CompanyOut(Schema):
    id: uuid.UUID
    name: str
    slug: str


class MeOut(Schema):
    id: uuid.UUID
    clerk_id: str
    email: str | None
    full_name: str | None
    role: Role | None
    # the company this request acts in (issue 20: a recruiter may belong to several; GET /api/teams/v1/companies)
    company: CompanyOut | None = None
    company_role: CompanyRole | None = None


class SyncUserIn(Input):
    email: Email | None = None
    full_name: Name | None = None


class SetRoleIn(Input):
    role: Role
    company_name: Name | None = None


class DevTokenIn(Input):
    sub: Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.|@:-]+$")]
    email: Email | None = None
    name: Name | None = None
    role: Role | None = None
    company_name: Name | None = None
    ttl_seconds: Annotated[int, msgspec.Meta(ge=60, le=7 * 24 * 3600)] | None = None


class DevTokenOut(Schema):
    token: str
    token_type: str
    expires_at: int
    user: MeOut
