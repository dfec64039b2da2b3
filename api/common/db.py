"""The advanced-alchemy Litestar plugin: one AsyncSession per request, committed by the before-send handler when the
response is 2xx and rolled back otherwise (so a request either writes everything or nothing)."""

from __future__ import annotations

from advanced_alchemy.extensions.litestar import (
    AsyncSessionConfig,
    EngineConfig,
    SQLAlchemyAsyncConfig,
)

from api.config import Settings
from db.engine import database_url, normalize_url


def alchemy_config(settings: Settings) -> SQLAlchemyAsyncConfig:
    return SQLAlchemyAsyncConfig(
        connection_string=normalize_url(settings.database_url or database_url()),
        engine_config=EngineConfig(
            pool_size=settings.db_pool_size,
            max_overflow=settings.db_max_overflow,
            # a pre-ping is a round trip per checkout; recycle instead, and let a dead connection fail one request
            pool_pre_ping=False,
            pool_recycle=1800,
        ),
        session_config=AsyncSessionConfig(expire_on_commit=False),
        before_send_handler="autocommit",
        create_all=False,
    )
