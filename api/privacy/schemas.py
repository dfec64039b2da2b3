"""Request and response bodies of the privacy endpoints."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

from api.common.schemas import Input, Schema

Days = Annotated[int, msgspec.Meta(ge=1, le=36500)]


class PrivacySettingsOut(Schema):
    retention_metrics_days: int | None
    retention_transcripts_days: int | None
    retention_rejected_cv_days: int | None
    archive_closed_after_days: int | None
    video_analytics_scope: Literal["ALL", "SHORTLISTED"]
    share_scores_with_candidates: bool


class PrivacySettingsIn(Input):
    """Days (null: kept); only the fields sent change."""

    retention_metrics_days: Days | msgspec.UnsetType | None = msgspec.UNSET
    retention_transcripts_days: Days | msgspec.UnsetType | None = msgspec.UNSET
    retention_rejected_cv_days: Days | msgspec.UnsetType | None = msgspec.UNSET
    archive_closed_after_days: Days | msgspec.UnsetType | None = msgspec.UNSET
    video_analytics_scope: Literal["ALL", "SHORTLISTED"] | msgspec.UnsetType = msgspec.UNSET
    share_scores_with_candidates: bool | msgspec.UnsetType = msgspec.UNSET


class ErasureOut(Schema):
    id: uuid.UUID
    scope: str
    status: str  # PENDING | DONE
    candidate_id: uuid.UUID | None
    requested_at: datetime
    completed_at: datetime | None
    steps: dict[str, int]


class AuditEventOut(Schema):
    id: int
    occurred_at: datetime
    actor: str
    actor_user_id: uuid.UUID | None
    entity: str
    entity_id: str | None
    action: str
    interview_id: uuid.UUID | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


class DemographicsIn(Input):
    """Voluntary and self-reported; any field may be left out or null ("prefer not to say")."""

    gender: Annotated[str, msgspec.Meta(max_length=64)] | None = None
    race_ethnicity: Annotated[str, msgspec.Meta(max_length=64)] | None = None
    age_band: Annotated[str, msgspec.Meta(max_length=32)] | None = None
