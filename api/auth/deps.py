"""The current user as a dependency: `optional_user`, `current_user`, `recruiter`, `candidate`.

A verified token whose subject has no row yet gets one (just-in-time provisioning, role unset), so the browser
needs no separate sign-up call before its first request; `POST /api/auth/sync-user` refreshes email and name.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.di import NamedDependency, Provide
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.jwt import KeysUnavailable, TokenError, TokenVerifier
from api.common.errors import Forbidden, ServiceUnavailable, Unauthorized
from api.privacy.audit import set_actor
from db.enums import Role
from db.models import RecruiterProfile, User


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: uuid.UUID
    clerk_id: str
    role: Role | None
    company_id: uuid.UUID | None
    claims: dict[str, Any]
    name: str | None = None

    @property
    def is_recruiter(self) -> bool:
        return self.role == Role.RECRUITER and self.company_id is not None

    @property
    def is_candidate(self) -> bool:
        return self.role == Role.CANDIDATE


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("the Authorization header must be 'Bearer <token>'")
    return token


def _claim_str(claims: dict[str, Any], key: str, limit: int) -> str | None:
    value = claims.get(key)
    return value[:limit] if isinstance(value, str) and value else None


class PrincipalCache:
    """Who a subject is, kept for a short time once the role is chosen (role and company never change after that),
    so most requests need no user lookup. Users without a role are not cached: their next request sees the role."""

    def __init__(self, ttl_seconds: float, max_size: int = 10_000) -> None:
        self.ttl = ttl_seconds
        self.max_size = max_size
        self._entries: dict[str, tuple[float, uuid.UUID, Role, uuid.UUID | None, str | None]] = {}

    def get(self, sub: str) -> tuple[uuid.UUID, Role, uuid.UUID | None, str | None] | None:
        entry = self._entries.get(sub)
        if entry is None:
            return None
        if entry[0] < time.monotonic():
            self._entries.pop(sub, None)
            return None
        return entry[1:]

    def put(self, sub: str, user_id: uuid.UUID, role: Role, company_id: uuid.UUID | None, name: str | None) -> None:
        if len(self._entries) >= self.max_size:
            self._entries.clear()
        self._entries[sub] = (time.monotonic() + self.ttl, user_id, role, company_id, name)


async def load_principal(
    session: AsyncSession, claims: dict[str, Any], cache: PrincipalCache | None = None
) -> Principal:
    sub: str = claims["sub"]
    if cache is not None and (hit := cache.get(sub)) is not None:
        user_id, role, company_id, name = hit
        return Principal(user_id=user_id, clerk_id=sub, role=role, company_id=company_id, claims=claims, name=name)
    stmt = (
        select(User.id, User.role, RecruiterProfile.company_id, User.full_name)
        .outerjoin(RecruiterProfile, RecruiterProfile.user_id == User.id)
        .where(User.clerk_id == sub)
    )
    row = (await session.execute(stmt)).first()
    if row is None:
        await session.execute(
            insert(User)
            .values(
                id=uuid.uuid4(),
                clerk_id=sub,
                email=_claim_str(claims, "email", 320),
                full_name=_claim_str(claims, "name", 200),
            )
            .on_conflict_do_nothing(index_elements=["clerk_id"])
        )
        row = (await session.execute(stmt)).one()
    user_id, role, company_id, name = row
    role = Role(role) if role else None
    if cache is not None and role is not None and (role != Role.RECRUITER or company_id is not None):
        cache.put(sub, user_id, role, company_id, name)
    return Principal(user_id=user_id, clerk_id=sub, role=role, company_id=company_id, claims=claims, name=name)


async def provide_optional_user(request: Request, db_session: NamedDependency[AsyncSession]) -> Principal | None:
    token = bearer_token(request)
    if token is None:
        return None
    verifier: TokenVerifier = request.app.state.verifier
    try:
        claims = await verifier.verify(token)
    except TokenError as exc:
        raise Unauthorized(str(exc)) from exc
    except KeysUnavailable as exc:
        # not the caller's fault, and not a reason to sign them out (the pages treat a 401 as "sign in again")
        retry_after = str(request.app.state.settings.jwks_failure_backoff_seconds)
        raise ServiceUnavailable(f"{exc}; try again shortly", extra={"code": "jwks_unavailable"},
                                 headers={"Retry-After": retry_after}) from exc
    principal = await load_principal(db_session, claims, request.app.state.principal_cache)
    await set_actor(db_session, principal.user_id)  # the audit trail names who changed what
    return principal


async def provide_current_user(optional_user: NamedDependency[Principal | None]) -> Principal:
    if optional_user is None:
        raise Unauthorized()
    return optional_user


async def provide_recruiter(current_user: NamedDependency[Principal]) -> Principal:
    if not current_user.is_recruiter:
        raise Forbidden("this endpoint is for recruiters")
    return current_user


async def provide_candidate(current_user: NamedDependency[Principal]) -> Principal:
    if not current_user.is_candidate:
        raise Forbidden("this endpoint is for candidates")
    return current_user


async def provide_member(current_user: NamedDependency[Principal]) -> Principal:
    """A user who has chosen a role (recruiter or candidate)."""
    if not (current_user.is_recruiter or current_user.is_candidate):
        raise Forbidden("choose a role first: POST /api/auth/set-role")
    return current_user


AUTH_DEPENDENCIES = {
    "optional_user": Provide(provide_optional_user),
    "current_user": Provide(provide_current_user),
    "recruiter": Provide(provide_recruiter),
    "candidate": Provide(provide_candidate),
    "member": Provide(provide_member),
}
