"""Bulk import benchmark (issue 18): 10,000 CSV rows without CVs, from upload to the last row written, screening
of every application queued. Target: under 60 s on this 2-core machine.

    .venv/bin/python bench/bench_import.py [--rows 10000]

Starts its own embedded Postgres; the API runs in this process (Litestar's test client) and the import job runs
exactly as the queue worker runs it. Prints the upload/dry-run time, the import time and rows per second.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QUEUE_WORKER", "0")

from sqlalchemy import text  # noqa: E402

from api.app import create_app  # noqa: E402
from api.config import Settings  # noqa: E402
from api.imports.runner import ImportRuntime, run_import  # noqa: E402
from api.storage.services import make_storage  # noqa: E402
from db.engine import make_engine, make_sessionmaker  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from devstack.postgres import EmbeddedPostgres  # noqa: E402


def sheet(rows: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Email", "Full name", "Phone", "Notes"])
    for i in range(rows):
        writer.writerow([f"bench{i}@import.test", f"Bench Person {i}", f"+44 20 7946 {i % 10000:04d}",
                         "sourced at the spring fair"])
    return out.getvalue().encode()


async def run(database_url: str, tmp: Path, rows: int) -> None:
    from litestar.testing import AsyncTestClient

    settings = Settings.from_env(env="test", database_url=database_url, dev_auth=True, access_log=False,
                                 log_level="WARNING", storage_local_dir=tmp / "uploads",
                                 dev_issuer_key_path=tmp / "key.pem", principal_cache_seconds=0)
    content = sheet(rows)
    async with AsyncTestClient(create_app(settings), base_url="http://bench.local") as client:
        token = (await client.post("/api/auth/dev/token", json={
            "sub": "bench|rec", "email": "rec@bench.test", "name": "Bench", "role": "RECRUITER",
            "company_name": "Bench Corp"})).json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        job = (await client.post("/api/ats/v1/jobs", headers=headers,
                                 json={"title": "Welder", "status": "OPEN"})).json()
        t0 = time.perf_counter()
        r = await client.post(f"/api/ats/v1/jobs/{job['id']}/imports", headers=headers,
                              files={"file": ("people.csv", content, "text/csv")})
        assert r.status_code == 201, r.text
        preview_s = time.perf_counter() - t0
        batch_id = r.json()["id"]
        assert r.json()["counts"]["create"] == rows
        r = await client.post(f"/api/ats/v1/imports/{batch_id}/commit", headers=headers)
        assert r.status_code == 202, r.text
    engine = make_engine(database_url)
    sessionmaker = make_sessionmaker(engine)
    t1 = time.perf_counter()
    status = await run_import(ImportRuntime(sessionmaker, storage=make_storage(settings)), uuid.UUID(batch_id))
    import_s = time.perf_counter() - t1
    async with sessionmaker() as s:
        queued = await s.scalar(text("SELECT count(*) FROM procrastinate.procrastinate_jobs "
                                     "WHERE task_name = 'screening:screen_application'"))
        imported = await s.scalar(text("SELECT count(*) FROM applications WHERE source = 'IMPORTED'"))
    await engine.dispose()
    print(f"bench_import: {rows} rows, {len(content) / 1e6:.1f} MB CSV, no CVs")
    print(f"  upload + dry-run preview : {preview_s:6.1f} s")
    print(f"  import job ({status})  : {import_s:6.1f} s  ({rows / import_s:,.0f} rows/s)")
    print(f"  total                    : {preview_s + import_s:6.1f} s  (target < 60 s)")
    print(f"  applications imported    : {imported}, screening jobs queued: {queued}")
    if imported != rows or queued != rows or preview_s + import_s >= 60:
        raise SystemExit("bench_import: target missed")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        pg = EmbeddedPostgres(Path(tmp) / "pg")
        url = pg.start()
        try:
            upgrade(url)
            asyncio.run(run(url, Path(tmp), args.rows))
        finally:
            pg.stop()


if __name__ == "__main__":
    main()
