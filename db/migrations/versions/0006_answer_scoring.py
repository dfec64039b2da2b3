"""answer scoring: a company may hide delivery signals (eye contact, fluency) entirely; the report's delivery
section (advisory, kept apart from the skill scores)

Revision ID: 0006_answer_scoring
Revises: 0005_gaze_calibration
Create Date: 2026-12-07 10:00:00
"""

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0006_answer_scoring"
down_revision: str | None = "0005_gaze_calibration"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSONB = (sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "cockroachdb")
         .with_variant(advanced_alchemy.types.json.ORA_JSONB(), "oracle")
         .with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"))


def upgrade() -> None:
    op.add_column("companies", sa.Column("hide_delivery_signals", sa.Boolean(), server_default=sa.false(),
                                         nullable=False))
    op.add_column("interview_reports", sa.Column("delivery", JSONB, server_default=sa.text("'{}'::jsonb"),
                                                 nullable=False))


def downgrade() -> None:
    op.drop_column("interview_reports", "delivery")
    op.drop_column("companies", "hide_delivery_signals")
