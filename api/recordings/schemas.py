from __future__ import annotations

import uuid
from datetime import datetime

from api.common.schemas import Schema
from db.enums import RecordingStatus


class RecordingOut(Schema):
    interview_id: uuid.UUID
    status: RecordingStatus
    content_type: str
    duration_s: float | None
    size_bytes: int | None
    # the file's second 0 on the report's timeline (seconds since the interview started): timeline t = file t + this
    media_offset_s: float | None
    # a short-lived link (RECORDING_URL_SECONDS): the store's presigned URL (S3) or the API's signed one (local)
    url: str | None
    url_expires_at: datetime | None
    created_at: datetime
