"""Company settings. ``hide_delivery_signals``: eye contact and fluency are advisory delivery signals and never part
of a score; a company that sets this sees none of them (interview, report and metrics endpoints and the pages leave
them out, and the agent stops sending them to its live watchers)."""

from __future__ import annotations

from litestar import Controller, get, patch
from litestar.di import NamedDependency
from litestar.params import JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

from api.common.openapi import BEARER
from api.company.schemas import CompanySettingsIn, CompanySettingsOut
from api.company.services import ADMIN_COMPANY, OWN_COMPANY, change_settings, settings_out
from db.models import Company


class CompanyController(Controller):
    path = "/api/ats/v1/company/settings"
    tags = ["company"]
    security = BEARER
    dependencies = {**OWN_COMPANY, **ADMIN_COMPANY}

    @get("/", summary="My company's settings")
    async def get_settings(self, own_company: NamedDependency[Company]) -> CompanySettingsOut:
        return settings_out(own_company)

    @patch("/", summary="Change my company's settings (hide_delivery_signals: no eye contact or fluency anywhere; "
                         "owners and admins)")
    async def update_settings(self, admin_company: NamedDependency[Company], db_session: NamedDependency[AsyncSession],
                              data: JSONBody[CompanySettingsIn]) -> CompanySettingsOut:
        return settings_out(await change_settings(db_session, admin_company, data))
