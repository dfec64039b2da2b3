"""A recruiter adds one candidate by hand: the same row logic as an import (the company's known person is reused,
the application is screened), with the source MANUAL so the dashboards count it apart."""

from __future__ import annotations

import uuid
from typing import Annotated

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.common.errors import Conflict, NotFound
from api.common.schemas import Email, Input, Name, Schema
from api.imports.mapping import Record
from api.imports.plan import decide, known_people
from api.imports.process import Target, write_chunk
from api.storage.services import Storage
from db.enums import ApplicationSource, JobStatus
from db.models import Job


class ManualCandidateIn(Input):
    full_name: Name
    email: Email
    phone: Annotated[str, msgspec.Meta(max_length=50)] | None = None
    cover_letter: Annotated[str, msgspec.Meta(max_length=20_000)] | None = None


class ManualCandidateOut(Schema):
    application_id: uuid.UUID
    job_id: uuid.UUID
    source: ApplicationSource


async def add_by_hand(session: AsyncSession, recruiter: Principal, job_id: uuid.UUID, data: ManualCandidateIn,
                      storage: Storage) -> ManualCandidateOut:
    status = await session.scalar(select(Job.status).where(Job.id == job_id, Job.company_id == recruiter.company_id))
    if status is None:
        raise NotFound("job not found")
    if status == JobStatus.CLOSED:
        raise Conflict("this job is closed: reopen it to add candidates to it")
    record = Record(line=1, email=data.email.strip(), full_name=data.full_name.strip(), name_given=True,
                    phone=data.phone or None, cv_file=None, cover_letter=data.cover_letter or None)
    target = Target(recruiter.company_id, job_id, uuid.uuid4(), recruiter.user_id, "",  # type: ignore[arg-type]
                    source=ApplicationSource.MANUAL)
    known = await known_people(session, target.company_id, job_id, [record.key])
    decision = decide(record, known.get(record.key), None)
    if decision.known is not None and decision.known.application_id is not None:
        raise Conflict("this person has already applied to this job",
                       extra={"application_id": str(decision.known.application_id)})
    (application_id,) = await write_chunk(session, target, [decision], storage)
    return ManualCandidateOut(application_id=application_id, job_id=job_id, source=ApplicationSource.MANUAL)
