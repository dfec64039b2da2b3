"""coach_messages: the candidate's conversation with the career coach, kept server-side across visits

Revision ID: 0013_candidate_pages
Revises: 0012_cluster
Create Date: 2026-11-30 13:30:00
"""

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0013_candidate_pages"
down_revision: str | None = "0012_cluster"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "coach_messages",
        sa.Column("id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("user_id", advanced_alchemy.types.guid.GUID(length=16), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_coach_messages_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coach_messages")),
    )
    op.create_index("ix_coach_messages_user_created", "coach_messages", ["user_id", "created_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_coach_messages_user_created", table_name="coach_messages")
    op.drop_table("coach_messages")
