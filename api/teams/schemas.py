from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec

from api.common.schemas import Input, Schema
from db.enums import CompanyRole

InvitableRole = Literal["ADMIN", "RECRUITER", "HIRING_MANAGER"]
# Postgres text cannot hold NUL; control characters have no place in an address
NO_NUL = r"^[^\x00]*$"
InviteEmail = Annotated[str, msgspec.Meta(min_length=3, max_length=320,
                                          pattern=r"^[^@\s\x00-\x1f\x7f]+@[^@\s\x00-\x1f\x7f]+\.[^@\s\x00-\x1f\x7f]+$")]
PlainName = Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")]


class MyCompanyOut(Schema):
    id: uuid.UUID
    name: str
    slug: str
    role: CompanyRole
    current: bool


class CompanyIn(Input):
    name: PlainName


class SwitchCompanyIn(Input):
    company_id: uuid.UUID


class MemberOut(Schema):
    user_id: uuid.UUID
    email: str | None
    full_name: str | None
    role: CompanyRole
    joined_at: datetime


class MemberRoleIn(Input):
    role: InvitableRole


class TransferOwnershipIn(Input):
    user_id: uuid.UUID


class InvitationIn(Input):
    email: InviteEmail
    role: InvitableRole = "RECRUITER"
    expires_in_hours: Annotated[int, msgspec.Meta(ge=1, le=30 * 24)] = 72


class InvitationOut(Schema):
    id: uuid.UUID
    company_id: uuid.UUID
    email: str
    role: CompanyRole
    expires_at: datetime
    accepted_at: datetime | None
    revoked_at: datetime | None
    created_at: datetime
    # the single-use link, also mailed to the address: only in the answer to its creation
    accept_url: str | None = None


class AcceptInvitationIn(Input):
    token: Annotated[str, msgspec.Meta(min_length=20, max_length=200)]


class AcceptedOut(Schema):
    company_id: uuid.UUID
    company_name: str
    role: CompanyRole
