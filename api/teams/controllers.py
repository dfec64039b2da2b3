"""Teams: my companies and switching between them, members and roles, ownership, invitations."""

from __future__ import annotations

import uuid

from litestar import Controller, Response, delete, get, patch, post
from litestar.datastructures import Cookie
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import COMPANY_COOKIE, Principal
from api.common.errors import Forbidden
from api.common.openapi import BEARER, INVITATION_GONE
from api.config import Settings
from api.teams import invitations, services
from api.teams.schemas import (
    AcceptedOut,
    AcceptInvitationIn,
    CompanyIn,
    InvitationIn,
    InvitationOut,
    MemberOut,
    MemberRoleIn,
    MyCompanyOut,
    SwitchCompanyIn,
    TransferOwnershipIn,
)
from db.enums import CompanyRole, Role


def _company_cookie(company_id: uuid.UUID, settings: Settings) -> Cookie:
    # not a credential (requests still need the bearer token): it only picks among the user's own companies
    return Cookie(key=COMPANY_COOKIE, value=str(company_id), path="/", httponly=True, samesite="lax",
                  secure=settings.public_base_url.startswith("https://"), max_age=365 * 24 * 3600)


class TeamController(Controller):
    path = "/api/teams/v1"
    tags = ["teams"]
    security = BEARER

    @get("/companies", summary="The companies I belong to, with my role in each and which one this request used")
    async def my_companies(self, current_user: NamedDependency[Principal],
                           db_session: NamedDependency[AsyncSession]) -> list[MyCompanyOut]:
        if current_user.api_key_id is not None:
            raise Forbidden("API keys belong to one company")
        return await services.my_companies(db_session, current_user)

    @post("/companies", status_code=HTTP_201_CREATED, summary="Create another company (I become its owner)")
    async def create_company(self, current_user: NamedDependency[Principal],
                             db_session: NamedDependency[AsyncSession], settings: NamedDependency[Settings],
                             data: JSONBody[CompanyIn]) -> Response[MyCompanyOut]:
        # any recruiter, a read-only hiring manager elsewhere included: it is a company of their own
        if current_user.role != Role.RECRUITER or current_user.api_key_id is not None:
            raise Forbidden("this endpoint is for recruiters")
        company = await services.create_company(db_session, current_user, data.name)
        out = MyCompanyOut(id=company.id, name=company.name, slug=company.slug, role=CompanyRole.OWNER, current=True)
        return Response(out, status_code=HTTP_201_CREATED, cookies=[_company_cookie(company.id, settings)])

    @post("/current-company", status_code=HTTP_200_OK,
          summary="Switch company: later requests without X-Company-Id act in it (a cookie for the pages too)")
    async def switch_company(self, current_user: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                     settings: NamedDependency[Settings], data: JSONBody[SwitchCompanyIn]) -> Response[MyCompanyOut]:
        if current_user.role != Role.RECRUITER or current_user.api_key_id is not None:
            raise Forbidden("this endpoint is for recruiters")
        await services.select_company(db_session, current_user.user_id, data.company_id)
        mine = await services.my_companies(db_session, current_user)
        chosen = next(c for c in mine if c.id == data.company_id)
        chosen.current = True
        return Response(chosen, cookies=[_company_cookie(data.company_id, settings)])

    @get("/members", summary="The members of the current company")
    async def list_members(self, recruiter: NamedDependency[Principal],
                           db_session: NamedDependency[AsyncSession]) -> list[MemberOut]:
        return await services.members(db_session, recruiter.company_id)  # type: ignore[arg-type]

    @patch("/members/{user_id:uuid}", summary="Change a member's role (admins; only the owner manages admins)")
    async def change_role(self, company_admin: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                          user_id: FromPath[uuid.UUID], data: JSONBody[MemberRoleIn]) -> MemberOut:
        return await services.change_role(db_session, company_admin, user_id, CompanyRole(data.role))

    @delete("/members/{user_id:uuid}", status_code=HTTP_204_NO_CONTENT,
            summary="Remove a member: their access to the company ends with this request")
    async def remove_member(self, company_admin: NamedDependency[Principal],
                            db_session: NamedDependency[AsyncSession], user_id: FromPath[uuid.UUID]) -> None:
        await services.remove_member(db_session, company_admin, user_id)

    @post("/ownership", status_code=HTTP_200_OK, summary="Transfer the ownership to another member (owner only)")
    async def transfer_ownership(self, company_admin: NamedDependency[Principal],
                                 db_session: NamedDependency[AsyncSession],
                                 data: JSONBody[TransferOwnershipIn]) -> list[MemberOut]:
        return await services.transfer_ownership(db_session, company_admin, data.user_id)

    @post("/invitations", status_code=HTTP_201_CREATED, summary="Invite an address (mailed a single-use link)")
    async def invite_member(self, company_admin: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                     settings: NamedDependency[Settings], data: JSONBody[InvitationIn]) -> InvitationOut:
        return await invitations.invite(db_session, company_admin, data, settings.public_base_url)

    @get("/invitations", summary="The company's invitations, newest first")
    async def list_invitations(self, company_admin: NamedDependency[Principal],
                               db_session: NamedDependency[AsyncSession]) -> list[InvitationOut]:
        return await invitations.pending(db_session, company_admin.company_id)  # type: ignore[arg-type]

    @delete("/invitations/{invitation_id:uuid}", status_code=HTTP_200_OK, summary="Withdraw an invitation")
    async def revoke_invitation(self, company_admin: NamedDependency[Principal],
                                db_session: NamedDependency[AsyncSession],
                                invitation_id: FromPath[uuid.UUID]) -> InvitationOut:
        return await invitations.revoke(db_session, company_admin, invitation_id)

    @post("/invitations/accept", status_code=HTTP_200_OK, raises=[INVITATION_GONE],
          summary="Accept an invitation (signed in with the invited address)")
    async def accept_invitation(self, current_user: NamedDependency[Principal],
                                db_session: NamedDependency[AsyncSession], settings: NamedDependency[Settings],
                                data: JSONBody[AcceptInvitationIn]) -> Response[AcceptedOut]:
        if current_user.api_key_id is not None:
            raise Forbidden("API keys cannot join companies")
        out = await invitations.accept(db_session, current_user, data.token)
        return Response(out, cookies=[_company_cookie(out.company_id, settings)])
