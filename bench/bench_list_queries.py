"""The application list's SQL alone, before and after keyset pages (issue 22), on one job with 10,000 applications:
what Postgres spends per page, a figure that holds on a machine busy with other work better than HTTP latency does.

    .venv/bin/python bench/bench_list_queries.py [--before-repo /work/main] [--applications 10000] [--runs 200]

Two databases in one embedded Postgres get the same rows: `before` migrated by another checkout (the old indexes),
`after` by this one. "before" runs what the list did per page until issue 22 (a count of the job's applications, then
LIMIT 20 OFFSET 120); "after" runs the keyset page after the 120th row (no count). Execution time is Postgres' own
(EXPLAIN ANALYZE), median and p99 over the runs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import text

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bench_api import bulk_applications, percentile  # noqa: E402
from db.engine import make_engine, make_sessionmaker  # noqa: E402
from db.enums import JobStatus  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from db.models import Company, Job  # noqa: E402
from devstack.postgres import EmbeddedPostgres  # noqa: E402

COLUMNS = ("a.id, a.job_id, a.status, a.screening_score, a.created_at, a.updated_at, c.id AS candidate_id, "
           "c.full_name, c.email, c.phone, c.cv_filename, c.cv_content_type")
FROM = "FROM applications a JOIN candidates c ON c.id = a.candidate_id WHERE a.job_id = :job"
BEFORE = {
    "created_at desc": ["SELECT count(*) FROM applications a WHERE a.job_id = :job",
                        f"SELECT {COLUMNS} {FROM} ORDER BY a.created_at DESC LIMIT 20 OFFSET 120"],
    "screening_score desc": ["SELECT count(*) FROM applications a WHERE a.job_id = :job",
                             f"SELECT {COLUMNS} {FROM} ORDER BY a.screening_score DESC NULLS LAST LIMIT 20 OFFSET 120"],
}
AFTER = {
    "created_at desc": [f"SELECT {COLUMNS} {FROM} AND (a.created_at, a.id) < (:v, :id) "
                        "ORDER BY a.created_at DESC, a.id DESC LIMIT 21"],
    "screening_score desc": [f"SELECT {COLUMNS} {FROM} AND (a.screening_score, a.id) < (:v, :id) "
                             "AND a.screening_score IS NOT NULL "
                             "ORDER BY a.screening_score DESC NULLS LAST, a.id DESC LIMIT 21"],
}


async def execution_ms(url: str, statements: list[str], params: dict, runs: int) -> list[float]:
    engine = make_engine(url)
    times = []
    async with engine.connect() as conn:
        for _ in range(runs):
            total = 0.0
            for sql in statements:
                plan = (await conn.execute(text(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}"), params)).scalar_one()
                total += plan[0]["Execution Time"]
            times.append(total)
    await engine.dispose()
    return times


async def cursor_row(url: str, job: str, order: str) -> dict:
    """The 120th row's sort value and id in that order: where the keyset page starts."""
    engine = make_engine(url)
    column = order.split()[0]
    nulls = " NULLS LAST" if column == "screening_score" else ""
    async with engine.connect() as conn:
        row = (await conn.execute(text(f"SELECT {column} AS v, id FROM applications WHERE job_id = :job "
                                       f"ORDER BY {column} DESC{nulls}, id DESC OFFSET 119 LIMIT 1"),
                                  {"job": job})).one()
    await engine.dispose()
    return {"v": row.v, "id": row.id}


async def create_database(admin: str, name: str) -> str:
    engine = make_engine(admin)
    async with engine.connect() as conn:
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(text(f"CREATE DATABASE {name}"))
    await engine.dispose()
    return admin.rsplit("/", 1)[0] + f"/{name}"


async def seed(url: str, job: uuid.UUID, n: int) -> None:
    engine = make_engine(url)
    async with make_sessionmaker(engine)() as session, session.begin():
        company = Company(name="Bench", slug=f"bench-{job}")
        session.add(company)
        await session.flush()
        session.add(Job(id=job, company_id=company.id, title="Bench", status=JobStatus.OPEN))
    await engine.dispose()
    await bulk_applications(url, str(job), n)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before-repo", type=Path, default=Path("/work/main"))
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    results: dict = {"applications": args.applications, "runs": args.runs, "load_before": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="interviewly-bench-sql-") as tmp:
        pg = EmbeddedPostgres(Path(tmp) / "pg")
        admin = pg.start()
        try:
            urls = {name: asyncio.run(create_database(admin, f"bench_{name}")) for name in ("before", "after")}
            subprocess.run([sys.executable, "-c", f"from db.migrate import upgrade; upgrade({urls['before']!r})"],
                           cwd=args.before_repo, check=True)
            upgrade(urls["after"])
            job = uuid.uuid4()
            for url in urls.values():
                asyncio.run(seed(url, job, args.applications))
            for order in BEFORE:
                start = asyncio.run(cursor_row(urls["after"], str(job), order))
                before = asyncio.run(execution_ms(urls["before"], BEFORE[order], {"job": job}, args.runs))
                after = asyncio.run(execution_ms(urls["after"], AFTER[order], {"job": job, **start}, args.runs))
                results[order] = {
                    side: {"median_ms": round(statistics.median(t), 3), "p99_ms": round(percentile(t, 99), 3)}
                    for side, t in (("before", before), ("after", after))}
                print(order, json.dumps(results[order]))
        finally:
            pg.stop()
    results["load_after"] = os.getloadavg()[0]
    (REPO / ".artifacts").mkdir(exist_ok=True)
    (REPO / ".artifacts/bench_list_queries.json").write_text(json.dumps(results, indent=2))
    print(json.dumps({"load_before": results["load_before"], "load_after": results["load_after"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
