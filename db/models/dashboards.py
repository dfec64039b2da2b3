"""What the pipeline dashboards aggregate: one narrow row per application, kept current by triggers on
``applications`` and ``application_status_history`` (migration 0008_ats_phase2), so every writer (the API, imports,
seeds, scripts) keeps it right and a dashboard is one scan of one table."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from advanced_alchemy.base import orm_registry
from advanced_alchemy.types import DateTimeUTC
from sqlalchemy.orm import Mapped, mapped_column


class PipelineFact(orm_registry.generate_base()):  # type: ignore[misc]
    __tablename__ = "pipeline_facts"
    __table_args__ = (
        sa.Index("ix_pipeline_facts_company_created", "company_id", "created_at"),
        sa.Index("ix_pipeline_facts_job_created", "job_id", "created_at"),
    )
    application_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True)
    company_id: Mapped[uuid.UUID] = mapped_column(sa.Uuid)
    job_id: Mapped[uuid.UUID] = mapped_column(sa.Uuid)
    created_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    status: Mapped[str] = mapped_column(sa.String(32))
    source: Mapped[str] = mapped_column(sa.String(32))
    screening_score: Mapped[float | None] = mapped_column(sa.Float)
    # the furthest stage reached, 1 (APPLIED) .. 6 (HIRED); a rejection keeps the stage it was rejected from
    furthest: Mapped[int] = mapped_column(sa.SmallInteger)
    # seconds spent in each stage but the last (entered to left), NULL while still there or never there; one
    # column each because the medians read them for every application in range (an array's subscripts cost 3x)
    applied_s: Mapped[float | None] = mapped_column(sa.Float)
    screening_s: Mapped[float | None] = mapped_column(sa.Float)
    shortlisted_s: Mapped[float | None] = mapped_column(sa.Float)
    interview_s: Mapped[float | None] = mapped_column(sa.Float)
    offered_s: Mapped[float | None] = mapped_column(sa.Float)
