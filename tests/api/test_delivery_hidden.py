"""A company may hide delivery signals (eye contact, fluency): the interview, report and metrics endpoints then
leave them out, and the skill scores (content only) are unchanged."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from db.models import InterviewMetric, InterviewReport, QuestionScore
from tests.api.conftest import World

EYE = {"frames": 120, "eye_contact_ratio": 0.8, "face_present_ratio": 1.0, "longest_look_away_s": 4.0}
FLUENCY = {"speaking_seconds": 40, "articulation_rate_sps": 4.1, "pause_count": 6}


async def _interview_with_results(db_sessionmaker: Any, interview_id: str) -> None:
    iid = uuid.UUID(interview_id)
    async with db_sessionmaker() as s, s.begin():
        s.add(InterviewReport(
            interview_id=iid, overall_score=71.0, summary="Advisory skill score 71/100", strengths=[], weaknesses=[],
            eye_contact_summary=EYE, fluency_summary=FLUENCY,
            delivery={"advisory": True, "observations": [{"area": "Eye contact", "detail": "80%", "signals": EYE}]},
            flags=[{"flag": "look_away_long", "signals": {"longest_look_away_s": 4.0}},
                   {"flag": "multiple_faces",
                    "signals": {"longest_multiple_faces_s": 2.0, "longest_look_away_s": 4.0}}]))
        s.add(QuestionScore(
            interview_id=iid, question_index=0, question="Q", skill="SQL", answer_text="A", score=71.0,
            eye_contact_ratio=0.8, fluency=FLUENCY,
            signals={"score_source": "offline", "points_covered": ["reads the plan"], "delivery": {"advisory": True}}))
        s.add(InterviewMetric(interview_id=iid, t_s=1, recorded_at=datetime.now(UTC), question_index=0,
                              face_present=True, num_faces=1, eye_contact=0.9, eye_contact_30s=0.8, head_yaw_deg=3.0,
                              head_pitch_deg=1.0, speaking="candidate", speech_rate_sps=4.0,
                              articulation_rate_sps=4.2, pause_count=2, phonation_ratio=0.8, frames_analyzed=5,
                              frames_dropped=0, flags=["look_away_long"]))


async def test_a_company_can_hide_delivery_signals(api, world: World, db_sessionmaker: Any) -> None:
    rec = world.recruiter_a.headers
    iid = world.interview_a["id"]
    await _interview_with_results(db_sessionmaker, iid)
    settings = await api.get("/api/ats/v1/company/settings", headers=rec)
    assert settings.status_code == 200 and settings.json()["hide_delivery_signals"] is False

    bundle = (await api.get(f"/api/ats/v1/interviews/{iid}/report", headers=rec)).json()
    assert bundle["report"]["eye_contact_summary"]["eye_contact_ratio"] == 0.8
    assert bundle["report"]["delivery"]["observations"]
    assert bundle["question_scores"][0]["eye_contact_ratio"] == 0.8
    detail = (await api.get(f"/api/ats/v1/interviews/{iid}", headers=rec)).json()
    assert detail["delivery_signals_hidden"] is False and detail["metrics_summary"]["eye_contact_ratio"] == 0.9

    r = await api.patch("/api/ats/v1/company/settings", json={"hide_delivery_signals": True}, headers=rec)
    assert r.status_code == 200 and r.json()["hide_delivery_signals"] is True
    other = (await api.get("/api/ats/v1/company/settings", headers=world.recruiter_b.headers)).json()
    assert other["hide_delivery_signals"] is False  # company B's own setting

    bundle = (await api.get(f"/api/ats/v1/interviews/{iid}/report", headers=rec)).json()
    report, score = bundle["report"], bundle["question_scores"][0]
    assert report["overall_score"] == 71.0 and score["score"] == 71.0  # skill scores stay
    assert report["eye_contact_summary"] == {} and report["fluency_summary"] == {}
    assert report["delivery"] == {"hidden": True}
    assert [f["flag"] for f in report["flags"]] == ["multiple_faces"]
    assert "longest_look_away_s" not in report["flags"][0]["signals"]
    assert score["eye_contact_ratio"] is None and score["fluency"] == {}
    assert score["signals"]["delivery"] == {"hidden": True} and score["signals"]["points_covered"]
    detail = (await api.get(f"/api/ats/v1/interviews/{iid}", headers=rec)).json()
    assert detail["delivery_signals_hidden"] is True
    summary = detail["metrics_summary"]
    assert summary["eye_contact_ratio"] is None and summary["speech_rate_sps"] is None
    assert summary["pause_count"] is None and summary["face_in_view_ratio"] == 1.0  # presence stays
    assert detail["report"]["delivery"] == {"hidden": True}
    [metric] = (await api.get(f"/api/ats/v1/interviews/{iid}/metrics", headers=rec)).json()["items"]
    assert metric["eye_contact"] is None and metric["speech_rate_sps"] is None and metric["flags"] == []
    assert metric["face_present"] is True  # presence is not a delivery signal

    r = await api.patch("/api/ats/v1/company/settings", json={"hide": True}, headers=rec)
    assert r.status_code == 400  # unknown fields are refused
