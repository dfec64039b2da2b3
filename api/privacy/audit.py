"""Who acts, for the audit trail's triggers (migration 0010_privacy): the API names the signed-in user in the
transaction-local setting `interviewly.actor` ("user:<id>"), for the transaction a request is in and for every later
one of its session. Writers that name nobody (the agent, imports, seeds) are recorded by their connection's
application_name."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

ACTOR_KEY = "interviewly.actor"
_SET_ACTOR = text("SELECT set_config('interviewly.actor', :actor, true)")


@event.listens_for(Session, "after_begin")
def _name_the_actor(session: Session, transaction: Any, connection: Any) -> None:
    actor = session.info.get(ACTOR_KEY)
    if actor:
        connection.execute(_SET_ACTOR, {"actor": actor})


async def set_actor(session: AsyncSession, user_id: object) -> None:
    actor = f"user:{user_id}"
    if session.info.get(ACTOR_KEY) == actor:
        return
    session.info[ACTOR_KEY] = actor
    # a transaction already open (the principal's lookup) is named now; otherwise the first statement's begin names
    # it (no round trip for requests that never touch the database)
    if session.in_transaction():
        await session.execute(_SET_ACTOR, {"actor": actor})
