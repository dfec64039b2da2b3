"""interviews.resumes: how often an interview whose agent host was lost went to another host

Revision ID: 0012_cluster
Revises: 0011_teams
Create Date: 2026-11-30 13:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_cluster"
down_revision: str | None = "0011_teams"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("interviews", sa.Column("resumes", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    op.drop_column("interviews", "resumes")
