"""Notes with @mentions visible to the company's team only, scorecards, and team feedback side by side where no
member can change another's."""

from __future__ import annotations

from sqlalchemy import select

from db.models import EmailOutbox
from tests.api.conftest import apply, create_job, dev_user, in_minutes
from tests.teams.conftest import invite_and_accept


async def _pipeline(teams):
    owner = await dev_user(teams, "collab-owner", "RECRUITER", "Collab Corp")
    mate = await invite_and_accept(teams, owner, "mate")
    manager = await invite_and_accept(teams, owner, "collab-hm", role="HIRING_MANAGER")
    job = await create_job(teams, owner)
    application_id = (await apply(teams, job["id"], email="dee@example.test")).json()["application_id"]
    app = (await teams.get(f"/api/ats/v1/applications/{application_id}", headers=owner.headers)).json()
    return owner, mate, manager, job, application_id, app["candidate"]["id"]


async def test_notes_with_mentions_are_the_teams_only(teams, db_sessionmaker) -> None:
    owner, mate, manager, _, application_id, candidate_id = await _pipeline(teams)
    outsider = await dev_user(teams, "outsider", "RECRUITER", "Other Corp")

    r = await teams.post(f"/api/ats/v1/applications/{application_id}/notes", headers=owner.headers,
                         json={"body": "Strong SQL. @mate@example.test can you run the systems round?"})
    assert r.status_code == 201, r.text
    note = r.json()
    assert note["mentions"] == [mate.id]
    r = await teams.post(f"/api/ats/v1/candidates/{candidate_id}/notes", headers=manager.headers,
                         json={"body": "Met at the fair", "mentions": [owner.id]})
    assert r.status_code == 201, r.text  # a hiring manager may leave notes
    r = await teams.post(f"/api/ats/v1/candidates/{candidate_id}/notes", headers=owner.headers,
                         json={"body": "x", "mentions": [outsider.id]})
    assert r.status_code == 400 and r.json()["extra"]["unknown"] == [outsider.id]

    assert [n["body"] for n in (await teams.get(f"/api/ats/v1/applications/{application_id}/notes",
                                                headers=mate.headers)).json()] == [note["body"]]
    assert len((await teams.get(f"/api/ats/v1/candidates/{candidate_id}/notes", headers=mate.headers)).json()) == 1
    for path in (f"/api/ats/v1/applications/{application_id}/notes", f"/api/ats/v1/candidates/{candidate_id}/notes"):
        assert (await teams.get(path, headers=outsider.headers)).status_code == 404
    async with db_sessionmaker() as s:
        mails = list(await s.scalars(select(EmailOutbox).where(EmailOutbox.kind == "note_mention")
                                     .order_by(EmailOutbox.created_at)))
    assert [m.to_address for m in mails] == [mate.me["email"], owner.me["email"]]

    # only the author edits or deletes
    r = await teams.patch(f"/api/ats/v1/notes/{note['id']}", json={"body": "edited"}, headers=mate.headers)
    assert r.status_code == 403
    r = await teams.patch(f"/api/ats/v1/notes/{note['id']}", json={"body": "edited"}, headers=owner.headers)
    assert r.status_code == 200 and r.json()["body"] == "edited"
    assert (await teams.delete(f"/api/ats/v1/notes/{note['id']}", headers=mate.headers)).status_code == 403
    assert (await teams.delete(f"/api/ats/v1/notes/{note['id']}", headers=owner.headers)).status_code == 204


async def test_team_feedback_side_by_side_with_a_scorecard(teams) -> None:
    owner, mate, manager, job, application_id, _ = await _pipeline(teams)
    r = await teams.put(f"/api/ats/v1/jobs/{job['id']}/scorecard", headers=owner.headers,
                        json={"criteria": [{"name": "SQL"}, {"name": "Communication", "description": "clear"}]})
    assert r.status_code == 200 and [c["name"] for c in r.json()["criteria"]] == ["SQL", "Communication"]
    r = await teams.put(f"/api/ats/v1/jobs/{job['id']}/scorecard", headers=manager.headers, json={"criteria": []})
    assert r.status_code == 403
    r = await teams.post(f"/api/ats/v1/applications/{application_id}/interviews", headers=owner.headers,
                         json={"kind": "HUMAN", "scheduled_at": in_minutes(60), "duration_minutes": 30})
    interview = r.json()["id"]
    path = f"/api/ats/v1/interviews/{interview}/feedback/mine"
    r = await teams.put(path, headers=owner.headers, json={"rating": 4, "scores": {"SQL": 5, "Communication": 3}})
    assert r.status_code == 200, r.text
    mine = r.json()
    r = await teams.put(path, headers=manager.headers, json={"rating": 2, "notes": "quiet", "scores": {"SQL": 3}})
    assert r.status_code == 200, r.text
    r = await teams.put(path, headers=mate.headers, json={"rating": 3, "scores": {"Typing": 5}})
    assert r.status_code == 400 and r.json()["extra"]["unknown"] == ["Typing"]
    r = await teams.put(path, headers=owner.headers, json={"rating": 5, "scores": {"SQL": 5, "Communication": 4}})
    assert r.json()["id"] == mine["id"]  # one row per interviewer: mine replaced

    team = (await teams.get(f"/api/ats/v1/interviews/{interview}/team-feedback", headers=mate.headers)).json()
    assert [(f["author_id"], f["rating"], f["mine"]) for f in team["feedback"]] == [
        (owner.id, 5, False), (manager.id, 2, False)]
    assert team["criterion_means"] == {"SQL": 4.0, "Communication": 4.0} and team["mean_rating"] == 3.5
    # nobody deletes another's feedback
    r = await teams.delete(f"/api/ats/v1/interviews/{interview}/feedback/{mine['id']}", headers=mate.headers)
    assert r.status_code == 403
    r = await teams.delete(f"/api/ats/v1/interviews/{interview}/feedback/{mine['id']}", headers=owner.headers)
    assert r.status_code == 204
