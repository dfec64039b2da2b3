"""Privacy and compliance (issue 17): the audit trail, erasure requests, retention runs and voluntary
self-reported demographics for bias audits."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from advanced_alchemy.base import BigIntBase, UUIDAuditBase
from advanced_alchemy.types import DateTimeUTC, JsonB
from sqlalchemy.orm import Mapped, mapped_column


class AuditEvent(BigIntBase):
    """Append-only: one row per change of a score, report, status or rating, written by triggers (migration
    0010_privacy) whoever writes (the API, the agent, an import). No foreign keys: the trail outlives the rows it
    describes. Erasure may only blank the free text in `before`/`after` (the trigger refuses anything else)."""

    __tablename__ = "audit_log"
    __table_args__ = (
        sa.Index("ix_audit_log_application", "application_id", "id"),
        sa.Index("ix_audit_log_company", "company_id", "id"),
        sa.Index("ix_audit_log_interview", "interview_id"),
    )
    occurred_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True), server_default=sa.func.now())
    # "user:<id>" (the API passes it through `interviewly.actor`), "db:<application_name>" otherwise (the agent)
    actor: Mapped[str] = mapped_column(sa.String(120))
    actor_user_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid)
    company_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid)
    application_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid)
    interview_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid)
    entity: Mapped[str] = mapped_column(sa.String(64))  # the table
    entity_id: Mapped[str | None] = mapped_column(sa.String(64))
    action: Mapped[str] = mapped_column(sa.String(16))  # INSERT | UPDATE | DELETE | ERASE
    before: Mapped[dict[str, Any] | None] = mapped_column(JsonB)
    after: Mapped[dict[str, Any] | None] = mapped_column(JsonB)


class ErasureRequest(UUIDAuditBase):
    """One erasure, done step by step by a queued job (api/privacy/erasure.py). `steps` records each finished step
    with what it removed, in the same transaction as the removal: a job killed half-way resumes after the last one.
    Once DONE the row is the anonymous tombstone (ids and counts only)."""

    __tablename__ = "erasure_requests"
    __table_args__ = (sa.Index("ix_erasure_requests_candidate", "candidate_id"),
                      sa.Index("ix_erasure_requests_user", "user_id"))
    scope: Mapped[str] = mapped_column(sa.String(16))  # company (a recruiter's) | account (the candidate's own)
    company_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid)
    candidate_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid)
    user_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid)
    requested_by_id: Mapped[uuid.UUID | None] = mapped_column(sa.Uuid)
    status: Mapped[str] = mapped_column(sa.String(16), default="PENDING")  # PENDING | DONE
    steps: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)
    # the people and applications it covers, fixed when the job first runs (the rows lose their emails as it goes)
    target: Mapped[dict[str, Any] | None] = mapped_column(JsonB)
    completed_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))


class RetentionRun(BigIntBase):
    """What one run of the daily retention job deleted, by kind (api/privacy/retention.py)."""

    __tablename__ = "retention_runs"
    ran_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    clock: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))  # the "now" expiry was measured against
    deleted: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)


class CandidateDemographics(UUIDAuditBase):
    """Voluntarily self-reported by the candidate for bias audits; never inferred, never shown to the hiring team one
    by one (only as aggregates in the bias export)."""

    __tablename__ = "candidate_demographics"
    application_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("applications.id", ondelete="CASCADE"), unique=True)
    gender: Mapped[str | None] = mapped_column(sa.String(64))
    race_ethnicity: Mapped[str | None] = mapped_column(sa.String(64))
    age_band: Mapped[str | None] = mapped_column(sa.String(32))
