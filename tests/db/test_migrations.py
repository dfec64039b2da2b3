"""All migrations apply up and down on a real server, and the schema matches the models."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import make_url

from db.migrate import downgrade, upgrade
from db.models import metadata


def _admin_and_scratch_urls(database_url: str, name: str) -> tuple[str, str]:
    url = make_url(database_url)
    return (url.set(database="postgres").render_as_string(hide_password=False),
            url.set(database=name).render_as_string(hide_password=False))


@pytest.fixture
def scratch_database(database_url: str):
    admin_url, scratch_url = _admin_and_scratch_urls(database_url, "migrations_check")

    async def admin(sql: str) -> None:
        u = make_url(admin_url)
        conn = await asyncpg.connect(host=u.host, port=u.port, user=u.username, database="postgres")
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(admin("DROP DATABASE IF EXISTS migrations_check WITH (FORCE)"))
    asyncio.run(admin("CREATE DATABASE migrations_check"))
    yield scratch_url
    asyncio.run(admin("DROP DATABASE IF EXISTS migrations_check WITH (FORCE)"))


async def _tables(url: str) -> set[str]:
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(url)
    async with engine.connect() as conn:
        rows = await conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname='public'"))
        names = {r[0] for r in rows}
        ext = await conn.execute(text("SELECT count(*) FROM pg_extension WHERE extname='vector'"))
        if ext.scalar_one():
            names.add("<vector extension>")
    await engine.dispose()
    return names


async def _diff(url: str) -> list:
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(url)
    async with engine.connect() as conn:
        diff = await conn.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync, opts={"compare_type": True}), metadata)
        )
    await engine.dispose()
    return diff


def test_migrations_up_down_up(scratch_database: str) -> None:
    upgrade(scratch_database)
    tables = asyncio.run(_tables(scratch_database))
    assert set(metadata.tables) | {"alembic_version", "<vector extension>"} == tables
    # the migrations describe exactly what the models declare
    assert asyncio.run(_diff(scratch_database)) == []

    downgrade(scratch_database)
    assert asyncio.run(_tables(scratch_database)) == {"alembic_version"}

    upgrade(scratch_database)
    assert set(metadata.tables) <= asyncio.run(_tables(scratch_database))
