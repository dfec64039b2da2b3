"""The interview lifecycle through the API on real Postgres and livekit-server: idempotent booking, rescheduling
with history, arrivals and the line for an interviewer, expired waits, no-shows by the clock, HUMAN rooms."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from api.config import Settings
from api.interviews.tasks import end_human_slots, expire_waits, mark_no_shows
from db.enums import InterviewStatus
from db.models import Interview, ScheduleChange
from tests.api.conftest import apply, create_job, dev_user, in_minutes, register_worker
from tests.consent import accepted, join_body


async def _application(api, recruiter, email: str) -> str:
    job = await create_job(api, recruiter)
    r = await apply(api, job["id"], email=email)
    assert r.status_code == 201, r.text
    return r.json()["application_id"]


def _code(interview: dict) -> str:
    return interview["join_url"].rsplit("/", 1)[1]


async def test_a_retried_or_double_clicked_booking_books_once(api, db_sessionmaker) -> None:
    recruiter = await dev_user(api, "rec-idem", "RECRUITER", "Acme")
    app_id = await _application(api, recruiter, "idem@x.test")
    body = {"kind": "AI", "scheduled_at": in_minutes(60), "duration_minutes": 30}
    url = f"/api/ats/v1/applications/{app_id}/interviews"
    headers = {**recruiter.headers, "Idempotency-Key": "book-1"}
    first = await api.post(url, json=body, headers=headers)
    again = await api.post(url, json=body, headers=headers)
    assert first.status_code == again.status_code == 201, again.text
    assert again.json()["id"] == first.json()["id"] and again.headers.get("idempotent-replayed") == "true"
    assert "idempotent-replayed" not in first.headers
    other = await api.post(url, json={**body, "duration_minutes": 45}, headers=headers)
    assert other.status_code == 409 and "different request" in other.json()["detail"]
    # a double click: two requests with one key at the same moment
    clicks = await asyncio.gather(*(api.post(url, json=body, headers={**recruiter.headers, "Idempotency-Key": "dbl"})
                                    for _ in range(2)))
    assert [c.status_code for c in clicks] == [201, 201] and clicks[0].json()["id"] == clicks[1].json()["id"]
    async with db_sessionmaker() as s:
        count = await s.scalar(select(func.count()).select_from(Interview)
                               .where(Interview.application_id == uuid.UUID(app_id)))
    assert count == 2  # "book-1" and "dbl": one each
    bad = await api.post(url, json=body, headers={**recruiter.headers, "Idempotency-Key": "x" * 300})
    assert bad.status_code == 400


async def test_reschedule_keeps_history_and_the_link_tells_the_new_time(api, db_sessionmaker) -> None:
    recruiter = await dev_user(api, "rec-move", "RECRUITER", "Acme")
    app_id = await _application(api, recruiter, "move@x.test")
    r = await api.post(f"/api/ats/v1/applications/{app_id}/interviews", headers=recruiter.headers,
                       json={"kind": "AI", "scheduled_at": in_minutes(2), "duration_minutes": 30})
    interview = r.json()
    assert (await api.post("/api/livekit/token", json=join_body(_code(interview)))).status_code == 200
    later = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    moved = await api.patch(f"/api/ats/v1/interviews/{interview['id']}", headers=recruiter.headers,
                            json={"scheduled_at": later.isoformat(), "duration_minutes": 45, "reason": "panel ill"})
    assert moved.status_code == 200, moved.text
    assert moved.json()["duration_minutes"] == 45 and moved.json()["candidate_arrived_at"] is None
    link = (await api.get(f"/api/interview-links/{_code(interview)}")).json()
    assert link["state"] == "not_open_yet" and link["rescheduled_from"] is not None
    assert later.strftime("%Y-%m-%d %H:%M") in link["message"]
    history = (await api.get(f"/api/ats/v1/interviews/{interview['id']}/schedule-history",
                             headers=recruiter.headers)).json()
    assert len(history) == 1 and history[0]["reason"] == "panel ill" and history[0]["new_duration_minutes"] == 45
    async with db_sessionmaker() as s:
        await s.execute(update(Interview).where(Interview.id == uuid.UUID(interview["id"]))
                        .values(status=InterviewStatus.IN_PROGRESS))
        await s.commit()
    started = await api.patch(f"/api/ats/v1/interviews/{interview['id']}", headers=recruiter.headers,
                              json={"scheduled_at": later.isoformat()})
    assert started.status_code == 409 and "SCHEDULED" in started.json()["detail"]
    other = await dev_user(api, "rec-other", "RECRUITER", "Other Co")
    assert (await api.patch(f"/api/ats/v1/interviews/{interview['id']}", headers=other.headers,
                            json={"scheduled_at": later.isoformat()})).status_code == 404
    async with db_sessionmaker() as s:
        assert await s.scalar(select(func.count()).select_from(ScheduleChange)) == 1


async def test_arrivals_wait_in_line_and_a_long_wait_is_told(api, db_sessionmaker) -> None:
    recruiter = await dev_user(api, "rec-line", "RECRUITER", "Acme")
    rival = await dev_user(api, "rec-rival", "RECRUITER", "Rival")
    booked = []
    for i, who in enumerate((recruiter, recruiter, rival)):
        app_id = await _application(api, who, f"line{i}@x.test")
        r = await api.post(f"/api/ats/v1/applications/{app_id}/interviews", headers=who.headers,
                           json={"kind": "AI", "scheduled_at": in_minutes(0), "duration_minutes": 30})
        booked.append(r.json())
    for interview in booked:  # no worker: each arrival joins the line
        assert (await api.post("/api/livekit/token", json=join_body(_code(interview)))).status_code == 200
    links = [(await api.get(f"/api/interview-links/{_code(i)}")).json() for i in booked]
    assert [(lk["state"], lk["position"]) for lk in links] == [("waiting", 1), ("waiting", 2), ("waiting", 3)]
    assert "number 2 in line" in links[1]["message"]
    await register_worker(db_sessionmaker, "W-full", max_jobs=2, active_jobs=2)
    capacity = (await api.get("/api/ats/v1/interviewers/capacity", headers=recruiter.headers)).json()
    assert capacity["free_slots"] == 0 and [w["worker_id"] for w in capacity["workers"]] == ["W-full"]
    # the recruiter sees their own candidates by name, and only a count of the other company's
    assert [w["position"] for w in capacity["waiting"]] == [1, 2] and capacity["waiting_elsewhere"] == 1
    assert {w["candidate_name"] for w in capacity["waiting"]} == {"Jane Doe"}

    # the wait limit passes: the candidate is told, and may try again
    settings = Settings.from_env(env="test", database_url="postgresql://unused", wait_limit_seconds=60)
    async with db_sessionmaker() as s:
        expired = await expire_waits(s, settings, datetime.now(UTC) + timedelta(seconds=61))
    assert sorted(expired) == sorted(i["id"] for i in booked)
    link = (await api.get(f"/api/interview-links/{_code(booked[0])}")).json()
    assert link["state"] == "wait_over" and "try again" in link["message"]
    assert (await api.post("/api/livekit/token", json=join_body(_code(booked[0])))).status_code == 200
    assert (await api.get(f"/api/interview-links/{_code(booked[0])}")).json()["state"] == "waiting"


async def test_no_show_by_the_clock_only_for_those_who_never_arrived(api, db_sessionmaker) -> None:
    recruiter = await dev_user(api, "rec-clock", "RECRUITER", "Acme")
    interviews = []
    for i in range(3):
        app_id = await _application(api, recruiter, f"clock{i}@x.test")
        r = await api.post(f"/api/ats/v1/applications/{app_id}/interviews", headers=recruiter.headers,
                           json={"kind": "AI", "scheduled_at": in_minutes(0), "duration_minutes": 30})
        interviews.append(r.json())
    came, never, later = interviews
    assert (await api.post("/api/livekit/token", json=join_body(_code(came)))).status_code == 200
    async with db_sessionmaker() as s:  # the third is moved an hour ahead
        await s.execute(update(Interview).where(Interview.id == uuid.UUID(later["id"]))
                        .values(scheduled_at=datetime.now(UTC) + timedelta(hours=1)))
        await s.commit()
    settings = Settings.from_env(env="test", database_url="postgresql://unused", join_grace_seconds=60)
    async with db_sessionmaker() as s:
        assert await mark_no_shows(s, settings, datetime.now(UTC) + timedelta(seconds=30)) == []  # still in grace
        assert await mark_no_shows(s, settings, datetime.now(UTC) + timedelta(seconds=61)) == [never["id"]]
    link = (await api.get(f"/api/interview-links/{_code(never)}")).json()
    assert link["state"] == "no_show" and "nobody joined" in link["message"]
    assert (await api.post("/api/livekit/token", json=join_body(_code(never)))).status_code == 410


async def test_human_interviews_meet_in_rooms(api, db_sessionmaker) -> None:
    recruiter = await dev_user(api, "rec-human", "RECRUITER", "Acme")
    app_id = await _application(api, recruiter, "human@x.test")
    r = await api.post(f"/api/ats/v1/applications/{app_id}/interviews", headers=recruiter.headers,
                       json={"kind": "HUMAN", "scheduled_at": in_minutes(0), "duration_minutes": 30})
    interview = r.json()
    assert r.status_code == 201 and interview["join_url"] and not interview["note_taker"]
    token = (await api.post("/api/livekit/token", json={"interview_id": interview["id"]},
                            headers=recruiter.headers)).json()
    assert token["identity"].startswith("panelist-")  # visible, camera and microphone
    watcher = (await api.post("/api/livekit/token", json={"interview_id": interview["id"], "as_panelist": False},
                              headers=recruiter.headers)).json()
    assert watcher["identity"].startswith("recruiter-")
    link = (await api.get(f"/api/interview-links/{_code(interview)}")).json()
    assert link["state"] == "open" and "Your interviewer joins you" in link["message"]
    # the page says what happens in an interview with people (no AI here) and asks for agreement to that
    assert "No AI takes part" in link["consent"]["text"]
    assert [s["scope"] for s in link["consent"]["scopes"]] == ["interview"]
    assert (await api.post("/api/livekit/token", json=join_body(_code(interview)))).status_code == 409  # AI text
    grant = await api.post("/api/livekit/token", json=await accepted(api, _code(interview)))
    assert grant.status_code == 200 and grant.json()["camera"], grant.text
    async with db_sessionmaker() as s:
        row = await s.get(Interview, uuid.UUID(interview["id"]))
        assert row.status == InterviewStatus.IN_PROGRESS and row.waiting_since is None  # no agent to wait for
        assert await end_human_slots(s, datetime.now(UTC) + timedelta(minutes=31)) == [interview["id"]]
        await s.refresh(row)
    assert row.status == InterviewStatus.COMPLETED
