"""Rate-limit buckets counted in Postgres, so every API process draws from the same bucket (issue 22).

One statement per counted request: an upsert that refills the bucket for the time since it was last touched, takes
a token when there is one, and answers whether it did. Concurrent requests on one key queue on its row, so two
processes can never both take the last token. The table is UNLOGGED (db/models/shared_state.py); rows untouched for
longer than a bucket takes to refill are deleted now and then (such a bucket is full, the same as no row).
"""

from __future__ import annotations

import logging
import random

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

# the bucket's tokens now: what it held, plus the refill since it was last touched, at most its size
REFILLED = ("least(CAST(:cap AS float8), "
            "b.tokens + extract(epoch FROM clock_timestamp() - b.at)::float8 * CAST(:rate AS float8))")
TAKE = text(f"""
INSERT INTO rate_limit_buckets AS b (key, tokens, at, allowed)
VALUES (:key, CAST(:cap AS float8) - 1, clock_timestamp(), true)
ON CONFLICT (key) DO UPDATE SET
  tokens = CASE WHEN {REFILLED} >= 1 THEN {REFILLED} - 1 ELSE {REFILLED} END,
  allowed = {REFILLED} >= 1,
  at = clock_timestamp()
RETURNING tokens, allowed
""")
logger = logging.getLogger(__name__)
_UPSERT = """INSERT INTO rate_limit_buckets AS b (key, tokens, at, allowed)
{source}
ON CONFLICT (key) DO UPDATE SET
  tokens = CASE WHEN {refilled} >= 1 THEN {refilled} - 1 ELSE {refilled} END,
  allowed = {refilled} >= 1,
  at = clock_timestamp()
RETURNING tokens, allowed"""
# the address's bucket, then the user's only when the address was allowed (as two takes in a row would): one statement
TAKE_PAIR = text(f"""
WITH ip AS ({_UPSERT.format(
    source="VALUES (:key, CAST(:cap AS float8) - 1, clock_timestamp(), true)", refilled=REFILLED)}),
usr AS ({_UPSERT.format(
    source="SELECT :key2, CAST(:cap2 AS float8) - 1, clock_timestamp(), true WHERE (SELECT allowed FROM ip)",
    refilled=REFILLED.replace(":cap", ":cap2").replace(":rate", ":rate2"))})
SELECT ip.tokens, ip.allowed, usr.tokens AS user_tokens, usr.allowed AS user_allowed FROM ip LEFT JOIN usr ON true
""")
SWEEP = text("DELETE FROM rate_limit_buckets WHERE at < clock_timestamp() - interval '2 minutes'")


class PostgresRateLimitStore:
    """The `RateLimitStore` of `api/common/ratelimit.py`, shared by every process on the same database."""

    def __init__(self, engine: AsyncEngine, sweep_every: int = 2000) -> None:
        # autocommit: the upsert is atomic on its own, so a count is one round trip (no BEGIN and COMMIT)
        self.engine = engine.execution_options(isolation_level="AUTOCOMMIT")
        self.sweep_every = sweep_every
        self.failures = 0

    async def take(self, key: str, per_minute: int) -> float:
        cap = float(max(per_minute, 1))
        rate = cap / 60.0
        try:
            async with self.engine.connect() as conn:
                row = (await conn.execute(TAKE, {"key": key[:300], "cap": cap, "rate": rate})).one()
                if random.randrange(self.sweep_every) == 0:
                    await conn.execute(SWEEP)
        except (SQLAlchemyError, OSError) as exc:
            # the database is away: every limited endpoint needs it too and answers 503 on its own, so the limit
            # lets the request through rather than turning the outage into 500s here
            self.failures += 1
            if self.failures in (1, 100) or self.failures % 10_000 == 0:
                logger.warning("rate limits not counted: database unavailable", extra={"error": type(exc).__name__})
            return 0.0
        return 0.0 if row.allowed else (1.0 - row.tokens) / rate

    async def take_pair(self, ip: tuple[str, int], user: tuple[str, int] | None) -> tuple[float, str]:
        """Counts a request on its address's bucket and (when allowed there) its user's, in one round trip;
        answers the wait and whose bucket was empty ("address" or "account")."""
        if user is None:
            return await self.take(*ip), "address"
        caps = [float(max(per_minute, 1)) for _, per_minute in (ip, user)]
        params = {"key": ip[0][:300], "cap": caps[0], "rate": caps[0] / 60.0,
                  "key2": user[0][:300], "cap2": caps[1], "rate2": caps[1] / 60.0}
        try:
            async with self.engine.connect() as conn:
                row = (await conn.execute(TAKE_PAIR, params)).one()
        except (SQLAlchemyError, OSError) as exc:
            self.failures += 1
            if self.failures in (1, 100) or self.failures % 10_000 == 0:
                logger.warning("rate limits not counted: database unavailable", extra={"error": type(exc).__name__})
            return 0.0, ""
        if not row.allowed:
            return (1.0 - row.tokens) / params["rate"], "address"
        if not row.user_allowed:
            return (1.0 - row.user_tokens) / params["rate2"], "account"
        return 0.0, ""
