"""Idempotency keys: a retried POST with the same ``Idempotency-Key`` returns the first result."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from advanced_alchemy.base import BigIntBase
from advanced_alchemy.types import DateTimeUTC
from sqlalchemy.orm import Mapped, mapped_column


class IdempotencyKey(BigIntBase):
    __tablename__ = "idempotency_keys"
    __table_args__ = (sa.UniqueConstraint("user_id", "scope", "key", name="uq_idempotency_keys_user_scope_key"),)
    user_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    scope: Mapped[str] = mapped_column(sa.String(200))  # the operation, e.g. "book_interview:<application id>"
    key: Mapped[str] = mapped_column(sa.String(255))
    request_sha256: Mapped[str] = mapped_column(sa.String(64))
    resource_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True), index=True)
