"""The one way to emit a webhook event: `emit(session, company_id, event_type, data)`, inside the caller's
transaction. The event and a delivery per subscribed endpoint are written by the SQL function `webhook_emit`
(migration 0011_teams), which also defers the queue job that sends them; the triggers on applications and
interviews call the same function, so an event exists if and only if the change that caused it was committed.

Payloads carry ids, statuses and times, never names, emails or CV text (a receiver fetches what it may read).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

APPLICATION_CREATED = "application.created"
APPLICATION_STATUS_CHANGED = "application.status_changed"
INTERVIEW_SCHEDULED = "interview.scheduled"
INTERVIEW_STARTED = "interview.started"
INTERVIEW_COMPLETED = "interview.completed"  # data.report_url: the report page
INTERVIEW_NO_SHOW = "interview.no_show"
# emitted by issue 17's erasure job: emit(session, company_id, CANDIDATE_ERASED, {"candidate_id": ...})
CANDIDATE_ERASED = "candidate.erased"

EVENT_TYPES: dict[str, str] = {
    APPLICATION_CREATED: "a candidate applied, was imported or was added by hand (trigger on applications)",
    APPLICATION_STATUS_CHANGED: "an application moved to another status (trigger on applications)",
    INTERVIEW_SCHEDULED: "an interview was booked (trigger on interviews)",
    INTERVIEW_STARTED: "an interview began (trigger on interviews: whoever wrote it, API or agent)",
    INTERVIEW_COMPLETED: "an interview is over, with its report link (trigger on interviews)",
    INTERVIEW_NO_SHOW: "the candidate did not come (trigger on interviews)",
    CANDIDATE_ERASED: "a candidate's personal data was erased (the erasure job calls emit)",
}


async def emit(session: AsyncSession, company_id: uuid.UUID, event_type: str, data: dict[str, Any]) -> uuid.UUID:
    """Write the event in the session's transaction; returns its id (the `webhook-id` of its deliveries)."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown webhook event type {event_type!r}")
    import json

    event_id = await session.scalar(text("SELECT webhook_emit(:company, :type, CAST(:data AS jsonb))"),
                                    {"company": company_id, "type": event_type, "data": json.dumps(data, default=str)})
    return event_id
