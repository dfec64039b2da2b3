"""A candidate sees their own applications in their own schema (issue 14, finding 5): status, dates, the job and what
they sent; never the screening score, a sort by it, or the hiring team's reasons and user ids."""

from __future__ import annotations

from tests.api.conftest import World

REASON = "weak SQL answer, keep as backup; ask Dana"
HIRING_FIELDS = {"screening_score", "changed_by_id", "reason", "from_status", "candidate_id"}


async def test_a_candidate_sees_status_dates_job_and_what_they_sent(api, world: World, db_sessionmaker) -> None:
    from db.models import Application

    # a score as the screening worker writes it, and a move with a recruiter's free-text reason
    async with db_sessionmaker() as s:
        (await s.get(Application, world.application_a)).screening_score = 78.4
        await s.commit()
    r = await api.post(f"/api/ats/v1/applications/{world.application_a}/status",
                       json={"status": "REJECTED", "reason": REASON}, headers=world.recruiter_a.headers)
    assert r.status_code == 200, r.text
    headers = world.candidate.headers

    listing = await api.get("/api/candidate/v1/applications", headers=headers)
    one = await api.get(f"/api/candidate/v1/applications/{world.application_a}", headers=headers)
    history = await api.get(f"/api/candidate/v1/applications/{world.application_a}/history", headers=headers)
    for r in (listing, one, history):
        assert r.status_code == 200, r.text
        text = r.text
        assert "78.4" not in text and REASON not in text and world.recruiter_a.id not in text
        assert not HIRING_FIELDS & _keys(r.json()), _keys(r.json())
    mine = one.json()
    assert listing.json()["items"] == [mine]
    assert mine["status"] == "REJECTED" and mine["job"] == {
        "id": world.job_a["id"], "title": "Backend Engineer", "company_name": "Company A"}
    assert mine["email"] == "cand@example.test" and mine["cv_filename"] == "cv.pdf"
    assert [h["status"] for h in history.json()] == ["APPLIED", "REJECTED"]
    cv = await api.get(f"/api/candidate/v1/applications/{world.application_a}/cv", headers=headers)
    assert cv.status_code == 200 and cv.content.startswith(b"%PDF")


async def test_a_candidate_cannot_sort_by_score_or_read_the_hiring_view(api, world: World) -> None:
    headers = world.candidate.headers
    r = await api.get("/api/candidate/v1/applications", params={"order_by": "screening_score"}, headers=headers)
    assert r.status_code == 400, r.text
    for path in ("/api/ats/v1/applications", f"/api/ats/v1/applications/{world.application_a}",
                 f"/api/ats/v1/applications/{world.application_a}/history",
                 f"/api/ats/v1/applications/{world.application_a}/cv"):
        r = await api.get(path, headers=headers, params={"order_by": "screening_score"})
        assert r.status_code == 403, (path, r.text)
    # the hiring team's view is unchanged
    r = await api.get(f"/api/ats/v1/applications/{world.application_a}", headers=world.recruiter_a.headers)
    assert "screening_score" in r.json()


def _keys(value: object) -> set[str]:
    """Every key at any depth of a JSON value."""
    if isinstance(value, dict):
        return set(value).union(*(_keys(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_keys(v) for v in value))
    return set()
