"""The signed-in member's company row, and the settings kept on it."""

from __future__ import annotations

from litestar.di import NamedDependency, Provide
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.common.errors import NotFound
from api.company.schemas import CompanySettingsIn, CompanySettingsOut
from db.models import Company


async def company_of(session: AsyncSession, principal: Principal) -> Company:
    """The company this request acts for (404 if it is gone)."""
    company = await session.get(Company, principal.company_id)
    if company is None:
        raise NotFound("company not found")
    return company


async def provide_own_company(recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession]
                              ) -> Company:
    """A dependency: the company of the recruiter making the request."""
    return await company_of(db_session, recruiter)


async def provide_admin_company(company_admin: NamedDependency[Principal], db_session: NamedDependency[AsyncSession]
                                ) -> Company:
    """A dependency: the company whose owner or admin makes the request (for its settings' changes)."""
    return await company_of(db_session, company_admin)


OWN_COMPANY = {"own_company": Provide(provide_own_company)}
ADMIN_COMPANY = {"admin_company": Provide(provide_admin_company)}


def settings_out(company: Company) -> CompanySettingsOut:
    return CompanySettingsOut(company_id=company.id, name=company.name,
                              hide_delivery_signals=bool(company.hide_delivery_signals),
                              recording_enabled=bool(company.recording_enabled),
                              recording_retention_days=company.recording_retention_days or 90)


async def change_settings(session: AsyncSession, company: Company, data: CompanySettingsIn) -> Company:
    """Only the fields sent (not null) change."""
    if data.hide_delivery_signals is not None:
        company.hide_delivery_signals = data.hide_delivery_signals
    if data.recording_enabled is not None:
        company.recording_enabled = data.recording_enabled
    if data.recording_retention_days is not None:
        company.recording_retention_days = data.recording_retention_days
    await session.flush()
    return company
