from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

import msgspec
from litestar.datastructures import UploadFile

from api.common.schemas import Input, Schema
from api.screening.cv_parser import ParsedCV
from api.storage.uploads import CheckedFile
from db.enums import ApplicationStatus


class ApplyForm(msgspec.Struct, kw_only=True):
    """multipart/form-data: the candidate's details and the CV file (PDF, DOCX or TXT, at most 5 MB)."""

    full_name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    email: Annotated[str, msgspec.Meta(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    cv: UploadFile
    phone: Annotated[str, msgspec.Meta(max_length=50)] | None = None
    cover_letter: Annotated[str, msgspec.Meta(max_length=20_000)] | None = None


@dataclass(frozen=True)
class ApplicantForm:
    """What the applicant typed (the form without its file)."""

    full_name: str
    email: str
    phone: str | None
    cover_letter: str | None


@dataclass(frozen=True)
class StoredCV:
    """An uploaded CV once it is checked, parsed (None: unreadable, screening will say so) and stored under `key`."""

    key: str
    checked: CheckedFile
    parsed: ParsedCV | None


class CandidateOut(Schema):
    id: uuid.UUID
    full_name: str
    email: str
    phone: str | None
    cv_filename: str | None
    cv_content_type: str | None


class ApplicationOut(Schema):
    id: uuid.UUID
    job_id: uuid.UUID
    status: ApplicationStatus
    screening_score: float | None
    cover_letter: str | None
    created_at: datetime
    updated_at: datetime
    candidate: CandidateOut
    # as in the list: false while an older method's score waits to be re-scored; None: not screened yet
    screening_current: bool | None = None


class ApplicationListItem(Schema):
    id: uuid.UUID
    job_id: uuid.UUID
    status: ApplicationStatus
    screening_score: float | None
    # false: the score was made by an older scoring method and is being re-scored in the background (it may not
    # compare with the others until then); None: not screened yet
    screening_current: bool | None
    created_at: datetime
    updated_at: datetime
    candidate: CandidateOut


class AppliedOut(Schema):
    application_id: uuid.UUID
    job_id: uuid.UUID
    status: ApplicationStatus
    cv_filename: str
    cv_content_type: str


class StatusChangeIn(Input):
    status: ApplicationStatus
    reason: Annotated[str, msgspec.Meta(max_length=2000)] | None = None


class StatusChangeOut(Schema):
    id: int
    from_status: ApplicationStatus | None
    to_status: ApplicationStatus
    changed_by_id: uuid.UUID | None
    reason: str | None
    changed_at: datetime


# --- what a candidate sees of their own applications: status, dates, the job, and what they sent (no score, no
# hiring-team notes or user ids: those are the company's)


class JobRef(Schema):
    id: uuid.UUID
    title: str
    company_name: str


class MyApplicationOut(Schema):
    id: uuid.UUID
    status: ApplicationStatus
    created_at: datetime
    updated_at: datetime
    job: JobRef
    full_name: str
    email: str
    phone: str | None
    cover_letter: str | None
    cv_filename: str | None
    cv_content_type: str | None


class MyStatusChangeOut(Schema):
    status: ApplicationStatus
    changed_at: datetime
