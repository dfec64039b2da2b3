from __future__ import annotations

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
