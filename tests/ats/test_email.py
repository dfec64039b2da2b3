"""Automated email through a real SMTP server process: the right template, the .ics file, SMTP down and back,
unsubscribes, permanent refusals, reminders and finished interviews."""

from __future__ import annotations

import asyncio
import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from api.email.periodic import due_reminder
from api.email.sender import deliver
from api.email.tasks import run_tick
from api.queue.worker import QueueWorker
from db.enums import EmailStatus, InterviewStatus
from db.models import EmailOutbox, Interview
from tests.api.conftest import apply, create_job, dev_user, in_minutes
from tests.ats.conftest import email_runtime


async def pipeline(ats, email: str = "ada@example.test") -> tuple[Any, str]:
    recruiter = await dev_user(ats, "rec-mail", "RECRUITER", "Mail Corp", email="rita@mailcorp.test")
    job = await create_job(ats, recruiter, title="Data Engineer")
    r = await apply(ats, job["id"], email=email, full_name="Ada Lovelace")
    assert r.status_code == 201, r.text
    return recruiter, r.json()["application_id"]


async def move(ats, recruiter, application_id: str, *statuses: str) -> None:
    for status in statuses:
        r = await ats.post(f"/api/ats/v1/applications/{application_id}/status", json={"status": status},
                           headers=recruiter.headers)
        assert r.status_code == 200, r.text


async def outbox(sessionmaker) -> list[EmailOutbox]:
    async with sessionmaker() as s:
        return list(await s.scalars(select(EmailOutbox).order_by(EmailOutbox.created_at)))


def by_subject(messages, words: str):
    found = [m for m in messages if words in m["Subject"]]
    assert len(found) == 1, [m["Subject"] for m in messages]
    return found[0]


