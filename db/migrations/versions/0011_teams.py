"""Teams and integrations (issue 20): company memberships with roles (existing recruiters become members: the
first of each company its owner), invitations, API keys, notes, job scorecards, feedback scores, and webhooks
(endpoints, the event outbox, deliveries, attempts) with `webhook_emit()` and the triggers that call it

Revision ID: 0011_teams
Revises: 0010_privacy
Create Date: 2026-11-30 13:15:08.439482
"""

from collections.abc import Sequence

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0011_teams'
down_revision: str | None = "0010_privacy"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# events are written by one function, called by the API (api/webhooks/events.py) and by these triggers, so every
# writer (API, queue jobs, the agent writing interviews) emits in its own transaction. An event is always kept (the
# REST hooks' "recent items" read them); a delivery row is made for each enabled endpoint that subscribed, and one
# queue job sends them (the periodic webhook tick takes whatever is due after a retry or a crash).
EMIT = """CREATE FUNCTION webhook_emit(p_company uuid, p_type text, p_data jsonb) RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE
  ev uuid := gen_random_uuid();
  n integer;
BEGIN
  IF p_company IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO webhook_events (id, company_id, event_type, data, created_at, updated_at)
  VALUES (ev, p_company, p_type, p_data, now(), now());
  INSERT INTO webhook_deliveries (id, event_id, endpoint_id, status, attempts, next_attempt_at, created_at, updated_at)
  SELECT gen_random_uuid(), ev, e.id, 'PENDING', 0, now(), now(), now()
  FROM webhook_endpoints e
  WHERE e.company_id = p_company AND e.enabled AND e.event_types ? p_type;
  GET DIAGNOSTICS n = ROW_COUNT;
  IF n > 0 THEN
    PERFORM procrastinate.procrastinate_defer_jobs_v1(ARRAY[ROW('webhooks', 'webhooks:deliver', 0, NULL, NULL,
      jsonb_build_object('event_id', ev::text), NULL)::procrastinate.procrastinate_job_to_defer_v1]);
  END IF;
  RETURN ev;
END $$"""

ON_APPLICATION = """CREATE FUNCTION webhook_on_application() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  company uuid;
BEGIN
  SELECT j.company_id INTO company FROM jobs j WHERE j.id = NEW.job_id;
  IF TG_OP = 'INSERT' THEN
    PERFORM webhook_emit(company, 'application.created', jsonb_build_object(
      'application_id', NEW.id, 'job_id', NEW.job_id, 'candidate_id', NEW.candidate_id, 'status', NEW.status,
      'source', NEW.source, 'created_at', NEW.created_at));
  ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
    PERFORM webhook_emit(company, 'application.status_changed', jsonb_build_object(
      'application_id', NEW.id, 'job_id', NEW.job_id, 'candidate_id', NEW.candidate_id,
      'from_status', OLD.status, 'to_status', NEW.status));
  END IF;
  RETURN NULL;
END $$"""

ON_INTERVIEW = """CREATE FUNCTION webhook_on_interview() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kind text;
  data jsonb;
BEGIN
  IF NEW.mode <> 'RECRUITING' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    kind := 'interview.scheduled';
  ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
    kind := CASE NEW.status WHEN 'IN_PROGRESS' THEN 'interview.started' WHEN 'COMPLETED' THEN 'interview.completed'
                            WHEN 'NO_SHOW' THEN 'interview.no_show' END;
  END IF;
  IF kind IS NULL THEN
    RETURN NULL;
  END IF;
  data := jsonb_build_object('interview_id', NEW.id, 'application_id', NEW.application_id, 'kind', NEW.kind,
                             'status', NEW.status, 'scheduled_at', NEW.scheduled_at, 'started_at', NEW.started_at,
                             'ended_at', NEW.ended_at);
  IF kind = 'interview.completed' THEN
    -- the sender makes it absolute with PUBLIC_BASE_URL
    data := data || jsonb_build_object('report_path', '/recruiter/interviews/' || NEW.id || '/report');
  END IF;
  PERFORM webhook_emit(NEW.company_id, kind, data);
  RETURN NULL;
END $$"""

TRIGGERS = [
    "CREATE TRIGGER tr_webhook_application_insert AFTER INSERT ON applications "
    "FOR EACH ROW EXECUTE FUNCTION webhook_on_application()",
    "CREATE TRIGGER tr_webhook_application_status AFTER UPDATE OF status ON applications "
    "FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION webhook_on_application()",
    "CREATE TRIGGER tr_webhook_interview_insert AFTER INSERT ON interviews "
    "FOR EACH ROW EXECUTE FUNCTION webhook_on_interview()",
    "CREATE TRIGGER tr_webhook_interview_status AFTER UPDATE OF status ON interviews "
    "FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION webhook_on_interview()",
]

