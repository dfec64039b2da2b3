"""Every periodic job's period becomes its cron through one function: the intervals it gives are the ones asked."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import pairwise

import pytest
from croniter import croniter

from api.queue.app import cron_every, make_queue_app


def _gaps(cron: str, n: int = 6) -> set[float]:
    it = croniter(cron, datetime(2026, 12, 1, 9, 0, 0, tzinfo=UTC))
    times = [it.get_next(datetime) for _ in range(n)]
    return {(b - a).total_seconds() for a, b in pairwise(times)}


@pytest.mark.parametrize("seconds", [1, 2, 5, 10, 30, 60, 300, 1800])
def test_a_period_that_divides_the_clock_is_kept_exactly(seconds: int) -> None:
    assert _gaps(cron_every(seconds)) == {float(seconds)}


def test_below_a_second_is_every_second_and_odd_periods_never_run_less_often() -> None:
    assert _gaps(cron_every(0.2)) == {1.0}
    assert max(_gaps(cron_every(45), 12)) <= 45  # :00 and :45 of each minute
    assert max(_gaps(cron_every(90), 12)) <= 90  # every minute


def test_each_periodic_job_runs_at_the_period_it_was_given() -> None:
    periods = {"lifecycle:tick": 2, "email_tick:tick": 30, "webhooks_tick:tick": 5, "queue:retry_stalled": 10,
               "screening_sweep:sweep": 300}
    app = make_queue_app("postgresql+asyncpg://nobody@127.0.0.1:1/none", lifecycle_tick_seconds=2,
                         email_tick_seconds=30, webhook_tick_seconds=5, stalled_check_seconds=10,
                         screening_sweep_seconds=300)
    crons = {p.task.name: p.cron for p in app.periodic_registry.periodic_tasks.values()}
    assert set(crons) == set(periods)
    for name, seconds in periods.items():
        assert _gaps(crons[name]) == {float(seconds)}, name
