from __future__ import annotations

from sqlalchemy import func, select

from api.seed import seed_demo
from db.models import Application, Company, Job, User


async def test_seed_is_idempotent(db_sessionmaker) -> None:
    async with db_sessionmaker() as session:
        first = await seed_demo(session)
        await session.commit()
    async with db_sessionmaker() as session:
        second = await seed_demo(session)
        await session.commit()
    assert first == second
    async with db_sessionmaker() as session:
        for model in (Company, Job, Application):
            assert await session.scalar(select(func.count()).select_from(model)) == 1
        assert await session.scalar(select(func.count()).select_from(User)) == 2
        job = await session.get(Job, first["job_id"])
        assert {s.name: s.weight for s in job.skills} == {
            "Python": 3,
            "PostgreSQL": 2,
            "distributed systems": 2,
            "communication": 1,
        }
