"""ATS phase 2: bulk imports (import_batches), automated email (outbox, templates, settings, unsubscribes),
where an application came from (applications.source), case-insensitive email lookups for imports

Revision ID: 0008_ats_phase2
Revises: 0007_text_profiles
Create Date: 2026-11-30 10:43:02
"""

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0008_ats_phase2'
down_revision: str | None = '0007_text_profiles'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


STAGES = ("APPLIED", "SCREENING", "SHORTLISTED", "INTERVIEW_SCHEDULED", "OFFERED", "HIRED")
# seconds spent in each stage but the last, one column each (db/models/dashboards.py)
STAY_COLUMNS = ("applied_s", "screening_s", "shortlisted_s", "interview_s", "offered_s")
_STAY = """(SELECT EXTRACT(EPOCH FROM o.changed_at - i.changed_at)::float8
            FROM application_status_history i
            JOIN application_status_history o ON o.application_id = i.application_id
            WHERE i.application_id = {app} AND i.to_status = {stage} AND o.from_status = {stage}
            ORDER BY i.id DESC, o.id DESC LIMIT 1)"""
# in the history trigger: the stay this change closes (left stage kf) or opens (entered stage kt)
_SET_STAYS = ",\n          ".join(
    f"{col} = CASE {k} WHEN kf THEN left_s WHEN kt THEN entered_s ELSE {col} END"
    for k, col in enumerate(STAY_COLUMNS, start=1))

# pipeline_facts (db/models/dashboards.py) is kept current by triggers, so every writer keeps it right
PIPELINE_FUNCTIONS = [
    "CREATE FUNCTION pipeline_stage_rank(status text) RETURNS smallint IMMUTABLE LANGUAGE sql AS $$ SELECT CASE status "
    + " ".join(f"WHEN '{s}' THEN {i + 1}" for i, s in enumerate(STAGES)) + " ELSE 0 END::smallint $$",
    """CREATE FUNCTION pipeline_facts_on_application() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO pipeline_facts (application_id, company_id, job_id, created_at, status, source, screening_score,
                                    furthest)
        SELECT NEW.id, j.company_id, NEW.job_id, NEW.created_at, NEW.status, NEW.source, NEW.screening_score,
               GREATEST(1, pipeline_stage_rank(NEW.status))
        FROM jobs j WHERE j.id = NEW.job_id;
      ELSE
        UPDATE pipeline_facts SET status = NEW.status, source = NEW.source, screening_score = NEW.screening_score,
               created_at = NEW.created_at, furthest = GREATEST(furthest, pipeline_stage_rank(NEW.status))
        WHERE application_id = NEW.id;
      END IF;
      RETURN NULL;
    END $$""",
    """CREATE FUNCTION pipeline_facts_on_history() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      kf smallint := pipeline_stage_rank(NEW.from_status);
      kt smallint := pipeline_stage_rank(NEW.to_status);
      left_s float8; entered_s float8;
    BEGIN
      -- rows may arrive out of order (a seed, an import): each stay is computed from both ends
      IF kf BETWEEN 1 AND 5 THEN
        left_s := """ + _STAY.format(app="NEW.application_id", stage="NEW.from_status") + """;
      END IF;
      IF kt BETWEEN 1 AND 5 THEN
        entered_s := """ + _STAY.format(app="NEW.application_id", stage="NEW.to_status") + """;
      END IF;
      UPDATE pipeline_facts SET
          """ + _SET_STAYS + """,
          furthest = GREATEST(furthest, kf, kt)
      WHERE application_id = NEW.application_id;
      RETURN NULL;
    END $$""",
    """CREATE TRIGGER tr_pipeline_facts_application AFTER INSERT OR UPDATE OF status, source, screening_score, created_at
       ON applications FOR EACH ROW EXECUTE FUNCTION pipeline_facts_on_application()""",
    """CREATE TRIGGER tr_pipeline_facts_history AFTER INSERT ON application_status_history
       FOR EACH ROW EXECUTE FUNCTION pipeline_facts_on_history()""",
]

