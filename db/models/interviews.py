"""Interviews and everything the agent writes while one runs: metrics, transcript, scores, report."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from advanced_alchemy.base import BigIntBase, UUIDAuditBase
from advanced_alchemy.types import DateTimeUTC, JsonB
from sqlalchemy.orm import Mapped, mapped_column

from db.enums import ConsentDecision, ConsentMethod, InterviewKind, InterviewMode, InterviewStatus, Speaker
from db.models._types import enum_column


class Interview(UUIDAuditBase):
    __tablename__ = "interviews"
    __table_args__ = (
        sa.CheckConstraint("duration_minutes > 0 AND duration_minutes <= 240", name="ck_interviews_duration"),
        sa.Index("ix_interviews_status_heartbeat", "status", "last_heartbeat_at"),
        sa.Index("ix_interviews_waiting_since", "waiting_since", postgresql_where=sa.text("waiting_since IS NOT NULL")),
        # the company's list, by each of its sorts (keyset pages, issue 22)
        sa.Index("ix_interviews_company_scheduled_id", "company_id", "scheduled_at", "id"),
        sa.Index("ix_interviews_company_created_id", "company_id", "created_at", "id"),
    )
    application_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    # the owning company, denormalised so isolation checks need no join (NULL for practice interviews)
    company_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    candidate_user_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[InterviewKind] = mapped_column(enum_column(InterviewKind))
    mode: Mapped[InterviewMode] = mapped_column(enum_column(InterviewMode), default=InterviewMode.RECRUITING)
    status: Mapped[InterviewStatus] = mapped_column(
        enum_column(InterviewStatus), default=InterviewStatus.SCHEDULED
    )
    room_name: Mapped[str | None] = mapped_column(sa.String(128), unique=True)
    # secret in the candidate's join link; the API trades it for a LiveKit token
    join_code: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    dispatch_id: Mapped[str | None] = mapped_column(sa.String(128))
    scheduled_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    duration_minutes: Mapped[int] = mapped_column(sa.Integer, default=30)
    started_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
    # the worker touches this every second; a stale one means the worker died
    last_heartbeat_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
    end_reason: Mapped[str | None] = mapped_column(sa.String(200))
    question_plan: Mapped[dict[str, Any] | None] = mapped_column(JsonB)
    # HUMAN interviews: the agent joins as a silent note-taker (transcript, signals, report) and asks nothing
    note_taker: Mapped[bool] = mapped_column(sa.Boolean, default=False, server_default=sa.false())

    # Arrival and dispatch (the interview lifecycle): the candidate arrives by asking for a room token inside the
    # join window; the agent is dispatched only then, first come first served while workers are full.
    candidate_arrived_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
    # set while the candidate waits for an interviewer (their place in line is by this time); cleared when an
    # agent takes the interview, when the candidate leaves, or when the wait limit passes (wait_expired_at)
    waiting_since: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
    wait_expired_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
    dispatched_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
    dispatch_attempts: Mapped[int] = mapped_column(sa.Integer, default=0, server_default="0")
    # written by the agent when it takes the job: a dispatch with no agent after a grace period is retried
    agent_joined_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True))
    # the candidate's own gaze centre, measured while they looked at the interviewer tile (None: not calibrated)
    gaze_calibration: Mapped[dict[str, Any] | None] = mapped_column(JsonB)
    # whether the candidate's camera is analysed (eye contact, face in view): off when they declined the
    # video_analysis consent scope or the company analyses shortlisted applications only; then those metrics are
    # NULL ("not collected"), never 0
    video_analysis: Mapped[bool] = mapped_column(sa.Boolean, default=True, server_default=sa.true())
    video_analysis_off_reason: Mapped[str | None] = mapped_column(sa.String(32))  # declined | not_shortlisted
    # times the interview was handed to another agent host after its own was lost (the new one resumes it)
    resumes: Mapped[int] = mapped_column(sa.Integer, default=0, server_default="0")


class ScheduleChange(BigIntBase):
    """Every reschedule of an interview, oldest first: the history a recruiter and the candidate can trust."""

    __tablename__ = "interview_schedule_changes"
    interview_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )
    changed_by: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    old_scheduled_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    new_scheduled_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    old_duration_minutes: Mapped[int] = mapped_column(sa.Integer)
    new_duration_minutes: Mapped[int] = mapped_column(sa.Integer)
    reason: Mapped[str | None] = mapped_column(sa.String(500))
    changed_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))


class InterviewConsent(UUIDAuditBase):
    """What the candidate agreed to, how and when: the spoken answer to the interviewer's consent question (linked
    to its transcript segment), or the join page's acceptance."""

    __tablename__ = "interview_consents"
    interview_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )
    method: Mapped[ConsentMethod] = mapped_column(enum_column(ConsentMethod))
    decision: Mapped[ConsentDecision] = mapped_column(enum_column(ConsentDecision))
    # sha256 of the consent text as it was spoken or shown (its version)
    text_sha256: Mapped[str] = mapped_column(sa.String(64))
    scopes: Mapped[list[str]] = mapped_column(JsonB, default=list)
    transcript_segment_uid: Mapped[uuid.UUID | None] = mapped_column(default=None)
    ip: Mapped[str | None] = mapped_column(sa.String(64))
    user_agent: Mapped[str | None] = mapped_column(sa.String(400))
    recorded_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))


