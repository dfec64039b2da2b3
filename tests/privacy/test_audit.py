"""Every change of a score, a report, a status or a recruiter's rating appends one audit row (who, when, before,
after), whoever writes it (the API, the agent's upserts straight to Postgres); nothing rewrites or deletes the trail;
recruiters read an application's trail, and only their own company's."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from api.screening.services import screen_application
from db.models import AuditEvent
from nlp.embeddings import get_embedder
from tests.api.conftest import create_job, dev_user, in_minutes
from tests.privacy.people import ZEPHYRINE, apply_with_cv


async def _events(sessionmaker, app_id: str) -> list[AuditEvent]:
    async with sessionmaker() as s:
        return list((await s.scalars(select(AuditEvent).where(AuditEvent.application_id == uuid.UUID(app_id))
                                     .order_by(AuditEvent.id))).all())


async def _new(sessionmaker, app_id: str, seen: int) -> list[AuditEvent]:
    return (await _events(sessionmaker, app_id))[seen:]


_SCORE_UPSERT = text("""INSERT INTO interview_question_scores (interview_id, question_index, question, score,
                                                               fluency, signals)
                        VALUES (:iv, 0, 'Q?', :score, '{}', '{}')
                        ON CONFLICT (interview_id, question_index) DO UPDATE SET score = EXCLUDED.score""")
_REPORT_UPSERT = text("""INSERT INTO interview_reports (id, interview_id, overall_score, summary, strengths,
                           weaknesses, eye_contact_summary, fluency_summary, flags, delivery, created_at, updated_at)
                         VALUES (:id, :iv, :score, :summary, '[]', '[]', '{}', '{}', '[]', '{}', now(), now())
                         ON CONFLICT (interview_id) DO UPDATE SET overall_score = EXCLUDED.overall_score,
                                                                  summary = EXCLUDED.summary""")


async def _write_scores_as_the_agent_does(sessionmaker, interview_id: str) -> None:
    """Upserts straight to Postgres, with no API user: two score changes, one repeat, two report versions."""
    async with sessionmaker() as s, s.begin():
        await s.execute(_SCORE_UPSERT, {"iv": interview_id, "score": 55.0})
        await s.execute(_SCORE_UPSERT, {"iv": interview_id, "score": 62.5})
        await s.execute(_SCORE_UPSERT, {"iv": interview_id, "score": 62.5})  # the same score: not a change
        await s.execute(_REPORT_UPSERT, {"id": uuid.uuid4(), "iv": interview_id, "score": 60.0, "summary": "first"})
        await s.execute(_REPORT_UPSERT, {"id": uuid.uuid4(), "iv": interview_id, "score": 64.0, "summary": "second"})


async def test_each_audited_change_writes_one_row(ats, db_sessionmaker) -> None:
    recruiter = await dev_user(ats, "rec-audit", "RECRUITER", "Audit Corp")
    job = (await create_job(ats, recruiter))["id"]
    app_id = await apply_with_cv(ats, job, ZEPHYRINE)
    [applied] = await _events(db_sessionmaker, app_id)
    assert (applied.entity, applied.action, applied.after) == ("applications", "INSERT", {"status": "APPLIED"})
    seen = 1

    r = await ats.post(f"/api/ats/v1/applications/{app_id}/status", json={"status": "SCREENING"},
                       headers=recruiter.headers)
    assert r.status_code == 200, r.text
    [change] = await _new(db_sessionmaker, app_id, seen)
    assert (change.entity, change.action, change.before, change.after) == (
        "applications", "UPDATE", {"status": "APPLIED"}, {"status": "SCREENING"})
    assert change.actor == f"user:{recruiter.id}" and change.actor_user_id == uuid.UUID(recruiter.id)
    seen += 1

    # the screening job (no user): its score is a new row, named by the connection
    async with db_sessionmaker() as s, s.begin():
        await screen_application(s, uuid.UUID(app_id), storage=ats.app.state.storage, embedder=get_embedder())
    [screened] = await _new(db_sessionmaker, app_id, seen)
    assert screened.entity == "screenings" and screened.action == "INSERT" and screened.actor.startswith("db:")
    seen += 1
    async with db_sessionmaker() as s, s.begin():  # screening again gives the same score: no change, no row
        await screen_application(s, uuid.UUID(app_id), storage=ats.app.state.storage, embedder=get_embedder())
    assert await _new(db_sessionmaker, app_id, seen) == []

    r = await ats.post(f"/api/ats/v1/applications/{app_id}/interviews", headers=recruiter.headers,
                       json={"kind": "AI", "scheduled_at": in_minutes(30), "duration_minutes": 30})
    interview_id = r.json()["id"]
    await _write_scores_as_the_agent_does(db_sessionmaker, interview_id)
    rows = await _new(db_sessionmaker, app_id, seen)
    assert [(e.entity, e.action, e.before, e.after) for e in rows] == [
        ("interview_question_scores", "INSERT", None, {"score": 55.0}),
        ("interview_question_scores", "UPDATE", {"score": 55.0}, {"score": 62.5}),
        ("interview_reports", "INSERT", None, {"overall_score": 60.0, "summary": "first"}),
        ("interview_reports", "UPDATE", {"overall_score": 60.0, "summary": "first"},
         {"overall_score": 64.0, "summary": "second"}),
    ]
    assert all(str(e.interview_id) == interview_id for e in rows)
    seen += len(rows)

    r = await ats.post(f"/api/ats/v1/interviews/{interview_id}/feedback", json={"rating": 4, "notes": "clear"},
                       headers=recruiter.headers)
    assert r.status_code == 201, r.text
    async with db_sessionmaker() as s, s.begin():
        await s.execute(text("UPDATE interview_feedback SET notes = 'edited'"))  # not audited: no row
        await s.execute(text("UPDATE interview_feedback SET rating = 2"))
    rows = await _new(db_sessionmaker, app_id, seen)
    assert [(e.entity, e.action, e.before, e.after, e.actor_user_id) for e in rows] == [
        ("interview_feedback", "INSERT", None, {"rating": 4}, uuid.UUID(recruiter.id)),
        ("interview_feedback", "UPDATE", {"rating": 4}, {"rating": 2}, None),
    ]

    trail = await ats.get(f"/api/ats/v1/applications/{app_id}/audit", headers=recruiter.headers)
    assert trail.status_code == 200
    assert [e["id"] for e in trail.json()] == [e.id for e in await _events(db_sessionmaker, app_id)]
    other = await dev_user(ats, "rec-audit-b", "RECRUITER", "Other Corp")
    assert (await ats.get(f"/api/ats/v1/applications/{app_id}/audit", headers=other.headers)).status_code == 404


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET after = '{}'", "DELETE FROM audit_log"])
async def test_the_trail_is_append_only(ats, db_sessionmaker, statement: str) -> None:
    recruiter = await dev_user(ats, "rec-append", "RECRUITER", "Append Corp")
    job = (await create_job(ats, recruiter))["id"]
    await apply_with_cv(ats, job, ZEPHYRINE)
    with pytest.raises(DBAPIError, match="append-only"):
        async with db_sessionmaker() as s, s.begin():
            await s.execute(text(statement))
    async with db_sessionmaker() as s:
        assert await s.scalar(select(func.count()).select_from(AuditEvent)) == 1


async def test_the_actor_names_every_transaction_of_its_session(db_sessionmaker) -> None:
    """A cached principal needs no query: the actor is then set when the session's first transaction begins, and
    again for each later one (a request that commits part-way keeps its actor)."""
    from api.privacy.audit import set_actor

    user_id = uuid.uuid4()
    async with db_sessionmaker() as s:
        await set_actor(s, user_id)  # no transaction open yet
        assert await s.scalar(text("SELECT current_setting('interviewly.actor', true)")) == f"user:{user_id}"
        await s.commit()
        assert await s.scalar(text("SELECT current_setting('interviewly.actor', true)")) == f"user:{user_id}"
    async with db_sessionmaker() as s:  # another session: nobody
        assert await s.scalar(text("SELECT current_setting('interviewly.actor', true)")) in (None, "")
