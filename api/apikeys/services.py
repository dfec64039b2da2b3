"""The company's API keys: made (the key returned once, its sha256 stored), listed and revoked."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.apikeys.auth import key_hash, new_key
from api.auth.deps import Principal
from api.common.errors import NotFound
from db.models import ApiKey


async def create_key(session: AsyncSession, admin: Principal, name: str, scopes: list[str],
                     expires_at: datetime | None) -> tuple[ApiKey, str]:
    """The stored row and the key itself (which is not stored)."""
    key = new_key()
    now = datetime.now(UTC)
    row = ApiKey(id=uuid.uuid4(), company_id=admin.company_id, name=name, prefix=key[:11], key_hash=key_hash(key),
                 scopes=sorted(set(scopes)), created_by_id=admin.user_id, expires_at=expires_at, created_at=now,
                 updated_at=now)
    session.add(row)
    await session.flush()
    return row, key


async def company_keys(session: AsyncSession, company_id: uuid.UUID) -> list[ApiKey]:
    """Newest first."""
    return list(await session.scalars(select(ApiKey).where(ApiKey.company_id == company_id)
                                      .order_by(ApiKey.created_at.desc())))


async def revoke_key(session: AsyncSession, company_id: uuid.UUID, key_id: uuid.UUID) -> ApiKey:
    """Revoked from now on (a key revoked before keeps its time); 404 for another company's key."""
    row = await session.scalar(select(ApiKey).where(ApiKey.id == key_id, ApiKey.company_id == company_id))
    if row is None:
        raise NotFound("no such API key")
    if row.revoked_at is None:
        row.revoked_at = datetime.now(UTC)
        await session.flush()
    return row
