"""Interview recordings (issue 21): one file per interview, kept in object storage."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from advanced_alchemy.base import UUIDAuditBase
from advanced_alchemy.types import DateTimeUTC
from sqlalchemy.orm import Mapped, mapped_column

from db.enums import RecordingStatus
from db.models._types import enum_column


class Recording(UUIDAuditBase):
    __tablename__ = "recordings"
    # one recorder claims an interview by inserting its row: the unique interview keeps a second one out
    interview_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("interviews.id", ondelete="CASCADE"), unique=True)
    company_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    status: Mapped[RecordingStatus] = mapped_column(enum_column(RecordingStatus), default=RecordingStatus.RECORDING)
    storage_key: Mapped[str | None] = mapped_column(sa.String(400))
    content_type: Mapped[str] = mapped_column(sa.String(100), default="video/mp4")
    size_bytes: Mapped[int | None] = mapped_column(sa.BigInteger)
    duration_s: Mapped[float | None] = mapped_column(sa.Float)
    # when the file's second 0 was: the report's timeline (seconds since the interview started) maps onto it
    media_started_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
    recorder_host: Mapped[str | None] = mapped_column(sa.String(200))
    recorder_pid: Mapped[int | None] = mapped_column(sa.Integer)
    error: Mapped[str | None] = mapped_column(sa.String(400))
