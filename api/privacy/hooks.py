"""Where erasure tells the outside world. HOOK (issue 20, webhooks): the integrator wires `candidate_erased` to
`api.webhooks.events.emit(session, company_id, "candidate.erased", payload)`; it runs inside the erasure's last
transaction, so the event exists exactly when the erasure is done. The payload carries ids and counts only."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ErasureRequest


async def candidate_erased(session: AsyncSession, request: ErasureRequest, payload: dict[str, Any]) -> None:
    """Emit "candidate.erased" (no-op until the webhooks of issue 20 are merged)."""
    return None
