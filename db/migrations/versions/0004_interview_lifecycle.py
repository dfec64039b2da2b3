"""interview lifecycle: arrival and dispatch queue, agent workers, reschedules, idempotency keys, consent on
record, DECLINED interviews, human interviewers in the transcript, overlapping speech

Revision ID: 0004_lifecycle
Revises: 0003_segment_uid
Create Date: 2026-11-30 10:30:00
"""

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004_lifecycle"
down_revision: str | None = "0003_segment_uid"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES_BEFORE = ("SCHEDULED", "IN_PROGRESS", "COMPLETED", "INTERRUPTED", "NO_SHOW", "CANCELLED")
SPEAKERS_BEFORE = ("AGENT", "CANDIDATE")


def _in(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _ts(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=nullable)


def _guid(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, advanced_alchemy.types.guid.GUID(length=16), nullable=nullable)


JSONB = (sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "cockroachdb")
         .with_variant(advanced_alchemy.types.json.ORA_JSONB(), "oracle")
         .with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"))


def upgrade() -> None:
    # enum values are checked VARCHARs (db/models/_types.py): a new value is a new CHECK
    op.drop_constraint(op.f("ck_interviews_interviewstatus"), "interviews", type_="check")
    op.create_check_constraint(op.f("ck_interviews_interviewstatus"), "interviews",
                               _in("status", (*STATUSES_BEFORE, "DECLINED")))
    op.drop_constraint(op.f("ck_interview_transcript_segments_speaker"), "interview_transcript_segments", type_="check")
    op.create_check_constraint(op.f("ck_interview_transcript_segments_speaker"), "interview_transcript_segments",
                               _in("speaker", (*SPEAKERS_BEFORE, "INTERVIEWER")))
    op.add_column("interview_transcript_segments",
                  sa.Column("overlap", sa.Boolean(), server_default=sa.false(), nullable=False))

    op.add_column("interviews", sa.Column("note_taker", sa.Boolean(), server_default=sa.false(), nullable=False))
    for name in ("candidate_arrived_at", "waiting_since", "wait_expired_at", "dispatched_at"):
        op.add_column("interviews", _ts(name))
    op.add_column("interviews", sa.Column("dispatch_attempts", sa.Integer(), server_default="0", nullable=False))
    op.add_column("interviews", _ts("agent_joined_at"))
    # the dispatcher reads the line of waiting candidates on every tick
    op.create_index("ix_interviews_waiting_since", "interviews", ["waiting_since"],
                    postgresql_where=sa.text("waiting_since IS NOT NULL"))

    op.create_table(
        "agent_workers",
        sa.Column("worker_id", sa.String(length=64), nullable=False),
        sa.Column("agent_name", sa.String(length=64), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("max_jobs", sa.Integer(), nullable=False),
        sa.Column("active_jobs", sa.Integer(), nullable=False),
        sa.Column("draining", sa.Boolean(), nullable=False),
        _ts("registered_at", nullable=False),
        _ts("heartbeat_at", nullable=False),
        sa.PrimaryKeyConstraint("worker_id", name=op.f("pk_agent_workers")),
    )
    op.create_index(op.f("ix_agent_workers_heartbeat_at"), "agent_workers", ["heartbeat_at"], unique=False)

    op.create_table(
        "idempotency_keys",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        _guid("user_id"),
        sa.Column("scope", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("request_sha256", sa.String(length=64), nullable=False),
        _guid("resource_id", nullable=True),
        _ts("created_at", nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_idempotency_keys_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_keys")),
        sa.UniqueConstraint("user_id", "scope", "key", name="uq_idempotency_keys_user_scope_key"),
    )
    op.create_index(op.f("ix_idempotency_keys_created_at"), "idempotency_keys", ["created_at"], unique=False)

    op.create_table(
        "interview_consents",
        _guid("id"),
        _guid("interview_id"),
        sa.Column("method", sa.Enum("SPOKEN", "PAGE", name="consentmethod", native_enum=False,
                                    create_constraint=True, length=32), nullable=False),
        sa.Column("decision", sa.Enum("GIVEN", "DECLINED", name="consentdecision", native_enum=False,
                                      create_constraint=True, length=32), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column("scopes", JSONB, nullable=False),
        _guid("transcript_segment_uid", nullable=True),
        sa.Column("ip", sa.String(length=64), nullable=True),
        sa.Column("user_agent", sa.String(length=400), nullable=True),
        _ts("recorded_at", nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        _ts("created_at", nullable=False),
        _ts("updated_at", nullable=False),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"],
                                name=op.f("fk_interview_consents_interview_id_interviews"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_consents")),
    )
    op.create_index(op.f("ix_interview_consents_interview_id"), "interview_consents", ["interview_id"])

    op.create_table(
        "interview_schedule_changes",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        _guid("interview_id"),
        _guid("changed_by", nullable=True),
        _ts("old_scheduled_at", nullable=False),
        _ts("new_scheduled_at", nullable=False),
        sa.Column("old_duration_minutes", sa.Integer(), nullable=False),
        sa.Column("new_duration_minutes", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        _ts("changed_at", nullable=False),
        sa.ForeignKeyConstraint(["changed_by"], ["users.id"],
                                name=op.f("fk_interview_schedule_changes_changed_by_users"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"],
                                name=op.f("fk_interview_schedule_changes_interview_id_interviews"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_schedule_changes")),
    )
    op.create_index(op.f("ix_interview_schedule_changes_interview_id"), "interview_schedule_changes",
                    ["interview_id"])


def downgrade() -> None:
    op.drop_table("interview_schedule_changes")
    op.drop_table("interview_consents")
    op.drop_table("idempotency_keys")
    op.drop_table("agent_workers")
    op.drop_index("ix_interviews_waiting_since", table_name="interviews")
    for name in ("agent_joined_at", "dispatch_attempts", "dispatched_at", "wait_expired_at", "waiting_since",
                 "candidate_arrived_at", "note_taker"):
        op.drop_column("interviews", name)
    op.drop_column("interview_transcript_segments", "overlap")
    op.execute("DELETE FROM interview_transcript_segments WHERE speaker = 'INTERVIEWER'")
    op.drop_constraint(op.f("ck_interview_transcript_segments_speaker"), "interview_transcript_segments", type_="check")
    op.create_check_constraint(op.f("ck_interview_transcript_segments_speaker"), "interview_transcript_segments",
                               _in("speaker", SPEAKERS_BEFORE))
    op.execute("UPDATE interviews SET status = 'INTERRUPTED' WHERE status = 'DECLINED'")
    op.drop_constraint(op.f("ck_interviews_interviewstatus"), "interviews", type_="check")
    op.create_check_constraint(op.f("ck_interviews_interviewstatus"), "interviews", _in("status", STATUSES_BEFORE))
