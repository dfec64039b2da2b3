"""`interviewly rescreen [--job JOB_ID] [--all] [--retry-failed] [--dry-run]`: queue the re-scoring of stored
screenings (DATABASE_URL) now, instead of batch by batch with the workers' sweep (api/screening/tasks.py).

By default the stale ones only: stored by another scoring method than this version's, or before methods were
recorded. --all: every screening (of the job, with --job). --retry-failed: also those whose re-scoring for this
method failed for good (the sweep leaves them). The queue's workers do the scoring; a stored screening stays as it
is until its new score is stored.
"""

from __future__ import annotations

import argparse
import asyncio
import uuid

from api.screening.scoring import SCORING_METHOD
from api.screening.tasks import enqueue_stale, stale_counts
from db.engine import DatabaseNotConfigured, make_engine, make_sessionmaker


async def rescreen(url: str | None, *, job_id: uuid.UUID | None, everything: bool, retry_failed: bool,
                   dry_run: bool) -> tuple[dict[str | None, int], int]:
    """(the stale screenings by method, how many re-screenings were queued)."""
    engine = make_engine(url, pool_size=1, max_overflow=0)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            counts = await stale_counts(session, job_id=job_id)
            queued = 0 if dry_run else await enqueue_stale(
                session, job_id=job_id, include_current=everything, retry_failed=retry_failed)
        return counts, queued
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None, *, database_url: str | None = None) -> int:
    parser = argparse.ArgumentParser(prog="interviewly rescreen", description=__doc__.split("\n\n")[0])
    parser.add_argument("--job", type=uuid.UUID, help="only this job's applications (its id)")
    parser.add_argument("--all", action="store_true", help="current screenings too, not only stale ones")
    parser.add_argument("--retry-failed", action="store_true",
                        help="also screenings whose re-scoring for this method failed for good")
    parser.add_argument("--dry-run", action="store_true", help="count the stale screenings, queue nothing")
    args = parser.parse_args(argv)
    try:
        counts, queued = asyncio.run(rescreen(database_url, job_id=args.job, everything=args.all,
                                              retry_failed=args.retry_failed, dry_run=args.dry_run))
    except DatabaseNotConfigured as exc:
        parser.error(str(exc))
    print(f"scoring method: {SCORING_METHOD}")
    for method, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"stale: {n} scored by {method or 'an unrecorded method'}")
    if not counts:
        print("stale: none")
    if not args.dry_run:
        print(f"queued for re-scoring: {queued} (the queue's workers score them)")
    return 0
