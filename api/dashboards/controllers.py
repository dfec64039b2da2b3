from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import FromPath, QueryParameter
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.common.openapi import BEARER
from api.dashboards.schemas import DashboardOut
from api.dashboards.services import dashboard

Start = Annotated[date | None, QueryParameter(description="first day (UTC) of applications counted; 90 days ago")]
End = Annotated[date | None, QueryParameter(description="last day (UTC), inclusive; a week from today")]


class DashboardController(Controller):
    path = "/api/ats/v1/dashboards"
    tags = ["dashboards"]
    security = BEARER

    @get("/company", operation_id="companyDashboard",
         summary="The company's pipeline: funnel, time in stage, sources, scores, AI interviews, the coming week")
    async def company(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                      start: Start = None, end: End = None) -> DashboardOut:
        return await dashboard(db_session, recruiter.company_id, start=start, end=end)  # type: ignore[arg-type]

    @get("/jobs/{job_id:uuid}", operation_id="jobDashboard", summary="The same for one job")
    async def job(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                  job_id: FromPath[uuid.UUID], start: Start = None, end: End = None) -> DashboardOut:
        return await dashboard(db_session, recruiter.company_id, job_id=job_id,  # type: ignore[arg-type]
                               start=start, end=end)
