"""recordings: one file per interview in object storage; a company's recording switch (off by default) and
retention (90 days)

Revision ID: 0009_recordings
Revises: 0008_ats_phase2
Create Date: 2026-11-30 13:30:00
"""

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0009_recordings"
down_revision: str | None = "0008_ats_phase2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _ts(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=nullable)


def _guid(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, advanced_alchemy.types.guid.GUID(length=16), nullable=nullable)


def upgrade() -> None:
    op.add_column("companies", sa.Column("recording_enabled", sa.Boolean(), server_default=sa.false(),
                                         nullable=False))
    op.add_column("companies", sa.Column("recording_retention_days", sa.Integer(), server_default="90",
                                         nullable=False))
    op.create_table(
        "recordings",
        _guid("id"),
        _guid("interview_id"),
        _guid("company_id"),
        sa.Column("status", sa.Enum("RECORDING", "UPLOADING", "READY", "FAILED", name="recordingstatus",
                                    native_enum=False, create_constraint=True, length=32), nullable=False),
        sa.Column("storage_key", sa.String(length=400), nullable=True),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=True),
        sa.Column("duration_s", sa.Float(), nullable=True),
        _ts("media_started_at"),
        sa.Column("recorder_host", sa.String(length=200), nullable=True),
        sa.Column("recorder_pid", sa.Integer(), nullable=True),
        sa.Column("error", sa.String(length=400), nullable=True),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        _ts("created_at", nullable=False),
        _ts("updated_at", nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name=op.f("fk_recordings_company_id_companies"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"],
                                name=op.f("fk_recordings_interview_id_interviews"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recordings")),
        sa.UniqueConstraint("interview_id", name=op.f("uq_recordings_interview_id")),
    )
    op.create_index(op.f("ix_recordings_company_id"), "recordings", ["company_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_recordings_company_id"), table_name="recordings")
    op.drop_table("recordings")
    op.drop_column("companies", "recording_retention_days")
    op.drop_column("companies", "recording_enabled")
