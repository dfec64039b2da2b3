from __future__ import annotations

import logging
import re
import secrets
import uuid
from typing import Any

import httpx
from advanced_alchemy.repository import SQLAlchemyAsyncRepository
from advanced_alchemy.service import SQLAlchemyAsyncRepositoryService
from sqlalchemy import select

from api.auth.deps import load_principal
from api.auth.schemas import CompanyOut, MeOut
from api.common.errors import BadRequest, Conflict
from db.enums import CompanyRole, Role
from db.models import Company, CompanyMembership, RecruiterProfile, User

logger = logging.getLogger(__name__)


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80]
    return slug or "company"


class CompanyService(SQLAlchemyAsyncRepositoryService[Company]):
    class Repo(SQLAlchemyAsyncRepository[Company]):
        model_type = Company

    repository_type = Repo

    async def create_with_unique_slug(self, name: str) -> Company:
        base = slugify(name)
        slug = base
        while await self.exists(slug=slug):
            slug = f"{base}-{secrets.token_hex(3)}"
        return await self.create({"name": name, "slug": slug})


class RecruiterProfileService(SQLAlchemyAsyncRepositoryService[RecruiterProfile]):
    class Repo(SQLAlchemyAsyncRepository[RecruiterProfile]):
        model_type = RecruiterProfile

    repository_type = Repo


class UserService(SQLAlchemyAsyncRepositoryService[User]):
    class Repo(SQLAlchemyAsyncRepository[User]):
        model_type = User

    repository_type = Repo

    async def sync(self, user_id: uuid.UUID, email: str | None, full_name: str | None) -> MeOut:
        user = await self.get(user_id)
        changes = {k: v for k, v in {"email": email, "full_name": full_name}.items() if v}
        if changes:
            user = await self.update(changes, item_id=user_id)
        return to_me(user)

    async def sign_in(self, claims: dict[str, Any], email: str | None, name: str | None, role: Role | None,
                      company_name: str | None) -> MeOut:
        """The user a verified token names (as any request carrying it loads them), refreshed, then the role."""
        principal = await load_principal(self.repository.session, claims)
        me = await self.sync(principal.user_id, email, name)
        if role is not None:
            me, _ = await self.set_role(principal.user_id, role, company_name)
        return me

    async def set_role(self, user_id: uuid.UUID, role: Role, company_name: str | None) -> tuple[MeOut, bool]:
        """Set the role once. Returns (me, changed). Asking again for the role already set is a no-op."""
        user = await self.get(user_id)
        if user.role is not None:
            if user.role == role:
                return to_me(user), False
            raise Conflict(
                f"the role is already set to {user.role.value} and cannot change", extra={"role": user.role.value}
            )
        if role == Role.RECRUITER:
            if not company_name or not company_name.strip():
                raise BadRequest("company_name is required to become a recruiter", extra={"field": "company_name"})
            companies = CompanyService(session=self.repository.session)
            company = await companies.create_with_unique_slug(company_name.strip())
            profiles = RecruiterProfileService(session=self.repository.session)
            await profiles.create({"user_id": user.id, "company_id": company.id})
            self.repository.session.add(
                CompanyMembership(company_id=company.id, user_id=user.id, role=CompanyRole.OWNER))
        user = await self.update({"role": role}, item_id=user_id)
        await self.repository.session.refresh(user, attribute_names=["recruiter_profile"])
        return await self.me(user_id), True

    async def me(self, user_id: uuid.UUID, company_id: uuid.UUID | None = None) -> MeOut:
        """`company_id`: the company the request acts in (default: the one selected last, if still a member)."""
        user = await self.get(user_id)
        session = self.repository.session
        rows = (await session.execute(
            select(Company, CompanyMembership.role).join(CompanyMembership, CompanyMembership.company_id == Company.id)
            .where(CompanyMembership.user_id == user_id))).all()
        roles = {c.id: (c, CompanyRole(r)) for c, r in rows}
        profile = user.recruiter_profile
        chosen = company_id if company_id in roles else (profile.company_id if profile else None)
        if chosen not in roles:
            chosen = next(iter(roles), None)
        me = to_me(user)
        if chosen is None:
            me.company = None
            return me
        company, role = roles[chosen]
        me.company = CompanyOut(id=company.id, name=company.name, slug=company.slug)
        me.company_role = role
        return me


def to_me(user: User) -> MeOut:
    profile = user.recruiter_profile
    company = profile.company if profile is not None else None
    return MeOut(
        id=user.id,
        clerk_id=user.clerk_id,
        email=user.email,
        full_name=user.full_name,
        role=user.role,
        company=CompanyOut(id=company.id, name=company.name, slug=company.slug) if company else None,
    )


class ClerkClient:
    """Mirrors the role into Clerk `publicMetadata` (when CLERK_SECRET_KEY is set). Best effort: our DB is the
    source of truth, so a Clerk outage is logged rather than failing the request."""

    def __init__(self, api_url: str, secret_key: str, client: httpx.AsyncClient) -> None:
        self.api_url = api_url.rstrip("/")
        self.secret_key = secret_key
        self.client = client

    async def set_public_role(self, clerk_user_id: str, role: Role) -> bool:
        try:
            response = await self.client.patch(
                f"{self.api_url}/users/{clerk_user_id}/metadata",
                json={"public_metadata": {"role": role.value}},
                headers={"Authorization": f"Bearer {self.secret_key}"},
                timeout=5.0,
            )
            response.raise_for_status()
            return True
        except httpx.HTTPError as exc:
            logger.warning(
                "could not mirror the role to Clerk", extra={"clerk_user_id": clerk_user_id, "error": str(exc)}
            )
            return False
