"""What candidates use on their own: CV analyses and rewrites, their plan, and their chat with the coach."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from advanced_alchemy.base import UUIDAuditBase
from advanced_alchemy.types import DateTimeUTC, JsonB
from sqlalchemy.orm import Mapped, mapped_column

from db.enums import Plan, RewriteStyle
from db.models._types import enum_column


class CVAnalysis(UUIDAuditBase):
    __tablename__ = "cv_analyses"
    __table_args__ = (sa.Index("ix_cv_analyses_user_hashes", "user_id", "cv_content_hash", "jd_content_hash"),)
    user_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    cv_content_hash: Mapped[str] = mapped_column(sa.String(64))
    jd_content_hash: Mapped[str | None] = mapped_column(sa.String(64))
    ats_score: Mapped[float] = mapped_column(sa.Float)
    result: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)


class CVRewrite(UUIDAuditBase):
    __tablename__ = "cv_rewrites"
    __table_args__ = (sa.Index("ix_cv_rewrites_user_hash_style", "user_id", "cv_content_hash", "style"),)
    user_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    cv_content_hash: Mapped[str] = mapped_column(sa.String(64))
    style: Mapped[RewriteStyle] = mapped_column(enum_column(RewriteStyle))
    output: Mapped[str] = mapped_column(sa.Text)
    model_name: Mapped[str | None] = mapped_column(sa.String(100))


class Subscription(UUIDAuditBase):
    __tablename__ = "subscriptions"
    user_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    plan: Mapped[Plan] = mapped_column(enum_column(Plan), default=Plan.FREE)
    current_period_end: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))


class CoachMessage(UUIDAuditBase):
    """One turn of a candidate's conversation with the career coach, kept so the chat continues across visits."""

    __tablename__ = "coach_messages"
    __table_args__ = (sa.Index("ix_coach_messages_user_created", "user_id", "created_at"),)
    user_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(sa.String(16))  # user | assistant
    content: Mapped[str] = mapped_column(sa.Text)
