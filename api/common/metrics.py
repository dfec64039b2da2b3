"""Prometheus metrics of the API (issue 22): `GET /metrics`.

Request latency is a histogram by method, route template (`/api/ats/v1/jobs/{job_id}/applications`, never the
path itself: ids would make a series per row) and status. Queue depth, failed jobs, candidates waiting for an
interviewer and the database pool are read when scraped. With several uvicorn workers in one container set
PROMETHEUS_MULTIPROC_DIR (an empty directory) so a scrape adds up every worker; one process per container (the
Kubernetes shape) needs nothing. With METRICS_TOKEN set, a scrape must send `Authorization: Bearer <token>`.
"""

from __future__ import annotations

import hmac
import os
import time
from typing import Any

from litestar import Request, Response, get
from litestar.exceptions import NotAuthorizedException
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

REQUEST_BUCKETS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUEST_LATENCY = Histogram("interviewly_http_request_duration_seconds", "API request latency by route template",
                            ("method", "route", "status"), buckets=REQUEST_BUCKETS)
IN_FLIGHT = Gauge("interviewly_http_requests_in_flight", "Requests being answered", multiprocess_mode="livesum")
RATE_LIMITED = Counter("interviewly_rate_limited", "Requests refused with 429", ("limit", "per"))
QUEUE_JOBS = Gauge("interviewly_queue_jobs", "Jobs on the Postgres queue by queue and status (todo, doing, failed)",
                   ("queue", "status"), multiprocess_mode="livemax")
QUEUE_FAILED = Gauge("interviewly_queue_failed_jobs", "Queue jobs that failed for good, by task",
                     ("task",), multiprocess_mode="livemax")
WAITING = Gauge("interviewly_interviews_waiting", "Candidates waiting for a free interviewer",
                multiprocess_mode="livemax")
AGENT_SLOTS = Gauge("interviewly_agent_workers_slots", "Agent workers' interview slots as they last reported them",
                    ("state",), multiprocess_mode="livemax")
DB_POOL = Gauge("interviewly_db_pool_connections", "The API's database connections by state",
                ("state",), multiprocess_mode="livesum")

QUEUE_SQL = text("SELECT queue_name, status::text AS status, count(*) AS n FROM procrastinate.procrastinate_jobs "
                 "WHERE status IN ('todo', 'doing', 'failed') GROUP BY 1, 2")
FAILED_SQL = text("SELECT task_name, count(*) AS n FROM procrastinate.procrastinate_jobs WHERE status = 'failed' "
                  "GROUP BY 1")
WAITING_SQL = text("SELECT count(*) FROM interviews WHERE waiting_since IS NOT NULL")
SLOTS_SQL = text("SELECT coalesce(sum(max_jobs), 0) AS total, coalesce(sum(active_jobs), 0) AS busy "
                 "FROM agent_workers WHERE heartbeat_at > now() - interval '30 seconds'")


class MetricsMiddleware:
    """Times every routed request (the route template is known once Litestar has routed it)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = [500]

        async def send_status(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        IN_FLIGHT.inc()
        try:
            await self.app(scope, receive, send_status)
        finally:
            IN_FLIGHT.dec()
            route = scope.get("path_template") or "unrouted"  # type: ignore[typeddict-item]
            REQUEST_LATENCY.labels(scope["method"], route, str(status[0])).observe(time.perf_counter() - started)


def _pool(engine: Any) -> None:
    pool = engine.pool
    for state, read in (("size", "size"), ("checked_out", "checkedout"), ("idle", "checkedin"),
                        ("overflow", "overflow")):
        if hasattr(pool, read):
            DB_POOL.labels(state).set(max(0, getattr(pool, read)()))


async def _from_database(engine: Any) -> None:
    async with engine.connect() as conn:
        await conn.execute(text("SET LOCAL statement_timeout = '2s'"))
        seen: set[tuple[str, str]] = set()
        for row in await conn.execute(QUEUE_SQL):
            QUEUE_JOBS.labels(row.queue_name, row.status).set(row.n)
            seen.add((row.queue_name, row.status))
        for queue, status in _known_queue_labels() - seen:
            QUEUE_JOBS.labels(queue, status).set(0)  # emptied since the last scrape
        for row in await conn.execute(FAILED_SQL):
            QUEUE_FAILED.labels(row.task_name).set(row.n)
        WAITING.set(await conn.scalar(WAITING_SQL) or 0)
        slots = (await conn.execute(SLOTS_SQL)).one()
        AGENT_SLOTS.labels("total").set(slots.total)
        AGENT_SLOTS.labels("busy").set(slots.busy)
        AGENT_SLOTS.labels("free").set(max(0, slots.total - slots.busy))


def _known_queue_labels() -> set[tuple[str, str]]:
    return {tuple(s.labels.values()) for m in QUEUE_JOBS.collect() for s in m.samples}  # type: ignore[misc]


def exposition() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest()


@get("/metrics", include_in_schema=False, media_type=CONTENT_TYPE_LATEST)
async def metrics_endpoint(request: Request) -> Response[bytes]:
    settings = request.app.state.settings
    if settings.metrics_token:
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {settings.metrics_token}".encode()):
            raise NotAuthorizedException("metrics need the METRICS_TOKEN bearer token")
    engine = request.app.state.db_engine
    _pool(engine)
    try:
        await _from_database(engine)
    except (SQLAlchemyError, OSError):
        pass  # the request series still answer while the database is away (the health check reports it)
    return Response(exposition(), media_type=CONTENT_TYPE_LATEST)
