"""Bulk imports of candidates from a CSV or XLSX file (optionally with a ZIP of CVs) into one job."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from advanced_alchemy.base import UUIDAuditBase
from advanced_alchemy.types import DateTimeUTC, JsonB
from sqlalchemy.orm import Mapped, mapped_column

from db.enums import ImportStatus
from db.models._types import enum_column


class ImportBatch(UUIDAuditBase):
    """One uploaded file: its dry-run preview, then the queue job's progress and outcome.

    ``processed_rows`` and the counts are committed together with each chunk of rows, so a job that resumes after
    a crash starts at the first row not yet written and its counts stay exact.
    """

    __tablename__ = "import_batches"
    __table_args__ = (sa.Index("ix_import_batches_job_created", "job_id", "created_at"),)
    company_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    job_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("jobs.id", ondelete="CASCADE"))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[ImportStatus] = mapped_column(enum_column(ImportStatus), default=ImportStatus.PREVIEW)
    file_name: Mapped[str] = mapped_column(sa.String(255))
    file_kind: Mapped[str] = mapped_column(sa.String(8))  # csv | xlsx
    file_sha256: Mapped[str] = mapped_column(sa.String(64))
    file_key: Mapped[str] = mapped_column(sa.String(500))
    zip_name: Mapped[str | None] = mapped_column(sa.String(255))
    zip_key: Mapped[str | None] = mapped_column(sa.String(500))
    encoding: Mapped[str | None] = mapped_column(sa.String(32))
    columns: Mapped[list[str]] = mapped_column(JsonB, default=list)
    mapping: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)
    total_rows: Mapped[int] = mapped_column(sa.Integer, default=0)
    processed_rows: Mapped[int] = mapped_column(sa.Integer, default=0)
    created_count: Mapped[int] = mapped_column(sa.Integer, default=0)
    updated_count: Mapped[int] = mapped_column(sa.Integer, default=0)
    skipped_count: Mapped[int] = mapped_column(sa.Integer, default=0)
    error_count: Mapped[int] = mapped_column(sa.Integer, default=0)
    # the bad rows (line, column, code, reason), at most IMPORT_MAX_REPORTED_ERRORS of them
    errors: Mapped[list[dict[str, Any]]] = mapped_column(JsonB, default=list)
    # set by the job that holds the import; a chunk commits only while it still holds it
    runner_token: Mapped[str | None] = mapped_column(sa.String(64))
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
    started_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
    failure: Mapped[str | None] = mapped_column(sa.Text)
