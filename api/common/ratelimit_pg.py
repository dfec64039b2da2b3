"""Rate-limit buckets counted in Postgres, so every API process draws from the same bucket (issue 22).

One statement per counted request: an upsert that refills the bucket for the time since it was last touched, takes
tokens when there are enough, and answers whether it did. Concurrent requests on one key queue on its row, so two
processes can never both take the last token. The table is UNLOGGED (db/models/shared_state.py); rows untouched for
longer than a bucket takes to refill are deleted now and then (such a bucket is full, the same as no row).

A bucket that refills faster than one token a second is drawn from in leases: a process takes a second's refill at
once and spends it on its own requests for at most a second (`LEASE_SECONDS`), so a busy key costs one statement a
second per process instead of one per request. A lease is taken from the shared bucket, so all processes together
still never exceed the limit (a lease left unspent only makes it stricter); a bucket with less than a lease left is
drawn from one token at a time, as before. Limits of 60 a minute or fewer are never leased.
"""

from __future__ import annotations

import logging
import random
import time
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

# the bucket's tokens now: what it held, plus the refill since it was last touched, at most its size
REFILLED = ("least(CAST(:cap AS float8), "
            "b.tokens + extract(epoch FROM clock_timestamp() - b.at)::float8 * CAST(:rate AS float8))")
N = "CAST(:n AS float8)"
TAKE = text(f"""
INSERT INTO rate_limit_buckets AS b (key, tokens, at, allowed)
VALUES (:key, CAST(:cap AS float8) - {N}, clock_timestamp(), true)
ON CONFLICT (key) DO UPDATE SET
  tokens = CASE WHEN {REFILLED} >= {N} THEN {REFILLED} - {N} ELSE {REFILLED} END,
  allowed = {REFILLED} >= {N},
  at = clock_timestamp()
RETURNING tokens, allowed
""")
logger = logging.getLogger(__name__)
_UPSERT = """INSERT INTO rate_limit_buckets AS b (key, tokens, at, allowed)
{source}
ON CONFLICT (key) DO UPDATE SET
  tokens = CASE WHEN {refilled} >= {n} THEN {refilled} - {n} ELSE {refilled} END,
  allowed = {refilled} >= {n},
  at = clock_timestamp()
RETURNING tokens, allowed"""
# the address's bucket, then the user's only when the address was allowed (as two takes in a row would): one statement
TAKE_PAIR = text(f"""
WITH ip AS ({_UPSERT.format(
    source=f"VALUES (:key, CAST(:cap AS float8) - {N}, clock_timestamp(), true)", refilled=REFILLED, n=N)}),
usr AS ({_UPSERT.format(
    source="SELECT :key2, CAST(:cap2 AS float8) - CAST(:n2 AS float8), clock_timestamp(), true "
           "WHERE (SELECT allowed FROM ip)",
    refilled=REFILLED.replace(":cap", ":cap2").replace(":rate", ":rate2"), n="CAST(:n2 AS float8)")})
SELECT ip.tokens, ip.allowed, usr.tokens AS user_tokens, usr.allowed AS user_allowed FROM ip LEFT JOIN usr ON true
""")
LEASE_SECONDS = 1.0


def lease_size(cap: float) -> int:
    """The tokens a process takes from a bucket of `cap` a minute at once: a second's refill (1: no lease)."""
    return max(1, int(cap // 60))


class Leases:
    """Tokens this process has taken from shared buckets and not spent yet, each lease good for `LEASE_SECONDS`."""

    def __init__(self, max_keys: int = 100_000) -> None:
        self.max_keys = max_keys
        self._left: dict[str, tuple[int, float]] = {}

    def has(self, key: str) -> bool:
        left, until = self._left.get(key, (0, 0.0))
        return left > 0 and until > time.monotonic()

    def spend(self, key: str) -> bool:
        if not self.has(key):
            return False
        left, until = self._left[key]
        self._left[key] = (left - 1, until)
        return True

    def keep(self, key: str, tokens: int) -> None:
        if tokens <= 0:
            return
        if len(self._left) >= self.max_keys:
            self._left.clear()
        self._left[key] = (tokens, time.monotonic() + LEASE_SECONDS)


SWEEP = text("DELETE FROM rate_limit_buckets WHERE at < clock_timestamp() - interval '2 minutes'")


class PostgresRateLimitStore:
    """The `RateLimitStore` of `api/common/ratelimit.py`, shared by every process on the same database."""

    def __init__(self, engine: AsyncEngine, sweep_every: int = 2000) -> None:
        # autocommit: the upsert is atomic on its own, so a count is one round trip (no BEGIN and COMMIT)
        self.engine = engine.execution_options(isolation_level="AUTOCOMMIT")
        self.sweep_every = sweep_every
        self.failures = 0
        self.leases = Leases()

    async def take(self, key: str, per_minute: int) -> float:
        key, cap = key[:300], float(max(per_minute, 1))
        if self.leases.spend(key):
            return 0.0
        n = lease_size(cap)
        while True:
            row = await self._run(TAKE, {"key": key, "cap": cap, "rate": cap / 60.0, "n": n}, sweep=True)
            if row is None or row.allowed:
                self.leases.keep(key, n - 1 if row is not None else 0)
                return 0.0
            if n == 1:
                return (1.0 - row.tokens) / (cap / 60.0)
            n = 1  # less than a lease left: this request's token alone

    async def take_pair(self, ip: tuple[str, int], user: tuple[str, int] | None) -> tuple[float, str]:
        """Counts a request on its address's bucket and (when allowed there) its user's, in one round trip;
        answers the wait and whose bucket was empty ("address" or "account")."""
        if user is None:
            return await self.take(*ip), "address"
        (key, cap), (key2, cap2) = ((k[:300], float(max(per_minute, 1))) for k, per_minute in (ip, user))
        # the address pays for this request from this process's lease when it can (then n = 0: nothing to take)
        n = 0 if self.leases.spend(key) else lease_size(cap)
        if n == 0 and self.leases.spend(key2):
            return 0.0, ""
        n2 = lease_size(cap2)
        while True:
            params = {"key": key, "cap": cap, "rate": cap / 60.0, "n": n,
                      "key2": key2, "cap2": cap2, "rate2": cap2 / 60.0, "n2": n2}
            row = await self._run(TAKE_PAIR, params)
            if row is None:
                return 0.0, ""
            if not row.allowed:
                if n > 1:
                    n = 1
                    continue
                return (1.0 - row.tokens) / params["rate"], "address"
            self.leases.keep(key, n - 1)
            n = 0  # the address has paid for this request
            if row.user_allowed:
                self.leases.keep(key2, n2 - 1)
                return 0.0, ""
            if n2 == 1:
                return (1.0 - row.user_tokens) / params["rate2"], "account"
            n2 = 1

    async def _run(self, statement: Any, params: dict[str, Any], sweep: bool = False) -> Any:
        """The statement's row; None when the database is away: every limited endpoint needs it too and answers 503
        on its own, so the limit lets the request through rather than turning the outage into 500s here."""
        try:
            async with self.engine.connect() as conn:
                row = (await conn.execute(statement, params)).one()
                if sweep and random.randrange(self.sweep_every) == 0:
                    await conn.execute(SWEEP)
                return row
        except (SQLAlchemyError, OSError) as exc:
            self.failures += 1
            if self.failures in (1, 100) or self.failures % 10_000 == 0:
                logger.warning("rate limits not counted: database unavailable", extra={"error": type(exc).__name__})
            return None
