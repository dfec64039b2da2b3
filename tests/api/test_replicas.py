"""Two real API processes on one database (issue 22): a rate limit holds across them (the buckets live in Postgres,
not in either process), and each serves Prometheus /metrics whose series move with the traffic."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import httpx
import pytest

from tests.api.server import api_env, run_api

PER_IP = 4
PER_USER = 3
CV_TEXT = "Jane Doe\nExperience\nBackend developer at Acme, 2019-2024: Python, PostgreSQL.\nSkills\nPython"


@pytest.fixture(scope="module")
def two_apis(database_url: str, livekit: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    tmp = tmp_path_factory.mktemp("replicas")
    env = api_env(database_url, livekit, tmp, APPLY_RATE_LIMIT_PER_MINUTE=str(PER_IP),
                  COSTLY_RATE_LIMIT_PER_MINUTE=str(PER_USER), METRICS_TOKEN="scrape-secret",
                  # replicas behind one address: one token issuer for both
                  PUBLIC_BASE_URL="http://127.0.0.1:8000")
    with ExitStack() as stack:
        bases = [stack.enter_context(run_api(env, log=tmp / f"api-{n}.log")) for n in range(2)]
        yield bases


def test_the_limit_holds_across_two_processes(two_apis: list[str], db_sessionmaker: Any) -> None:
    a, b = (httpx.Client(base_url=base, timeout=30) for base in two_apis)
    # per address: requests alternate between the processes; each counts in the same bucket. A job that does not
    # exist still counts (the limit comes before the handler), so nothing else is needed
    url = "/api/ats/v1/jobs/00000000-0000-0000-0000-000000000000/apply"
    codes = [(a if n % 2 == 0 else b).post(url, data={"full_name": "x", "email": "x@example.test"}).status_code
             for n in range(PER_IP + 4)]
    assert codes[:PER_IP].count(429) == 0 and codes[PER_IP:] == [429] * 4, codes
    refused = b.post(url, data={"full_name": "x", "email": "x@example.test"})
    assert refused.json()["extra"] == {"limit": "apply", "per": "address",
                                       "retry_after": int(refused.headers["retry-after"])}
    # per user: a token issued by one process, spent on both
    token = a.post("/api/auth/dev/token", json={"sub": "cand-replicas", "role": "CANDIDATE"}).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    codes = [(b if n % 2 == 0 else a).post("/api/candidate/v1/cv/analyses", files={"cv_text": (None, CV_TEXT)},
                                           headers=headers).status_code for n in range(PER_USER + 2)]
    assert 429 not in codes[:PER_USER] and codes[PER_USER:] == [429, 429], codes


def _series(text: str, name: str, **labels: str) -> float:
    """The sum of a metric's samples whose labels include `labels` (0 when absent)."""
    total = 0.0
    for line in text.splitlines():
        m = re.match(rf"^{re.escape(name)}(\{{.*\}})? (\S+)$", line)  # route labels hold braces themselves
        if not m:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1) or ""))
        if all(found.get(k) == v for k, v in labels.items()):
            total += float(m.group(2))
    return total


def test_each_process_serves_metrics_that_move(two_apis: list[str], db_sessionmaker: Any) -> None:
    scrape = {"Authorization": "Bearer scrape-secret"}
    for base in two_apis:
        api = httpx.Client(base_url=base, timeout=30)
        assert api.get("/metrics").status_code == 401  # METRICS_TOKEN is set
        before = api.get("/metrics", headers=scrape).text
        token = api.post("/api/auth/dev/token", json={"sub": f"rec-{base[-5:]}", "role": "RECRUITER",
                                                      "company_name": "Metrics Co"}).json()["token"]
        auth = {"Authorization": f"Bearer {token}"}
        job = api.post("/api/ats/v1/jobs", json={"title": "Metrics", "status": "OPEN"}, headers=auth).json()
        for _ in range(3):
            assert api.get(f"/api/ats/v1/jobs/{job['id']}/applications", headers=auth).status_code == 200
        after = api.get("/metrics", headers=scrape).text
        route = "/api/ats/v1/jobs/{job_id}/applications"
        count = "interviewly_http_request_duration_seconds_count"
        assert _series(after, count, route=route, status="200") - _series(before, count, route=route) == 3
        assert _series(after, "interviewly_http_request_duration_seconds_bucket", route=route, le="+Inf") >= 3
        # the path itself (with the job's id) is never a label
        assert job["id"] not in after
        for name in ("interviewly_db_pool_connections", "interviewly_interviews_waiting",
                     "interviewly_agent_workers_slots", "interviewly_http_requests_in_flight"):
            assert re.search(rf"^{name}[{{ ]", after, re.M), name
        assert _series(after, "interviewly_db_pool_connections", state="size") >= 1
        assert _series(after, "interviewly_rate_limited_total", limit="apply") >= 0


def test_queue_depth_is_read_from_the_queue(two_apis: list[str], db_sessionmaker: Any) -> None:
    """Applying defers a screening job (no queue worker runs in these processes): the depth shows it."""
    from tests.api.conftest import PDF_BYTES

    api = httpx.Client(base_url=two_apis[0], timeout=30)
    token = api.post("/api/auth/dev/token", json={"sub": "rec-queue", "role": "RECRUITER",
                                                  "company_name": "Queue Co"}).json()["token"]
    job = api.post("/api/ats/v1/jobs", json={"title": "Queue", "status": "OPEN"},
                   headers={"Authorization": f"Bearer {token}"}).json()
    scrape = {"Authorization": "Bearer scrape-secret"}
    depth = {"queue": "screening", "status": "todo"}
    before = _series(api.get("/metrics", headers=scrape).text, "interviewly_queue_jobs", **depth)
    for n in range(2):
        r = api.post(f"/api/ats/v1/jobs/{job['id']}/apply", data={"full_name": "Q", "email": f"q{n}@example.test"},
                     files={"cv": ("cv.pdf", PDF_BYTES, "application/pdf")})
        assert r.status_code == 201, r.text
    # read by the other process: the depth is the queue's, not a process's
    after = _series(httpx.get(f"{two_apis[1]}/metrics", headers=scrape).text, "interviewly_queue_jobs", **depth)
    assert after - before == 2, (before, after)


async def test_a_database_outage_lets_requests_through_to_their_own_503() -> None:
    """The store against a Postgres port nobody listens on (a refused connection, as in an outage)."""
    from api.common.ratelimit_pg import PostgresRateLimitStore
    from db.engine import make_engine
    from devstack.ports import free_port

    engine = make_engine(f"postgresql+asyncpg://nobody:x@127.0.0.1:{free_port()}/none")
    store = PostgresRateLimitStore(engine)
    assert [await store.take("apply:ip:1", 1) for _ in range(3)] == [0.0, 0.0, 0.0] and store.failures == 3
    await engine.dispose()
