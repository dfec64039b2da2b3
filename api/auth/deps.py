"""The current user as a dependency: `optional_user`, `current_user`, `recruiter`, `candidate`, `company_admin`.

A verified token whose subject has no row yet gets one (just-in-time provisioning, role unset), so the browser
needs no separate sign-up call before its first request; `POST /api/auth/sync-user` refreshes email and name.

A recruiter acts in exactly one company per request (issue 20): the one named by the `X-Company-Id` header (a
company the user is not a member of is a 403), else the `interviewly_company` cookie the company switcher sets,
else the company they selected last, else their first membership. Memberships are read on every request (never
cached), so a removed member loses access at once. `Bearer ik_...` is an integration's API key
(api/apikeys/auth.py): its scopes are checked against the route before any handler runs.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.di import NamedDependency, Provide
from sqlalchemy import Select, bindparam, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.jwt import KeysUnavailable, TokenError, TokenVerifier
from api.common.db import reads_only
from api.common.errors import BadRequest, Forbidden, ServiceUnavailable, Unauthorized
from api.privacy.audit import actor_named, actor_of, naming_actor, set_actor
from db.enums import CompanyRole, Role
from db.models import CompanyMembership, RecruiterProfile, User

COMPANY_HEADER = "x-company-id"
COMPANY_COOKIE = "interviewly_company"
ADMIN_ROLES = frozenset({CompanyRole.OWNER, CompanyRole.ADMIN})
# a route handler with opt={"hiring_manager_writes": True} takes writes from hiring managers (feedback, notes)
HIRING_MANAGER_WRITES = "hiring_manager_writes"
API_KEY_PREFIX = "ik_"


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: uuid.UUID
    clerk_id: str
    role: Role | None
    company_id: uuid.UUID | None
    claims: dict[str, Any]
    name: str | None = None
    # the role in `company_id`, the company this request acts in
    company_role: CompanyRole | None = None
    # set when the caller is an integration's API key rather than a person
    api_key_id: uuid.UUID | None = None
    scopes: frozenset[str] = frozenset()

    @property
    def is_recruiter(self) -> bool:
        return self.role == Role.RECRUITER and self.company_id is not None

    @property
    def is_company_admin(self) -> bool:
        return self.is_recruiter and self.api_key_id is None and self.company_role in ADMIN_ROLES

    @property
    def is_owner(self) -> bool:
        return self.is_recruiter and self.api_key_id is None and self.company_role == CompanyRole.OWNER

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
    """Who a subject is, kept for a short time once the role is chosen (a role never changes after that), so most
    requests need no user lookup. Users without a role are not cached: their next request sees the role. Company
    memberships are not cached: removing a member must take effect at once."""

    def __init__(self, ttl_seconds: float, max_size: int = 10_000) -> None:
        self.ttl = ttl_seconds
        self.max_size = max_size
        self._entries: dict[str, tuple[float, uuid.UUID, Role, str | None]] = {}

    def get(self, sub: str) -> tuple[uuid.UUID, Role, str | None] | None:
        entry = self._entries.get(sub)
        if entry is None:
            return None
        if entry[0] < time.monotonic():
            self._entries.pop(sub, None)
            return None
        return entry[1:]

    def put(self, sub: str, user_id: uuid.UUID, role: Role, name: str | None) -> None:
        if len(self._entries) >= self.max_size:
            self._entries.clear()
        self._entries[sub] = (time.monotonic() + self.ttl, user_id, role, name)


@dataclass(frozen=True, slots=True)
class CompanyChoice:
    """The company a request asks to act in: `strict` (a header) refuses a company the user is not a member of;
    a cookie that names one (left from before a removal) falls back to the default."""

    company_id: uuid.UUID | None = None
    strict: bool = False


def _memberships(naming: bool) -> Select:
    columns = [CompanyMembership.company_id, CompanyMembership.role, RecruiterProfile.company_id]
    return (
        select(*columns, *([naming_actor()] if naming else []))
        .outerjoin(RecruiterProfile, RecruiterProfile.user_id == CompanyMembership.user_id)
        .where(CompanyMembership.user_id == bindparam("user_id", type_=CompanyMembership.user_id.type))
        .order_by(CompanyMembership.created_at, CompanyMembership.id)
    )


# built once: every recruiter request runs one of these (the second also names the audit trail's actor)
MEMBERSHIPS, MEMBERSHIPS_NAMING_ACTOR = _memberships(False), _memberships(True)


async def resolve_company(session: AsyncSession, user_id: uuid.UUID, choice: CompanyChoice | None = None,
                          *, name_actor: bool = False) -> tuple[uuid.UUID, CompanyRole] | None:
    """`name_actor`: the same round trip names the user as the transaction's actor (api/privacy/audit.py)."""
    params = {"user_id": user_id, **({"actor": actor_of(user_id)} if name_actor else {})}
    # a Core statement on the session's connection (same transaction): rows of columns need no ORM result handling
    connection = await session.connection()
    rows = [row[:3] for row in
            (await connection.execute(MEMBERSHIPS_NAMING_ACTOR if name_actor else MEMBERSHIPS, params)).all()]
    if rows and name_actor:
        actor_named(session, user_id)
    roles = {company: CompanyRole(role) for company, role, _ in rows}
    if choice is not None and choice.company_id is not None:
        if choice.company_id in roles:
            return choice.company_id, roles[choice.company_id]
        if choice.strict:
            raise Forbidden("you are not a member of that company", extra={"code": "not_a_member",
                                                                          "company_id": str(choice.company_id)})
    if not rows:
        return None
    last_selected = rows[0][2]
    company = last_selected if last_selected in roles else rows[0][0]
    return company, roles[company]


