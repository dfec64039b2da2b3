"""Roles inside a company and API keys (issue 20), on the world of test_authorization_matrix.py: every endpoint
there asked again by company A's hiring manager, an all-scopes API key and a plain recruiter; every teams and
integrations endpoint asked by everyone."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import PDF_BYTES, World, build_world
from tests.api.test_authorization_matrix import CASES, Case, _fill, _ids

# ---- issue 20: roles inside a company, and API keys -----------------------------------------------------------
# Company A also has a read-only hiring manager, a plain recruiter, and API keys: one with every scope, one that can
# only read, one that can only manage webhooks. Every endpoint above is asked again by the hiring manager, the
# all-scopes key and the recruiter, in that order on one world (so a refused call can't hide a later success);
# every teams/integrations endpoint is asked by everyone.

TEAM_ACTORS = ("hm_a", "key_all", "member_a")
# (hiring manager of A, API key of A with every scope, recruiter of A) for each case above; a 409 is the recruiter
# allowed in but finding the key's change already made
TEAM_EXPECTED: dict[str, tuple[int, int, int]] = {
    # the candidate pages' endpoints (issue 19) are the candidate's own: nobody of a hiring team, nor a key
    "my coach history": (403, 403, 403), "coach llm status": (403, 403, 403),
    "forget my coach history": (403, 403, 403), "a recruiting interview is no practice report": (403, 403, 403),
    "no such rewrite": (403, 403, 403),
    "me": (200, 403, 200), "sync-user": (200, 403, 200), "set-role": (409, 403, 409),
    "dev token": (200, 200, 200), "dev jwks": (200, 200, 200), "health": (200, 200, 200),
    "create job": (403, 201, 201), "list jobs": (200, 200, 200), "get job": (200, 200, 200),
    "update job": (403, 200, 200), "close job": (403, 200, 409), "public job": (200, 200, 200),
    "apply": (201, 403, 201), "job applications": (200, 200, 200), "company applications": (200, 200, 200),
    "get application": (200, 200, 200), "application status": (403, 200, 409),
    "application history": (200, 200, 200), "application cv": (200, 403, 200),
    "my applications": (403, 403, 403), "my application": (403, 403, 403),
    "my application history": (403, 403, 403), "my cv": (403, 403, 403),
    "schedule interview": (403, 201, 201), "list interviews": (200, 200, 200), "get interview": (200, 200, 200),
    "cancel interview": (403, 200, 409), "metrics": (200, 403, 200), "transcript": (200, 200, 200),
    "report": (200, 200, 200), "recording": (404, 403, 404), "recording file without a signature": (403, 403, 403),
    "compare candidates": (200, 403, 200), "add feedback": (201, 403, 201),
    "list feedback": (200, 200, 200), "token by interview": (200, 403, 200), "token by join code": (200, 200, 200),
    "interview link": (200, 200, 200), "company settings": (200, 403, 200),
    "update company settings": (403, 403, 403), "token by join code, no consent": (403, 403, 403),
    "privacy settings": (200, 403, 200), "update privacy settings": (403, 403, 403), "audit trail": (200, 403, 200),
    "bias report": (200, 403, 200), "erase candidate": (403, 403, 202), "get erasure": (200, 403, 200),
    "erase me": (403, 403, 403), "my erasure": (403, 403, 403), "export my data": (403, 403, 403),
    "my demographics": (403, 403, 403),
}
PUBLIC_URL = "https://93.184.216.34/hook"  # a public address: the API's SSRF guard is on in these tests


async def _team(api, world: World) -> dict[str, Any]:
    """Adds to company A: a hiring manager, a recruiter, API keys, a webhook endpoint with one delivery, a REST hook
    and a pending invitation; company B's owner is recruiter B."""
    from tests.api.conftest import dev_user

    owner = world.recruiter_a.headers
    team: dict[str, Any] = {}
    for sub, role in (("hm-a", "HIRING_MANAGER"), ("member-a", "RECRUITER")):
        r = await api.post("/api/teams/v1/invitations", json={"email": f"{sub}@example.test", "role": role},
                           headers=owner)
        assert r.status_code == 201, r.text
        user = await dev_user(api, sub, email=f"{sub}@example.test")
        r = await api.post("/api/teams/v1/invitations/accept",
                           json={"token": r.json()["accept_url"].split("#invite=")[1]}, headers=user.headers)
        assert r.status_code == 200, r.text
        team[sub] = user
    for name, scopes in (("all", ["jobs:read", "jobs:write", "applications:read", "applications:write",
                                  "interviews:read", "interviews:write", "reports:read", "webhooks:write"]),
                         ("read", ["jobs:read", "applications:read", "interviews:read", "reports:read"]),
                         ("hooks", ["webhooks:write"]), ("spare", ["jobs:read"])):
        r = await api.post("/api/teams/v1/api-keys", json={"name": name, "scopes": scopes}, headers=owner)
        assert r.status_code == 201, r.text
        team[f"key_{name}"] = r.json()
    r = await api.post("/api/integrations/v1/webhooks", headers=owner,
                       json={"url": PUBLIC_URL, "event_types": ["application.created"]})
    assert r.status_code == 201, r.text
    team["endpoint"] = r.json()["id"]
    r = await api.post(f"/api/ats/v1/jobs/{world.job_a['id']}/apply", data={"full_name": "Hook", "email":
                       "hook@example.test"}, files={"cv": ("cv.pdf", PDF_BYTES, "application/pdf")})
    assert r.status_code == 201, r.text
    r = await api.get(f"/api/integrations/v1/webhooks/{team['endpoint']}/deliveries", headers=owner)
    team["delivery"] = r.json()[0]["id"]
    r = await api.post("/api/integrations/v1/hooks", json={"target_url": PUBLIC_URL, "event": "application.created"},
                       headers=owner)
    assert r.status_code == 201, r.text
    team["hook"] = r.json()["id"]
    r = await api.post("/api/teams/v1/invitations", json={"email": "invitee@example.test"}, headers=owner)
    team["invitation"], team["invitation_token"] = r.json()["id"], r.json()["accept_url"].split("#invite=")[1]
    r = await api.post(f"/api/ats/v1/applications/{world.application_a}/notes", json={"body": "n"}, headers=owner)
    team["note"], team["candidate"] = r.json()["id"], (await api.get(
        f"/api/ats/v1/applications/{world.application_a}", headers=owner)).json()["candidate"]["id"]
    r = await api.put(f"/api/ats/v1/interviews/{world.interview_a['id']}/feedback/mine", json={"rating": 4},
                      headers=owner)
    team["feedback"] = r.json()["id"]
    api.cookies.clear()
    return team


