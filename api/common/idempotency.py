"""``Idempotency-Key`` for POSTs that create something: a retried request (a double click, a client retry after a
lost response) gets the first result instead of a second booking.

The key is claimed with an INSERT in the request's own transaction. A concurrent request with the same key waits
on the unique index until the first one commits (then it replays its result) or rolls back (then it proceeds).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from api.common.errors import BadRequest, Conflict
from db.models import IdempotencyKey

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255


def request_fingerprint(body: Any) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


class IdempotentRequest:
    """One claimed key. ``replay_id`` is the resource the first request created, when this is a retry."""

    def __init__(self, row_id: int | None, replay_id: uuid.UUID | None) -> None:
        self.row_id = row_id
        self.replay_id = replay_id

    async def record(self, session: AsyncSession, resource_id: uuid.UUID) -> None:
        if self.row_id is not None:
            row = await session.get(IdempotencyKey, self.row_id)
            if row is not None:
                row.resource_id = resource_id


async def claim(session: AsyncSession, *, user_id: uuid.UUID, scope: str, key: str | None, body: Any
                ) -> IdempotentRequest | None:
    """None without a key. Raises 400 for a malformed key, 409 when the key was used for a different request."""
    if key is None:
        return None
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise BadRequest(f"{HEADER} must be 1 to {MAX_KEY_LENGTH} characters", extra={"header": HEADER})
    fingerprint = request_fingerprint(body)
    row_id = await session.scalar(
        insert(IdempotencyKey)
        .values(user_id=user_id, scope=scope, key=key, request_sha256=fingerprint, created_at=datetime.now(UTC))
        .on_conflict_do_nothing(constraint="uq_idempotency_keys_user_scope_key")
        .returning(IdempotencyKey.id)
    )
    if row_id is not None:
        return IdempotentRequest(row_id, None)
    first = (await session.scalars(
        select(IdempotencyKey).where(IdempotencyKey.user_id == user_id, IdempotencyKey.scope == scope,
                                     IdempotencyKey.key == key)
    )).one()
    if first.request_sha256 != fingerprint:
        raise Conflict(f"this {HEADER} was already used for a different request", extra={"header": HEADER})
    return IdempotentRequest(None, first.resource_id)
