"""Recordings for the hiring team (short-lived signed links) and their end: retention and erasure.

`expire_recordings` and `erase_candidate_recordings` are the hooks for the retention and erasure registries
(issue 17): each deletes the file from storage first and its row after, one recording per transaction, so a
storage outage leaves the row (and the next run deletes it) and a second run finds nothing left to do."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta

import anyio
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.recordings.schemas import RecordingOut
from api.storage.services import FileStorage, StorageError
from db.enums import RecordingStatus
from db.models import Application, Company, Interview, Recording

logger = logging.getLogger(__name__)


def retention_now(settings: Settings) -> datetime:
    """Now, moved by RETENTION_CLOCK_OFFSET_DAYS (tests compress months into a setting, not a sleep)."""
    return datetime.now(UTC) + timedelta(days=settings.retention_clock_offset_days)


async def recording_view(session: AsyncSession, storage: FileStorage, settings: Settings,
                         interview: Interview) -> RecordingOut | None:
    rec = await session.scalar(select(Recording).where(Recording.interview_id == interview.id))
    if rec is None:
        return None
    url, expires_at = None, None
    if rec.status == RecordingStatus.READY and rec.storage_key:
        ttl = timedelta(seconds=settings.recording_url_seconds)
        url = await storage.signed_url(rec.storage_key, ttl)
        expires_at = datetime.now(UTC) + ttl
    offset = None
    if rec.media_started_at and interview.started_at:
        offset = (rec.media_started_at - interview.started_at).total_seconds()
    return RecordingOut(interview_id=interview.id, status=rec.status, content_type=rec.content_type,
                        duration_s=rec.duration_s, size_bytes=rec.size_bytes, media_offset_s=offset, url=url,
                        url_expires_at=expires_at, created_at=rec.created_at)


async def _delete_one(session: AsyncSession, storage: FileStorage, rec: Recording) -> bool:
    from api.recordings.job import spool_dir

    try:
        if rec.storage_key:
            await storage.delete(rec.storage_key)
    except StorageError as exc:
        logger.warning("recording %s stays until storage is back: %s", rec.id, exc)
        return False
    await anyio.Path(spool_dir() / f"{rec.id}.mp4").unlink(missing_ok=True)  # a file whose upload failed
    await session.execute(delete(Recording).where(Recording.id == rec.id))
    await session.commit()
    return True


async def expire_recordings(session: AsyncSession, storage: FileStorage, settings: Settings,
                            now: datetime | None = None) -> int:
    """Deletes every recording older than its company's `recording_retention_days`. Returns how many."""
    now = now or retention_now(settings)
    rows = (await session.scalars(
        select(Recording).join(Company, Company.id == Recording.company_id)
        .where(Recording.status != RecordingStatus.RECORDING,
               Recording.created_at < now - func.make_interval(0, 0, 0, Company.recording_retention_days))
        .order_by(Recording.created_at)
    )).all()
    return sum([await _delete_one(session, storage, rec) for rec in rows])


async def erase_candidate_recordings(session: AsyncSession, storage: FileStorage, candidate_id: uuid.UUID) -> int:
    """Deletes the recordings of every interview on the candidate's applications (the erasure registry's
    "recordings" kind). Returns how many; idempotent."""
    rows = (await session.scalars(
        select(Recording).join(Interview, Interview.id == Recording.interview_id)
        .join(Application, Application.id == Interview.application_id)
        .where(Application.candidate_id == candidate_id)
    )).all()
    return sum([await _delete_one(session, storage, rec) for rec in rows])
