from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

import msgspec

from api.common.schemas import Input, Schema


class ScreeningOut(Schema):
    application_id: uuid.UUID
    score: float
    skill_score: float | None
    semantic_score: float | None
    explanation: dict[str, Any]
    model_name: str | None  # the embedding model of the CV's vector
    scoring_method: str | None  # what made the score (None: stored before methods were recorded)
    # made by this version's method (api/screening/scoring.py SCORING_METHOD); a stale one (false) is re-scored in
    # the background, and until then its score may not compare with current ones
    current: bool
    cv_content_hash: str | None
    updated_at: datetime


class ScreeningQueued(Schema):
    application_id: uuid.UUID
    queued: bool = True


class CandidateMatch(Schema):
    candidate_id: uuid.UUID
    full_name: str
    email: str
    application_id: uuid.UUID
    job_id: uuid.UUID
    job_title: str
    similarity: float
    screening_score: float | None
    applied_to_this_job: bool | None = None


class CandidateSearchIn(Input):
    query: Annotated[str, msgspec.Meta(min_length=2, max_length=5000)]
    limit: Annotated[int, msgspec.Meta(ge=1, le=100)] = 20
