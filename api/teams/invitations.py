"""Invitations: an admin invites an address with a role; the mail carries a single-use link that expires.

The link holds a 256-bit random token, and only its sha256 is stored: unguessable, so it needs no further signature,
and a database leak reveals no usable link. Accepting needs a signed-in user whose email is the invited address.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.common.errors import Conflict, Forbidden, Gone, NotFound
from api.email.outbox import add_mail, when_text
from api.teams.schemas import AcceptedOut, InvitationIn, InvitationOut
from api.teams.services import add_member, select_company
from db.enums import CompanyRole, Role
from db.models import Company, CompanyInvitation, CompanyMembership, User

ROLE_LABELS = {CompanyRole.ADMIN: "an admin", CompanyRole.RECRUITER: "a recruiter",
               CompanyRole.HIRING_MANAGER: "a hiring manager (read-only, with feedback)"}


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def to_out(inv: CompanyInvitation, accept_url: str | None = None) -> InvitationOut:
    return InvitationOut(id=inv.id, company_id=inv.company_id, email=inv.email, role=CompanyRole(inv.role),
                         expires_at=inv.expires_at, accepted_at=inv.accepted_at, revoked_at=inv.revoked_at,
                         created_at=inv.created_at, accept_url=accept_url)


async def invite(session: AsyncSession, admin: Principal, data: InvitationIn, public_base_url: str) -> InvitationOut:
    email = data.email.strip().lower()
    already = await session.scalar(
        select(CompanyMembership.id).join(User, User.id == CompanyMembership.user_id)
        .where(CompanyMembership.company_id == admin.company_id, User.email.ilike(email)))
    if already is not None:
        raise Conflict("this address is already a member of the company", extra={"code": "already_member"})
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    inv = CompanyInvitation(id=uuid.uuid4(), company_id=admin.company_id, email=email, role=CompanyRole(data.role),
                            token_hash=token_hash(token), invited_by_id=admin.user_id,
                            expires_at=now + timedelta(hours=data.expires_in_hours), created_at=now, updated_at=now)
    session.add(inv)
    await session.flush()
    company = await session.get(Company, admin.company_id)
    # the token travels in the fragment: browsers never send it, so no server or proxy log holds it ("#invite=",
    # not "#token=", which every page strips as a sign-in token: api/web/static/js/common.js)
    accept_url = f"{public_base_url.rstrip('/')}/recruiter/invitation#invite={token}"
    await add_mail(session, company_id=admin.company_id, kind="team_invitation", to=email, context={
        "company_name": company.name if company else "", "inviter_name": admin.name or "A colleague",
        "role_label": ROLE_LABELS[CompanyRole(data.role)], "accept_url": accept_url,
        "expires_at_text": when_text(inv.expires_at)})
    return to_out(inv, accept_url)


async def accept(session: AsyncSession, user: Principal, token: str) -> AcceptedOut:
    inv = await session.scalar(select(CompanyInvitation).where(CompanyInvitation.token_hash == token_hash(token))
                               .with_for_update())
    if inv is None:
        raise NotFound("no such invitation: check the link", extra={"code": "invitation_unknown"})
    if inv.revoked_at is not None:
        raise Gone("this invitation was withdrawn", extra={"code": "invitation_revoked"})
    if inv.accepted_at is not None:
        raise Gone("this invitation was used already", extra={"code": "invitation_used"})
    if inv.expires_at <= datetime.now(UTC):
        raise Gone("this invitation has expired: ask for a new one", extra={"code": "invitation_expired"})
    account = await session.get(User, user.user_id)
    if account is None or (account.email or "").strip().lower() != inv.email:
        raise Forbidden("this invitation was sent to another email address; sign in with that address",
                        extra={"code": "invitation_wrong_email"})
    if account.role == Role.CANDIDATE:
        raise Conflict("a candidate account cannot join a hiring team; sign in with a work account",
                       extra={"code": "candidate_account"})
    member = await session.scalar(select(CompanyMembership.id).where(
        CompanyMembership.company_id == inv.company_id, CompanyMembership.user_id == account.id))
    if member is not None:
        raise Conflict("you are a member of this company already", extra={"code": "already_member"})
    if account.role is None:
        account.role = Role.RECRUITER
    inv.accepted_at = datetime.now(UTC)
    inv.accepted_by_id = account.id
    await add_member(session, inv.company_id, account.id, CompanyRole(inv.role))
    await select_company(session, account.id, inv.company_id)
    company = await session.get(Company, inv.company_id)
    return AcceptedOut(company_id=inv.company_id, company_name=company.name if company else "",
                       role=CompanyRole(inv.role))


async def revoke(session: AsyncSession, admin: Principal, invitation_id: uuid.UUID) -> InvitationOut:
    inv = await session.scalar(select(CompanyInvitation).where(
        CompanyInvitation.id == invitation_id, CompanyInvitation.company_id == admin.company_id))
    if inv is None:
        raise NotFound("no such invitation")
    if inv.accepted_at is None and inv.revoked_at is None:
        inv.revoked_at = datetime.now(UTC)
        await session.flush()
    return to_out(inv)


async def pending(session: AsyncSession, company_id: uuid.UUID) -> list[InvitationOut]:
    rows = await session.scalars(select(CompanyInvitation).where(CompanyInvitation.company_id == company_id)
                                 .order_by(CompanyInvitation.created_at.desc()).limit(200))
    return [to_out(r) for r in rows]
