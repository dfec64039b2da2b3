"""Reading an API key from `Authorization: Bearer ik_...`: looked up by its sha256 on every request (no cache, so a
revocation takes effect at once), refused when revoked or expired, and checked against the route's scope."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from litestar import Request
from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.apikeys.scopes import scope_for
from api.auth.deps import API_KEY_PREFIX, Principal
from api.common.errors import Forbidden, Unauthorized
from db.enums import CompanyRole, Role
from db.models import ApiKey

# the last use is written at most this often per key (a write per request would make every call a write)
LAST_USED_RESOLUTION = timedelta(seconds=60)


def new_key() -> str:
    return API_KEY_PREFIX + secrets.token_urlsafe(32)


def key_hash(key: str) -> str:
    # a 256-bit random key needs no slow hash: sha256 cannot be reversed and there is nothing to guess
    return hashlib.sha256(key.encode()).hexdigest()


async def api_key_principal(request: Request, session: AsyncSession, key: str) -> Principal:
    row = await session.scalar(select(ApiKey).where(ApiKey.key_hash == key_hash(key)))
    now = datetime.now(UTC)
    if row is None:
        raise Unauthorized("unknown API key")
    if row.revoked_at is not None:
        raise Unauthorized("this API key was revoked", extra={"code": "api_key_revoked"})
    if row.expires_at is not None and row.expires_at <= now:
        raise Unauthorized("this API key has expired", extra={"code": "api_key_expired"})
    needed = scope_for(request.method, request.scope.get("path_template", ""))
    if needed is None:
        raise Forbidden("API keys cannot call this endpoint", extra={"code": "api_key_not_allowed"})
    if needed not in row.scopes:
        raise Forbidden(f"this API key lacks the scope {needed}", extra={"code": "missing_scope", "scope": needed})
    await _mark_used(session, row, now)
    return Principal(user_id=row.created_by_id, clerk_id=f"apikey|{row.id}", role=Role.RECRUITER,
                     company_id=row.company_id, claims={}, name=row.name, company_role=CompanyRole.RECRUITER,
                     api_key_id=row.id, scopes=frozenset(row.scopes))


async def _mark_used(session: AsyncSession, row: ApiKey, now: datetime) -> None:
    """Kept even when the request itself fails: written on its own connection, not in the request's transaction."""
    if row.last_used_at is not None and now - row.last_used_at < LAST_USED_RESOLUTION:
        return
    bind = session.bind
    async with bind.connect() as conn:  # type: ignore[union-attr]
        await conn.execute(update(ApiKey).where(ApiKey.id == row.id, or_(
            ApiKey.last_used_at.is_(None), ApiKey.last_used_at < now - LAST_USED_RESOLUTION)).values(last_used_at=now))
        await conn.commit()
