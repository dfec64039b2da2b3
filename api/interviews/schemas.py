from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

from api.common.schemas import Input, Schema
from db.enums import InterviewKind, InterviewMode, InterviewStatus, Speaker

Duration = Annotated[int, msgspec.Meta(ge=5, le=240, description="minutes")]
AwareDatetime = Annotated[datetime, msgspec.Meta(tz=True, description="ISO 8601 with a UTC offset")]


class InterviewCreate(Input):
    kind: InterviewKind
    scheduled_at: AwareDatetime
    duration_minutes: Duration = 30
    # HUMAN interviews: the agent joins as a silent note-taker (transcript, eye contact and fluency, report)
    note_taker: bool = False


class InterviewReschedule(Input):
    """Move an interview that has not started yet; each move is kept in its schedule history."""

    scheduled_at: AwareDatetime
    duration_minutes: Duration | None = None
    reason: Annotated[str, msgspec.Meta(max_length=500)] | None = None


class ScheduleChangeOut(Schema):
    old_scheduled_at: datetime
    new_scheduled_at: datetime
    old_duration_minutes: int
    new_duration_minutes: int
    reason: str | None
    changed_by: uuid.UUID | None
    changed_at: datetime


class CancelIn(Input):
    reason: Annotated[str, msgspec.Meta(max_length=200)] | None = None


class InterviewOut(Schema):
    id: uuid.UUID
    application_id: uuid.UUID | None
    company_id: uuid.UUID | None
    kind: InterviewKind
    mode: InterviewMode
    status: InterviewStatus
    scheduled_at: datetime
    duration_minutes: int
    room_name: str | None
    dispatch_id: str | None
    started_at: datetime | None
    ended_at: datetime | None
    end_reason: str | None
    created_at: datetime
    note_taker: bool = False
    candidate_arrived_at: datetime | None = None
    waiting_since: datetime | None = None
    agent_joined_at: datetime | None = None
    join_url: str | None = None
    candidate_name: str | None = None
    job_title: str | None = None
    # the company hides eye contact and fluency: they are left out of everything served about this interview
    delivery_signals_hidden: bool = False


class MetricsSummary(Schema):
    seconds: int
    last_t_s: int | None
    face_present_ratio: float | None
    eye_contact_avg: float | None
    speech_rate_avg_sps: float | None
    pause_count: int | None
    frames_analyzed: int
    frames_dropped: int


class ReportOut(Schema):
    overall_score: float | None
    summary: str
    strengths: list[dict[str, Any]]
    weaknesses: list[dict[str, Any]]
    eye_contact_summary: dict[str, Any]
    fluency_summary: dict[str, Any]
    flags: list[dict[str, Any]]
    created_at: datetime
    updated_at: datetime
    # delivery (eye contact, fluency) observations, advisory and not in any score; {"hidden": true} for a company
    # that hides delivery signals
    delivery: dict[str, Any] = msgspec.field(default_factory=dict)


class InterviewDetail(InterviewOut, kw_only=True):
    metrics_summary: MetricsSummary | None = None
    report: ReportOut | None = None


class MetricOut(Schema):
    t_s: int
    recorded_at: datetime
    question_index: int | None
    face_present: bool | None
    num_faces: int | None
    eye_contact: float | None
    eye_contact_30s: float | None
    head_yaw_deg: float | None
    head_pitch_deg: float | None
    speaking: str | None
    speech_rate_sps: float | None
    articulation_rate_sps: float | None
    pause_count: int | None
    phonation_ratio: float | None
    frames_analyzed: int
    frames_dropped: int
    flags: list[str]


class MetricsPage(Schema):
    items: list[MetricOut]
    next_since_t: int | None


class TranscriptSegmentOut(Schema):
    id: int
    speaker: Speaker
    text: str
    start_s: float
    end_s: float | None
    question_index: int | None


class QuestionScoreOut(Schema):
    question_index: int
    question: str
    skill: str | None
    answer_text: str | None
    score: float | None
    eye_contact_ratio: float | None
    fluency: dict[str, Any]
    signals: dict[str, Any]
    started_s: float | None
    ended_s: float | None


class UsageOut(Schema):
    stt_seconds: float
    llm_prompt_tokens: int
    llm_completion_tokens: int
    tts_characters: int
    room_minutes: float
    cost_usd: float
    prices: dict[str, Any]


class ReportBundle(Schema):
    interview_id: uuid.UUID
    status: InterviewStatus
    report: ReportOut | None
    question_scores: list[QuestionScoreOut]
    usage: UsageOut | None


class FeedbackIn(Input):
    rating: Annotated[int, msgspec.Meta(ge=1, le=5)]
    notes: Annotated[str, msgspec.Meta(max_length=10_000)] = ""


class FeedbackOut(Schema):
    id: uuid.UUID
    interview_id: uuid.UUID
    author_id: uuid.UUID | None
    rating: int
    notes: str
    created_at: datetime


LinkStateName = Literal[
    "not_open_yet", "open", "waiting", "starting", "wait_over", "in_progress", "completed", "cancelled", "no_show",
    "declined", "interrupted", "over", "unavailable",
]


class InterviewLinkOut(Schema):
    """What the candidate's join page needs to explain where the interview stands, in the API's own words."""

    state: LinkStateName
    message: str
    interview_status: InterviewStatus
    kind: InterviewKind
    job_title: str | None
    company_name: str | None
    scheduled_at: datetime
    duration_minutes: int
    opens_at: datetime
    start_by: datetime  # a candidate who has not arrived by then is a no-show
    closes_at: datetime  # the end of the booked slot
    consent_text: str
    position: int | None = None  # place in line while waiting for a free interviewer (1 = next)
    rescheduled_from: datetime | None = None  # the time it was moved from, when it was moved


class WorkerOut(Schema):
    worker_id: str
    host: str
    max_jobs: int
    active_jobs: int
    free_slots: int
    draining: bool
    heartbeat_at: datetime


class WaitingOut(Schema):
    interview_id: uuid.UUID
    candidate_name: str | None
    job_title: str | None
    waiting_since: datetime
    position: int


class CapacityOut(Schema):
    """The interviewer workers now, and who is waiting for one (only the company's own candidates by name)."""

    workers: list[WorkerOut]
    free_slots: int
    dispatching: int  # dispatched, the agent not there yet
    waiting: list[WaitingOut]
    waiting_elsewhere: int  # candidates of other companies in the same line, ahead or behind
