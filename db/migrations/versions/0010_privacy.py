"""Privacy and compliance (issue 17): the append-only audit trail written by triggers, erasure requests,
retention runs, self-reported demographics, company retention/analytics settings, per-interview video analysis

Revision ID: 0010_privacy
Revises: 0009_recordings
Create Date: 2026-11-30 13:15:28.611012
"""

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0010_privacy'
down_revision: str | None = '0009_recordings'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# what the audit trail follows: table -> the columns whose every change is one audit row (before and after)
AUDITED = {
    "applications": ("status",),
    "screenings": ("score",),
    "interview_question_scores": ("score",),
    "interview_reports": ("overall_score", "summary"),
    "interview_feedback": ("rating",),
}

AUDIT_FUNCTIONS = [
    # one generic row trigger: TG_ARGV names the audited columns; an UPDATE that leaves them all as they were is not
    # a change. The actor comes from the transaction-local setting the API sets (`interviewly.actor`, "user:<id>");
    # writers that set none (the agent, imports, seeds) are named by their connection's application_name.
    """CREATE FUNCTION audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      old_j jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
      new_j jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
      row_j jsonb := coalesce(new_j, old_j);
      before_j jsonb; after_j jsonb; col text; actor_s text;
      app_id uuid; iv_id uuid; comp_id uuid;
    BEGIN
      FOREACH col IN ARRAY TG_ARGV LOOP
        IF old_j IS NOT NULL THEN before_j := coalesce(before_j, '{}'::jsonb) || jsonb_build_object(col, old_j -> col);
        END IF;
        IF new_j IS NOT NULL THEN after_j := coalesce(after_j, '{}'::jsonb) || jsonb_build_object(col, new_j -> col);
        END IF;
      END LOOP;
      IF TG_OP = 'UPDATE' AND before_j IS NOT DISTINCT FROM after_j THEN RETURN NULL; END IF;
      iv_id := (row_j ->> 'interview_id')::uuid;
      app_id := CASE WHEN TG_TABLE_NAME = 'applications' THEN (row_j ->> 'id')::uuid
                     ELSE (row_j ->> 'application_id')::uuid END;
      IF iv_id IS NOT NULL THEN
        SELECT i.application_id, i.company_id INTO app_id, comp_id FROM interviews i WHERE i.id = iv_id;
      END IF;
      IF app_id IS NOT NULL AND comp_id IS NULL THEN
        SELECT j.company_id INTO comp_id FROM applications a JOIN jobs j ON j.id = a.job_id WHERE a.id = app_id;
      END IF;
      actor_s := nullif(current_setting('interviewly.actor', true), '');
      INSERT INTO audit_log (occurred_at, actor, actor_user_id, company_id, application_id, interview_id, entity,
                             entity_id, action, before, after)
      VALUES (clock_timestamp(),
              left(coalesce(actor_s, 'db:' || coalesce(nullif(current_setting('application_name', true), ''),
                                                       current_user)), 120),
              CASE WHEN actor_s LIKE 'user:%' THEN substr(actor_s, 6)::uuid END,
              comp_id, app_id, iv_id, TG_TABLE_NAME, row_j ->> 'id', TG_OP, before_j, after_j);
      RETURN NULL;
    END $$""",
    # append-only: nothing rewrites or deletes the trail; erasure alone may blank free text in it (it sets
    # `interviewly.erasure` for its own transaction), and only `before`/`after`
    """CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND current_setting('interviewly.erasure', true) = 'on'
         AND (NEW.id, NEW.occurred_at, NEW.actor, NEW.entity, NEW.action)
             IS NOT DISTINCT FROM (OLD.id, OLD.occurred_at, OLD.actor, OLD.entity, OLD.action) THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
    END $$""",
]


