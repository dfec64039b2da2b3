"""API keys: shown once and stored as a hash, scopes enforced, revocation and expiry at once, last use shown, and
a key outliving the member who made it (it is the company's)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import text, update

from db.models import ApiKey
from tests.api.conftest import create_job, dev_user
from tests.teams.conftest import invite_and_accept


async def test_keys_are_hashed_scoped_and_revoked_at_once(teams, db_sessionmaker) -> None:
    owner = await dev_user(teams, "key-owner", "RECRUITER", "Key Corp")
    job = await create_job(teams, owner)
    r = await teams.post("/api/teams/v1/api-keys", json={"name": "ATS sync", "scopes": ["jobs:read"]},
                         headers=owner.headers)
    assert r.status_code == 201, r.text
    created = r.json()
    key = created["key"]
    assert key.startswith("ik_") and len(key) > 40 and created["prefix"] == key[:11]
    bearer = {"Authorization": f"Bearer {key}"}

    async with db_sessionmaker() as s:  # the key itself is nowhere in the database, its sha256 is
        dump = (await s.execute(text("SELECT row_to_json(k)::text FROM api_keys k"))).scalar_one()
        assert key not in dump and key[11:] not in dump
        assert hashlib.sha256(key.encode()).hexdigest() in dump

    assert (await teams.get(f"/api/ats/v1/jobs/{job['id']}", headers=bearer)).status_code == 200
    r = await teams.patch(f"/api/ats/v1/jobs/{job['id']}", json={"title": "x"}, headers=bearer)
    assert r.status_code == 403 and r.json()["extra"]["scope"] == "jobs:write"
    assert (await teams.get("/api/auth/me", headers=bearer)).status_code == 403  # not an endpoint for keys
    assert (await teams.get("/api/teams/v1/api-keys", headers=bearer)).status_code == 403
    assert (await teams.get("/api/ats/v1/jobs", headers={"Authorization": f"Bearer {key}x"})).status_code == 401

    listed = (await teams.get("/api/teams/v1/api-keys", headers=owner.headers)).json()
    assert listed[0]["key"] is None and listed[0]["last_used_at"] is not None  # shown once; last use shown
    assert datetime.fromisoformat(listed[0]["last_used_at"]) > datetime.now(UTC) - timedelta(minutes=1)

    r = await teams.delete(f"/api/teams/v1/api-keys/{created['id']}", headers=owner.headers)
    assert r.status_code == 200 and r.json()["revoked_at"] is not None
    r = await teams.get(f"/api/ats/v1/jobs/{job['id']}", headers=bearer)
    assert r.status_code == 401 and r.json()["extra"]["code"] == "api_key_revoked"


async def test_expired_keys_are_refused_and_keys_outlive_their_maker(teams, db_sessionmaker) -> None:
    owner = await dev_user(teams, "key-owner-2", "RECRUITER", "Key Corp 2")
    admin = await invite_and_accept(teams, owner, "key-admin", role="ADMIN")
    r = await teams.post("/api/teams/v1/api-keys", headers=admin.headers, json={
        "name": "soon", "scopes": ["jobs:read"], "expires_at": (datetime.now(UTC) + timedelta(hours=1)).isoformat()})
    assert r.status_code == 201, r.text
    bearer = {"Authorization": f"Bearer {r.json()['key']}"}
    r = await teams.post("/api/teams/v1/api-keys", headers=admin.headers, json={
        "name": "past", "scopes": ["jobs:read"], "expires_at": "2020-01-01T00:00:00Z"})
    assert r.status_code == 400

    # the admin who made it leaves: the company's integration keeps working
    assert (await teams.delete(f"/api/teams/v1/members/{admin.id}", headers=owner.headers)).status_code == 204
    assert (await teams.get("/api/ats/v1/jobs", headers=bearer)).status_code == 200

    async with db_sessionmaker() as s, s.begin():
        await s.execute(update(ApiKey).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    r = await teams.get("/api/ats/v1/jobs", headers=bearer)
    assert r.status_code == 401 and r.json()["extra"]["code"] == "api_key_expired"
