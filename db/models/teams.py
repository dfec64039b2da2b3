"""Teams (issue 20): company memberships with roles, invitations, API keys, notes and per-job scorecards.

`recruiter_profiles` stays one row a user; its `company_id` is the company the user last selected (the default for
requests that name none). Who may act in a company is `company_memberships` alone.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from advanced_alchemy.base import UUIDAuditBase
from advanced_alchemy.types import DateTimeUTC, JsonB
from sqlalchemy.orm import Mapped, mapped_column

from db.enums import CompanyRole
from db.models._types import enum_column


class CompanyMembership(UUIDAuditBase):
    __tablename__ = "company_memberships"
    __table_args__ = (
        sa.UniqueConstraint("company_id", "user_id", name="uq_company_memberships_company_user"),
        # exactly one owner a company (transfer swaps roles in one transaction)
        sa.Index("uq_company_memberships_one_owner", "company_id", unique=True,
                 postgresql_where=sa.text("role = 'OWNER'")),
    )
    company_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("companies.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[CompanyRole] = mapped_column(enum_column(CompanyRole, "company_role"))


class CompanyInvitation(UUIDAuditBase):
    """A single-use invitation link: only the sha256 of its random token is kept."""

    __tablename__ = "company_invitations"
    company_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(sa.String(320))  # lower-cased
    role: Mapped[CompanyRole] = mapped_column(enum_column(CompanyRole, "invitation_role"))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    invited_by_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    expires_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
    accepted_by_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))


class ApiKey(UUIDAuditBase):
    """An integration's key: shown once, only its sha256 kept. Belongs to the company (it outlives its creator's
    membership); `created_by_id` is the user its writes are attributed to."""

    __tablename__ = "api_keys"
    company_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("companies.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    prefix: Mapped[str] = mapped_column(sa.String(16))  # the first characters, to recognise a key in lists
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    scopes: Mapped[list[str]] = mapped_column(JsonB, default=list)
    created_by_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    expires_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))


class Note(UUIDAuditBase):
    """A note on a candidate or an application, visible to the company's team; `mentions` are user ids."""

    __tablename__ = "notes"
    __table_args__ = (
        sa.CheckConstraint("candidate_id IS NOT NULL OR application_id IS NOT NULL", name="subject"),
        sa.Index("ix_notes_company_candidate", "company_id", "candidate_id", "created_at"),
        sa.Index("ix_notes_company_application", "company_id", "application_id", "created_at"),
    )
    company_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("companies.id", ondelete="CASCADE"))
    candidate_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("candidates.id", ondelete="CASCADE"))
    application_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("applications.id", ondelete="CASCADE"))
    author_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text)
    mentions: Mapped[list[str]] = mapped_column(JsonB, default=list)


class JobScorecard(UUIDAuditBase):
    """A job's named criteria, each rated 1-5 in team feedback."""

    __tablename__ = "job_scorecards"
    job_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("jobs.id", ondelete="CASCADE"), unique=True)
    criteria: Mapped[list[dict[str, Any]]] = mapped_column(JsonB, default=list)
