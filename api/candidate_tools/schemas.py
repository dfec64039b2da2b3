from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec
from litestar.datastructures import UploadFile

from api.common.schemas import Input, Schema
from db.enums import InterviewStatus, Plan, RewriteStyle


class AnalyzeForm(msgspec.Struct, kw_only=True):
    """multipart/form-data: a CV file (PDF, DOCX, TXT) or pasted `cv_text`; optionally the target job, as text
    (`target_jd`) or as an open job's id (`job_id`)."""

    cv: UploadFile | None = None
    cv_text: Annotated[str, msgspec.Meta(max_length=100_000)] | None = None
    target_jd: Annotated[str, msgspec.Meta(max_length=50_000)] | None = None
    job_id: uuid.UUID | None = None


class AnalysisOut(Schema):
    id: uuid.UUID
    ats_score: float
    cv_content_hash: str
    jd_content_hash: str | None
    result: dict[str, Any]
    cached: bool
    created_at: datetime


class RewriteIn(Input):
    cv_text: Annotated[str, msgspec.Meta(min_length=40, max_length=60_000)]
    style: RewriteStyle


class RewriteOut(Schema):
    id: uuid.UUID
    style: RewriteStyle
    cv_content_hash: str
    output: str
    model_name: str | None
    cached: bool
    created_at: datetime


class ChatMessage(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    role: Literal["user", "assistant"]
    content: Annotated[str, msgspec.Meta(min_length=1, max_length=20_000)]


class CoachChatIn(Input):
    messages: Annotated[list[ChatMessage], msgspec.Meta(min_length=1, max_length=60)]
    cv_text: Annotated[str, msgspec.Meta(max_length=60_000)] | None = None


class MockInterviewIn(Input):
    target_role: Annotated[str, msgspec.Meta(min_length=2, max_length=200)]
    duration_minutes: Annotated[int, msgspec.Meta(ge=5, le=60)] = 20


class PlanOut(Schema):
    plan: Plan
    mock_interviews_used: int
    mock_interviews_limit: int | None
    mock_interviews_remaining: int | None
    period_start: datetime
    resets_at: datetime


class MockInterviewOut(Schema):
    id: uuid.UUID
    interview_id: uuid.UUID | None
    target_role: str
    status: InterviewStatus | None
    join_url: str | None
    room_name: str | None
    scheduled_at: datetime | None
    duration_minutes: int | None
    feedback: dict[str, Any] | None
    created_at: datetime
    plan: PlanOut | None = None
