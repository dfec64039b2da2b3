"""Companies with teams: invitations (accept, expired, reused, wrong address, mailed through a real SMTP server),
a user in two companies seeing each only in its own context, switching, removal ending access at once, ownership
transfer and the read-only hiring manager."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from api.email.sender import deliver
from db.models import CompanyInvitation, CompanyMembership
from tests.api.conftest import create_job, dev_user
from tests.ats.conftest import email_runtime
from tests.teams.conftest import in_company, invite_and_accept


async def _invite(client, admin, email: str, role: str = "RECRUITER") -> str:
    r = await client.post("/api/teams/v1/invitations", json={"email": email, "role": role}, headers=admin.headers)
    assert r.status_code == 201, r.text
    return r.json()["accept_url"].split("#invite=", 1)[1]


async def test_invitation_is_mailed_and_accepted_once_by_its_address(teams, db_sessionmaker, smtp_sink) -> None:
    owner = await dev_user(teams, "own-1", "RECRUITER", "Invite Corp")
    r = await teams.post("/api/teams/v1/invitations", json={"email": "New.Hire@Example.test", "role": "ADMIN"},
                         headers=owner.headers)
    assert r.status_code == 201, r.text
    report = await deliver(email_runtime(db_sessionmaker, smtp_sink.port))
    assert len(report.sent) == 1
    [mail] = smtp_sink.messages()
    assert mail["To"] == "new.hire@example.test" and "Invite Corp" in mail["Subject"]
    link = re.search(r"http://testserver\.local/recruiter/invitation#invite=([\w-]+)", mail.get_body(("plain",))
                     .get_content())
    assert link is not None
    token = link.group(1)
    async with db_sessionmaker() as s:  # only the token's hash is stored
        stored = await s.scalar(select(CompanyInvitation))
        assert token not in (stored.token_hash, stored.email) and len(stored.token_hash) == 64

    stranger = await dev_user(teams, "stranger", email="someone.else@example.test")
    r = await teams.post("/api/teams/v1/invitations/accept", json={"token": token}, headers=stranger.headers)
    assert r.status_code == 403 and r.json()["extra"]["code"] == "invitation_wrong_email"

    hire = await dev_user(teams, "hire", email="new.hire@example.test")  # no role yet: accepting makes a recruiter
    r = await teams.post("/api/teams/v1/invitations/accept", json={"token": token}, headers=hire.headers)
    assert r.status_code == 200, r.text
    assert r.json()["role"] == "ADMIN"
    teams.cookies.clear()
    me = (await teams.get("/api/auth/me", headers=hire.headers)).json()
    assert me["role"] == "RECRUITER" and me["company"]["name"] == "Invite Corp" and me["company_role"] == "ADMIN"

    r = await teams.post("/api/teams/v1/invitations/accept", json={"token": token}, headers=hire.headers)
    assert r.status_code == 410 and r.json()["extra"]["code"] == "invitation_used"
    r = await teams.post("/api/teams/v1/invitations/accept", json={"token": token + "x"}, headers=hire.headers)
    assert r.status_code == 404


async def test_expired_and_withdrawn_invitations_are_refused(teams, db_sessionmaker) -> None:
    owner = await dev_user(teams, "own-2", "RECRUITER", "Expiry Corp")
    late = await dev_user(teams, "late", email="late@example.test")
    token = await _invite(teams, owner, "late@example.test")
    async with db_sessionmaker() as s, s.begin():
        await s.execute(update(CompanyInvitation).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    r = await teams.post("/api/teams/v1/invitations/accept", json={"token": token}, headers=late.headers)
    assert r.status_code == 410 and r.json()["extra"]["code"] == "invitation_expired"

    token = await _invite(teams, owner, "late@example.test")
    listed = (await teams.get("/api/teams/v1/invitations", headers=owner.headers)).json()
    fresh = next(i for i in listed if i["expires_at"] > datetime.now(UTC).isoformat())
    assert "accept_url" not in fresh or fresh["accept_url"] is None  # the link is shown once
    assert (await teams.delete(f"/api/teams/v1/invitations/{fresh['id']}", headers=owner.headers)).status_code == 200
    r = await teams.post("/api/teams/v1/invitations/accept", json={"token": token}, headers=late.headers)
    assert r.status_code == 410 and r.json()["extra"]["code"] == "invitation_revoked"
    async with db_sessionmaker() as s:
        assert await s.scalar(select(CompanyMembership).where(CompanyMembership.user_id == late.id)) is None


async def test_a_user_in_two_companies_sees_each_only_in_its_own_context(teams) -> None:
    alice = await dev_user(teams, "alice", "RECRUITER", "Alpha")
    bob = await dev_user(teams, "bob", "RECRUITER", "Beta")
    job_alpha = await create_job(teams, alice, title="Alpha job")
    job_beta = await create_job(teams, bob, title="Beta job")
    alice = await invite_and_accept(teams, bob, "alice", email=alice.me["email"])  # alice joins Beta too
    companies = {c["name"]: c for c in (await teams.get("/api/teams/v1/companies", headers=alice.headers)).json()}
    assert {n: c["role"] for n, c in companies.items()} == {"Alpha": "OWNER", "Beta": "RECRUITER"}
    alpha, beta = companies["Alpha"]["id"], companies["Beta"]["id"]

    for company, own, other in ((alpha, job_alpha, job_beta), (beta, job_beta, job_alpha)):
        headers = in_company(alice, company)
        assert [j["id"] for j in (await teams.get("/api/ats/v1/jobs", headers=headers)).json()["items"]] == [own["id"]]
        assert (await teams.get(f"/api/ats/v1/jobs/{own['id']}", headers=headers)).status_code == 200
        assert (await teams.get(f"/api/ats/v1/jobs/{other['id']}", headers=headers)).status_code == 404
        r = await teams.post("/api/ats/v1/jobs", json={"title": f"made in {company}"}, headers=headers)
        assert r.status_code == 201
        assert (await teams.get("/api/auth/me", headers=headers)).json()["company"]["id"] == company

    # a company the user is not a member of is refused, not silently replaced
    carol = await dev_user(teams, "carol", "RECRUITER", "Gamma")
    gamma = carol.me["company"]["id"]
    r = await teams.get("/api/ats/v1/jobs", headers=in_company(alice, gamma))
    assert r.status_code == 403 and r.json()["extra"]["code"] == "not_a_member"
    assert (await teams.get("/api/ats/v1/jobs", headers=in_company(alice, "nope"))).status_code == 400

    # switching: the default (no header) follows the last selection, and the pages' cookie carries it
    r = await teams.post("/api/teams/v1/current-company", json={"company_id": alpha}, headers=alice.headers)
    assert r.status_code == 200 and r.cookies.get("interviewly_company") == alpha
    teams.cookies.clear()
    titles = {j["title"] for j in (await teams.get("/api/ats/v1/jobs", headers=alice.headers)).json()["items"]}
    assert "Alpha job" in titles and "Beta job" not in titles
    teams.cookies.set("interviewly_company", beta)
    r = await teams.get("/api/ats/v1/jobs", headers=alice.headers)
    teams.cookies.clear()
    assert {j["title"] for j in r.json()["items"]} >= {"Beta job"} and "Alpha job" not in {
        j["title"] for j in r.json()["items"]}
    r = await teams.post("/api/teams/v1/current-company", json={"company_id": gamma}, headers=alice.headers)
    assert r.status_code == 403


async def test_removing_a_member_ends_their_access_at_once(teams) -> None:
    owner = await dev_user(teams, "own-3", "RECRUITER", "Removal Corp")
    job = await create_job(teams, owner)
    member = await invite_and_accept(teams, owner, "leaver")
    company = owner.me["company"]["id"]
    assert (await teams.get(f"/api/ats/v1/jobs/{job['id']}", headers=member.headers)).status_code == 200
    r = await teams.delete(f"/api/teams/v1/members/{member.id}", headers=owner.headers)
    assert r.status_code == 204, r.text
    assert (await teams.get(f"/api/ats/v1/jobs/{job['id']}", headers=member.headers)).status_code == 403
    assert (await teams.get("/api/ats/v1/jobs", headers=in_company(member, company))).status_code == 403
    assert [m["user_id"] for m in (await teams.get("/api/teams/v1/members", headers=owner.headers)).json()] == [
        owner.id]


async def test_ownership_transfer_and_roles(teams) -> None:
    owner = await dev_user(teams, "own-4", "RECRUITER", "Transfer Corp")
    admin = await invite_and_accept(teams, owner, "adm", role="ADMIN")
    manager = await invite_and_accept(teams, owner, "hm", role="HIRING_MANAGER")
    job = await create_job(teams, owner)

    # the hiring manager reads but does not change
    assert (await teams.get(f"/api/ats/v1/jobs/{job['id']}", headers=manager.headers)).status_code == 200
    r = await teams.patch(f"/api/ats/v1/jobs/{job['id']}", json={"title": "x"}, headers=manager.headers)
    assert r.status_code == 403 and r.json()["extra"]["code"] == "read_only_role"
    # an admin can neither remove the owner nor transfer; the owner cannot leave
    assert (await teams.delete(f"/api/teams/v1/members/{owner.id}", headers=admin.headers)).status_code == 409
    r = await teams.post("/api/teams/v1/ownership", json={"user_id": admin.id}, headers=admin.headers)
    assert r.status_code == 403
    assert (await teams.delete(f"/api/teams/v1/members/{owner.id}", headers=owner.headers)).status_code == 409
    r = await teams.post("/api/teams/v1/ownership", json={"user_id": manager.id}, headers=owner.headers)
    assert r.status_code == 409  # a read-only member is not handed the company

    r = await teams.post("/api/teams/v1/ownership", json={"user_id": admin.id}, headers=owner.headers)
    assert r.status_code == 200, r.text
    assert {m["user_id"]: m["role"] for m in r.json()} == {owner.id: "ADMIN", admin.id: "OWNER",
                                                          manager.id: "HIRING_MANAGER"}
    # the new owner now manages the old one
    r = await teams.patch(f"/api/teams/v1/members/{owner.id}", json={"role": "RECRUITER"}, headers=admin.headers)
    assert r.status_code == 200 and r.json()["role"] == "RECRUITER"
    r = await teams.post("/api/teams/v1/invitations", json={"email": "x@example.test"}, headers=owner.headers)
    assert r.status_code == 403  # a recruiter does not invite
