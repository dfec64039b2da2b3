"""Company settings. ``hide_delivery_signals``: eye contact and fluency are advisory delivery signals and never part
of a score; a company that sets this sees none of them (interview, report and metrics endpoints and the pages leave
them out, and the agent stops sending them to its live watchers)."""

from __future__ import annotations

import uuid
from typing import Annotated

import msgspec
from litestar import Controller, get, patch
from litestar.di import NamedDependency
from litestar.params import JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.common.errors import NotFound
from api.common.openapi import BEARER
from api.common.schemas import Input, Schema
from db.models import Company


class CompanySettingsOut(Schema):
    company_id: uuid.UUID
    name: str
    hide_delivery_signals: bool
    recording_enabled: bool = False
    recording_retention_days: int = 90


class CompanySettingsIn(Input):
    hide_delivery_signals: bool | None = None
    # interviews are recorded only with this on and the candidate's consent to "recording" (issue 21)
    recording_enabled: bool | None = None
    recording_retention_days: Annotated[int, msgspec.Meta(ge=1, le=3650)] | None = None


async def _company(session: AsyncSession, recruiter: Principal) -> Company:
    company = await session.get(Company, recruiter.company_id)
    if company is None:
        raise NotFound("company not found")
    return company


def _out(company: Company) -> CompanySettingsOut:
    return CompanySettingsOut(company_id=company.id, name=company.name,
                              hide_delivery_signals=bool(company.hide_delivery_signals),
                              recording_enabled=bool(company.recording_enabled),
                              recording_retention_days=company.recording_retention_days or 90)


class CompanyController(Controller):
    path = "/api/ats/v1/company/settings"
    tags = ["company"]
    security = BEARER

    @get("/", summary="My company's settings")
    async def get_settings(self, recruiter: NamedDependency[Principal],
                           db_session: NamedDependency[AsyncSession]) -> CompanySettingsOut:
        return _out(await _company(db_session, recruiter))

    @patch("/", summary="Change my company's settings (hide_delivery_signals: no eye contact or fluency anywhere; "
                         "owners and admins)")
    async def update_settings(self, company_admin: NamedDependency[Principal],
                              db_session: NamedDependency[AsyncSession],
                              data: JSONBody[CompanySettingsIn]) -> CompanySettingsOut:
        company = await _company(db_session, company_admin)
        if data.hide_delivery_signals is not None:
            company.hide_delivery_signals = data.hide_delivery_signals
        if data.recording_enabled is not None:
            company.recording_enabled = data.recording_enabled
        if data.recording_retention_days is not None:
            company.recording_retention_days = data.recording_retention_days
        await db_session.flush()
        return _out(company)
