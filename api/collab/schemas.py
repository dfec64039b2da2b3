from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec

from api.common.schemas import Input, Schema
from api.teams.schemas import NO_NUL

Body = Annotated[str, msgspec.Meta(min_length=1, max_length=10_000, pattern=NO_NUL)]
Rating = Annotated[int, msgspec.Meta(ge=1, le=5)]


class NoteIn(Input):
    body: Body
    # teammates to tell, by user id; "@name@example.com" in the body mentions a member by email too
    mentions: Annotated[list[uuid.UUID], msgspec.Meta(max_length=50)] = []


class NotePatch(Input):
    body: Body


class NoteOut(Schema):
    id: uuid.UUID
    candidate_id: uuid.UUID | None
    application_id: uuid.UUID | None
    author_id: uuid.UUID | None
    author_name: str | None
    body: str
    mentions: list[uuid.UUID]
    created_at: datetime
    updated_at: datetime


class Criterion(Input):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f]+$")]
    description: Annotated[str, msgspec.Meta(max_length=500, pattern=NO_NUL)] | None = None


class ScorecardIn(Input):
    criteria: Annotated[list[Criterion], msgspec.Meta(max_length=20)]


class CriterionOut(Schema):
    name: str
    description: str | None = None


class ScorecardOut(Schema):
    job_id: uuid.UUID
    criteria: list[CriterionOut]


class MyFeedbackIn(Input):
    rating: Rating
    notes: Annotated[str, msgspec.Meta(max_length=10_000, pattern=NO_NUL)] = ""
    scores: dict[Annotated[str, msgspec.Meta(max_length=100)], Rating] = {}


class FeedbackRow(Schema):
    id: uuid.UUID
    author_id: uuid.UUID | None
    author_name: str | None
    rating: int
    notes: str
    scores: dict[str, int]
    updated_at: datetime
    mine: bool


class TeamFeedbackOut(Schema):
    """Each interviewer's feedback side by side, and per criterion the mean of the ratings given."""

    interview_id: uuid.UUID
    criteria: list[CriterionOut]
    feedback: list[FeedbackRow]
    criterion_means: dict[str, float]
    mean_rating: float | None
