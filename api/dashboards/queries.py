"""The dashboard in one SQL statement: every figure is an aggregate Postgres computes over the company's (or the
job's) applications created in the date range; only the aggregates travel back, as one JSON document.

- funnel: how far each application got. Stages run in one line (db: api/applications/services.py WORKFLOW), so an
  application's furthest stage is its status, or, when REJECTED, the stage it was rejected from;
- time in stage: the time between entering a stage and leaving it, from the status history (stays still open
  are not counted), median per stage;
- sources, screening-score histogram, AI interview outcomes (by scheduled time), the week's upcoming interviews.
"""

from __future__ import annotations

STAGES = ["APPLIED", "SCREENING", "SHORTLISTED", "INTERVIEW_SCHEDULED", "OFFERED", "HIRED"]


def _rank(column: str) -> str:
    cases = " ".join(f"WHEN '{s}' THEN {i + 1}" for i, s in enumerate(STAGES))
    return f"(CASE {column} {cases} ELSE 1 END)"


def dashboard_sql(by_job: bool) -> str:
    job_apps = "AND a.job_id = :job_id" if by_job else ""
    job_interviews = ("AND i.application_id IN (SELECT id FROM applications WHERE job_id = :job_id)"
                      if by_job else "")
    return f"""
WITH apps AS MATERIALIZED (
    SELECT a.id, a.status, a.source, a.screening_score
    FROM applications a JOIN jobs j ON j.id = a.job_id
    WHERE j.company_id = :company_id {job_apps} AND a.created_at >= :start AND a.created_at < :end
),
furthest AS (
    SELECT CASE WHEN a.status = 'REJECTED' THEN COALESCE((
               SELECT {_rank("h.from_status")} FROM application_status_history h
               WHERE h.application_id = a.id AND h.to_status = 'REJECTED' ORDER BY h.id DESC LIMIT 1), 1)
           ELSE {_rank("a.status")} END AS stage
    FROM apps a
),
stays AS (
    SELECT h.from_status,
           EXTRACT(EPOCH FROM h.changed_at - LAG(h.changed_at) OVER (PARTITION BY h.application_id
                                                                     ORDER BY h.changed_at, h.id)) AS seconds
    FROM application_status_history h JOIN apps a ON a.id = h.application_id
),
interviews_in_range AS (
    SELECT i.status, count(*) AS n FROM interviews i
    WHERE i.company_id = :company_id AND i.kind = 'AI' AND i.scheduled_at >= :start AND i.scheduled_at < :end
          {job_interviews}
    GROUP BY i.status
),
upcoming AS (
    SELECT i.id, i.scheduled_at, i.kind, i.duration_minutes, c.full_name, j.title
    FROM interviews i
    JOIN applications a ON a.id = i.application_id
    JOIN candidates c ON c.id = a.candidate_id
    JOIN jobs j ON j.id = a.job_id
    WHERE i.company_id = :company_id AND i.status = 'SCHEDULED' {job_apps}
          AND i.scheduled_at >= :week_start AND i.scheduled_at < :week_end
)
SELECT json_build_object(
    'total', (SELECT count(*) FROM apps),
    'furthest', (SELECT COALESCE(json_object_agg(stage, n), '{{}}') FROM
                 (SELECT stage, count(*) AS n FROM furthest GROUP BY stage) f),
    'current', (SELECT COALESCE(json_object_agg(status, n), '{{}}') FROM
                (SELECT status, count(*) AS n FROM apps GROUP BY status) c),
    'sources', (SELECT COALESCE(json_object_agg(source, n), '{{}}') FROM
                (SELECT source, count(*) AS n FROM apps GROUP BY source) s),
    'scores', (SELECT COALESCE(json_object_agg(b, n), '{{}}') FROM
               (SELECT LEAST(width_bucket(screening_score, 0, 100, 10), 10) AS b, count(*) AS n FROM apps
                WHERE screening_score IS NOT NULL GROUP BY 1) s),
    'unscored', (SELECT count(*) FROM apps WHERE screening_score IS NULL),
    'stays', (SELECT COALESCE(json_object_agg(from_status, json_build_object('median', med, 'n', n)), '{{}}') FROM
              (SELECT from_status, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS med, count(*) AS n
               FROM stays WHERE from_status IS NOT NULL AND seconds IS NOT NULL GROUP BY from_status) t),
    'interviews', (SELECT COALESCE(json_object_agg(status, n), '{{}}') FROM interviews_in_range),
    'upcoming_days', (SELECT COALESCE(json_object_agg(day, n), '{{}}') FROM
                      (SELECT to_char(scheduled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS n
                       FROM upcoming GROUP BY 1) d),
    'upcoming', (SELECT COALESCE(json_agg(u ORDER BY u.scheduled_at), '[]') FROM
                 (SELECT id, scheduled_at, kind, duration_minutes, full_name, title FROM upcoming
                  ORDER BY scheduled_at LIMIT :upcoming_limit) u)
)
"""
