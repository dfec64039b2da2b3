"""Company memberships: listing, switching, creating another company, roles, removal and ownership transfer.

The last owner can never leave: ownership moves only by transfer, which swaps the two roles in one transaction (a
partial unique index keeps one owner a company)."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.auth.services import CompanyService
from api.common.errors import BadRequest, Conflict, Forbidden, NotFound
from api.teams.schemas import MemberOut, MyCompanyOut
from db.enums import CompanyRole
from db.models import Company, CompanyMembership, RecruiterProfile, User


async def my_companies(session: AsyncSession, principal: Principal) -> list[MyCompanyOut]:
    rows = await session.execute(
        select(Company, CompanyMembership.role).join(CompanyMembership, CompanyMembership.company_id == Company.id)
        .where(CompanyMembership.user_id == principal.user_id).order_by(Company.name, Company.id))
    return [MyCompanyOut(id=c.id, name=c.name, slug=c.slug, role=CompanyRole(role),
                         current=c.id == principal.company_id) for c, role in rows]


async def add_member(session: AsyncSession, company_id: uuid.UUID, user_id: uuid.UUID, role: CompanyRole) -> None:
    """Makes the user a member (and selects the company for them when it is their first)."""
    session.add(CompanyMembership(company_id=company_id, user_id=user_id, role=role))
    profile = await session.scalar(select(RecruiterProfile).where(RecruiterProfile.user_id == user_id))
    if profile is None:
        session.add(RecruiterProfile(user_id=user_id, company_id=company_id))
    await session.flush()


async def create_company(session: AsyncSession, principal: Principal, name: str) -> Company:
    company = await CompanyService(session=session).create_with_unique_slug(name.strip())
    await add_member(session, company.id, principal.user_id, CompanyRole.OWNER)
    await select_company(session, principal.user_id, company.id)
    return company


async def select_company(session: AsyncSession, user_id: uuid.UUID, company_id: uuid.UUID) -> None:
    """Remembers the company as the user's default (requests naming none act in it)."""
    member = await session.scalar(select(CompanyMembership.id).where(
        CompanyMembership.user_id == user_id, CompanyMembership.company_id == company_id))
    if member is None:
        raise Forbidden("you are not a member of that company", extra={"code": "not_a_member"})
    await session.execute(update(RecruiterProfile).where(RecruiterProfile.user_id == user_id)
                          .values(company_id=company_id))


async def members(session: AsyncSession, company_id: uuid.UUID) -> list[MemberOut]:
    rows = await session.execute(
        select(User, CompanyMembership).join(CompanyMembership, CompanyMembership.user_id == User.id)
        .where(CompanyMembership.company_id == company_id).order_by(CompanyMembership.created_at))
    return [MemberOut(user_id=u.id, email=u.email, full_name=u.full_name, role=CompanyRole(m.role),
                      joined_at=m.created_at) for u, m in rows]


async def _membership(session: AsyncSession, company_id: uuid.UUID, user_id: uuid.UUID, *,
                      lock: bool = False) -> CompanyMembership:
    stmt = select(CompanyMembership).where(CompanyMembership.company_id == company_id,
                                           CompanyMembership.user_id == user_id)
    member = await session.scalar(stmt.with_for_update() if lock else stmt)
    if member is None:
        raise NotFound("no such member in this company")
    return member


def _may_manage(actor: Principal, target: CompanyMembership) -> None:
    if target.role == CompanyRole.OWNER:
        raise Conflict("the owner cannot be changed or removed; transfer the ownership first",
                       extra={"code": "owner"})
    if target.role == CompanyRole.ADMIN and not actor.is_owner:
        raise Forbidden("only the owner manages admins", extra={"code": "owner_only"})


async def change_role(session: AsyncSession, actor: Principal, user_id: uuid.UUID, role: CompanyRole) -> MemberOut:
    target = await _membership(session, actor.company_id, user_id, lock=True)  # type: ignore[arg-type]
    _may_manage(actor, target)
    if role == CompanyRole.ADMIN and not actor.is_owner:
        raise Forbidden("only the owner makes admins", extra={"code": "owner_only"})
    target.role = role
    await session.flush()
    return next(m for m in await members(session, actor.company_id) if m.user_id == user_id)  # type: ignore[arg-type]


async def remove_member(session: AsyncSession, actor: Principal, user_id: uuid.UUID) -> None:
    """The member's next request is refused: memberships are read on every request, and API keys are the
    company's, not the member's."""
    if user_id == actor.user_id and actor.is_owner:
        raise Conflict("the owner cannot leave; transfer the ownership first", extra={"code": "owner"})
    target = await _membership(session, actor.company_id, user_id, lock=True)  # type: ignore[arg-type]
    _may_manage(actor, target)
    await session.execute(delete(CompanyMembership).where(CompanyMembership.id == target.id))
    # a removed member's default company moves to one they still belong to, if any
    other = await session.scalar(select(CompanyMembership.company_id).where(CompanyMembership.user_id == user_id)
                                 .order_by(CompanyMembership.created_at).limit(1))
    if other is not None:
        await session.execute(update(RecruiterProfile).where(
            RecruiterProfile.user_id == user_id, RecruiterProfile.company_id == actor.company_id)
            .values(company_id=other))


async def transfer_ownership(session: AsyncSession, actor: Principal, user_id: uuid.UUID) -> list[MemberOut]:
    if not actor.is_owner:
        raise Forbidden("only the owner can transfer the ownership", extra={"code": "owner_only"})
    if user_id == actor.user_id:
        raise BadRequest("you are the owner already", extra={"field": "user_id"})
    company_id: uuid.UUID = actor.company_id  # type: ignore[assignment]
    mine = await _membership(session, company_id, actor.user_id, lock=True)
    target = await _membership(session, company_id, user_id, lock=True)
    if target.role == CompanyRole.HIRING_MANAGER:
        raise Conflict("make the hiring manager a recruiter or admin before handing them the company",
                       extra={"code": "read_only_role"})
    mine.role = CompanyRole.ADMIN
    await session.flush()  # the one-owner index must see the old owner step down first
    target.role = CompanyRole.OWNER
    await session.flush()
    return await members(session, company_id)
