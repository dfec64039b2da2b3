"""API keys for integrations: created by a company admin with scopes and an optional expiry, shown once, stored as
a sha256, revoked at once, last use shown."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Literal

import msgspec
from litestar import Controller, delete, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED
from sqlalchemy.ext.asyncio import AsyncSession

from api.apikeys.scopes import SCOPES
from api.apikeys.services import company_keys, create_key, revoke_key
from api.auth.deps import Principal
from api.common.errors import BadRequest
from api.common.openapi import BEARER
from api.common.schemas import Input, Schema
from api.teams.schemas import PlainName
from db.models import ApiKey

Scope = Literal[tuple(SCOPES)]  # type: ignore[valid-type]


class ApiKeyIn(Input):
    name: PlainName
    scopes: Annotated[list[Scope], msgspec.Meta(min_length=1, max_length=len(SCOPES))]
    expires_at: datetime | None = None


class ApiKeyOut(Schema):
    id: uuid.UUID
    name: str
    prefix: str
    scopes: list[str]
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None
    created_at: datetime
    # the key itself: only in the answer to its creation, never again
    key: str | None = None


def _out(row: ApiKey, key: str | None = None) -> ApiKeyOut:
    return ApiKeyOut(id=row.id, name=row.name, prefix=row.prefix, scopes=list(row.scopes), expires_at=row.expires_at,
                     revoked_at=row.revoked_at, last_used_at=row.last_used_at, created_at=row.created_at, key=key)


class ApiKeyController(Controller):
    path = "/api/teams/v1/api-keys"
    tags = ["api keys"]
    security = BEARER

    @post("/", status_code=HTTP_201_CREATED, summary="Create an API key (the key is in this answer only)")
    async def create_api_key(self, company_admin: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                     data: JSONBody[ApiKeyIn]) -> ApiKeyOut:
        if data.expires_at is not None and data.expires_at.astimezone(UTC) <= datetime.now(UTC):
            raise BadRequest("expires_at must be in the future", extra={"field": "expires_at"})
        row, key = await create_key(db_session, company_admin, data.name, list(data.scopes), data.expires_at)
        return _out(row, key)

    @get("/", summary="The company's API keys (never the keys themselves)")
    async def list_api_keys(self, company_admin: NamedDependency[Principal],
                        db_session: NamedDependency[AsyncSession]) -> list[ApiKeyOut]:
        return [_out(r) for r in await company_keys(db_session, company_admin.company_id)]  # type: ignore[arg-type]

    @get("/scopes", summary="The scopes a key may have, and the endpoints each allows")
    async def api_key_scopes(self, company_admin: NamedDependency[Principal]) -> dict[str, list[str]]:
        return {scope: [f"{m} {p}" for m, p in routes] for scope, routes in SCOPES.items()}

    @delete("/{key_id:uuid}", status_code=HTTP_200_OK, summary="Revoke an API key: refused from the next request on")
    async def revoke_api_key(self, company_admin: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                     key_id: FromPath[uuid.UUID]) -> ApiKeyOut:
        return _out(await revoke_key(db_session, company_admin.company_id, key_id))  # type: ignore[arg-type]
