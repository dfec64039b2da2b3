"""What a screening may tell a company about caches that every company shares.

CV embeddings (and text profiles) are cached by content hash across companies: the same text gives the same
numbers, so sharing costs nothing. Whether *this* screening hit that cache would tell a recruiter that an identical
CV was already submitted to some other company (issue 14, finding 9), so the explanation reports only what the
company could know anyway: whether it has screened a CV with this content itself.
"""

from __future__ import annotations

import uuid

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Application, Job, Screening


async def seen_by_company(session: AsyncSession, company_id: uuid.UUID, cv_content_hash: str) -> bool:
    return bool(await session.scalar(select(exists().where(
        Screening.cv_content_hash == cv_content_hash,
        Screening.application_id == Application.id,
        Application.job_id == Job.id,
        Job.company_id == company_id,
    ))))