BACKFILL = """
INSERT INTO pipeline_facts (application_id, company_id, job_id, created_at, status, source, screening_score, furthest,
                            """ + ", ".join(STAY_COLUMNS) + """)
SELECT a.id, j.company_id, a.job_id, a.created_at, a.status, a.source, a.screening_score,
       GREATEST(1, pipeline_stage_rank(a.status), COALESCE((
           SELECT max(GREATEST(pipeline_stage_rank(h.from_status), pipeline_stage_rank(h.to_status)))
           FROM application_status_history h WHERE h.application_id = a.id), 0)),
       """ + ",\n       ".join(_STAY.format(app="a.id", stage=f"'{s}'") for s in STAGES[:-1]) + """
FROM applications a JOIN jobs j ON j.id = a.job_id
"""


def upgrade() -> None:
    op.create_table('company_email_settings',
    sa.Column('id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('company_id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('notify_statuses', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'cockroachdb').with_variant(advanced_alchemy.types.json.ORA_JSONB(), 'oracle').with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('reminder_hours', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'cockroachdb').with_variant(advanced_alchemy.types.json.ORA_JSONB(), 'oracle').with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('sa_orm_sentinel', sa.Integer(), nullable=True),
    sa.Column('created_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('updated_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_company_email_settings_company_id_companies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_company_email_settings')),
    sa.UniqueConstraint('company_id', name=op.f('uq_company_email_settings_company_id'))
    )
    op.create_table('email_outbox',
    sa.Column('id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('company_id', advanced_alchemy.types.guid.GUID(length=16), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('to_address', sa.String(length=320), nullable=False),
    sa.Column('essential', sa.Boolean(), nullable=False),
    sa.Column('dedupe_key', sa.String(length=200), nullable=True),
    sa.Column('context', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'cockroachdb').with_variant(advanced_alchemy.types.json.ORA_JSONB(), 'oracle').with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('status', sa.Enum('PENDING', 'SENDING', 'SENT', 'FAILED', 'SUPPRESSED', name='emailstatus', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('next_attempt_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('locked_until', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
    sa.Column('message_id', sa.String(length=255), nullable=False),
    sa.Column('unsubscribe_token', sa.String(length=64), nullable=True),
    sa.Column('subject', sa.Text(), nullable=True),
    sa.Column('text_body', sa.Text(), nullable=True),
    sa.Column('html_body', sa.Text(), nullable=True),
    sa.Column('ics', sa.Text(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('sent_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
    sa.Column('sa_orm_sentinel', sa.Integer(), nullable=True),
    sa.Column('created_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('updated_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_email_outbox_company_id_companies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_email_outbox')),
    sa.UniqueConstraint('dedupe_key', name=op.f('uq_email_outbox_dedupe_key')),
    sa.UniqueConstraint('message_id', name=op.f('uq_email_outbox_message_id')),
    sa.UniqueConstraint('unsubscribe_token', name=op.f('uq_email_outbox_unsubscribe_token'))
    )
    op.create_index(op.f('ix_email_outbox_company_id'), 'email_outbox', ['company_id'], unique=False)
    op.create_index('ix_email_outbox_due', 'email_outbox', ['next_attempt_at'], unique=False, postgresql_where=sa.text("status IN ('PENDING', 'SENDING')"))
    op.create_table('email_templates',
    sa.Column('id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('company_id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('text_body', sa.Text(), nullable=False),
    sa.Column('html_body', sa.Text(), nullable=True),
    sa.Column('enabled', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('sa_orm_sentinel', sa.Integer(), nullable=True),
    sa.Column('created_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('updated_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_email_templates_company_id_companies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_email_templates')),
    sa.UniqueConstraint('company_id', 'kind', name='uq_email_templates_company_kind')
    )
    op.create_table('email_unsubscribes',
    sa.Column('id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('company_id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('sa_orm_sentinel', sa.Integer(), nullable=True),
    sa.Column('created_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('updated_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_email_unsubscribes_company_id_companies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_email_unsubscribes')),
    sa.UniqueConstraint('company_id', 'email', name='uq_email_unsubscribes_company_email')
    )
    op.create_table('import_batches',
    sa.Column('id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('company_id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('job_id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('created_by_id', advanced_alchemy.types.guid.GUID(length=16), nullable=True),
    sa.Column('status', sa.Enum('PREVIEW', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', name='importstatus', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('file_kind', sa.String(length=8), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('file_key', sa.String(length=500), nullable=False),
    sa.Column('zip_name', sa.String(length=255), nullable=True),
    sa.Column('zip_key', sa.String(length=500), nullable=True),
    sa.Column('encoding', sa.String(length=32), nullable=True),
    sa.Column('columns', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'cockroachdb').with_variant(advanced_alchemy.types.json.ORA_JSONB(), 'oracle').with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('mapping', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'cockroachdb').with_variant(advanced_alchemy.types.json.ORA_JSONB(), 'oracle').with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('total_rows', sa.Integer(), nullable=False),
    sa.Column('processed_rows', sa.Integer(), nullable=False),
    sa.Column('created_count', sa.Integer(), nullable=False),
    sa.Column('updated_count', sa.Integer(), nullable=False),
    sa.Column('skipped_count', sa.Integer(), nullable=False),
    sa.Column('error_count', sa.Integer(), nullable=False),
    sa.Column('errors', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'cockroachdb').with_variant(advanced_alchemy.types.json.ORA_JSONB(), 'oracle').with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('runner_token', sa.String(length=64), nullable=True),
    sa.Column('heartbeat_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
    sa.Column('started_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
    sa.Column('finished_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
    sa.Column('failure', sa.Text(), nullable=True),
    sa.Column('sa_orm_sentinel', sa.Integer(), nullable=True),
    sa.Column('created_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('updated_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_import_batches_company_id_companies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_import_batches_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_import_batches_job_id_jobs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_batches'))
    )
    op.create_index(op.f('ix_import_batches_company_id'), 'import_batches', ['company_id'], unique=False)
    op.create_index('ix_import_batches_job_created', 'import_batches', ['job_id', 'created_at'], unique=False)
    op.add_column('applications', sa.Column('source', sa.Enum('APPLIED', 'IMPORTED', 'MANUAL', name='applicationsource', native_enum=False, create_constraint=True, length=32), server_default='APPLIED', nullable=False))
    op.create_index('ix_candidates_email_lower', 'candidates', [sa.literal_column('lower(email)')], unique=False)
    op.create_table('pipeline_facts',
    sa.Column('application_id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('company_id', sa.Uuid(), nullable=False),
    sa.Column('job_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('source', sa.String(length=32), nullable=False),
    sa.Column('screening_score', sa.Float(), nullable=True),
    sa.Column('furthest', sa.SmallInteger(), nullable=False),
    *[sa.Column(name, sa.Float(), nullable=True) for name in STAY_COLUMNS],
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_pipeline_facts_application_id_applications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('application_id', name=op.f('pk_pipeline_facts'))
    )
    # room in each page for the triggers' updates to stay on it (HOT: no new index entries, pruned in place)
    op.execute("ALTER TABLE pipeline_facts SET (fillfactor = 70)")
    op.create_index('ix_pipeline_facts_company_created', 'pipeline_facts', ['company_id', 'created_at'], unique=False)
    op.create_index('ix_pipeline_facts_job_created', 'pipeline_facts', ['job_id', 'created_at'], unique=False)
    for statement in PIPELINE_FUNCTIONS:
        op.execute(statement)
    op.execute(BACKFILL)


def downgrade() -> None:
    op.execute("DROP TRIGGER tr_pipeline_facts_history ON application_status_history")
    op.execute("DROP TRIGGER tr_pipeline_facts_application ON applications")
    op.drop_table('pipeline_facts')
    for name in ("pipeline_facts_on_history()", "pipeline_facts_on_application()", "pipeline_stage_rank(text)"):
        op.execute(f"DROP FUNCTION {name}")
    op.drop_index('ix_candidates_email_lower', table_name='candidates')
    op.drop_column('applications', 'source')
    op.drop_index('ix_import_batches_job_created', table_name='import_batches')
    op.drop_index(op.f('ix_import_batches_company_id'), table_name='import_batches')
    op.drop_table('import_batches')
    op.drop_table('email_unsubscribes')
    op.drop_table('email_templates')
    op.drop_index('ix_email_outbox_due', table_name='email_outbox', postgresql_where=sa.text("status IN ('PENDING', 'SENDING')"))
    op.drop_index(op.f('ix_email_outbox_company_id'), table_name='email_outbox')
    op.drop_table('email_outbox')
    op.drop_table('company_email_settings')
