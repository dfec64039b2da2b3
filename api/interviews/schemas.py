from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

from api.common.schemas import Input, Schema
from api.interviews.report_schemas import (
    Comparison,
    Engagement,
    IntegrityNoteOut,
    QuestionDelivery,
    QuestionEngagement,
    doc,
)
from api.privacy.consent import ConsentOut
from db.aggregates import InterviewFigures
from db.contract import MetricRow
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
    # False: the camera was not analysed (video_analysis_off_reason: declined | not_shortlisted); its figures are
    # null: not collected, never zero
    video_analysis: bool = True
    video_analysis_off_reason: str | None = None


# the interview's figures over its per-second rows, defined once in db/aggregates.py (the report's are the same)
MetricsSummary = InterviewFigures


class ReportOut(Schema):
    overall_score: float | None
    summary: str
    strengths: list[dict[str, Any]]
    weaknesses: list[dict[str, Any]]
    eye_contact_summary: Annotated[dict[str, Any], doc("raw frame-level eye contact details, for tracing")]
    fluency_summary: Annotated[dict[str, Any], doc("raw fluency totals, for tracing")]
    flags: Annotated[list[dict[str, Any]], doc("integrity notes as stored; typed ones are the report's notes")]
    created_at: datetime
    updated_at: datetime
    # delivery (eye contact, fluency, engagement) as stored, advisory and not in any score; {"hidden": true} for a
    # company that hides delivery signals
    delivery: Annotated[dict[str, Any], doc("raw delivery section; typed figures are in the report bundle")] = (
        msgspec.field(default_factory=dict))


class InterviewDetail(InterviewOut, kw_only=True):
    metrics_summary: MetricsSummary | None = None
    report: ReportOut | None = None


class MetricsPage(Schema):
    items: list[MetricRow]
    next_since_t: int | None


class TranscriptSegmentOut(Schema):
    id: int
    speaker: Speaker
    text: str
    start_s: Annotated[float, doc("seconds since the interview started")]
    end_s: Annotated[float | None, doc("seconds since the interview started")]
    question_index: Annotated[int | None, doc("0-based question this speech belongs to (null: before the first)")]
    overlap: Annotated[bool, doc("begun while the other side was speaking: kept, never an answer by itself")] = False


class QuestionScoreOut(Schema):
    question_index: int
    question: str
    skill: str | None
    answer_text: str | None
    score: Annotated[float | None, doc("0..100, content only, advisory")]
    eye_contact_ratio: Annotated[float | None, doc("0..1 over the question's seconds with a face (delivery)")]
    fluency: Annotated[dict[str, Any], doc("raw fluency figures, for tracing")]
    signals: Annotated[dict[str, Any], doc("every signal the score came from, for tracing")]
    started_s: Annotated[float | None, doc("when the question was asked, seconds since the start")]
    ended_s: Annotated[float | None, doc("when the next question (or the end) came, seconds since the start")]
    reasons: Annotated[list[str], doc("the two or three signals that moved the score, in words")] = (
        msgspec.field(default_factory=list))
    delivery: QuestionDelivery | None = None
    engagement: QuestionEngagement | None = None


class UsageOut(Schema):
    stt_seconds: Annotated[float, doc("seconds of audio transcribed")]
    llm_prompt_tokens: Annotated[int, doc("LLM prompt tokens")]
    llm_completion_tokens: Annotated[int, doc("LLM completion tokens")]
    tts_characters: Annotated[int, doc("characters spoken by text-to-speech")]
    room_minutes: Annotated[float, doc("minutes the agent spent in the room")]
    cost_usd: Annotated[float, doc("priced cost, US dollars")]
    prices: Annotated[dict[str, Any], doc("the unit prices the cost was computed with")]


class ReportBundle(Schema):
    interview_id: uuid.UUID
    status: InterviewStatus
    report: ReportOut | None
    question_scores: list[QuestionScoreOut]
    usage: UsageOut | None
    job_id: uuid.UUID | None = None
    delivery_signals_hidden: bool = False
    # the per-second rows' figures and notes (db/aggregates.py: the same as the interview's metrics_summary)
    figures: InterviewFigures | None = None
    notes: list[IntegrityNoteOut] = msgspec.field(default_factory=list)
    engagement: Engagement | None = None  # the agent's, stored with the report (null: none, or hidden)
    comparison: Comparison | None = None  # against the job's other interviewed candidates
    # False: eye contact and face in view were not collected (declined | not_shortlisted), never zero
    video_analysis: bool = True
    video_analysis_off_reason: str | None = None


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
    # what the candidate is asked to agree to before a token (api/privacy/consent.py)
    consent: ConsentOut
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
