"""transcript segments: a writer-chosen unique id, so a retried batch cannot insert a segment twice

Revision ID: 0003_segment_uid
Revises: 0002_screening
Create Date: 2026-11-25 20:50:00
"""

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op

revision: str = "0003_segment_uid"
down_revision: str | None = "0002_screening"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # nullable: segments written before this revision have none (and NULLs never conflict)
    op.add_column("interview_transcript_segments",
                  sa.Column("segment_uid", advanced_alchemy.types.guid.GUID(length=16), nullable=True))
    op.create_unique_constraint("uq_transcript_segment_uid", "interview_transcript_segments", ["segment_uid"])


def downgrade() -> None:
    op.drop_constraint("uq_transcript_segment_uid", "interview_transcript_segments", type_="unique")
    op.drop_column("interview_transcript_segments", "segment_uid")
