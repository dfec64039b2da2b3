"""What each row does to the pipeline, decided the same way by the dry run and by the import itself:

- **create**: nobody with this email has applied to the company yet: a new candidate and an application;
- **update**: the company knows the email: their application to this job is added if missing, and a name, phone,
  CV or cover letter that differs is updated (an empty cell never erases anything);
- **skip**: the company knows the email, they have applied to this job, and nothing differs. Importing the same
  file again therefore skips every row.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.imports.cvs import CV
from api.imports.mapping import Record
from db.models import Application, Candidate, Job


@dataclass
class Known:
    """The company's latest candidate record for an email (the one with an application to this job, if any)."""

    candidate_id: uuid.UUID
    full_name: str
    phone: str | None
    cv_hash: str | None
    application_id: uuid.UUID | None
    cover_letter: str | None


@dataclass
class Decision:
    record: Record
    action: str  # create | update | skip
    changes: list[str] = field(default_factory=list)
    known: Known | None = None
    cv: CV | None = None


async def known_people(session: AsyncSession, company_id: uuid.UUID, job_id: uuid.UUID, emails: list[str]
                       ) -> dict[str, Known]:
    """One query for a chunk of (lower-cased) emails, on the lower(email) index."""
    email = func.lower(Candidate.email)
    this_job = Application.job_id == job_id
    rows = await session.execute(
        select(email.label("key"), Candidate.id, Candidate.full_name, Candidate.phone, Candidate.cv_content_hash,
               Application.id.label("application_id"), Application.job_id, Application.cover_letter)
        .join(Application, Application.candidate_id == Candidate.id)
        .join(Job, Job.id == Application.job_id)
        .where(Job.company_id == company_id, email.in_(emails))
        .distinct(email)
        .order_by(email, this_job.desc(), Candidate.created_at.desc()))
    return {
        r.key: Known(candidate_id=r.id, full_name=r.full_name, phone=r.phone, cv_hash=r.cv_content_hash,
                     application_id=r.application_id if r.job_id == job_id else None,
                     cover_letter=r.cover_letter if r.job_id == job_id else None)
        for r in rows
    }


def decide(record: Record, known: Known | None, cv: CV | None) -> Decision:
    if known is None:
        return Decision(record, "create", cv=cv)
    changes = []
    if known.application_id is None:
        changes.append("application")
    if record.name_given and record.full_name != known.full_name:
        changes.append("full_name")
    if record.phone and record.phone != known.phone:
        changes.append("phone")
    if cv is not None and cv.parsed.content_hash != known.cv_hash:
        changes.append("cv")
    if known.application_id is not None and record.cover_letter and record.cover_letter != known.cover_letter:
        changes.append("cover_letter")
    return Decision(record, "update" if changes else "skip", changes, known, cv)
