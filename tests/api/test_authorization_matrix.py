"""Every endpoint x {anonymous, candidate, recruiter of company A, recruiter of company B}: exact status codes.

The world: company A owns job A, the candidate's application to it and an AI interview on that application.
Actors run in the order anonymous, candidate, recruiter B, recruiter A, so a refused call can't hide a later
success and A's (allowed) mutation comes last.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.api.conftest import PDF_BYTES, World, build_world, in_minutes
from tests.consent import consent

ACTORS = ("anonymous", "candidate", "recruiter_b", "recruiter_a")


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    path: str
    expected: tuple[int, int, int, int]  # anonymous, candidate, recruiter B, recruiter A
    json: Any = None
    multipart: bool = False


CASES = [
    Case("me", "GET", "/api/auth/me", (401, 200, 200, 200)),
    Case("sync-user", "POST", "/api/auth/sync-user", (401, 200, 200, 200), json={"full_name": "New Name"}),
    Case("set-role", "POST", "/api/auth/set-role", (401, 200, 409, 409), json={"role": "CANDIDATE"}),
    Case("dev token", "POST", "/api/auth/dev/token", (200, 200, 200, 200), json={"sub": "someone"}),
    Case("dev jwks", "GET", "/api/auth/dev/.well-known/jwks.json", (200, 200, 200, 200)),
    Case("health", "GET", "/health", (200, 200, 200, 200)),
    Case("create job", "POST", "/api/ats/v1/jobs", (401, 403, 201, 201), json={"title": "SRE"}),
    Case("list jobs", "GET", "/api/ats/v1/jobs", (401, 403, 200, 200)),
    Case("get job", "GET", "/api/ats/v1/jobs/{job_a}", (401, 403, 404, 200)),
    Case("update job", "PATCH", "/api/ats/v1/jobs/{job_a}", (401, 403, 404, 200), json={"title": "Staff Eng"}),
    Case("close job", "POST", "/api/ats/v1/jobs/{job_a}/close", (401, 403, 404, 200)),
    Case("public job", "GET", "/api/ats/v1/public/jobs/{job_a}", (200, 200, 200, 200)),
    Case("apply", "POST", "/api/ats/v1/jobs/{job_a}/apply", (201, 201, 201, 201), multipart=True),
    Case("job applications", "GET", "/api/ats/v1/jobs/{job_a}/applications", (401, 403, 404, 200)),
    Case("company applications", "GET", "/api/ats/v1/applications", (401, 403, 200, 200)),
    Case("get application", "GET", "/api/ats/v1/applications/{application_a}", (401, 403, 404, 200)),
    Case(
        "application status",
        "POST",
        "/api/ats/v1/applications/{application_a}/status",
        (401, 403, 404, 200),
        json={"status": "SCREENING"},
    ),
    Case("application history", "GET", "/api/ats/v1/applications/{application_a}/history", (401, 403, 404, 200)),
    Case("application cv", "GET", "/api/ats/v1/applications/{application_a}/cv", (401, 403, 404, 200)),
    Case("my applications", "GET", "/api/candidate/v1/applications", (401, 200, 403, 403)),
    Case("my application", "GET", "/api/candidate/v1/applications/{application_a}", (401, 200, 403, 403)),
    Case("my application history", "GET", "/api/candidate/v1/applications/{application_a}/history",
         (401, 200, 403, 403)),
    Case("my cv", "GET", "/api/candidate/v1/applications/{application_a}/cv", (401, 200, 403, 403)),
    # the candidate pages (issue 19): a candidate's own coach history, downloads and practice reports
    Case("my coach history", "GET", "/api/candidate/v1/coach/messages", (401, 200, 403, 403)),
    Case("coach llm status", "GET", "/api/candidate/v1/coach/messages/llm", (401, 200, 403, 403)),
    Case("forget my coach history", "DELETE", "/api/candidate/v1/coach/messages", (401, 204, 403, 403)),
    Case("a recruiting interview is no practice report", "GET",
         "/api/candidate/v1/mock-interviews/{interview_a}/report", (401, 404, 403, 403)),
    Case("no such rewrite", "GET", "/api/candidate/v1/cv/rewrites/{interview_a}/docx", (401, 404, 403, 403)),
    Case(
        "schedule interview",
        "POST",
        "/api/ats/v1/applications/{application_a}/interviews",
        (401, 403, 404, 201),
        json={"kind": "HUMAN", "scheduled_at": "<soon>", "duration_minutes": 45},
    ),
    Case("list interviews", "GET", "/api/ats/v1/interviews", (401, 200, 200, 200)),
    Case("get interview", "GET", "/api/ats/v1/interviews/{interview_a}", (401, 200, 404, 200)),
    Case("cancel interview", "POST", "/api/ats/v1/interviews/{interview_a}/cancel", (401, 403, 404, 200)),
    Case("metrics", "GET", "/api/ats/v1/interviews/{interview_a}/metrics", (401, 403, 404, 200)),
    Case("transcript", "GET", "/api/ats/v1/interviews/{interview_a}/transcript", (401, 403, 404, 200)),
    Case("report", "GET", "/api/ats/v1/interviews/{interview_a}/report", (401, 403, 404, 200)),
    # the world's interview was not recorded: A learns that (404 "no recording"), the others learn nothing
    Case("recording", "GET", "/api/ats/v1/interviews/{interview_a}/recording", (401, 403, 404, 404)),
    Case("recording file without a signature", "GET", "/media/recordings/{job_a}/x.mp4", (403, 403, 403, 403)),
    Case("compare candidates", "GET", "/api/ats/v1/jobs/{job_a}/interview-comparison", (401, 403, 404, 200)),
    Case(
        "add feedback",
        "POST",
        "/api/ats/v1/interviews/{interview_a}/feedback",
        (401, 403, 404, 201),
        json={"rating": 5, "notes": "great"},
    ),
    Case("list feedback", "GET", "/api/ats/v1/interviews/{interview_a}/feedback", (401, 403, 404, 200)),
    Case(
        "token by interview", "POST", "/api/livekit/token", (401, 200, 404, 200),
        json={"interview_id": "{interview_a}", "consent": consent()},
    ),
    Case("token by join code", "POST", "/api/livekit/token", (200, 200, 200, 200),
         json={"join_code": "{code}", "consent": consent()}),
    Case("token by join code, no consent", "POST", "/api/livekit/token", (403, 403, 403, 403),
         json={"join_code": "{code}"}),
    Case("interview link", "GET", "/api/interview-links/{code}", (200, 200, 200, 200)),
    Case("company settings", "GET", "/api/ats/v1/company/settings", (401, 403, 200, 200)),
    Case("update company settings", "PATCH", "/api/ats/v1/company/settings", (401, 403, 200, 200),
         json={"hide_delivery_signals": True}),
    # privacy (issue 17)
    Case("privacy settings", "GET", "/api/ats/v1/company/privacy", (401, 403, 200, 200)),
    Case("update privacy settings", "PATCH", "/api/ats/v1/company/privacy", (401, 403, 200, 200),
         json={"retention_metrics_days": 90, "video_analytics_scope": "SHORTLISTED"}),
    Case("audit trail", "GET", "/api/ats/v1/applications/{application_a}/audit", (401, 403, 404, 200)),
    Case("bias report", "GET", "/api/ats/v1/jobs/{job_a}/bias-report", (401, 403, 404, 200)),
    Case("erase candidate", "POST", "/api/ats/v1/candidates/{candidate_a}/erasure", (401, 403, 404, 202)),
    Case("get erasure", "GET", "/api/ats/v1/erasures/{erasure_a}", (401, 403, 404, 200)),
    Case("erase me", "POST", "/api/candidate/v1/me/erasure", (401, 202, 403, 403)),
    Case("my erasure", "GET", "/api/candidate/v1/me/erasures/{erasure_a}", (401, 404, 403, 403)),
    Case("export my data", "GET", "/api/candidate/v1/me/export", (401, 200, 403, 403)),
    Case("my demographics", "PUT", "/api/candidate/v1/applications/{application_a}/demographics",
         (401, 200, 403, 403), json={"gender": "prefer to self-describe"}),
]


def _fill(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        return in_minutes(30) if value == "<soon>" else value.format(**ids)
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    return value


async def _ids(api, world: World, case: Case) -> dict[str, str]:
    ids = {"job_a": world.job_a["id"], "application_a": world.application_a,
           "interview_a": world.interview_a["id"], "code": world.join_code}
    if "{candidate_a}" in case.path or "{erasure_a}" in case.path:
        app = (await api.get(f"/api/ats/v1/applications/{world.application_a}",
                             headers=world.recruiter_a.headers)).json()
        ids["candidate_a"] = app["candidate"]["id"]
    if "{erasure_a}" in case.path:  # company A's erasure of its candidate (no queue worker runs here)
        r = await api.post(f"/api/ats/v1/candidates/{ids['candidate_a']}/erasure", headers=world.recruiter_a.headers)
        ids["erasure_a"] = r.json()["id"]
    return ids


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
async def test_authorization_matrix(api, case: Case) -> None:
    world: World = await build_world(api)
    ids = await _ids(api, world, case)
    headers = {
        "anonymous": {},
        "candidate": world.candidate.headers,
        "recruiter_b": world.recruiter_b.headers,
        "recruiter_a": world.recruiter_a.headers,
    }
    got = []
    for n, actor in enumerate(ACTORS):
        kwargs: dict[str, Any] = {"headers": headers[actor]}
        if case.multipart:
            kwargs["data"] = {"full_name": f"Applicant {n}", "email": f"applicant{n}@example.test"}
            kwargs["files"] = {"cv": ("cv.pdf", PDF_BYTES, "application/pdf")}
        elif case.json is not None:
            kwargs["json"] = _fill(case.json, ids)
        r = await api.request(case.method, _fill(case.path, ids), **kwargs)
        got.append(r.status_code)
    assert tuple(got) == case.expected, f"{case.name}: got {got}"


async def test_lists_show_only_what_is_yours(api, world: World) -> None:
    r = await api.get("/api/ats/v1/jobs", headers=world.recruiter_b.headers)
    assert [j["id"] for j in r.json()["items"]] == [world.job_b["id"]]
    r = await api.get("/api/ats/v1/applications?count=true", headers=world.recruiter_b.headers)
    assert r.json()["total"] == 0
    r = await api.get("/api/ats/v1/interviews?count=true", headers=world.recruiter_b.headers)
    assert r.json()["total"] == 0
    # another applicant to job A, then the candidate still sees only their own
    other = await api.post(
        f"/api/ats/v1/jobs/{world.job_a['id']}/apply",
        data={"full_name": "Other", "email": "other@example.test"},
        files={"cv": ("cv.pdf", PDF_BYTES, "application/pdf")},
    )
    assert other.status_code == 201
    r = await api.get("/api/candidate/v1/applications", headers=world.candidate.headers)
    assert [a["id"] for a in r.json()["items"]] == [world.application_a]
    r = await api.get("/api/ats/v1/interviews", headers=world.candidate.headers)
    assert [i["id"] for i in r.json()["items"]] == [world.interview_a["id"]]
    r = await api.get("/api/ats/v1/applications?count=true", headers=world.recruiter_a.headers)
    assert r.json()["total"] == 2


async def test_other_candidate_and_roleless_user_see_nothing(api, world: World) -> None:
    from tests.api.conftest import dev_user

    stranger = await dev_user(api, "cand-2", "CANDIDATE")
    roleless = await dev_user(api, "nobody")
    for path in (
        f"/api/candidate/v1/applications/{world.application_a}",
        f"/api/candidate/v1/applications/{world.application_a}/cv",
        f"/api/ats/v1/interviews/{world.interview_a['id']}",
    ):
        assert (await api.get(path, headers=stranger.headers)).status_code == 404
        assert (await api.get(path, headers=roleless.headers)).status_code == 403
    r = await api.post("/api/livekit/token", json={"interview_id": world.interview_a["id"]}, headers=stranger.headers)
    assert r.status_code == 404
    r = await api.get("/api/candidate/v1/applications?count=true", headers=stranger.headers)
    assert r.json()["total"] == 0


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