async def test_status_changes_and_invitation_reach_the_smtp_server(ats, db_sessionmaker, smtp_sink) -> None:
    recruiter, application_id = await pipeline(ats)
    await move(ats, recruiter, application_id, "SCREENING", "SHORTLISTED")  # SCREENING is not mailed by default
    r = await ats.post(f"/api/ats/v1/applications/{application_id}/interviews", headers=recruiter.headers,
                       json={"kind": "AI", "scheduled_at": in_minutes(60 * 30), "duration_minutes": 30})
    assert r.status_code == 201, r.text
    interview = r.json()
    kinds = [m.kind for m in await outbox(db_sessionmaker)]
    assert kinds == ["application_received", "status_changed", "interview_invitation"]

    report = await deliver(email_runtime(db_sessionmaker, smtp_sink.port))
    assert len(report.sent) == 3 and not report.retrying
    messages = smtp_sink.messages()
    assert len(messages) == 3
    received = by_subject(messages, "We received your application for Data Engineer")
    assert received["To"] == "ada@example.test" and "List-Unsubscribe" in received
    shortlisted = by_subject(messages, "shortlisted")
    assert "has been shortlisted" in shortlisted.get_body(("plain",)).get_content()
    assert "<p>" in shortlisted.get_body(("html",)).get_content()
    invite = by_subject(messages, "Interview for Data Engineer on")
    assert "List-Unsubscribe" not in invite  # essential mail
    text = invite.get_body(("plain",)).get_content()
    assert interview["join_url"].replace("http://testserver.local", "") in text
    (ics,) = [p for p in invite.iter_attachments() if p.get_content_type() == "text/calendar"]
    calendar = ics.get_content()
    assert f"UID:interview-{interview['id']}@interviewly" in calendar
    assert "SEQUENCE:0" in calendar and "METHOD:REQUEST" in calendar
    start = datetime.fromisoformat(interview["scheduled_at"]).astimezone(UTC)
    assert f"DTSTART:{start:%Y%m%dT%H%M%SZ}" in calendar

    # a reschedule supersedes the calendar event (same UID, next SEQUENCE)
    r = await ats.patch(f"/api/ats/v1/interviews/{interview['id']}", headers=recruiter.headers,
                        json={"scheduled_at": in_minutes(60 * 48), "reason": "interviewer ill"})
    assert r.status_code == 200, r.text
    await deliver(email_runtime(db_sessionmaker, smtp_sink.port))
    moved = by_subject(smtp_sink.messages(), "has moved to")
    assert "interviewer ill" in moved.get_body(("plain",)).get_content()
    (ics,) = [p for p in moved.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert "SEQUENCE:1" in ics.get_content()
    assert all(m.status == EmailStatus.SENT for m in await outbox(db_sessionmaker))


async def test_company_template_and_chosen_statuses(ats, db_sessionmaker, smtp_sink) -> None:
    recruiter, application_id = await pipeline(ats)
    r = await ats.put("/api/ats/v1/email/templates/status_changed", headers=recruiter.headers, json={
        "subject": "{{ company_name }}: news about {{ job_title }}",
        "text_body": "Dear {{ candidate_name }}, you are now {{ status_label }}."})
    assert r.status_code == 200, r.text
    assert r.json()["customised"] is True
    bad = await ats.put("/api/ats/v1/email/templates/status_changed", headers=recruiter.headers,
                        json={"subject": "{{ nope }}", "text_body": "x"})
    assert bad.status_code == 400 and "does not render" in bad.json()["detail"]
    r = await ats.put("/api/ats/v1/email/settings", headers=recruiter.headers,
                      json={"notify_statuses": ["SCREENING", "REJECTED"], "reminder_hours": [24]})
    assert r.status_code == 200, r.text
    await move(ats, recruiter, application_id, "SCREENING", "SHORTLISTED", "REJECTED")
    await deliver(email_runtime(db_sessionmaker, smtp_sink.port))
    subjects = sorted(m["Subject"] for m in smtp_sink.messages())
    assert subjects == ["Mail Corp: news about Data Engineer", "Mail Corp: news about Data Engineer",
                        "We received your application for Data Engineer"]
    bodies = {m.get_body(("plain",)).get_content().splitlines()[0] for m in smtp_sink.messages()
              if "news" in m["Subject"]}
    assert bodies == {"Dear Ada Lovelace, you are now being reviewed.", "Dear Ada Lovelace, you are now not going "
                                                                        "ahead."}


async def test_smtp_down_mail_waits_and_arrives_once_when_it_is_back(ats, db_sessionmaker, smtp_sink) -> None:
    smtp_sink.stop()
    recruiter, application_id = await pipeline(ats)
    await move(ats, recruiter, application_id, "SCREENING", "SHORTLISTED")
    runtime = email_runtime(db_sessionmaker, smtp_sink.port)
    async with QueueWorker(ats_database_url(db_sessionmaker), {"email": runtime}, queues=["email"],
                           polling_interval=0.5, email_tick_seconds=1):
        await wait_for(lambda: _all(db_sessionmaker, lambda m: m.attempts >= 2), 20, "two failed attempts each")
        mails = await outbox(db_sessionmaker)
        assert all(m.status in (EmailStatus.PENDING, EmailStatus.SENDING) for m in mails)
        assert all("cannot reach the SMTP server" in (m.last_error or "") for m in mails)
        smtp_sink.start()
        await wait_for(lambda: _all(db_sessionmaker, lambda m: m.status == EmailStatus.SENT), 20, "all sent")
        await asyncio.sleep(3)  # further ticks send nothing again
    messages = smtp_sink.messages()
    assert sorted(m["Subject"] for m in messages) == [
        "We received your application for Data Engineer", "Your application for Data Engineer: shortlisted"]
    assert len({m["Message-ID"] for m in messages}) == 2


async def test_unsubscribe_stops_non_essential_mail_only(ats, db_sessionmaker, smtp_sink) -> None:
    recruiter, application_id = await pipeline(ats)
    await deliver(email_runtime(db_sessionmaker, smtp_sink.port))
    (received,) = smtp_sink.messages()
    link = re.search(r"<http://testserver.local([^>]+)>", received["List-Unsubscribe"]).group(1)
    page = await ats.get(link)
    assert page.status_code == 200 and "Unsubscribe" in page.text
    assert (await ats.post(link)).status_code == 200
    await move(ats, recruiter, application_id, "SCREENING", "SHORTLISTED")
    r = await ats.post(f"/api/ats/v1/applications/{application_id}/interviews", headers=recruiter.headers,
                       json={"kind": "AI", "scheduled_at": in_minutes(90), "duration_minutes": 30})
    assert r.status_code == 201
    await deliver(email_runtime(db_sessionmaker, smtp_sink.port))
    statuses = {m.kind: m.status for m in await outbox(db_sessionmaker)}
    assert statuses["status_changed"] == EmailStatus.SUPPRESSED
    assert statuses["interview_invitation"] == EmailStatus.SENT
    assert len(smtp_sink.messages()) == 2
    listing = await ats.get("/api/ats/v1/email/outbox?status=SUPPRESSED&count=true", headers=recruiter.headers)
    assert listing.status_code == 200 and listing.json()["total"] == 1


async def test_a_refused_recipient_fails_for_good(ats, db_sessionmaker, smtp_sink) -> None:
    await pipeline(ats, email="reject@example.test")
    report = await deliver(email_runtime(db_sessionmaker, smtp_sink.port))
    assert len(report.failed) == 1
    (mail,) = await outbox(db_sessionmaker)
    assert mail.status == EmailStatus.FAILED and mail.last_error.startswith("550")
    assert not (await deliver(email_runtime(db_sessionmaker, smtp_sink.port))).failed  # never retried


def test_reminder_moments() -> None:
    at = datetime(2030, 1, 2, 9, tzinfo=UTC)
    booked = at - timedelta(days=3)
    assert due_reminder([24, 1], at, booked, at - timedelta(hours=30)) is None
    assert due_reminder([24, 1], at, booked, at - timedelta(hours=23)) == 24
    assert due_reminder([24, 1], at, booked, at - timedelta(minutes=30)) == 1
    assert due_reminder([24, 1], at, at - timedelta(hours=2), at - timedelta(minutes=90)) is None  # booked late
    assert due_reminder([24, 1], at, booked, at + timedelta(minutes=1)) is None


async def test_reminder_and_completed_interview_report(ats, db_sessionmaker, smtp_sink) -> None:
    recruiter, application_id = await pipeline(ats)
    await move(ats, recruiter, application_id, "SCREENING", "SHORTLISTED")
    r = await ats.post(f"/api/ats/v1/applications/{application_id}/interviews", headers=recruiter.headers,
                       json={"kind": "AI", "scheduled_at": in_minutes(120), "duration_minutes": 30})
    interview_id = r.json()["id"]
    async with db_sessionmaker() as s, s.begin():  # booked two days ago, two hours ahead: the 24 h mark has passed
        await s.execute(update(Interview).where(Interview.id == interview_id)
                        .values(created_at=datetime.now(UTC) - timedelta(days=2)))
    runtime = email_runtime(db_sessionmaker, smtp_sink.port)
    assert (await run_tick(runtime))["reminders"] == 1
    assert (await run_tick(runtime))["reminders"] == 0  # once per slot
    reminder = by_subject(smtp_sink.messages(), "Reminder: your interview")
    assert any(p.get_content_type() == "text/calendar" for p in reminder.iter_attachments())

    async with db_sessionmaker() as s, s.begin():
        await s.execute(update(Interview).where(Interview.id == interview_id).values(
            status=InterviewStatus.COMPLETED, ended_at=datetime.now(UTC), end_reason="completed"))
    assert (await run_tick(runtime))["reports"] == 1
    assert (await run_tick(runtime))["reports"] == 0
    done = by_subject(smtp_sink.messages(), "Interview completed: Ada Lovelace for Data Engineer")
    assert done["To"] == "rita@mailcorp.test"
    assert f"/recruiter/interviews/{interview_id}/report" in done.get_body(("plain",)).get_content()


# ---- helpers -------------------------------------------------------------------------------------------------

def ats_database_url(sessionmaker) -> str:
    return sessionmaker.kw["bind"].url.render_as_string(hide_password=False)


async def _all(sessionmaker, predicate) -> bool:
    mails = await outbox(sessionmaker)
    return bool(mails) and all(predicate(m) for m in mails)


async def wait_for(check, within: float, what: str) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if await check():
            return
        await asyncio.sleep(0.3)
    raise AssertionError(f"timed out after {within}s waiting for {what}")
