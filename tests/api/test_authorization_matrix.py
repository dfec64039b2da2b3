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
