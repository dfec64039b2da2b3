from __future__ import annotations

import json

from tests.api.conftest import API_AGENT, apply, create_job, dev_user
from tests.consent import join_body


async def test_recruiter_creates_job_and_candidate_applies(api) -> None:
    recruiter = await dev_user(api, "rec-a", "RECRUITER", "Acme")
    assert recruiter.me["company"]["name"] == "Acme"
    job = await create_job(api, recruiter)
    assert job["status"] == "OPEN" and {s["name"] for s in job["skills"]} == {"Python", "PostgreSQL"}
    r = await apply(api, job["id"])
    assert r.status_code == 201, r.text
    r = await api.get(f"/api/ats/v1/jobs/{job['id']}/applications?count=true", headers=recruiter.headers)
    assert r.status_code == 200, r.text
    page = r.json()
    assert page["total"] == 1 and page["items"][0]["candidate"]["full_name"] == "Jane Doe"


async def _rooms_named(livekit, name: str) -> list:
    from livekit import api as lk

    async with lk.LiveKitAPI(livekit.http_url, livekit.api_key, livekit.api_secret) as client:
        return list((await client.room.list_rooms(lk.ListRoomsRequest(names=[name]))).rooms)


async def _book(api, recruiter) -> dict:
    from tests.api.conftest import in_minutes

    job = await create_job(api, recruiter)
    application_id = (await apply(api, job["id"])).json()["application_id"]
    r = await api.post(
        f"/api/ats/v1/applications/{application_id}/interviews",
        json={"kind": "AI", "scheduled_at": in_minutes(1), "duration_minutes": 20},
        headers=recruiter.headers,
    )
    assert r.status_code == 201, r.text
    return r.json()


async def _dispatch_to_a_new_worker(api, livekit, db_sessionmaker, interview: dict) -> str:
    """A worker with a free slot appears: the next dispatch pass sends it, with the interview in its metadata."""
    from livekit import api as lk

    from api.interviews.dispatcher import dispatch_waiting
    from api.livekit_tokens.gateway import LiveKitGateway
    from tests.api.conftest import register_worker

    await register_worker(db_sessionmaker, "W1", max_jobs=2)
    settings = api.app.state.settings
    gateway = LiveKitGateway(settings)  # the app's own lives on the test client's loop
    await gateway.start()
    try:
        async with db_sessionmaker() as s:
            tick = await dispatch_waiting(s, gateway, settings)
    finally:
        await gateway.close()
    assert tick.dispatched == [interview["id"]]
    async with lk.LiveKitAPI(livekit.http_url, livekit.api_key, livekit.api_secret) as client:
        dispatches = await client.agent_dispatch.list_dispatch(interview["room_name"])
    ours = [d for d in dispatches if d.agent_name == API_AGENT]
    assert len(ours) == 1 and json.loads(ours[0].metadata) == {"interview_id": interview["id"]}
    return ours[0].id


async def _recruiter_reads_and_cancels(api, recruiter, interview: dict, dispatch_id: str) -> None:
    base = f"/api/ats/v1/interviews/{interview['id']}"
    r = await api.get(base, headers=recruiter.headers)
    assert r.status_code == 200, r.text
    assert r.json()["dispatch_id"] == dispatch_id and r.json()["waiting_since"] is not None
    # pages show people and jobs, not ids
    assert (r.json()["candidate_name"], r.json()["job_title"]) == ("Jane Doe", "Backend Engineer")
    listed = (await api.get("/api/ats/v1/interviews", headers=recruiter.headers)).json()["items"]
    assert [(i["candidate_name"], i["job_title"]) for i in listed] == [("Jane Doe", "Backend Engineer")]
    for path in ("/report", "/metrics"):
        r = await api.get(base + path, headers=recruiter.headers)
        assert r.status_code == 200, r.text
    r = await api.post(base + "/feedback", json={"rating": 4, "notes": "ok"}, headers=recruiter.headers)
    assert r.status_code == 201, r.text
    r = await api.post(base + "/cancel", headers=recruiter.headers)
    assert r.status_code == 200 and r.json()["status"] == "CANCELLED", r.text


