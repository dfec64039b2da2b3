"""Dashboard benchmark (issue 18): one company with 100,000 applications (20 jobs, ~250,000 status changes,
10,000 AI interviews), the company and job dashboards asked over HTTP from this process against uvicorn running
as another process. Target: p95 under 200 ms for the company dashboard.

    .venv/bin/python bench/bench_dashboard.py [--applications 100000] [--requests 100]

Starts its own embedded Postgres. Requests are sequential (one recruiter looking at the page); each timing is the
whole HTTP round trip.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import httpx
from sqlalchemy import text

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from db.engine import make_engine  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from devstack.postgres import EmbeddedPostgres  # noqa: E402
from tests.api.server import api_env, run_api  # noqa: E402

STAGES = ["APPLIED", "SCREENING", "SHORTLISTED", "INTERVIEW_SCHEDULED", "OFFERED", "HIRED"]
SEED = [
    """CREATE TEMP TABLE seed AS
       SELECT g, gen_random_uuid() AS cid, gen_random_uuid() AS aid,
              (SELECT array_agg(id ORDER BY id) FROM jobs WHERE company_id = :company)[1 + (g % 20)] AS job_id,
              now() - make_interval(secs => random() * 80 * 86400) AS created,
              1 + floor(6 * power(random(), 2.2))::int AS reached,
              random() < 0.3 AS rejected,
              CASE WHEN random() < 0.85 THEN round((random() * 100)::numeric, 1) END AS score,
              (ARRAY['APPLIED', 'APPLIED', 'IMPORTED', 'MANUAL'])[1 + (g % 4)] AS source
       FROM generate_series(1, :n) g""",
    """INSERT INTO candidates (id, full_name, email, created_at, updated_at)
       SELECT cid, 'Applicant ' || g, 'applicant' || g || '@bench.test', created, created FROM seed""",
    """INSERT INTO applications (id, job_id, candidate_id, status, source, screening_score, created_at, updated_at)
       SELECT aid, job_id, cid,
              CASE WHEN rejected AND reached < 6 THEN 'REJECTED' ELSE (CAST(:stages AS text[]))[reached] END,
              source, score, created, created FROM seed""",
    """INSERT INTO application_status_history (application_id, from_status, to_status, changed_at)
       SELECT aid, CASE WHEN k > 1 THEN (CAST(:stages AS text[]))[k - 1] END, (CAST(:stages AS text[]))[k],
              created + make_interval(hours => (k - 1) * 20 + (g % 17))
       FROM seed, generate_series(1, seed.reached) k""",
    """INSERT INTO application_status_history (application_id, from_status, to_status, changed_at)
       SELECT aid, (CAST(:stages AS text[]))[reached], 'REJECTED', created + make_interval(hours => reached * 20 + 5)
       FROM seed WHERE rejected AND reached < 6""",
    """INSERT INTO interviews (id, application_id, company_id, kind, mode, status, scheduled_at, duration_minutes,
                               note_taker, dispatch_attempts, created_at, updated_at)
       SELECT gen_random_uuid(), aid, :company, 'AI', 'RECRUITING',
              (ARRAY['COMPLETED', 'COMPLETED', 'COMPLETED', 'NO_SHOW', 'INTERRUPTED', 'CANCELLED'])[1 + (g % 6)],
              created + interval '3 days', 30, false, 0, created, created
       FROM seed WHERE reached >= 4 LIMIT 10000""",
    """INSERT INTO interviews (id, application_id, company_id, kind, mode, status, scheduled_at, duration_minutes,
                               note_taker, dispatch_attempts, created_at, updated_at)
       SELECT gen_random_uuid(), aid, :company, 'AI', 'RECRUITING', 'SCHEDULED',
              now() + make_interval(mins => (g % 10000)), 30, false, 0, now(), now()
       FROM seed WHERE reached = 4 AND NOT rejected LIMIT 200""",
]


async def seed(database_url: str, n: int) -> tuple[str, str]:
    engine = make_engine(database_url)
    company = uuid.uuid4()
    async with engine.begin() as conn:
        await conn.execute(text("INSERT INTO companies (id, name, slug, created_at, updated_at) "
                                "VALUES (:c, 'Bench Corp', 'bench-corp', now(), now())"), {"c": company})
        await conn.execute(text("INSERT INTO jobs (id, company_id, title, description, requirements, status, "
                                "created_at, updated_at) SELECT gen_random_uuid(), :c, 'Job ' || g, '', '', 'OPEN', "
                                "now(), now() FROM generate_series(1, 20) g"), {"c": company})
    for statement in SEED:
        async with engine.begin() as conn:
            if statement.startswith("CREATE TEMP"):
                await conn.execute(text("DROP TABLE IF EXISTS seed"))
            await conn.execute(text(statement.replace("CREATE TEMP TABLE", "CREATE UNLOGGED TABLE")),
                               {"company": company, "n": n, "stages": STAGES})
    async with engine.connect() as conn:
        # what autovacuum does after a burst of writes (the seed writes every application's history at once)
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(text("VACUUM ANALYZE"))
    async with engine.begin() as conn:
        await conn.execute(text("DROP TABLE seed"))
        job = (await conn.execute(text("SELECT id FROM jobs WHERE company_id = :c LIMIT 1"), {"c": company})).scalar()
        counts = (await conn.execute(text("SELECT (SELECT count(*) FROM applications), "
                                          "(SELECT count(*) FROM application_status_history), "
                                          "(SELECT count(*) FROM interviews)"))).one()
    await engine.dispose()
    print(f"seeded: {counts[0]:,} applications, {counts[1]:,} status changes, {counts[2]:,} interviews")
    return str(company), str(job)


def timings(base: str, path: str, headers: dict[str, str], requests: int) -> list[float]:
    out = []
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        for i in range(requests + 5):
            t = time.perf_counter()
            r = client.get(path)
            elapsed = (time.perf_counter() - t) * 1000
            r.raise_for_status()
            if i >= 5:  # the first few warm the caches and the connection pool
                out.append(elapsed)
    return out


async def sql_timings(database_url: str, company: str, requests: int) -> list[float]:
    """The dashboard's own work, without HTTP: the service function on one connection, as the endpoint calls it."""
    from api.dashboards.services import dashboard
    from db.engine import make_sessionmaker

    engine = make_engine(database_url)
    out = []
    async with make_sessionmaker(engine)() as session:
        for i in range(requests + 5):
            t = time.perf_counter()
            async with session.begin():
                await dashboard(session, uuid.UUID(company))
            if i >= 5:
                out.append((time.perf_counter() - t) * 1000)
    await engine.dispose()
    return out