def company_choice(request: Request) -> CompanyChoice:
    header = request.headers.get(COMPANY_HEADER)
    if header is not None:
        try:
            return CompanyChoice(uuid.UUID(header.strip()), strict=True)
        except ValueError:
            raise BadRequest("X-Company-Id must be a company id (a UUID)", extra={"header": "X-Company-Id"}) from None
    cookie = request.cookies.get(COMPANY_COOKIE)
    try:
        return CompanyChoice(uuid.UUID(cookie) if cookie else None)
    except ValueError:
        return CompanyChoice()


async def load_principal(
    session: AsyncSession, claims: dict[str, Any], cache: PrincipalCache | None = None,
    choice: CompanyChoice | None = None, *, name_actor: bool = False,
) -> Principal:
    """`name_actor`: a recruiter's company lookup also names them as the actor of this transaction (the caller
    still calls `set_actor`, which then costs nothing)."""
    sub: str = claims["sub"]
    hit = cache.get(sub) if cache is not None else None
    user_id, role, name = hit if hit is not None else await _user_row(session, claims)
    if cache is not None and hit is None and role is not None:
        cache.put(sub, user_id, role, name)
    company = (await resolve_company(session, user_id, choice, name_actor=name_actor) if role == Role.RECRUITER
               else None)
    return Principal(user_id=user_id, clerk_id=sub, role=role, company_id=company[0] if company else None,
                     claims=claims, name=name, company_role=company[1] if company else None)


async def _user_row(session: AsyncSession, claims: dict[str, Any]) -> tuple[uuid.UUID, Role | None, str | None]:
    sub: str = claims["sub"]
    stmt = select(User.id, User.role, User.full_name).where(User.clerk_id == sub)
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
    user_id, role, name = row
    return user_id, (Role(role) if role else None), name


async def provide_optional_user(request: Request, db_session: NamedDependency[AsyncSession]) -> Principal | None:
    token = bearer_token(request)
    if token is None:
        return None
    if token.startswith(API_KEY_PREFIX):
        from api.apikeys.auth import api_key_principal  # it builds on Principal

        return await api_key_principal(request, db_session, token)
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
    await reads_only(request, db_session)  # before the session's first statement (the principal's)
    principal = await load_principal(db_session, claims, request.app.state.principal_cache, company_choice(request),
                                     name_actor=True)
    await set_actor(db_session, principal.user_id)  # the audit trail names who changed what
    return principal


async def provide_current_user(optional_user: NamedDependency[Principal | None]) -> Principal:
    if optional_user is None:
        raise Unauthorized()
    return optional_user


async def provide_recruiter(request: Request, current_user: NamedDependency[Principal]) -> Principal:
    if not current_user.is_recruiter:
        raise Forbidden("this endpoint is for recruiters")
    if (current_user.company_role == CompanyRole.HIRING_MANAGER and request.method not in {"GET", "HEAD"}
            and not request.route_handler.opt.get(HIRING_MANAGER_WRITES)):
        raise Forbidden("hiring managers can read, and leave feedback and notes, but not change this",
                        extra={"code": "read_only_role", "role": CompanyRole.HIRING_MANAGER.value})
    return current_user


async def provide_company_admin(recruiter: NamedDependency[Principal]) -> Principal:
    """A person who is the company's owner or an admin (never an API key)."""
    if not recruiter.is_company_admin:
        raise Forbidden("this needs a company owner or admin", extra={"code": "admin_only"})
    return recruiter


async def provide_integrator(recruiter: NamedDependency[Principal]) -> Principal:
    """A company admin, or an API key (whose scope for this route was checked when it was read)."""
    if recruiter.api_key_id is None and not recruiter.is_company_admin:
        raise Forbidden("this needs a company owner or admin, or an API key", extra={"code": "admin_only"})
    return recruiter


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
    "company_admin": Provide(provide_company_admin),
    "integrator": Provide(provide_integrator),
}
