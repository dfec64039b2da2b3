"""screenings.scoring_method: the method that made each stored score (api/screening/scoring.py SCORING_METHOD)

Rows stored before it get NULL: which scoring made them is not known (the weights changed under one embedding model),
so they count as stale and the queue's sweep re-scores them once.

Revision ID: 0015_screening_method
Revises: 0014_api_scale
Create Date: 2026-12-01 10:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_screening_method"
down_revision: str | None = "0014_api_scale"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("screenings", sa.Column("scoring_method", sa.String(length=100), nullable=True))
    op.create_index(op.f("ix_screenings_scoring_method"), "screenings", ["scoring_method"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_screenings_scoring_method"), table_name="screenings")
    op.drop_column("screenings", "scoring_method")