def report(name: str, ms: list[float]) -> float:
    ms = sorted(ms)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    print(f"  {name:<20} p50 {statistics.median(ms):6.1f} ms   p95 {p95:6.1f} ms   max {ms[-1]:6.1f} ms "
          f"({len(ms)} requests)")
    return p95


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-dash-") as tmp:
        pg = EmbeddedPostgres(Path(tmp) / "pg")
        url = pg.start()
        try:
            upgrade(url)
            company, job = asyncio.run(seed(url, args.applications))
            livekit = SimpleNamespace(url="ws://127.0.0.1:9", http_url="http://127.0.0.1:9", api_key="devkey",
                                      api_secret="interviewly-dev-secret-not-for-production")
            env = api_env(url, livekit, Path(tmp), QUEUE_WORKER="0", PRINCIPAL_CACHE_SECONDS="30")
            with run_api(env) as base:
                token = httpx.post(f"{base}/api/auth/dev/token", json={
                    "sub": "bench|dash", "email": "dash@bench.test", "name": "Dash", "role": "RECRUITER",
                    "company_name": "Bench Corp"}).json()["token"]
                engine_fix(url, company)
                headers = {"Authorization": f"Bearer {token}"}
                print(f"bench_dashboard: {args.applications:,} applications in one company "
                      f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
                p95 = report("company dashboard", timings(base, "/api/ats/v1/dashboards/company", headers,
                                                          args.requests))
                report("job dashboard", timings(base, f"/api/ats/v1/dashboards/jobs/{job}", headers, args.requests))
                report("company, SQL only", asyncio.run(sql_timings(url, company, args.requests)))
        finally:
            pg.stop()
    print(f"  load average after: {os.getloadavg()[0]:.1f}")
    print(f"  target: company dashboard p95 < 200 ms: {'met' if p95 < 200 else 'MISSED'}")
    if p95 >= 200:
        raise SystemExit(1)


def engine_fix(url: str, company: str) -> None:
    """The dev token made its own company: move the recruiter to the seeded one (their membership and the company
    they act in by default)."""

    async def move() -> None:
        engine = make_engine(url)
        async with engine.begin() as conn:
            await conn.execute(text("UPDATE recruiter_profiles SET company_id = :c"), {"c": company})
            await conn.execute(text("UPDATE company_memberships SET company_id = :c"), {"c": company})
        await engine.dispose()

    asyncio.run(move())


if __name__ == "__main__":
    main()
