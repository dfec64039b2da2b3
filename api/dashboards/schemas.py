from __future__ import annotations

import uuid
from datetime import date, datetime

from api.common.schemas import Schema


class FunnelStage(Schema):
    stage: str
    reached: int  # applications that got at least this far
    current: int  # applications in this stage now
    conversion: float | None  # reached / reached at the previous stage


class StageTime(Schema):
    stage: str
    median_hours: float | None
    stays: int  # completed stays the median is over


class Count(Schema):
    name: str
    count: int


class ScoreBucket(Schema):
    low: int
    high: int
    count: int


class UpcomingInterview(Schema):
    id: uuid.UUID
    scheduled_at: datetime
    kind: str
    duration_minutes: int
    candidate_name: str
    job_title: str


class DayCount(Schema):
    day: date
    count: int


class DashboardOut(Schema):
    company_id: uuid.UUID
    job_id: uuid.UUID | None
    start: date
    end: date  # inclusive
    applications: int
    rejected: int
    funnel: list[FunnelStage]
    time_in_stage: list[StageTime]
    sources: list[Count]
    scores: list[ScoreBucket]
    unscored: int
    ai_interviews: list[Count]  # COMPLETED, NO_SHOW, INTERRUPTED, then any other status seen
    upcoming_days: list[DayCount]
    upcoming: list[UpcomingInterview]
