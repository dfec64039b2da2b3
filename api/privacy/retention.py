"""Retention: the daily job deletes what each company keeps no longer (companies.retention_*_days), archives old
applications of closed jobs, and records what it did (retention_runs, and a log line).

Expiry is measured against the job's clock: now, moved ahead by RETENTION_CLOCK_OFFSET_SECONDS (0; tests move it).
To expire another kind of data (issue 21's recordings after `recording_retention_days`), add one line at the end:
    register_expirer("recordings", expire_recordings)
An expirer gets (session, storage, now) and returns how many things it removed; each runs in its own transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.privacy.erasure import PrivacyRuntime
from api.storage.services import Storage
from db.enums import ApplicationStatus
from db.models import Application, Candidate, Company, Job, RetentionRun

logger = logging.getLogger(__name__)

Expirer = Callable[[AsyncSession, Storage, datetime], Awaitable[int]]
EXPIRERS: list[tuple[str, Expirer]] = []


def register_expirer(name: str, expirer: Expirer) -> None:
    if any(n == name for n, _ in EXPIRERS):
        raise ValueError(f"an expirer named {name!r} is already registered")
    EXPIRERS.append((name, expirer))


# an interview's data ages from its end (or, never started, its slot)
_EXPIRED_INTERVIEWS = """
    SELECT i.id FROM interviews i JOIN companies c ON c.id = i.company_id
    WHERE c.{days} IS NOT NULL
      AND coalesce(i.ended_at, i.scheduled_at) < CAST(:now AS timestamptz) - make_interval(days => c.{days})"""


async def expire_metrics(session: AsyncSession, storage: Storage, now: datetime) -> int:
    result = await session.execute(text(
        "DELETE FROM interview_metrics WHERE interview_id IN (" + _EXPIRED_INTERVIEWS.format(
            days="retention_metrics_days") + ")"), {"now": now})
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def expire_transcripts(session: AsyncSession, storage: Storage, now: datetime) -> int:
    """The transcript, and the answers' words kept with their scores (the scores stay)."""
    expired = _EXPIRED_INTERVIEWS.format(days="retention_transcripts_days")
    result = await session.execute(text(f"DELETE FROM interview_transcript_segments WHERE interview_id IN ({expired})"),
                                   {"now": now})
    await session.execute(text(f"""UPDATE interview_question_scores SET answer_text = NULL
                                   WHERE answer_text IS NOT NULL AND interview_id IN ({expired})"""), {"now": now})
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def expire_rejected_cvs(session: AsyncSession, storage: Storage, now: datetime) -> int:
    """CV files and text of candidates rejected longer ago than their company keeps them (the application stays)."""
    days = Company.retention_rejected_cv_days
    rows = (await session.execute(
        select(Candidate.id, Candidate.cv_storage_key)
        .join(Application, Application.candidate_id == Candidate.id).join(Job, Job.id == Application.job_id)
        .join(Company, Company.id == Job.company_id)
        .where(Application.status == ApplicationStatus.REJECTED, days.is_not(None),
               Application.updated_at < now - func.make_interval(0, 0, 0, days),
               (Candidate.cv_storage_key.is_not(None)) | (Candidate.cv_text.is_not(None)))
        .with_for_update(of=Candidate, skip_locked=True))).all()
    for _, key in rows:
        if key:
            await storage.delete(key)
    if rows:
        await session.execute(update(Candidate).where(Candidate.id.in_([r[0] for r in rows])).values(
            cv_storage_key=None, cv_filename=None, cv_content_type=None, cv_text=None))
    return len(rows)


async def archive_old_applications(session: AsyncSession, storage: Storage, now: datetime) -> int:
    """Applications of closed jobs untouched for longer than the company's archive age leave the list queries
    (`?include_archived=true` brings them back; each stays readable by id)."""
    result = await session.execute(text("""
        UPDATE applications a SET archived_at = CAST(:now AS timestamptz)
        FROM jobs j JOIN companies c ON c.id = j.company_id
        WHERE a.job_id = j.id AND j.status = 'CLOSED' AND c.archive_closed_after_days IS NOT NULL
          AND a.archived_at IS NULL
          AND a.updated_at < CAST(:now AS timestamptz) - make_interval(days => c.archive_closed_after_days)"""),
        {"now": now})
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def clock(settings: Any) -> datetime:
    """Now, moved ahead by RETENTION_CLOCK_OFFSET_SECONDS and issue 21's RETENTION_CLOCK_OFFSET_DAYS."""
    seconds = float(getattr(settings, "retention_clock_offset_seconds", 0) or 0) + 86400 * float(
        getattr(settings, "retention_clock_offset_days", 0) or 0)
    return datetime.now(UTC) + timedelta(seconds=seconds)


async def run_retention(runtime: PrivacyRuntime, now: datetime | None = None) -> dict[str, int]:
    """One run: every expirer, each in its own transaction; then the record of what was deleted."""
    now = now or clock(runtime.settings)
    deleted: dict[str, int] = {}
    # issue 21's recordings (company recording_retention_days) need the settings for their own store
    for name, expirer in [*EXPIRERS, ("recordings", _recordings_expirer(runtime.settings))]:
        async with runtime.sessionmaker() as session, session.begin():
            deleted[name] = await expirer(session, runtime.storage, now)
    async with runtime.sessionmaker() as session, session.begin():
        session.add(RetentionRun(ran_at=datetime.now(UTC), clock=now, deleted=deleted))
    logger.info("retention at %s: %s", now.isoformat(), deleted)
    return deleted


register_expirer("metrics", expire_metrics)
register_expirer("transcripts", expire_transcripts)
register_expirer("rejected_cvs", expire_rejected_cvs)
register_expirer("archived_applications", archive_old_applications)


def _recordings_expirer(settings: Any) -> Expirer:
    async def expire(session: AsyncSession, storage: Storage, now: datetime) -> int:
        from api.recordings.services import expire_recordings
        from api.storage.services import make_recording_storage

        return await expire_recordings(session, make_recording_storage(settings), settings, now)

    return expire
