"""screening: job queue schema, vector indexes

- procrastinate's schema (tables, types, functions, triggers) in its own Postgres schema `procrastinate`,
  from the SQL the installed procrastinate ships; the app's connector puts that schema on its search_path
  (api/screening/jobs.py). Upgrading procrastinate past 3.10 means a new revision that runs its
  sql/migrations files.
- HNSW (cosine) indexes on jobs.jd_embedding and screenings.cv_embedding; a b-tree on screenings.cv_content_hash
  (the embedding cache key).

Revision ID: 0002_screening
Revises: 0001
Create Date: 2026-11-25 17:26:04.639210
"""

from collections.abc import Sequence

import advanced_alchemy.types  # noqa: F401 - autogenerate names its column types
import pgvector.sqlalchemy  # noqa: F401
import sqlalchemy as sa  # noqa: F401
from alembic import context, op

revision: str = "0002_screening"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

QUEUE_SCHEMA = "procrastinate"


def _run_script(sql: str) -> None:
    """A multi-statement script (procrastinate's has dollar-quoted function bodies, so it cannot be split);
    asyncpg prepares what SQLAlchemy sends, so the script goes through the driver's simple-query path."""
    if context.is_offline_mode():
        op.execute(sql)
        return
    from sqlalchemy.util import await_only

    raw = op.get_bind().connection.driver_connection
    await_only(raw.execute(sql))


def upgrade() -> None:
    from procrastinate.schema import SchemaManager

    op.create_index("ix_jobs_jd_embedding_hnsw", "jobs", ["jd_embedding"], unique=False, postgresql_using="hnsw", postgresql_with={"m": 16, "ef_construction": 64}, postgresql_ops={"jd_embedding": "vector_cosine_ops"})
    op.create_index("ix_screenings_cv_content_hash", "screenings", ["cv_content_hash"], unique=False)
    op.create_index("ix_screenings_cv_embedding_hnsw", "screenings", ["cv_embedding"], unique=False, postgresql_using="hnsw", postgresql_with={"m": 16, "ef_construction": 64}, postgresql_ops={"cv_embedding": "vector_cosine_ops"})

    op.execute(f"CREATE SCHEMA IF NOT EXISTS {QUEUE_SCHEMA}")
    _run_script(
        "SELECT set_config('interviewly.saved_search_path', current_setting('search_path'), true);\n"
        f"SET LOCAL search_path TO {QUEUE_SCHEMA};\n"
        + SchemaManager.get_schema()
        + "\nSELECT set_config('search_path', current_setting('interviewly.saved_search_path'), true);\n"
    )
    # procrastinate's functions name its tables unqualified: pin their search_path so they work from any session
    # (the API defers a screening job in the transaction that creates the application, on its own connection)
    _run_script(f"""
        DO $$
        DECLARE f record;
        BEGIN
            FOR f IN SELECT p.oid::regprocedure AS signature FROM pg_proc p
                     JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = '{QUEUE_SCHEMA}'
            LOOP
                EXECUTE format('ALTER FUNCTION %s SET search_path = {QUEUE_SCHEMA}, pg_catalog', f.signature);
            END LOOP;
        END $$;
    """)


def downgrade() -> None:
    op.execute(f"DROP SCHEMA IF EXISTS {QUEUE_SCHEMA} CASCADE")
    op.drop_index("ix_screenings_cv_embedding_hnsw", table_name="screenings", postgresql_using="hnsw", postgresql_with={"m": 16, "ef_construction": 64}, postgresql_ops={"cv_embedding": "vector_cosine_ops"})
    op.drop_index("ix_screenings_cv_content_hash", table_name="screenings")
    op.drop_index("ix_jobs_jd_embedding_hnsw", table_name="jobs", postgresql_using="hnsw", postgresql_with={"m": 16, "ef_construction": 64}, postgresql_ops={"jd_embedding": "vector_cosine_ops"})
