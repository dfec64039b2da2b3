from __future__ import annotations

from sqlalchemy import update

from api.auth.deps import PrincipalCache, load_principal
from db.enums import Role
from db.models import User


async def test_principal_cache_holds_only_users_with_a_role(db_sessionmaker) -> None:
    cache = PrincipalCache(ttl_seconds=60)
    async with db_sessionmaker() as session:
        nobody = await load_principal(session, {"sub": "dev|nobody"}, cache)
        assert nobody.role is None and cache.get("dev|nobody") is None  # not cached: the role may come next
        await session.execute(
            update(User).where(User.id == nobody.user_id).values(role=Role.CANDIDATE, full_name="Ann")
        )
        first = await load_principal(session, {"sub": "dev|nobody"}, cache)
        assert first.role == Role.CANDIDATE and first.name == "Ann"
        await session.execute(update(User).where(User.id == nobody.user_id).values(full_name="Changed"))
        second = await load_principal(session, {"sub": "dev|nobody", "x": 1}, cache)
        assert second.name == "Ann" and second.claims == {"sub": "dev|nobody", "x": 1}  # served from the cache
        await session.rollback()
