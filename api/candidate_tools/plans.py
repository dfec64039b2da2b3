"""Plans: FREE has 3 mock interviews per calendar month (UTC), PRO has no limit. Enforced on the server under a
per-user row lock, so two requests at once cannot both take the last one."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import InterviewStatus, Plan
from db.models import Interview, InterviewSession, Subscription

FREE_MOCK_INTERVIEWS_PER_MONTH = int(os.environ.get("FREE_MOCK_INTERVIEWS_PER_MONTH", "3"))


def month_bounds(now: datetime | None = None) -> tuple[datetime, datetime]:
    now = (now or datetime.now(UTC)).astimezone(UTC)
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)
    return start, end


@dataclass(frozen=True)
class PlanUsage:
    plan: Plan
    mock_interviews_used: int
    mock_interviews_limit: int | None  # None: unlimited
    period_start: datetime
    resets_at: datetime

    @property
    def remaining(self) -> int | None:
        if self.mock_interviews_limit is None:
            return None
        return max(0, self.mock_interviews_limit - self.mock_interviews_used)


class PlanLimitReached(Exception):
    def __init__(self, usage: PlanUsage) -> None:
        self.usage = usage
        super().__init__(
            f"Your {usage.plan.value} plan includes {usage.mock_interviews_limit} mock interviews per calendar month "
            f"and you have used {usage.mock_interviews_used} this month; the count resets on "
            f"{usage.resets_at.date().isoformat()}. Upgrade to the PRO plan for unlimited mock interviews."
        )


def effective_plan(subscription: Subscription | None, now: datetime | None = None) -> Plan:
    if subscription is None or subscription.plan != Plan.PRO:
        return Plan.FREE
    end = subscription.current_period_end
    if end is not None and end < (now or datetime.now(UTC)):
        return Plan.FREE  # a lapsed PRO subscription
    return Plan.PRO


async def mock_interviews_this_month(session: AsyncSession, user_id: uuid.UUID, now: datetime | None = None) -> int:
    start, end = month_bounds(now)
    return int(
        await session.scalar(
            select(func.count())
            .select_from(InterviewSession)
            .outerjoin(Interview, Interview.id == InterviewSession.interview_id)
            .where(
                InterviewSession.user_id == user_id,
                InterviewSession.created_at >= start,
                InterviewSession.created_at < end,
                # a mock interview the server had to cancel does not count
                func.coalesce(Interview.status, InterviewStatus.SCHEDULED.value) != InterviewStatus.CANCELLED.value,
            )
        )
        or 0
    )


async def usage(
    session: AsyncSession, user_id: uuid.UUID, *, lock: bool = False, now: datetime | None = None
) -> PlanUsage:
    if lock:
        # every user gets a subscription row (FREE) the first time; locking it serialises their quota checks
        await session.execute(
            insert(Subscription)
            .values(id=uuid.uuid4(), user_id=user_id, plan=Plan.FREE)
            .on_conflict_do_nothing(index_elements=["user_id"])
        )
        subscription = await session.scalar(
            select(Subscription).where(Subscription.user_id == user_id).with_for_update()
        )
    else:
        subscription = await session.scalar(select(Subscription).where(Subscription.user_id == user_id))
    plan = effective_plan(subscription, now)
    start, end = month_bounds(now)
    used = await mock_interviews_this_month(session, user_id, now)
    return PlanUsage(
        plan=plan,
        mock_interviews_used=used,
        mock_interviews_limit=FREE_MOCK_INTERVIEWS_PER_MONTH if plan == Plan.FREE else None,
        period_start=start,
        resets_at=end,
    )


async def reserve_mock_interview(session: AsyncSession, user_id: uuid.UUID) -> PlanUsage:
    """Raise PlanLimitReached when the plan allows no more this month; hold the user's lock until commit."""
    current = await usage(session, user_id, lock=True)
    if current.mock_interviews_limit is not None and current.mock_interviews_used >= current.mock_interviews_limit:
        raise PlanLimitReached(current)
    return current