class InterviewMetric(BigIntBase):
    """One row per interview second: what the recruiter saw live, kept for the report."""

    __tablename__ = "interview_metrics"
    __table_args__ = (
        sa.UniqueConstraint("interview_id", "t_s", name="uq_interview_metrics_interview_t"),
    )
    interview_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("interviews.id", ondelete="CASCADE"))
    t_s: Mapped[int] = mapped_column(sa.Integer)  # whole seconds since the interview started
    recorded_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    question_index: Mapped[int | None] = mapped_column(sa.Integer)
    face_present: Mapped[bool | None] = mapped_column(sa.Boolean)
    num_faces: Mapped[int | None] = mapped_column(sa.SmallInteger)
    eye_contact: Mapped[float | None] = mapped_column(sa.Float)  # ratio over the last second
    eye_contact_30s: Mapped[float | None] = mapped_column(sa.Float)
    head_yaw_deg: Mapped[float | None] = mapped_column(sa.Float)
    head_pitch_deg: Mapped[float | None] = mapped_column(sa.Float)
    speaking: Mapped[str | None] = mapped_column(sa.String(16))  # agent | candidate | both | none
    speech_rate_sps: Mapped[float | None] = mapped_column(sa.Float)
    articulation_rate_sps: Mapped[float | None] = mapped_column(sa.Float)
    pause_count: Mapped[int | None] = mapped_column(sa.Integer)
    phonation_ratio: Mapped[float | None] = mapped_column(sa.Float)
    frames_analyzed: Mapped[int] = mapped_column(sa.Integer, default=0)
    frames_dropped: Mapped[int] = mapped_column(sa.Integer, default=0)
    flags: Mapped[list[str]] = mapped_column(JsonB, default=list)


class TranscriptSegment(BigIntBase):
    __tablename__ = "interview_transcript_segments"
    __table_args__ = (
        sa.Index("ix_transcript_interview_start", "interview_id", "start_s"),
        sa.UniqueConstraint("segment_uid", name="uq_transcript_segment_uid"),
    )
    interview_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("interviews.id", ondelete="CASCADE"))
    # chosen by the writer when the segment is spoken: a retried write (acknowledgement lost) cannot add it twice
    segment_uid: Mapped[uuid.UUID | None] = mapped_column(default=None)
    speaker: Mapped[Speaker] = mapped_column(enum_column(Speaker))
    text: Mapped[str] = mapped_column(sa.Text)
    start_s: Mapped[float] = mapped_column(sa.Float)
    end_s: Mapped[float | None] = mapped_column(sa.Float)
    question_index: Mapped[int | None] = mapped_column(sa.Integer)
    words: Mapped[list[dict[str, Any]] | None] = mapped_column(JsonB)
    # begun while the other side was speaking: kept in the transcript, never an answer by itself
    overlap: Mapped[bool] = mapped_column(sa.Boolean, default=False, server_default=sa.false())


