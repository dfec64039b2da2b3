"""API scale (issue 22): one index per sort of each list endpoint, ending in the id (keyset pages); rate-limit
buckets and the JWKS cache shared by every API process.

Revision ID: 0014_api_scale
Revises: 0013_candidate_pages
Create Date: 2026-11-30 13:40:00
"""

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0014_api_scale"
down_revision: str | None = "0013_candidate_pages"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (name, table, columns): the sorts of the job's applications, the company's interviews and outbox
INDEXES = [
    ("ix_applications_job_created_id", "applications", ["job_id", "created_at", "id"]),
    ("ix_applications_job_updated_id", "applications", ["job_id", "updated_at", "id"]),
    ("ix_applications_job_status_id", "applications", ["job_id", "status", "id"]),
    ("ix_applications_job_score_id", "applications",
     ["job_id", sa.literal_column("screening_score DESC NULLS LAST"), sa.literal_column("id DESC")]),
    ("ix_interviews_company_scheduled_id", "interviews", ["company_id", "scheduled_at", "id"]),
    ("ix_interviews_company_created_id", "interviews", ["company_id", "created_at", "id"]),
    ("ix_email_outbox_company_created_id", "email_outbox", ["company_id", "created_at", "id"]),
]
# the indexes above begin with these and replace them
REPLACED = [
    ("ix_applications_job_created", "applications", ["job_id", "created_at"]),
    ("ix_applications_job_score", "applications", ["job_id", sa.literal_column("screening_score DESC NULLS LAST")]),
]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)
    for name, table, _ in REPLACED:
        op.drop_index(name, table_name=table)
    op.create_table(
        "rate_limit_buckets",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("tokens", sa.Float(), nullable=False),
        sa.Column("at", advanced_alchemy.types.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("allowed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_limit_buckets")),
        prefixes=["UNLOGGED"],
    )
    op.create_index(op.f("ix_rate_limit_buckets_at"), "rate_limit_buckets", ["at"], unique=False)
    op.create_table(
        "jwks_cache",
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("jwks", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("fetched_at", advanced_alchemy.types.DateTimeUTC(timezone=True), nullable=True),
        sa.Column("failed_at", advanced_alchemy.types.DateTimeUTC(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_jwks_cache")),
    )


def downgrade() -> None:
    op.drop_table("jwks_cache")
    op.drop_index(op.f("ix_rate_limit_buckets_at"), table_name="rate_limit_buckets")
    op.drop_table("rate_limit_buckets")
    for name, table, columns in REPLACED:
        op.create_index(name, table, columns, unique=False)
    for name, table, _ in INDEXES:
        op.drop_index(name, table_name=table)
