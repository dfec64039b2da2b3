from __future__ import annotations

import json

from tests.api.conftest import apply, create_job, dev_user


async def test_recruiter_creates_job_and_candidate_applies(api) -> None:
    recruiter = await dev_user(api, "rec-a", "RECRUITER", "Acme")
    assert recruiter.me["company"]["name"] == "Acme"
    job = await create_job(api, recruiter)
    assert job["status"] == "OPEN" and {s["name"] for s in job["skills"]} == {"Python", "PostgreSQL"}
    r = await apply(api, job["id"])
    assert r.status_code == 201, r.text
    r = await api.get(f"/api/ats/v1/jobs/{job['id']}/applications", headers=recruiter.headers)
    assert r.status_code == 200, r.text
    page = r.json()
    assert page["total"] == 1 and page["items"][0]["candidate"]["full_name"] == "Jane Doe"


async def test_ai_interview_flow(api, livekit) -> None:
    from livekit import api as lk

    from tests.api.conftest import in_minutes

    recruiter = await dev_user(api, "rec-a", "RECRUITER", "Acme")
    job = await create_job(api, recruiter)
    application_id = (await apply(api, job["id"])).json()["application_id"]
    r = await api.post(
        f"/api/ats/v1/applications/{application_id}/interviews",
        json={"kind": "AI", "scheduled_at": in_minutes(1), "duration_minutes": 20},
        headers=recruiter.headers,
    )
    assert r.status_code == 201, r.text
    interview = r.json()
    assert interview["dispatch_id"] and interview["room_name"] == f"interview-{interview['id']}"
    code = interview["join_url"].rsplit("/", 1)[1]
    async with lk.LiveKitAPI(livekit.http_url, livekit.api_key, livekit.api_secret) as client:
        dispatches = await client.agent_dispatch.list_dispatch(interview["room_name"])
    ours = [d for d in dispatches if d.agent_name == "interviewer"]
    assert len(ours) == 1 and ours[0].id == interview["dispatch_id"]
    assert json.loads(ours[0].metadata) == {"interview_id": interview["id"]}
    r = await api.get(f"/api/interview-links/{code}")
    assert r.status_code == 200 and r.json()["state"] == "open", r.text
    r = await api.post("/api/livekit/token", json={"join_code": code})
    assert r.status_code == 200, r.text
    r = await api.post("/api/livekit/token", json={"interview_id": interview["id"]}, headers=recruiter.headers)
    assert r.status_code == 200, r.text
    r = await api.get(f"/api/ats/v1/interviews/{interview['id']}", headers=recruiter.headers)
    assert r.status_code == 200, r.text
    r = await api.get(f"/api/ats/v1/interviews/{interview['id']}/report", headers=recruiter.headers)
    assert r.status_code == 200, r.text
    r = await api.get(f"/api/ats/v1/interviews/{interview['id']}/metrics", headers=recruiter.headers)
    assert r.status_code == 200, r.text
    r = await api.post(
        f"/api/ats/v1/interviews/{interview['id']}/feedback",
        json={"rating": 4, "notes": "ok"},
        headers=recruiter.headers,
    )
    assert r.status_code == 201, r.text
    r = await api.post(f"/api/ats/v1/interviews/{interview['id']}/cancel", headers=recruiter.headers)
    assert r.status_code == 200 and r.json()["status"] == "CANCELLED", r.text
    r = await api.post("/api/livekit/token", json={"join_code": code})
    assert r.status_code == 410, r.text
    r = await api.get("/health")
    assert r.status_code == 200 and r.json() == {"db": "ok", "livekit": "ok"}, r.text
