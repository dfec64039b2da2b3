from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec
from litestar.datastructures import UploadFile

from api.common.schemas import Input, Schema
from db.enums import ImportStatus


class ImportUpload(msgspec.Struct, kw_only=True):
    """multipart/form-data: ``file`` (CSV or .xlsx), optionally ``cvs`` (a ZIP of the CVs the sheet names) and
    ``mapping`` (JSON: field → column name; fields not given are mapped by column name)."""

    file: UploadFile
    cvs: UploadFile | None = None
    mapping: str | None = None


class MappingIn(Input):
    mapping: dict[str, str | None] | None = None


class FieldOut(Schema):
    name: str
    label: str
    required: bool


class RowPlan(Schema):
    line: int
    action: str  # create | update | skip
    email: str
    full_name: str
    changes: list[str]


class PreviewCounts(Schema):
    create: int
    update: int
    skip: int
    error: int


class ImportPreview(Schema):
    id: uuid.UUID
    job_id: uuid.UUID
    status: ImportStatus
    file_name: str
    file_kind: str
    encoding: str | None
    has_cvs: bool
    total_rows: int
    columns: list[str]
    mapping: dict[str, str | None]
    fields: list[FieldOut]
    counts: PreviewCounts
    rows: list[RowPlan]  # the first PREVIEW_ROWS rows that would be written or skipped
    errors: list[dict[str, Any]]  # every bad row (up to 1000): line, code, reason, column, email
    errors_truncated: bool


class ImportOut(Schema):
    id: uuid.UUID
    job_id: uuid.UUID
    status: ImportStatus
    file_name: str
    file_kind: str
    total_rows: int
    processed_rows: int
    progress: float
    created_count: int
    updated_count: int
    skipped_count: int
    error_count: int
    errors: list[dict[str, Any]]
    failure: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
