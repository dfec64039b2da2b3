"""Consent on record before a candidate token (issue 17): no consent, no token; the row says which text, when, from
where and what was agreed; declining video analysis still gives a token, for the microphone only."""

from __future__ import annotations

import base64
import json
import uuid

from sqlalchemy import select, update

from db.enums import ApplicationStatus, ConsentMethod
from db.models import Company, Interview, InterviewConsent
from tests.api.conftest import World, in_minutes
from tests.consent import DEFAULT_OFFER, consent


def _claims(jwt: str) -> dict:
    payload = jwt.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


async def _consents(sessionmaker, interview_id: str) -> list[InterviewConsent]:
    async with sessionmaker() as s:
        return list((await s.scalars(select(InterviewConsent).where(
            InterviewConsent.interview_id == uuid.UUID(interview_id)))).all())


async def _interview(sessionmaker, interview_id: str) -> Interview:
    async with sessionmaker() as s:
        return await s.get(Interview, uuid.UUID(interview_id))


async def test_no_consent_no_token_and_the_consent_row(api, world: World, db_sessionmaker) -> None:
    code, iid = world.join_code, world.interview_a["id"]
    link = (await api.get(f"/api/interview-links/{code}")).json()
    offer = link["consent"]
    assert offer["version"] == DEFAULT_OFFER.version
    assert [(s["scope"], s["required"]) for s in offer["scopes"]] == [("ai_interviewer", True),
                                                                      ("video_analysis", False)]
    # no consent: refused, and nothing of the arrival is kept
    r = await api.post("/api/livekit/token", json={"join_code": code})
    assert r.status_code == 403 and r.json()["extra"]["code"] == "consent_required", r.text
    assert (await _interview(db_sessionmaker, iid)).candidate_arrived_at is None
    # the required scope left out, a stale text, a scope not offered (this company does not record)
    r = await api.post("/api/livekit/token", json={"join_code": code, "consent": {"version": offer["version"],
                                                                                   "scopes": ["video_analysis"]}})
    assert r.status_code == 403 and r.json()["extra"]["missing"] == ["ai_interviewer"]
    r = await api.post("/api/livekit/token", json={"join_code": code, "consent": {"version": "0" * 64,
                                                                                   "scopes": ["ai_interviewer"]}})
    assert r.status_code == 409 and r.json()["extra"]["code"] == "consent_changed"
    r = await api.post("/api/livekit/token", json={"join_code": code, "consent": {
        "version": offer["version"], "scopes": ["ai_interviewer", "recording"]}})
    assert r.status_code == 400 and r.json()["extra"]["code"] == "unknown_scope"
    assert await _consents(db_sessionmaker, iid) == []

    r = await api.post("/api/livekit/token", json={"join_code": code, "consent": consent()},
                       headers={"User-Agent": "ConsentTest/1.0"})
    assert r.status_code == 200, r.text
    assert r.json()["camera"] is True
    grants = _claims(r.json()["token"])["video"]
    assert sorted(grants["canPublishSources"]) == ["camera", "microphone"]
    [row] = await _consents(db_sessionmaker, iid)
    assert (row.method, row.decision.value, row.text_sha256) == (ConsentMethod.PAGE, "GIVEN", offer["version"])
    assert row.scopes == ["ai_interviewer", "video_analysis"] and row.user_agent == "ConsentTest/1.0" and row.ip
    interview = await _interview(db_sessionmaker, iid)
    assert interview.video_analysis and interview.candidate_arrived_at is not None
    # on record: asking again (rejoining) needs no second acceptance
    assert (await api.post("/api/livekit/token", json={"join_code": code})).status_code == 200


async def test_declining_video_analysis_is_an_audio_interview(api, world: World, db_sessionmaker) -> None:
    r = await api.post("/api/livekit/token", json={"join_code": world.join_code, "consent": consent(video=False)})
    assert r.status_code == 200, r.text
    assert r.json()["camera"] is False
    # LiveKit itself will refuse a camera track from this token
    assert _claims(r.json()["token"])["video"]["canPublishSources"] == ["microphone"]
    interview = await _interview(db_sessionmaker, world.interview_a["id"])
    assert (interview.video_analysis, interview.video_analysis_off_reason) == (False, "declined")
    detail = (await api.get(f"/api/ats/v1/interviews/{world.interview_a['id']}",
                            headers=world.recruiter_a.headers)).json()
    assert (detail["video_analysis"], detail["video_analysis_off_reason"]) == (False, "declined")


async def test_shortlisted_only_analytics(api, world: World, db_sessionmaker) -> None:
    async with db_sessionmaker() as s, s.begin():
        await s.execute(update(Company).where(Company.name == "Company A").values(video_analytics_scope="SHORTLISTED"))
    offer = (await api.get(f"/api/interview-links/{world.join_code}")).json()["consent"]
    assert [s["scope"] for s in offer["scopes"]] == ["ai_interviewer"], "no video analysis to consent to"
    body = {"join_code": world.join_code, "consent": {"version": offer["version"], "scopes": ["ai_interviewer"]}}
    r = await api.post("/api/livekit/token", json=body)
    assert r.status_code == 200 and r.json()["camera"] is True, r.text  # the hiring team may still watch
    interview = await _interview(db_sessionmaker, world.interview_a["id"])
    assert (interview.video_analysis, interview.video_analysis_off_reason) == (False, "not_shortlisted")
    # once shortlisted, video analysis is offered again
    for status in (ApplicationStatus.SCREENING, ApplicationStatus.SHORTLISTED):
        r = await api.post(f"/api/ats/v1/applications/{world.application_a}/status",
                           json={"status": status.value}, headers=world.recruiter_a.headers)
        assert r.status_code == 200, r.text
    offer = (await api.get(f"/api/interview-links/{world.join_code}")).json()["consent"]
    assert [s["scope"] for s in offer["scopes"]] == ["ai_interviewer", "video_analysis"]


async def test_an_interview_with_people_asks_for_what_happens_in_it(api, world: World, db_sessionmaker) -> None:
    r = await api.post(f"/api/ats/v1/applications/{world.application_a}/interviews", headers=world.recruiter_a.headers,
                       json={"kind": "HUMAN", "scheduled_at": in_minutes(0), "duration_minutes": 30,
                             "note_taker": True})
    assert r.status_code == 201, r.text
    code = r.json()["join_url"].rsplit("/", 1)[1]
    offer = (await api.get(f"/api/interview-links/{code}")).json()["consent"]
    assert "AI note-taker" in offer["text"] and "AI interviewer" not in offer["text"]
    assert [(s["scope"], s["required"]) for s in offer["scopes"]] == [
        ("interview", True), ("ai_note_taker", True), ("video_analysis", False)]
    body = {"join_code": code, "consent": {"version": offer["version"], "scopes": ["interview"]}}
    r = await api.post("/api/livekit/token", json=body)
    assert r.status_code == 403 and r.json()["extra"]["missing"] == ["ai_note_taker"], r.text
    body["consent"]["scopes"] = ["interview", "ai_note_taker"]
    r = await api.post("/api/livekit/token", json=body)
    # video analysis declined: the note-taker leaves the camera alone, and the interviewers still see the candidate
    assert r.status_code == 200 and r.json()["camera"] is True, r.text
    interview = await _interview(db_sessionmaker, r.json()["room"].removeprefix("interview-"))
    assert (interview.video_analysis, interview.video_analysis_off_reason) == (False, "declined")