def audit_triggers() -> list[str]:
    statements = [
        f"""CREATE TRIGGER tr_audit_{table} AFTER INSERT OR UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION audit_change({", ".join(f"'{c}'" for c in cols)})"""
        for table, cols in AUDITED.items()
    ]
    return [*statements, """CREATE TRIGGER tr_audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
                            FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"""]


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('occurred_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('actor', sa.String(length=120), nullable=False),
    sa.Column('actor_user_id', sa.Uuid(), nullable=True),
    sa.Column('company_id', sa.Uuid(), nullable=True),
    sa.Column('application_id', sa.Uuid(), nullable=True),
    sa.Column('interview_id', sa.Uuid(), nullable=True),
    sa.Column('entity', sa.String(length=64), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=True),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('before', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'cockroachdb').with_variant(advanced_alchemy.types.json.ORA_JSONB(), 'oracle').with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('after', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'cockroachdb').with_variant(advanced_alchemy.types.json.ORA_JSONB(), 'oracle').with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    op.create_index('ix_audit_log_application', 'audit_log', ['application_id', 'id'], unique=False)
    op.create_index('ix_audit_log_company', 'audit_log', ['company_id', 'id'], unique=False)
    op.create_index('ix_audit_log_interview', 'audit_log', ['interview_id'], unique=False)
    op.create_table('erasure_requests',
    sa.Column('id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('scope', sa.String(length=16), nullable=False),
    sa.Column('company_id', sa.Uuid(), nullable=True),
    sa.Column('candidate_id', sa.Uuid(), nullable=True),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('requested_by_id', sa.Uuid(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('steps', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'cockroachdb').with_variant(advanced_alchemy.types.json.ORA_JSONB(), 'oracle').with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('target', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'cockroachdb').with_variant(advanced_alchemy.types.json.ORA_JSONB(), 'oracle').with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('completed_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
    sa.Column('sa_orm_sentinel', sa.Integer(), nullable=True),
    sa.Column('created_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('updated_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_erasure_requests'))
    )
    op.create_index('ix_erasure_requests_candidate', 'erasure_requests', ['candidate_id'], unique=False)
    op.create_index('ix_erasure_requests_user', 'erasure_requests', ['user_id'], unique=False)
    op.create_table('retention_runs',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('ran_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('clock', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('deleted', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'cockroachdb').with_variant(advanced_alchemy.types.json.ORA_JSONB(), 'oracle').with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_retention_runs'))
    )
    op.create_table('candidate_demographics',
    sa.Column('id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('application_id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('gender', sa.String(length=64), nullable=True),
    sa.Column('race_ethnicity', sa.String(length=64), nullable=True),
    sa.Column('age_band', sa.String(length=32), nullable=True),
    sa.Column('sa_orm_sentinel', sa.Integer(), nullable=True),
    sa.Column('created_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('updated_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_candidate_demographics_application_id_applications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_candidate_demographics')),
    sa.UniqueConstraint('application_id', name=op.f('uq_candidate_demographics_application_id'))
    )
    op.add_column('applications', sa.Column('archived_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True))
    op.add_column('candidates', sa.Column('erased_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True))
    op.add_column('companies', sa.Column('retention_metrics_days', sa.Integer(), server_default='180', nullable=True))
    op.add_column('companies', sa.Column('retention_transcripts_days', sa.Integer(), server_default='365', nullable=True))
    op.add_column('companies', sa.Column('retention_rejected_cv_days', sa.Integer(), server_default='180', nullable=True))
    op.add_column('companies', sa.Column('archive_closed_after_days', sa.Integer(), server_default='365', nullable=True))
    op.add_column('companies', sa.Column('video_analytics_scope', sa.String(length=16), server_default='ALL', nullable=False))
    op.add_column('companies', sa.Column('share_scores_with_candidates', sa.Boolean(), server_default=sa.text('false'), nullable=False))
    op.add_column('interviews', sa.Column('video_analysis', sa.Boolean(), server_default=sa.text('true'), nullable=False))
    op.add_column('interviews', sa.Column('video_analysis_off_reason', sa.String(length=32), nullable=True))
    for statement in [*AUDIT_FUNCTIONS, *audit_triggers()]:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TRIGGER tr_audit_log_append_only ON audit_log")
    for table in AUDITED:
        op.execute(f"DROP TRIGGER tr_audit_{table} ON {table}")
    op.execute("DROP FUNCTION audit_log_append_only()")
    op.execute("DROP FUNCTION audit_change()")
    op.drop_column('interviews', 'video_analysis_off_reason')
    op.drop_column('interviews', 'video_analysis')
    op.drop_column('companies', 'share_scores_with_candidates')
    op.drop_column('companies', 'video_analytics_scope')
    op.drop_column('companies', 'archive_closed_after_days')
    op.drop_column('companies', 'retention_rejected_cv_days')
    op.drop_column('companies', 'retention_transcripts_days')
    op.drop_column('companies', 'retention_metrics_days')
    op.drop_column('candidates', 'erased_at')
    op.drop_column('applications', 'archived_at')
    op.drop_table('candidate_demographics')
    op.drop_table('retention_runs')
    op.drop_index('ix_erasure_requests_user', table_name='erasure_requests')
    op.drop_index('ix_erasure_requests_candidate', table_name='erasure_requests')
    op.drop_table('erasure_requests')
    op.drop_index('ix_audit_log_interview', table_name='audit_log')
    op.drop_index('ix_audit_log_company', table_name='audit_log')
    op.drop_index('ix_audit_log_application', table_name='audit_log')
    op.drop_table('audit_log')
