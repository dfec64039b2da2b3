"""Engine and session factory from DATABASE_URL (any Postgres with pgvector: embedded, Neon, self-hosted)."""

from __future__ import annotations

import os

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine


class DatabaseNotConfigured(RuntimeError):
    pass


def normalize_url(url: str) -> str:
    """Accept the URL forms hosting providers hand out and point them at the asyncpg driver."""
    for prefix in ("postgres://", "postgresql://", "postgresql+psycopg://", "postgresql+psycopg2://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix):]
    return url


def database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        raise DatabaseNotConfigured(
            "DATABASE_URL is not set: run `make up` (embedded Postgres) or export DATABASE_URL=postgresql://..."
        )
    return normalize_url(url)


def make_engine(url: str | None = None, **kwargs) -> AsyncEngine:
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 10)
    # a failed statement's parameters (CV text, emails, transcripts) stay out of exceptions and so out of the logs
    kwargs.setdefault("hide_parameters", True)
    return create_async_engine(normalize_url(url or database_url()), **kwargs)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker:
    return async_sessionmaker(engine, expire_on_commit=False)
