"""Companies, people and the hiring pipeline: jobs, candidates, applications, screenings."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from advanced_alchemy.base import BigIntBase, UUIDAuditBase
from advanced_alchemy.types import DateTimeUTC, JsonB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.enums import ApplicationSource, ApplicationStatus, JobStatus, Role
from db.models._types import embedding, enum_column


class Company(UUIDAuditBase):
    __tablename__ = "companies"
    name: Mapped[str] = mapped_column(sa.String(200))
    slug: Mapped[str] = mapped_column(sa.String(100), unique=True)
    # eye contact and fluency are advisory delivery signals, never part of a score; a company may hide them entirely
    # (the API's interview, report and metrics endpoints and the pages then leave them out)
    hide_delivery_signals: Mapped[bool] = mapped_column(sa.Boolean, default=False, server_default=sa.false())
    # privacy (issue 17): how long each kind of data is kept (days; NULL: kept), api/privacy/retention.py
    retention_metrics_days: Mapped[int | None] = mapped_column(sa.Integer, default=180, server_default="180")
    retention_transcripts_days: Mapped[int | None] = mapped_column(sa.Integer, default=365, server_default="365")
    retention_rejected_cv_days: Mapped[int | None] = mapped_column(sa.Integer, default=180, server_default="180")
    # applications of closed jobs older than this are archived (out of list queries by default, still readable)
    archive_closed_after_days: Mapped[int | None] = mapped_column(sa.Integer, default=365, server_default="365")
    # ALL: video analytics in every AI interview; SHORTLISTED: only for applications that were shortlisted
    video_analytics_scope: Mapped[str] = mapped_column(sa.String(16), default="ALL", server_default="ALL")
    # the hiring team's scores go into a candidate's data export only when the company chooses to share them
    share_scores_with_candidates: Mapped[bool] = mapped_column(sa.Boolean, default=False, server_default=sa.false())
    # interviews are recorded only when this is on AND the candidate consented to "recording" (issue 21)
    recording_enabled: Mapped[bool] = mapped_column(sa.Boolean, default=False, server_default=sa.false())
    recording_retention_days: Mapped[int] = mapped_column(sa.Integer, default=90, server_default="90")


class User(UUIDAuditBase):
    """An account (Clerk or dev issuer). Candidates as ATS records live in `candidates`."""

    __tablename__ = "users"
    clerk_id: Mapped[str] = mapped_column(sa.String(255), unique=True)
    email: Mapped[str | None] = mapped_column(sa.String(320), index=True)
    full_name: Mapped[str | None] = mapped_column(sa.String(200))
    role: Mapped[Role | None] = mapped_column(enum_column(Role))
    recruiter_profile: Mapped[RecruiterProfile | None] = relationship(
        back_populates="user", lazy="selectin", uselist=False
    )


class RecruiterProfile(UUIDAuditBase):
    __tablename__ = "recruiter_profiles"
    user_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    company_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    title: Mapped[str | None] = mapped_column(sa.String(200))
    user: Mapped[User] = relationship(back_populates="recruiter_profile", lazy="noload")
    company: Mapped[Company] = relationship(lazy="selectin")


class Job(UUIDAuditBase):
    __tablename__ = "jobs"
    __table_args__ = (
        sa.CheckConstraint(
            "salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max", name="ck_jobs_salary_range"
        ),
        sa.Index("ix_jobs_company_status", "company_id", "status"),
    )
    company_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("companies.id", ondelete="CASCADE"))
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    requirements: Mapped[str] = mapped_column(sa.Text, default="")
    location: Mapped[str | None] = mapped_column(sa.String(200))
    status: Mapped[JobStatus] = mapped_column(enum_column(JobStatus), default=JobStatus.DRAFT)
    salary_min: Mapped[int | None] = mapped_column(sa.Integer)
    salary_max: Mapped[int | None] = mapped_column(sa.Integer)
    salary_currency: Mapped[str | None] = mapped_column(sa.String(3))
    jd_embedding: Mapped[list[float] | None] = mapped_column(embedding())
    # sha256 of the text the embedding was computed from: recompute only when it changes
    jd_content_hash: Mapped[str | None] = mapped_column(sa.String(64))
    skills: Mapped[list[JobSkill]] = relationship(
        back_populates="job", lazy="selectin", cascade="all, delete-orphan", order_by="JobSkill.name"
    )


class JobSkill(UUIDAuditBase):
    __tablename__ = "job_skills"
    __table_args__ = (
        sa.UniqueConstraint("job_id", "name", name="uq_job_skills_job_name"),
        sa.CheckConstraint("weight > 0 AND weight <= 10", name="ck_job_skills_weight"),
    )
    job_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("jobs.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    weight: Mapped[float] = mapped_column(sa.Float, default=1.0)
    job: Mapped[Job] = relationship(back_populates="skills", lazy="noload")


class Candidate(UUIDAuditBase):
    """An applicant as the ATS knows them; `user_id` links an account when the person has one."""

    __tablename__ = "candidates"
    user_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    full_name: Mapped[str] = mapped_column(sa.String(200))
    email: Mapped[str] = mapped_column(sa.String(320), index=True)
    phone: Mapped[str | None] = mapped_column(sa.String(50))
    cv_storage_key: Mapped[str | None] = mapped_column(sa.String(500))
    cv_filename: Mapped[str | None] = mapped_column(sa.String(255))
    cv_content_type: Mapped[str | None] = mapped_column(sa.String(100))
    cv_text: Mapped[str | None] = mapped_column(sa.Text)
    cv_content_hash: Mapped[str | None] = mapped_column(sa.String(64))
    # set by erasure: the row stays as an anonymous tombstone (pipeline counts), its person is gone
    erased_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))


class Application(UUIDAuditBase):
    __tablename__ = "applications"
    __table_args__ = (
        sa.UniqueConstraint("job_id", "candidate_id", name="uq_applications_job_candidate"),
        sa.Index("ix_applications_job_status_created", "job_id", "status", "created_at"),
        # one index per sort of a job's list, ending in the id: a keyset page is one range of it (issue 22)
        sa.Index("ix_applications_job_created_id", "job_id", "created_at", "id"),
        sa.Index("ix_applications_job_updated_id", "job_id", "updated_at", "id"),
        sa.Index("ix_applications_job_status_id", "job_id", "status", "id"),
    )
    job_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("jobs.id", ondelete="CASCADE"))
    candidate_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("candidates.id", ondelete="CASCADE"), index=True)
    status: Mapped[ApplicationStatus] = mapped_column(
        enum_column(ApplicationStatus), default=ApplicationStatus.APPLIED
    )
    cover_letter: Mapped[str | None] = mapped_column(sa.Text)
    source: Mapped[ApplicationSource] = mapped_column(
        enum_column(ApplicationSource), default=ApplicationSource.APPLIED, server_default="APPLIED"
    )
    # denormalised from screenings so the list endpoint can sort by it on an index
    screening_score: Mapped[float | None] = mapped_column(sa.Float)
    # archived (closed job, old): left out of list queries unless asked for; still readable by id
    archived_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
    candidate: Mapped[Candidate] = relationship(lazy="selectin")
    job: Mapped[Job] = relationship(lazy="noload")


sa.Index("ix_applications_job_score_id", Application.job_id, Application.screening_score.desc().nulls_last(),
         Application.id.desc())


class ApplicationStatusChange(BigIntBase):
    __tablename__ = "application_status_history"
    application_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[ApplicationStatus | None] = mapped_column(enum_column(ApplicationStatus, "from_status"))
    to_status: Mapped[ApplicationStatus] = mapped_column(enum_column(ApplicationStatus, "to_status"))
    changed_by_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str | None] = mapped_column(sa.Text)
    changed_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True), server_default=sa.func.now())


class Screening(UUIDAuditBase):
    __tablename__ = "screenings"
    application_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("applications.id", ondelete="CASCADE"), unique=True
    )
    score: Mapped[float] = mapped_column(sa.Float)
    skill_score: Mapped[float | None] = mapped_column(sa.Float)
    semantic_score: Mapped[float | None] = mapped_column(sa.Float)
    explanation: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)
    cv_embedding: Mapped[list[float] | None] = mapped_column(embedding())
    cv_content_hash: Mapped[str | None] = mapped_column(sa.String(64))
    model_name: Mapped[str | None] = mapped_column(sa.String(100))  # the embedding model of cv_embedding
    # the method that made the score (api/screening/scoring.py SCORING_METHOD); another one (or None: stored before
    # methods were recorded) is stale and gets re-scored by the queue's sweep
    scoring_method: Mapped[str | None] = mapped_column(sa.String(100), index=True)


# Nearest-neighbour search on the embeddings: HNSW with cosine distance (the `<=>` operator).
sa.Index("ix_jobs_jd_embedding_hnsw", Job.jd_embedding, postgresql_using="hnsw",
         postgresql_with={"m": 16, "ef_construction": 64}, postgresql_ops={"jd_embedding": "vector_cosine_ops"})
sa.Index("ix_screenings_cv_embedding_hnsw", Screening.cv_embedding, postgresql_using="hnsw",
         postgresql_with={"m": 16, "ef_construction": 64}, postgresql_ops={"cv_embedding": "vector_cosine_ops"})
# imports match people by email within a company, case-insensitively
sa.Index("ix_candidates_email_lower", sa.func.lower(Candidate.email))
# the embedding cache is looked up by the CV's content hash
sa.Index("ix_screenings_cv_content_hash", Screening.cv_content_hash)


class CachedTextProfile(UUIDAuditBase):
    """A CV's or a job's sentences and role phrases with their vectors (api/screening/profiles.py), kept by the
    content hash of the text and the model that made them: a text is profiled once, whoever screens it."""

    __tablename__ = "text_profiles"
    __table_args__ = (sa.UniqueConstraint("content_hash", "model_name", name="uq_text_profiles_hash_model"),)
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    model_name: Mapped[str] = mapped_column(sa.String(100))
    profile: Mapped[dict[str, Any]] = mapped_column(JsonB)
