"""Interviewer agent workers as they report themselves: who is registered with LiveKit, and their free slots."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from advanced_alchemy.base import orm_registry
from advanced_alchemy.types import DateTimeUTC
from sqlalchemy.orm import Mapped, mapped_column


class AgentWorker(orm_registry.generate_base()):  # type: ignore[misc]
    """One row per worker process registered with LiveKit, refreshed every couple of seconds.

    A row is written only once LiveKit has acknowledged the registration, so "a fresh row exists" means "a
    dispatch now has somewhere to go". A row whose heartbeat is old belongs to a worker that is gone.
    """

    __tablename__ = "agent_workers"
    worker_id: Mapped[str] = mapped_column(sa.String(64), primary_key=True)  # LiveKit's id for the worker
    agent_name: Mapped[str] = mapped_column(sa.String(64))
    host: Mapped[str] = mapped_column(sa.String(255))
    pid: Mapped[int] = mapped_column(sa.Integer)
    max_jobs: Mapped[int] = mapped_column(sa.Integer)
    active_jobs: Mapped[int] = mapped_column(sa.Integer, default=0)
    draining: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    registered_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    heartbeat_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True), index=True)
