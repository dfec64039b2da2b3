"""Where erasure tells the outside world: a "candidate.erased" webhook event for each company that knew the person,
written inside the erasure's last transaction, so the event exists exactly when the erasure is done. The payload
carries ids and counts only."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.webhooks.events import CANDIDATE_ERASED, emit
from db.models import Application, ErasureRequest, Job


async def _companies(session: AsyncSession, request: ErasureRequest) -> list[uuid.UUID]:
    if request.company_id is not None:
        return [request.company_id]
    app_ids = [uuid.UUID(a) for a in (request.target or {}).get("application_ids", [])]
    if not app_ids:
        return []
    rows = await session.scalars(select(Job.company_id).join(Application, Application.job_id == Job.id)
                                 .where(Application.id.in_(app_ids)).distinct())
    return sorted(rows.all())


async def candidate_erased(session: AsyncSession, request: ErasureRequest, payload: dict[str, Any]) -> None:
    for company_id in await _companies(session, request):
        await emit(session, company_id, CANDIDATE_ERASED, payload)
