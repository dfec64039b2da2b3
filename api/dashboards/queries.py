"""The dashboard in one SQL statement: every figure is an aggregate Postgres computes over the company's (or the
job's) applications created in the date range; only the aggregates travel back, as one JSON document.

The application figures come from ``pipeline_facts`` (db/models/dashboards.py: one narrow row per application that
triggers keep current): one grouped count and one pass of medians over that table:

- funnel: how far each application got (``furthest``: a rejection keeps the stage it was rejected from);
- time in stage: entered to left, median per stage (stays still open are not counted);
- sources, the screening-score histogram;

and, from ``interviews``, AI interview outcomes (by scheduled time) and the week's upcoming interviews.
"""

from __future__ import annotations

STAGES = ["APPLIED", "SCREENING", "SHORTLISTED", "INTERVIEW_SCHEDULED", "OFFERED", "HIRED"]
STAY_COLUMNS = ["applied_s", "screening_s", "shortlisted_s", "interview_s", "offered_s"]


def _medians() -> str:
    return ",\n        ".join(f"percentile_cont(0.5) WITHIN GROUP (ORDER BY {col}) AS median_{k}, "
                                f"count({col}) AS stays_{k}" for k, col in enumerate(STAY_COLUMNS, start=1))


def dashboard_sql(by_job: bool) -> str:
    scope = "f.job_id = :job_id" if by_job else "f.company_id = :company_id"
    job_interviews = ("AND i.application_id IN (SELECT id FROM applications WHERE job_id = :job_id)"
                      if by_job else "")
    job_apps = "AND a.job_id = :job_id" if by_job else ""
    return f"""
WITH groups AS (
    -- one hash aggregate: at most 6 x 7 x 3 x 11 groups, summed below
    SELECT furthest, status, source,
           CASE WHEN screening_score IS NULL THEN 0 ELSE LEAST(width_bucket(screening_score, 0, 100, 10), 10) END
               AS band,
           count(*) AS n
    FROM pipeline_facts f
    WHERE {scope} AND f.created_at >= :start AND f.created_at < :end
    GROUP BY 1, 2, 3, 4
),
medians AS (
    SELECT {_medians()}
    FROM pipeline_facts f
    WHERE {scope} AND f.created_at >= :start AND f.created_at < :end
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
    'furthest', (SELECT COALESCE(json_object_agg(furthest, n), '{{}}') FROM
                 (SELECT furthest, sum(n) AS n FROM groups GROUP BY 1) x),
    'status', (SELECT COALESCE(json_object_agg(status, n), '{{}}') FROM
               (SELECT status, sum(n) AS n FROM groups GROUP BY 1) x),
    'source', (SELECT COALESCE(json_object_agg(source, n), '{{}}') FROM
               (SELECT source, sum(n) AS n FROM groups GROUP BY 1) x),
    'band', (SELECT COALESCE(json_object_agg(band, n), '{{}}') FROM
             (SELECT band, sum(n) AS n FROM groups GROUP BY 1) x),
    'medians', (SELECT row_to_json(medians) FROM medians),
    'interviews', (SELECT COALESCE(json_object_agg(status, n), '{{}}') FROM interviews_in_range),
    'upcoming_days', (SELECT COALESCE(json_object_agg(day, n), '{{}}') FROM
                      (SELECT to_char(scheduled_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS n
                       FROM upcoming GROUP BY 1) d),
    'upcoming', (SELECT COALESCE(json_agg(u ORDER BY u.scheduled_at), '[]') FROM
                 (SELECT id, scheduled_at, kind, duration_minutes, full_name, title FROM upcoming
                  ORDER BY scheduled_at LIMIT :upcoming_limit) u)
)
"""
