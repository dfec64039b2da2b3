"""Rate limits per address and per user, with Retry-After (issue 14, finding 6): an Authorization header no longer
skips the count on the join-code token endpoint, and the costly endpoints (coach, CV rewrites and analyses,
practice and booked AI interviews) are limited too."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from litestar.testing import AsyncTestClient

from api.app import create_app
from api.config_checks import RATE_LIMIT_FIELDS
from tests.api.conftest import apply, build_world, create_job, dev_user, in_minutes, make_settings
from tests.consent import join_body

CV_TEXT = "Jane Doe\nExperience\nBackend developer at Acme, 2019-2024: Python, PostgreSQL, Docker.\nSkills\nPython"


@asynccontextmanager
async def _client(database_url: str, livekit: Any, tmp_path: Any, **limits: int) -> AsyncIterator[AsyncTestClient]:
    settings = make_settings(database_url, livekit, tmp_path, **{**{f: 100_000 for f in RATE_LIMIT_FIELDS}, **limits})
    async with AsyncTestClient(create_app(settings), base_url="http://testserver.local") as client:
        yield client


def _assert_limited(r: Any, limit: str, per: str) -> None:
    assert r.status_code == 429, r.text
    body = r.json()
    assert body["extra"]["limit"] == limit and body["extra"]["per"] == per, body
    assert 1 <= int(r.headers["retry-after"]) <= 60 and body["extra"]["retry_after"] == int(r.headers["retry-after"])


async def test_an_authorization_header_does_not_skip_the_join_limit(database_url, livekit, tmp_path,
                                                                     db_sessionmaker) -> None:
    async with _client(database_url, livekit, tmp_path, join_rate_limit_per_minute=3) as api:
        world = await build_world(api)
        codes = []
        for headers in ({}, {"Authorization": "x"}, {"Authorization": "Bearer forged"}, {"Authorization": "x"}):
            r = await api.post("/api/livekit/token", json=join_body(world.join_code), headers=headers)
            codes.append(r.status_code)
        assert codes[:3] == [200, 200, 200], codes
        _assert_limited(r, "join", "address")


async def test_a_user_is_limited_across_addresses_and_an_address_across_users(database_url, livekit, tmp_path,
                                                                               db_sessionmaker) -> None:
    async with _client(database_url, livekit, tmp_path, costly_rate_limit_per_minute=2) as api:
        ann, bob = await dev_user(api, "cand-ann", "CANDIDATE"), await dev_user(api, "cand-bob", "CANDIDATE")
        form = {"cv_text": (None, CV_TEXT)}
        for _ in range(2):
            assert (await api.post("/api/candidate/v1/cv/analyses", files=form, headers=ann.headers)).status_code == 201
        _assert_limited(await api.post("/api/candidate/v1/cv/analyses", files=form, headers=ann.headers),
                        "cv-analysis", "account")
        assert (await api.post("/api/candidate/v1/cv/analyses", files=form, headers=bob.headers)).status_code == 201
    async with _client(database_url, livekit, tmp_path, costly_rate_limit_per_ip_per_minute=2) as api:
        users = [await dev_user(api, f"cand-{n}", "CANDIDATE") for n in range(3)]
        codes = [(await api.post("/api/candidate/v1/cv/analyses", files=form, headers=u.headers)).status_code
                 for u in users[:2]]
        assert codes == [201, 201]
        _assert_limited(await api.post("/api/candidate/v1/cv/analyses", files=form, headers=users[2].headers),
                        "cv-analysis", "address")


async def test_every_costly_endpoint_is_limited(database_url, livekit, tmp_path, db_sessionmaker) -> None:
    async with _client(database_url, livekit, tmp_path, costly_rate_limit_per_minute=1,
                       booking_rate_limit_per_minute=1) as api:
        candidate = await dev_user(api, "cand-costly", "CANDIDATE")
        recruiter = await dev_user(api, "rec-costly", "RECRUITER", "Costly Inc")
        job = await create_job(api, recruiter)
        app_id = (await apply(api, job["id"])).json()["application_id"]
        calls = {
            "coach": ("/api/candidate/v1/coach/chat", {"json": {"messages": [{"role": "user", "content": "hi"}]}}),
            "cv-rewrite": ("/api/candidate/v1/cv/rewrites", {"json": {"cv_text": CV_TEXT, "style": "MODERN"}}),
            "cv-analysis": ("/api/candidate/v1/cv/analyses", {"files": {"cv_text": (None, CV_TEXT)}}),
            "mock-interview": ("/api/candidate/v1/mock-interviews", {"json": {"target_role": "Backend engineer"}}),
        }
        for limit, (path, body) in calls.items():
            first = await api.post(path, headers=candidate.headers, **body)
            assert first.status_code != 429, (limit, first.text)  # (503 where no LLM is configured: still counted)
            _assert_limited(await api.post(path, headers=candidate.headers, **body), limit, "account")
        booking = {"kind": "AI", "scheduled_at": in_minutes(30), "duration_minutes": 30}
        url = f"/api/ats/v1/applications/{app_id}/interviews"
        assert (await api.post(url, json=booking, headers=recruiter.headers)).status_code == 201
        _assert_limited(await api.post(url, json=booking, headers=recruiter.headers), "booking", "account")
        # other endpoints are not counted
        assert (await api.get("/api/candidate/v1/plan", headers=candidate.headers)).status_code == 200
