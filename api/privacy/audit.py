"""Who acts, for the audit trail's triggers (migration 0010_privacy): the API names the signed-in user in the
transaction-local setting `interviewly.actor` ("user:<id>"), for the transaction a request is in and for every later
one of its session. Writers that name nobody (the agent, imports, seeds) are recorded by their connection's
application_name."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, bindparam, event, func, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

ACTOR_KEY = "interviewly.actor"
_SET_ACTOR = text("SELECT set_config('interviewly.actor', :actor, true)")


@event.listens_for(Session, "after_begin")
def _name_the_actor(session: Session, transaction: Any, connection: Any) -> None:
    actor = session.info.get(ACTOR_KEY)
    if actor:
        connection.execute(_SET_ACTOR, {"actor": actor})


def actor_of(user_id: object) -> str:
    return f"user:{user_id}"


def naming_actor() -> Any:
    """A column that names the actor (bind `actor`) in the transaction of the statement selecting it: a query the
    request makes anyway names it without a round trip of its own (see `actor_named`)."""
    return func.set_config("interviewly.actor", bindparam("actor", type_=String), True).label("actor_named")


def actor_named(session: AsyncSession, user_id: object) -> None:
    """The open transaction already names `user_id` (a row of a `naming_actor()` statement came back)."""
    session.info[ACTOR_KEY] = actor_of(user_id)


async def set_actor(session: AsyncSession, user_id: object) -> None:
    actor = actor_of(user_id)
    if session.info.get(ACTOR_KEY) == actor:
        return
    session.info[ACTOR_KEY] = actor
    # a transaction already open (the principal's lookup) is named now; otherwise the first statement's begin names
    # it (no round trip for requests that never touch the database)
    if session.in_transaction():
        await session.execute(_SET_ACTOR, {"actor": actor})
