"""The dashboard: one aggregate query (``api/dashboards/queries.py``) shaped into its response."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.common.errors import BadRequest, NotFound
from api.dashboards.queries import STAGES, dashboard_sql
from api.dashboards.schemas import (
    Count,
    DashboardOut,
    DayCount,
    FunnelStage,
    ScoreBucket,
    StageTime,
    UpcomingInterview,
)
from db.enums import ApplicationSource
from db.models import Job

DEFAULT_DAYS = 90
MAX_DAYS = 3 * 366
OUTCOMES = ["COMPLETED", "NO_SHOW", "INTERRUPTED"]


def date_range(start: date | None, end: date | None, today: date | None = None) -> tuple[date, date]:
    today = today or datetime.now(UTC).date()
    end = end or today + timedelta(days=7)  # by default the range takes in the coming week's interviews
    start = start or today - timedelta(days=DEFAULT_DAYS)
    if start > end:
        raise BadRequest("the range starts after it ends", extra={"start": str(start), "end": str(end)})
    if (end - start).days > MAX_DAYS:
        raise BadRequest(f"the range is longer than {MAX_DAYS} days")
    return start, end


def _funnel(furthest: dict[str, int], status: dict[str, int]) -> list[FunnelStage]:
    out: list[FunnelStage] = []
    for i, stage in enumerate(STAGES):
        reached = sum(n for rank, n in furthest.items() if int(rank) >= i + 1)
        previous = out[-1].reached if out else None
        conversion = round(reached / previous, 4) if previous else None
        out.append(FunnelStage(stage=stage, reached=reached, current=status.get(stage, 0), conversion=conversion))
    return out


def _hours(seconds: float | None) -> float | None:
    return round(seconds / 3600, 2) if seconds is not None else None


def shape(raw: dict[str, Any], company_id: uuid.UUID, job_id: uuid.UUID | None, start: date, end: date
          ) -> DashboardOut:
    medians, status, bands = raw["medians"], raw["status"], raw["band"]
    interviews = raw["interviews"]
    upcoming_days = [DayCount(day=date.fromisoformat(d), count=n) for d, n in sorted(raw["upcoming_days"].items())]
    return DashboardOut(
        company_id=company_id, job_id=job_id, start=start, end=end, applications=sum(status.values()),
        rejected=status.get("REJECTED", 0),
        funnel=_funnel(raw["furthest"], status),
        time_in_stage=[StageTime(stage=s, median_hours=_hours(medians[f"median_{k + 1}"]),
                                 stays=medians[f"stays_{k + 1}"]) for k, s in enumerate(STAGES[:-1])],
        sources=[Count(name=s.value, count=raw["source"].get(s.value, 0)) for s in ApplicationSource],
        scores=[ScoreBucket(low=b * 10, high=b * 10 + 10, count=bands.get(str(b + 1), 0)) for b in range(10)],
        unscored=bands.get("0", 0),
        ai_interviews=[Count(name=s, count=interviews.get(s, 0)) for s in OUTCOMES]
        + [Count(name=s, count=n) for s, n in sorted(interviews.items()) if s not in OUTCOMES],
        upcoming_days=upcoming_days,
        upcoming=[UpcomingInterview(id=u["id"], scheduled_at=datetime.fromisoformat(u["scheduled_at"]),
                                    kind=u["kind"], duration_minutes=u["duration_minutes"],
                                    candidate_name=u["full_name"], job_title=u["title"]) for u in raw["upcoming"]],
    )


async def dashboard(session: AsyncSession, company_id: uuid.UUID, *, job_id: uuid.UUID | None = None,
                    start: date | None = None, end: date | None = None, now: datetime | None = None
                    ) -> DashboardOut:
    start, end = date_range(start, end)
    if job_id is not None and not await session.scalar(
            select(Job.id).where(Job.id == job_id, Job.company_id == company_id)):
        raise NotFound("job not found")
    now = now or datetime.now(UTC)
    range_start = datetime.combine(start, time.min, UTC)
    range_end = datetime.combine(end + timedelta(days=1), time.min, UTC)
    # the coming seven days, inside the range
    week_start, week_end = max(now, range_start), min(now + timedelta(days=7), range_end)
    # the driver prepares statements, and after five runs Postgres may switch to a generic plan that cannot see
    # how many rows a company or a range holds (3x slower here): plan each dashboard for its own parameters
    await session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
    raw = await session.scalar(text(dashboard_sql(job_id is not None)), {
        "company_id": company_id, "job_id": job_id, "start": range_start, "end": range_end,
        "week_start": week_start, "week_end": max(week_start, week_end), "upcoming_limit": 50})
    return shape(raw, company_id, job_id, start, end)
