"""Rows in chunks: plan a chunk (CVs parsed, people looked up, each row decided) and write it. The dry run plans
every chunk and writes none; the import job writes each chunk in its own transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

import anyio
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from api.imports.cvs import CV, CVArchive, cv_for
from api.imports.mapping import Record, RowError
from api.imports.plan import Decision, decide, known_people
from api.screening.tasks import enqueue_screening
from api.storage.services import Storage, check_key
from db.enums import ApplicationSource, ApplicationStatus
from db.models import Application, ApplicationStatusChange, Candidate

CHUNK_ROWS = 500


@dataclass
class Target:
    """Where rows are written: the company and job, who added them, under which name CVs are stored, and how the
    applications came in (a file import, or a recruiter adding one person by hand)."""

    company_id: uuid.UUID
    job_id: uuid.UUID
    batch_id: uuid.UUID
    user_id: uuid.UUID | None
    file_name: str
    source: ApplicationSource = ApplicationSource.IMPORTED

    @property
    def reason(self) -> str:
        return f"imported from {self.file_name}" if self.source == ApplicationSource.IMPORTED else "added by hand"


@dataclass
class Planned:
    decisions: list[Decision] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _cvs(records: list[Record], archive: CVArchive | None, column: str | None) -> list[CV | RowError | None]:
    return [cv_for(r, archive, column) for r in records]


async def plan_chunk(session: AsyncSession, target: Target, items: list[Record | RowError],
                     archive: CVArchive | None, cv_column: str | None) -> Planned:
    planned = Planned(errors=[i for i in items if isinstance(i, RowError)])
    records = [i for i in items if isinstance(i, Record)]
    # parsing PDFs and DOCX is CPU work: off the event loop, one hop for the whole chunk
    cvs = await anyio.to_thread.run_sync(_cvs, records, archive, cv_column) if archive or any(
        r.cv_file for r in records) else [None] * len(records)
    known = await known_people(session, target.company_id, target.job_id, [r.key for r in records])
    for record, cv in zip(records, cvs, strict=True):
        if isinstance(cv, RowError):
            planned.errors.append(cv)
        else:
            planned.decisions.append(decide(record, known.get(record.key), cv))
    planned.errors.sort(key=lambda e: e.line)
    return planned


def _cv_columns(cv: CV | None, key: str | None) -> dict[str, object]:
    if cv is None:
        return {}
    return {"cv_storage_key": key, "cv_filename": cv.filename, "cv_content_type": cv.content_type,
            "cv_text": cv.parsed.text, "cv_content_hash": cv.parsed.content_hash}


async def _store_cvs(storage: Storage, target: Target, decisions: list[Decision]) -> dict[int, str]:
    """CV files go in first: a chunk that then fails leaves files no row points to, under the same keys a retry
    writes again (never a row pointing to a missing file)."""
    keys: dict[int, str] = {}
    for d in decisions:
        if d.cv is not None and (d.action == "create" or "cv" in d.changes):
            key = check_key(f"{target.company_id}/{target.job_id}/import-{target.batch_id}/"
                            f"line-{d.record.line}{d.cv.extension}")
            await storage.put(key, d.cv.data, d.cv.content_type)
            keys[d.record.line] = key
    return keys


def _application(target: Target, candidate_id: uuid.UUID, record: Record) -> Application:
    return Application(id=uuid.uuid4(), job_id=target.job_id, candidate_id=candidate_id,
                       status=ApplicationStatus.APPLIED, source=target.source,
                       cover_letter=record.cover_letter)


async def write_chunk(session: AsyncSession, target: Target, decisions: list[Decision], storage: Storage
                      ) -> list[uuid.UUID]:
    """Write one planned chunk in the session's transaction; returns the applications queued for screening."""
    keys = await _store_cvs(storage, target, decisions)
    candidates, applications, to_screen = [], [], []
    for d in decisions:
        r = d.record
        if d.action == "create":
            candidate = Candidate(id=uuid.uuid4(), full_name=r.full_name, email=r.email, phone=r.phone,
                                  **_cv_columns(d.cv, keys.get(r.line)))
            candidates.append(candidate)
            applications.append(_application(target, candidate.id, r))
        elif d.action == "update" and d.known is not None:
            values: dict[str, object] = {"updated_at": datetime.now(UTC)}
            if "full_name" in d.changes:
                values["full_name"] = r.full_name
            if "phone" in d.changes:
                values["phone"] = r.phone
            if "cv" in d.changes:
                values |= _cv_columns(d.cv, keys.get(r.line))
            if len(values) > 1:
                await session.execute(update(Candidate).where(Candidate.id == d.known.candidate_id).values(**values))
            if "application" in d.changes:
                applications.append(_application(target, d.known.candidate_id, r))
            elif d.known.application_id is not None:
                if "cover_letter" in d.changes:
                    await session.execute(update(Application).where(Application.id == d.known.application_id)
                                          .values(cover_letter=r.cover_letter, updated_at=datetime.now(UTC)))
                if "cv" in d.changes:
                    to_screen.append(d.known.application_id)
    session.add_all(candidates)
    await session.flush()
    session.add_all(applications)
    await session.flush()
    session.add_all([ApplicationStatusChange(application_id=a.id, from_status=None, to_status=ApplicationStatus.APPLIED,
                                             changed_by_id=target.user_id, reason=target.reason)
                     for a in applications])
    await session.flush()
    to_screen += [a.id for a in applications]
    for application_id in to_screen:  # screened like an applied application, once this chunk commits
        await enqueue_screening(session, application_id)
    return to_screen