async def test_ai_interview_flow(api, livekit, db_sessionmaker) -> None:
    recruiter = await dev_user(api, "rec-a", "RECRUITER", "Acme")
    interview = await _book(api, recruiter)
    # booking touches nothing outside Postgres: no room, no agent
    assert interview["dispatch_id"] is None and interview["room_name"] == f"interview-{interview['id']}"
    assert not await _rooms_named(livekit, interview["room_name"])
    code = interview["join_url"].rsplit("/", 1)[1]
    r = await api.get(f"/api/interview-links/{code}")
    assert r.status_code == 200 and r.json()["state"] == "open", r.text
    r = await api.post("/api/livekit/token", json=join_body(code))
    assert r.status_code == 200, r.text
    # the candidate arrived; no worker is registered, so they wait: first in line
    link = (await api.get(f"/api/interview-links/{code}")).json()
    assert link["state"] == "waiting" and link["position"] == 1 and "you are next" in link["message"]
    dispatch_id = await _dispatch_to_a_new_worker(api, livekit, db_sessionmaker, interview)
    assert (await api.get(f"/api/interview-links/{code}")).json()["state"] == "starting"
    r = await api.post("/api/livekit/token", json={"interview_id": interview["id"]}, headers=recruiter.headers)
    assert r.status_code == 200, r.text
    await _recruiter_reads_and_cancels(api, recruiter, interview, dispatch_id)
    r = await api.post("/api/livekit/token", json=join_body(code))
    assert r.status_code == 410, r.text
    assert not await _rooms_named(livekit, interview["room_name"])  # the room is closed
    r = await api.get("/health")
    assert r.status_code == 200 and r.json() == {"db": "ok", "livekit": "ok"}, r.text


async def test_join_window_states(api, db_sessionmaker) -> None:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from db.models import Interview
    from tests.api.conftest import in_minutes

    recruiter = await dev_user(api, "rec-a", "RECRUITER", "Acme")
    job = await create_job(api, recruiter)
    application_id = (await apply(api, job["id"])).json()["application_id"]
    r = await api.post(
        f"/api/ats/v1/applications/{application_id}/interviews",
        json={"kind": "AI", "scheduled_at": in_minutes(120), "duration_minutes": 30},
        headers=recruiter.headers,
    )
    interview = r.json()
    code = interview["join_url"].rsplit("/", 1)[1]
    link = (await api.get(f"/api/interview-links/{code}")).json()
    assert link["state"] == "not_open_yet" and link["company_name"] == "Acme" and link["consent_text"]
    assert link["job_title"] == "Backend Engineer" and "The room opens at" in link["message"]
    r = await api.post("/api/livekit/token", json=join_body(code))
    assert r.status_code == 409 and r.json()["extra"]["state"] == "not_open_yet"
    # the recruiter may open the watch page early
    r = await api.post("/api/livekit/token", json={"interview_id": interview["id"]}, headers=recruiter.headers)
    assert r.status_code == 200

    async def move(**delta: float) -> None:
        async with db_sessionmaker() as s:
            await s.execute(update(Interview).where(Interview.id == interview["id"])
                            .values(scheduled_at=datetime.now(UTC) + timedelta(**delta)))
            await s.commit()

    await move(minutes=-20)  # past the 15 minutes' grace, nobody came: too late to start
    assert (await api.get(f"/api/interview-links/{code}")).json()["state"] == "over"
    r = await api.post("/api/livekit/token", json=join_body(code))
    assert r.status_code == 410 and r.json()["extra"]["state"] == "over"
    await move(minutes=-10)  # late, but within the grace
    r = await api.post("/api/livekit/token", json=join_body(code))
    assert r.status_code == 200, r.text
    await move(minutes=-25)  # they arrived in time: their slot stays theirs until it ends
    assert (await api.get(f"/api/interview-links/{code}")).json()["state"] == "waiting"
    await move(hours=-3)
    assert (await api.get(f"/api/interview-links/{code}")).json()["state"] == "over"
    assert (await api.get("/api/interview-links/nope")).status_code == 404


async def test_s3_backend_failure_is_503_and_nothing_is_kept(database_url, livekit, tmp_path, db_sessionmaker) -> None:
    from litestar.testing import AsyncTestClient
    from sqlalchemy import func, select

    from api.app import create_app
    from api.storage.services import S3Storage
    from db.models import Application
    from tests.api.conftest import make_settings

    app = create_app(
        make_settings(
            database_url,
            livekit,
            tmp_path,
            storage_backend="s3",
            s3_bucket="cvs",
            s3_endpoint_url="http://127.0.0.1:9",
            s3_access_key_id="k",
            s3_secret_access_key="s",
        )
    )
    assert isinstance(app.state.storage, S3Storage)
    async with AsyncTestClient(app, base_url="http://testserver.local") as client:
        recruiter = await dev_user(client, "rec-s3", "RECRUITER", "S3 Co")
        job = await create_job(client, recruiter)
        r = await apply(client, job["id"])
        assert r.status_code == 503 and "nothing was saved" in r.json()["detail"], r.text
    async with db_sessionmaker() as s:
        assert await s.scalar(select(func.count()).select_from(Application)) == 0
