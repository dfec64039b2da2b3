"""screening: the sentences and role phrases of each CV and job text with their vectors, kept by content hash

Revision ID: 0007_text_profiles
Revises: 0006_answer_scoring
Create Date: 2026-11-30 11:00:00
"""

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007_text_profiles"
down_revision: str | None = "0006_answer_scoring"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSONB = (sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "cockroachdb")
         .with_variant(advanced_alchemy.types.json.ORA_JSONB(), "oracle")
         .with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"))


def _ts(name: str) -> sa.Column:
    return sa.Column(name, advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "text_profiles",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("model_name", sa.String(length=100), nullable=False),
        sa.Column("profile", JSONB, nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        _ts("created_at"),
        _ts("updated_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_text_profiles")),
        sa.UniqueConstraint("content_hash", "model_name", name="uq_text_profiles_hash_model"),
    )


def downgrade() -> None:
    op.drop_table("text_profiles")
