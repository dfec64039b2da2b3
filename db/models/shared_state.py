"""State the API processes share instead of keeping it each in its own memory (issue 22): rate-limit buckets and
the issuers' signing keys (JWKS), so one API process or ten behave the same."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from advanced_alchemy.base import orm_registry
from advanced_alchemy.types import DateTimeUTC, JsonB
from sqlalchemy.orm import Mapped, mapped_column


class RateLimitBucket(orm_registry.generate_base()):  # type: ignore[misc]
    """One token bucket (`api/common/ratelimit.py`): its tokens as of `at`. UNLOGGED: counts need not survive a
    crash of the database, and skipping the WAL keeps a counted request at one cheap statement."""

    __tablename__ = "rate_limit_buckets"
    __table_args__ = {"prefixes": ["UNLOGGED"]}
    key: Mapped[str] = mapped_column(sa.String(300), primary_key=True)
    tokens: Mapped[float] = mapped_column(sa.Float)
    at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True), index=True)
    allowed: Mapped[bool] = mapped_column(sa.Boolean)


class JWKSCacheEntry(orm_registry.generate_base()):  # type: ignore[misc]
    """An issuer's key set as last fetched by any API process, and when a fetch last failed
    (`api/auth/jwks_shared.py`)."""

    __tablename__ = "jwks_cache"
    url: Mapped[str] = mapped_column(sa.String(2000), primary_key=True)
    jwks: Mapped[dict[str, Any] | None] = mapped_column(JsonB)
    fetched_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
    failed_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
