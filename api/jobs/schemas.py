from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec

from api.common.schemas import Input, Schema
from db.enums import JobStatus

Title = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
LongText = Annotated[str, msgspec.Meta(max_length=20_000)]
Location = Annotated[str, msgspec.Meta(max_length=200)]
Salary = Annotated[int, msgspec.Meta(ge=0, le=100_000_000)]
Currency = Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. EUR")]
SkillName = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Weight = Annotated[float, msgspec.Meta(gt=0, le=10)]


class SkillIn(Input):
    name: SkillName
    weight: Weight = 1.0


Skills = Annotated[list[SkillIn], msgspec.Meta(max_length=50)]


class JobCreate(Input):
    title: Title
    description: LongText = ""
    requirements: LongText = ""
    location: Location | None = None
    status: JobStatus = JobStatus.DRAFT
    salary_min: Salary | None = None
    salary_max: Salary | None = None
    salary_currency: Currency | None = None
    skills: Skills = msgspec.field(default_factory=list)


class JobUpdate(Input):
    title: Title | msgspec.UnsetType = msgspec.UNSET
    description: LongText | msgspec.UnsetType = msgspec.UNSET
    requirements: LongText | msgspec.UnsetType = msgspec.UNSET
    location: Location | msgspec.UnsetType | None = msgspec.UNSET
    status: JobStatus | msgspec.UnsetType = msgspec.UNSET
    salary_min: Salary | msgspec.UnsetType | None = msgspec.UNSET
    salary_max: Salary | msgspec.UnsetType | None = msgspec.UNSET
    salary_currency: Currency | msgspec.UnsetType | None = msgspec.UNSET
    skills: Skills | msgspec.UnsetType = msgspec.UNSET


class SkillOut(Schema):
    name: str
    weight: float


class SuggestedSkillOut(Schema):
    name: str
    weight: float
    evidence: str  # the sentence of the job's text that named it


class JobOut(Schema):
    id: uuid.UUID
    company_id: uuid.UUID
    title: str
    description: str
    requirements: str
    location: str | None
    status: JobStatus
    salary_min: int | None
    salary_max: int | None
    salary_currency: str | None
    skills: list[SkillOut]
    created_at: datetime
    updated_at: datetime
    # on creation without skills: suggestions from the job's text, to accept or edit with PATCH {"skills": [...]}
    suggested_skills: list[SuggestedSkillOut] | None = None


class PublicJobOut(Schema):
    """What an applicant may see of an OPEN job."""

    id: uuid.UUID
    company_name: str
    title: str
    description: str
    requirements: str
    location: str | None
    salary_min: int | None
    salary_max: int | None
    salary_currency: str | None
    skills: list[str]