class QuestionScore(BigIntBase):
    __tablename__ = "interview_question_scores"
    __table_args__ = (
        sa.UniqueConstraint("interview_id", "question_index", name="uq_question_scores_interview_q"),
    )
    interview_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("interviews.id", ondelete="CASCADE"))
    question_index: Mapped[int] = mapped_column(sa.Integer)
    question: Mapped[str] = mapped_column(sa.Text)
    skill: Mapped[str | None] = mapped_column(sa.String(100))
    answer_text: Mapped[str | None] = mapped_column(sa.Text)
    score: Mapped[float | None] = mapped_column(sa.Float)  # 0..100, advisory
    eye_contact_ratio: Mapped[float | None] = mapped_column(sa.Float)
    fluency: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)
    # the signals each score came from, so a reviewer can trace it
    signals: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)
    started_s: Mapped[float | None] = mapped_column(sa.Float)
    ended_s: Mapped[float | None] = mapped_column(sa.Float)


class InterviewReport(UUIDAuditBase):
    __tablename__ = "interview_reports"
    interview_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("interviews.id", ondelete="CASCADE"), unique=True
    )
    overall_score: Mapped[float | None] = mapped_column(sa.Float)
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    strengths: Mapped[list[dict[str, Any]]] = mapped_column(JsonB, default=list)
    weaknesses: Mapped[list[dict[str, Any]]] = mapped_column(JsonB, default=list)
    eye_contact_summary: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)
    fluency_summary: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)
    flags: Mapped[list[dict[str, Any]]] = mapped_column(JsonB, default=list)
    # delivery (eye contact, fluency) observations: advisory, apart from the content-only scores
    delivery: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict, server_default=sa.text("'{}'::jsonb"))


class InterviewUsage(UUIDAuditBase):
    """Metered usage and its priced cost, one row per interview, updated as it runs."""

    __tablename__ = "interview_usage"
    interview_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("interviews.id", ondelete="CASCADE"), unique=True
    )
    stt_seconds: Mapped[float] = mapped_column(sa.Float, default=0.0)
    llm_prompt_tokens: Mapped[int] = mapped_column(sa.Integer, default=0)
    llm_completion_tokens: Mapped[int] = mapped_column(sa.Integer, default=0)
    tts_characters: Mapped[int] = mapped_column(sa.Integer, default=0)
    room_minutes: Mapped[float] = mapped_column(sa.Float, default=0.0)
    cost_usd: Mapped[float] = mapped_column(sa.Float, default=0.0)
    prices: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)


class InterviewFeedback(UUIDAuditBase):
    __tablename__ = "interview_feedback"
    __table_args__ = (sa.CheckConstraint("rating BETWEEN 1 AND 5", name="ck_feedback_rating"),)
    interview_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    rating: Mapped[int] = mapped_column(sa.SmallInteger)
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    # the job's scorecard criteria rated 1-5 by this author (issue 20): {"criterion name": 4}
    scores: Mapped[dict[str, int]] = mapped_column(JsonB, default=dict, server_default=sa.text("'{}'::jsonb"))


class InterviewSession(UUIDAuditBase):
    """A candidate's mock (practice) interview; the interview row carries the room and the metrics."""

    __tablename__ = "interview_sessions"
    __table_args__ = (sa.Index("ix_interview_sessions_user_created", "user_id", "created_at"),)
    user_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    interview_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("interviews.id", ondelete="SET NULL"))
    target_role: Mapped[str] = mapped_column(sa.String(200))
    feedback: Mapped[dict[str, Any] | None] = mapped_column(JsonB)
