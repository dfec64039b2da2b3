"""The issuers' signing keys kept in Postgres for every API process (issue 22).

Without it each process fetches the JWKS on its own schedule, so after a key rotation one process may accept a token
another refuses, and an outage is discovered (and waited on) once per process. With it a process asks the shared
row first: a key set another process fetched recently is taken as is, a recent failure is respected as a failure
(the negative cache holds for all), and only otherwise does this process fetch, writing what it got for the rest.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

logger = logging.getLogger(__name__)

READ = text("SELECT jwks, extract(epoch FROM clock_timestamp() - fetched_at) AS age, "
            "extract(epoch FROM clock_timestamp() - failed_at) AS failed_ago FROM jwks_cache WHERE url = :url")
SAVE = text("""INSERT INTO jwks_cache (url, jwks, fetched_at, failed_at) VALUES (:url, CAST(:jwks AS jsonb),
clock_timestamp(), NULL) ON CONFLICT (url) DO UPDATE SET jwks = excluded.jwks, fetched_at = excluded.fetched_at,
failed_at = NULL""")
FAILED = text("""INSERT INTO jwks_cache (url, failed_at) VALUES (:url, clock_timestamp())
ON CONFLICT (url) DO UPDATE SET failed_at = excluded.failed_at""")


@dataclass(frozen=True)
class SharedJWKS:
    jwks: dict[str, Any] | None
    age_seconds: float | None  # since any process last fetched it
    failed_seconds_ago: float | None  # since any process last failed to


class PostgresJWKSStore:
    """Errors of the database itself never stop verification: the process then fetches on its own, as before."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def read(self, url: str) -> SharedJWKS | None:
        try:
            async with self.engine.connect() as conn:
                row = (await conn.execute(READ, {"url": url})).first()
        except (SQLAlchemyError, OSError) as exc:
            logger.warning("shared JWKS cache unreadable", extra={"error": type(exc).__name__})
            return None
        if row is None:
            return None
        return SharedJWKS(row.jwks, _float(row.age), _float(row.failed_ago))

    async def save(self, url: str, jwks: dict[str, Any]) -> None:
        await self._write(SAVE, {"url": url, "jwks": json.dumps(jwks)})

    async def failed(self, url: str) -> None:
        await self._write(FAILED, {"url": url})

    async def _write(self, statement: Any, params: dict[str, Any]) -> None:
        try:
            async with self.engine.begin() as conn:
                await conn.execute(statement, params)
        except (SQLAlchemyError, OSError) as exc:
            logger.warning("shared JWKS cache not written", extra={"error": type(exc).__name__})


def _float(value: Any) -> float | None:
    return None if value is None else float(value)