def _key(team: dict[str, Any], name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {team[f'key_{name}']['key']}"}


def _request_kwargs(case: Case, n: int, ids: dict[str, str]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    if case.multipart:
        kwargs["data"] = {"full_name": f"Applicant {n}", "email": f"applicant{n}@example.test"}
        kwargs["files"] = {"cv": ("cv.pdf", PDF_BYTES, "application/pdf")}
    elif case.json is not None:
        kwargs["json"] = _fill(case.json, ids)
    return kwargs


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
async def test_authorization_matrix_team_roles_and_api_keys(api, case: Case) -> None:
    world = await build_world(api)
    team = await _team(api, world)
    ids = await _ids(api, world, case)
    got = []
    for n, actor in enumerate(TEAM_ACTORS):
        headers = {"hm_a": team["hm-a"].headers, "member_a": team["member-a"].headers,
                   "key_all": _key(team, "all")}[actor]
        r = await api.request(case.method, _fill(case.path, ids), headers=headers, **_request_kwargs(case, n, ids))
        got.append(r.status_code)
    assert tuple(got) == TEAM_EXPECTED[case.name], f"{case.name}: got {got}"


NEW_ACTORS = ("anonymous", "candidate", "recruiter_b", "hm_a", "member_a", "key_read", "key_hooks", "owner_a")
NEW_CASES = [
    Case("my companies", "GET", "/api/teams/v1/companies", (401, 200, 200, 200, 200, 403, 403, 200)),
    Case("create company", "POST", "/api/teams/v1/companies", (401, 403, 201, 201, 201, 403, 403, 201),
         json={"name": "Side Project"}),
    Case("switch company", "POST", "/api/teams/v1/current-company", (401, 403, 403, 200, 200, 403, 403, 200),
         json={"company_id": "{company_a}"}),
    Case("members", "GET", "/api/teams/v1/members", (401, 403, 200, 200, 200, 403, 403, 200)),
    Case("change role", "PATCH", "/api/teams/v1/members/{member_a}", (401, 403, 404, 403, 403, 403, 403, 200),
         json={"role": "HIRING_MANAGER"}),
    Case("remove member", "DELETE", "/api/teams/v1/members/{member_a}", (401, 403, 404, 403, 403, 403, 403, 204)),
    Case("transfer ownership", "POST", "/api/teams/v1/ownership", (401, 403, 404, 403, 403, 403, 403, 200),
         json={"user_id": "{member_a}"}),
    Case("invite", "POST", "/api/teams/v1/invitations", (401, 403, 201, 403, 403, 403, 403, 201),
         json={"email": "new@example.test"}),
    Case("invitations", "GET", "/api/teams/v1/invitations", (401, 403, 200, 403, 403, 403, 403, 200)),
    Case("withdraw invitation", "DELETE", "/api/teams/v1/invitations/{invitation}",
         (401, 403, 404, 403, 403, 403, 403, 200)),
    Case("accept invitation (another address)", "POST", "/api/teams/v1/invitations/accept",
         (401, 403, 403, 403, 403, 403, 403, 403), json={"token": "{invitation_token}"}),
    Case("create api key", "POST", "/api/teams/v1/api-keys", (401, 403, 201, 403, 403, 403, 403, 201),
         json={"name": "zap", "scopes": ["jobs:read"]}),
    Case("api keys", "GET", "/api/teams/v1/api-keys", (401, 403, 200, 403, 403, 403, 403, 200)),
    Case("api key scopes", "GET", "/api/teams/v1/api-keys/scopes", (401, 403, 200, 403, 403, 403, 403, 200)),
    Case("revoke api key", "DELETE", "/api/teams/v1/api-keys/{key_spare}", (401, 403, 404, 403, 403, 403, 403, 200)),
    Case("event types", "GET", "/api/integrations/v1/event-types", (401, 403, 200, 200, 200, 403, 403, 200)),
    Case("create webhook", "POST", "/api/integrations/v1/webhooks", (401, 403, 201, 403, 403, 403, 201, 201),
         json={"url": PUBLIC_URL, "event_types": ["interview.completed"]}),
    Case("webhooks", "GET", "/api/integrations/v1/webhooks", (401, 403, 200, 403, 403, 403, 200, 200)),
    Case("webhook", "GET", "/api/integrations/v1/webhooks/{endpoint}", (401, 403, 404, 403, 403, 403, 403, 200)),
    Case("update webhook", "PATCH", "/api/integrations/v1/webhooks/{endpoint}",
         (401, 403, 404, 403, 403, 403, 403, 200), json={"enabled": False}),
    # the key with webhooks:write deletes it, so the owner, asking last, finds nothing
    Case("delete webhook", "DELETE", "/api/integrations/v1/webhooks/{endpoint}",
         (401, 403, 404, 403, 403, 403, 204, 404)),
    Case("deliveries", "GET", "/api/integrations/v1/webhooks/{endpoint}/deliveries",
         (401, 403, 404, 403, 403, 403, 403, 200)),
    Case("attempts", "GET", "/api/integrations/v1/deliveries/{delivery}/attempts",
         (401, 403, 404, 403, 403, 403, 403, 200)),
    Case("redeliver", "POST", "/api/integrations/v1/deliveries/{delivery}/redeliver",
         (401, 403, 404, 403, 403, 403, 403, 202)),
    Case("subscribe hook", "POST", "/api/integrations/v1/hooks", (401, 403, 201, 403, 403, 403, 201, 201),
         json={"target_url": PUBLIC_URL, "event": "interview.completed"}),
    Case("unsubscribe hook", "DELETE", "/api/integrations/v1/hooks/{hook}", (401, 403, 404, 403, 403, 403, 200, 404)),
    Case("recent items", "GET", "/api/integrations/v1/hooks/recent/application.created",
         (401, 403, 200, 403, 403, 403, 200, 200)),
    Case("add candidate note", "POST", "/api/ats/v1/candidates/{candidate}/notes",
         (401, 403, 404, 201, 201, 403, 403, 201), json={"body": "hello"}),
    Case("candidate notes", "GET", "/api/ats/v1/candidates/{candidate}/notes",
         (401, 403, 404, 200, 200, 403, 403, 200)),
    Case("add application note", "POST", "/api/ats/v1/applications/{application_a}/notes",
         (401, 403, 404, 201, 201, 403, 403, 201), json={"body": "hello"}),
    Case("application notes", "GET", "/api/ats/v1/applications/{application_a}/notes",
         (401, 403, 404, 200, 200, 403, 403, 200)),
    Case("edit note", "PATCH", "/api/ats/v1/notes/{note}", (401, 403, 404, 403, 403, 403, 403, 200),
         json={"body": "edited"}),
    Case("delete note", "DELETE", "/api/ats/v1/notes/{note}", (401, 403, 404, 403, 403, 403, 403, 204)),
    Case("scorecard", "GET", "/api/ats/v1/jobs/{job_a}/scorecard", (401, 403, 404, 200, 200, 403, 403, 200)),
    Case("set scorecard", "PUT", "/api/ats/v1/jobs/{job_a}/scorecard", (401, 403, 404, 403, 200, 403, 403, 200),
         json={"criteria": [{"name": "SQL"}]}),
    Case("my feedback", "PUT", "/api/ats/v1/interviews/{interview_a}/feedback/mine",
         (401, 403, 404, 200, 200, 403, 403, 200), json={"rating": 3}),
    Case("delete feedback", "DELETE", "/api/ats/v1/interviews/{interview_a}/feedback/{feedback}",
         (401, 403, 404, 403, 403, 403, 403, 204)),
    Case("team feedback", "GET", "/api/ats/v1/interviews/{interview_a}/team-feedback",
         (401, 403, 404, 200, 200, 403, 403, 200)),
]


@pytest.mark.parametrize("case", NEW_CASES, ids=[c.name for c in NEW_CASES])
async def test_authorization_matrix_teams_and_integrations(api, case: Case) -> None:
    world = await build_world(api)
    team = await _team(api, world)
    ids = {"company_a": world.recruiter_a.me["company"]["id"], "member_a": team["member-a"].id,
           "invitation": team["invitation"], "invitation_token": team["invitation_token"],
           "key_spare": team["key_spare"]["id"], "endpoint": team["endpoint"], "delivery": team["delivery"],
           "hook": team["hook"], "note": team["note"], "candidate": team["candidate"], "feedback": team["feedback"],
           "job_a": world.job_a["id"], "application_a": world.application_a, "interview_a": world.interview_a["id"]}
    headers = {"anonymous": {}, "candidate": world.candidate.headers, "recruiter_b": world.recruiter_b.headers,
               "hm_a": team["hm-a"].headers, "member_a": team["member-a"].headers, "key_read": _key(team, "read"),
               "key_hooks": _key(team, "hooks"), "owner_a": world.recruiter_a.headers}
    got = []
    for n, actor in enumerate(NEW_ACTORS):
        r = await api.request(case.method, _fill(case.path, ids), headers=headers[actor],
                              **_request_kwargs(case, n, ids))
        got.append(r.status_code)
        api.cookies.clear()  # a switch or an acceptance sets the company cookie; the next actor has their own
    assert tuple(got) == case.expected, f"{case.name}: got {got}"


async def test_api_key_scopes_reach_only_their_company(api) -> None:
    world = await build_world(api)
    team = await _team(api, world)
    read = _key(team, "read")
    assert (await api.get(f"/api/ats/v1/jobs/{world.job_b['id']}", headers=read)).status_code == 404
    assert [j["id"] for j in (await api.get("/api/ats/v1/jobs", headers=read)).json()["items"]] == [
        world.job_a["id"]]
    r = await api.post("/api/ats/v1/jobs", json={"title": "x"}, headers=read)
    assert r.status_code == 403 and r.json()["extra"] == {"code": "missing_scope", "scope": "jobs:write"}
    # a company header cannot move a key to another company
    other = {**read, "X-Company-Id": world.recruiter_b.me["company"]["id"]}
    assert [j["id"] for j in (await api.get("/api/ats/v1/jobs", headers=other)).json()["items"]] == [
        world.job_a["id"]]