# every recruiter so far is the only member of the company set-role made for them; the first of each is its owner
MEMBERS_FROM_PROFILES = """INSERT INTO company_memberships (id, company_id, user_id, role, created_at, updated_at)
SELECT gen_random_uuid(), company_id, user_id, CASE WHEN rn = 1 THEN 'OWNER' ELSE 'RECRUITER' END, now(), now()
FROM (SELECT company_id, user_id,
             row_number() OVER (PARTITION BY company_id ORDER BY created_at, id) AS rn
      FROM recruiter_profiles) p"""


def upgrade() -> None:
    op.create_table('api_keys',
    sa.Column('id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('company_id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('scopes', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'cockroachdb').with_variant(advanced_alchemy.types.json.ORA_JSONB(), 'oracle').with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_by_id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('expires_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
    sa.Column('revoked_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
    sa.Column('last_used_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
    sa.Column('sa_orm_sentinel', sa.Integer(), nullable=True),
    sa.Column('created_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('updated_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_api_keys_company_id_companies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_api_keys_created_by_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_keys')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_api_keys_key_hash'))
    )
    op.create_index(op.f('ix_api_keys_company_id'), 'api_keys', ['company_id'], unique=False)
    op.create_table('company_invitations',
    sa.Column('id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('company_id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('role', sa.Enum('OWNER', 'ADMIN', 'RECRUITER', 'HIRING_MANAGER', name='invitation_role', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('invited_by_id', advanced_alchemy.types.guid.GUID(length=16), nullable=True),
    sa.Column('expires_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('accepted_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
    sa.Column('accepted_by_id', advanced_alchemy.types.guid.GUID(length=16), nullable=True),
    sa.Column('revoked_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
    sa.Column('sa_orm_sentinel', sa.Integer(), nullable=True),
    sa.Column('created_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('updated_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['accepted_by_id'], ['users.id'], name=op.f('fk_company_invitations_accepted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_company_invitations_company_id_companies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_company_invitations_invited_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_company_invitations')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_company_invitations_token_hash'))
    )
    op.create_index(op.f('ix_company_invitations_company_id'), 'company_invitations', ['company_id'], unique=False)
    op.create_table('company_memberships',
    sa.Column('id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('company_id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('user_id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('role', sa.Enum('OWNER', 'ADMIN', 'RECRUITER', 'HIRING_MANAGER', name='company_role', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('sa_orm_sentinel', sa.Integer(), nullable=True),
    sa.Column('created_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('updated_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_company_memberships_company_id_companies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_company_memberships_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_company_memberships')),
    sa.UniqueConstraint('company_id', 'user_id', name='uq_company_memberships_company_user')
    )
    op.create_index(op.f('ix_company_memberships_user_id'), 'company_memberships', ['user_id'], unique=False)
    op.create_index('uq_company_memberships_one_owner', 'company_memberships', ['company_id'], unique=True, postgresql_where=sa.text("role = 'OWNER'"))
    op.create_table('webhook_endpoints',
    sa.Column('id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('company_id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=True),
    sa.Column('event_types', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'cockroachdb').with_variant(advanced_alchemy.types.json.ORA_JSONB(), 'oracle').with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('secret', sa.String(length=100), nullable=False),
    sa.Column('enabled', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('disabled_reason', sa.String(length=500), nullable=True),
    sa.Column('failing_since', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
    sa.Column('source', sa.String(length=16), server_default='API', nullable=False),
    sa.Column('created_by_id', advanced_alchemy.types.guid.GUID(length=16), nullable=True),
    sa.Column('sa_orm_sentinel', sa.Integer(), nullable=True),
    sa.Column('created_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('updated_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_webhook_endpoints_company_id_companies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_webhook_endpoints_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_endpoints'))
    )
    op.create_index(op.f('ix_webhook_endpoints_company_id'), 'webhook_endpoints', ['company_id'], unique=False)
    op.create_table('webhook_events',
    sa.Column('id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('company_id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('event_type', sa.String(length=64), nullable=False),
    sa.Column('data', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'cockroachdb').with_variant(advanced_alchemy.types.json.ORA_JSONB(), 'oracle').with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('sa_orm_sentinel', sa.Integer(), nullable=True),
    sa.Column('created_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('updated_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_webhook_events_company_id_companies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_events'))
    )
    op.create_index('ix_webhook_events_company_type_created', 'webhook_events', ['company_id', 'event_type', 'created_at'], unique=False)
    op.create_table('job_scorecards',
    sa.Column('id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('job_id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('criteria', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'cockroachdb').with_variant(advanced_alchemy.types.json.ORA_JSONB(), 'oracle').with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('sa_orm_sentinel', sa.Integer(), nullable=True),
    sa.Column('created_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('updated_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_job_scorecards_job_id_jobs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_scorecards')),
    sa.UniqueConstraint('job_id', name=op.f('uq_job_scorecards_job_id'))
    )
    op.create_table('webhook_deliveries',
    sa.Column('id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('event_id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('endpoint_id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('status', sa.Enum('PENDING', 'SENDING', 'DELIVERED', 'FAILED', name='webhookdeliverystatus', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('next_attempt_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('locked_until', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
    sa.Column('last_status_code', sa.Integer(), nullable=True),
    sa.Column('last_latency_ms', sa.Integer(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('delivered_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=True),
    sa.Column('sa_orm_sentinel', sa.Integer(), nullable=True),
    sa.Column('created_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('updated_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['endpoint_id'], ['webhook_endpoints.id'], name=op.f('fk_webhook_deliveries_endpoint_id_webhook_endpoints'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['webhook_events.id'], name=op.f('fk_webhook_deliveries_event_id_webhook_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_deliveries')),
    sa.UniqueConstraint('event_id', 'endpoint_id', name='uq_webhook_deliveries_event_endpoint')
    )
    op.create_index('ix_webhook_deliveries_due', 'webhook_deliveries', ['next_attempt_at'], unique=False, postgresql_where=sa.text("status IN ('PENDING', 'SENDING')"))
    op.create_index('ix_webhook_deliveries_endpoint_created', 'webhook_deliveries', ['endpoint_id', 'created_at'], unique=False)
    op.create_table('notes',
    sa.Column('id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('company_id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('candidate_id', advanced_alchemy.types.guid.GUID(length=16), nullable=True),
    sa.Column('application_id', advanced_alchemy.types.guid.GUID(length=16), nullable=True),
    sa.Column('author_id', advanced_alchemy.types.guid.GUID(length=16), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('mentions', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'cockroachdb').with_variant(advanced_alchemy.types.json.ORA_JSONB(), 'oracle').with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('sa_orm_sentinel', sa.Integer(), nullable=True),
    sa.Column('created_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('updated_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), nullable=False),
    sa.CheckConstraint('candidate_id IS NOT NULL OR application_id IS NOT NULL', name=op.f('ck_notes_subject')),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_notes_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_notes_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_notes_candidate_id_candidates'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['company_id'], ['companies.id'], name=op.f('fk_notes_company_id_companies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notes'))
    )
    op.create_index('ix_notes_company_application', 'notes', ['company_id', 'application_id', 'created_at'], unique=False)
    op.create_index('ix_notes_company_candidate', 'notes', ['company_id', 'candidate_id', 'created_at'], unique=False)
    op.create_table('webhook_attempts',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('delivery_id', advanced_alchemy.types.guid.GUID(length=16), nullable=False),
    sa.Column('attempted_at', advanced_alchemy.types.datetime.DateTimeUTC(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=True),
    sa.Column('latency_ms', sa.Integer(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['delivery_id'], ['webhook_deliveries.id'], name=op.f('fk_webhook_attempts_delivery_id_webhook_deliveries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhook_attempts'))
    )
    op.create_index(op.f('ix_webhook_attempts_delivery_id'), 'webhook_attempts', ['delivery_id'], unique=False)
    op.add_column('interview_feedback', sa.Column('scores', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'cockroachdb').with_variant(advanced_alchemy.types.json.ORA_JSONB(), 'oracle').with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), server_default=sa.text("'{}'::jsonb"), nullable=False))
    op.execute(MEMBERS_FROM_PROFILES)
    for statement in (EMIT, ON_APPLICATION, ON_INTERVIEW, *TRIGGERS):
        op.execute(statement)


def downgrade() -> None:
    for trigger, table in (("tr_webhook_interview_status", "interviews"), ("tr_webhook_interview_insert", "interviews"),
                           ("tr_webhook_application_status", "applications"),
                           ("tr_webhook_application_insert", "applications")):
        op.execute(f"DROP TRIGGER {trigger} ON {table}")
    for function in ("webhook_on_interview()", "webhook_on_application()", "webhook_emit(uuid, text, jsonb)"):
        op.execute(f"DROP FUNCTION {function}")
    op.drop_column('interview_feedback', 'scores')
    op.drop_index(op.f('ix_webhook_attempts_delivery_id'), table_name='webhook_attempts')
    op.drop_table('webhook_attempts')
    op.drop_index('ix_notes_company_candidate', table_name='notes')
    op.drop_index('ix_notes_company_application', table_name='notes')
    op.drop_table('notes')
    op.drop_index('ix_webhook_deliveries_endpoint_created', table_name='webhook_deliveries')
    op.drop_index('ix_webhook_deliveries_due', table_name='webhook_deliveries', postgresql_where=sa.text("status IN ('PENDING', 'SENDING')"))
    op.drop_table('webhook_deliveries')
    op.drop_table('job_scorecards')
    op.drop_index('ix_webhook_events_company_type_created', table_name='webhook_events')
    op.drop_table('webhook_events')
    op.drop_index(op.f('ix_webhook_endpoints_company_id'), table_name='webhook_endpoints')
    op.drop_table('webhook_endpoints')
    op.drop_index('uq_company_memberships_one_owner', table_name='company_memberships', postgresql_where=sa.text("role = 'OWNER'"))
    op.drop_index(op.f('ix_company_memberships_user_id'), table_name='company_memberships')
    op.drop_table('company_memberships')
    op.drop_index(op.f('ix_company_invitations_company_id'), table_name='company_invitations')
    op.drop_table('company_invitations')
    op.drop_index(op.f('ix_api_keys_company_id'), table_name='api_keys')
    op.drop_table('api_keys')
