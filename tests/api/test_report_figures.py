"""Every figure defined once: a synthetic interview with hand-computed pauses, rates, eye contact and notes,
written through the agent's recorder. The interview's summary, the report and the metrics endpoint agree with the
hand-computed values (and so with each other)."""

from __future__ import annotations

import uuid
from statistics import fmean
from typing import Any

from tests.api.conftest import apply, create_job, dev_user, in_minutes
from tests.synthetic_interview import EXPECTED, write_synthetic_interview

FIGURES = ("seconds", "duration_s", "video_seconds", "face_in_view_seconds", "face_in_view_ratio",
           "eye_contact_ratio", "multiple_faces_seconds", "pause_count", "speech_rate_sps", "articulation_rate_sps",
           "phonation_ratio", "frames_analyzed", "frames_dropped")


async def _interview(api, recruiter, job: dict[str, Any], email: str, name: str) -> str:
    application = (await apply(api, job["id"], email=email, full_name=name)).json()["application_id"]
    r = await api.post(f"/api/ats/v1/applications/{application}/interviews", headers=recruiter.headers,
                       json={"kind": "AI", "scheduled_at": in_minutes(1), "duration_minutes": 30})
    assert r.status_code == 201, r.text
    return r.json()["id"]


async def test_summary_report_and_metrics_agree_with_the_hand_computed_interview(api, db_sessionmaker) -> None:
    recruiter = await dev_user(api, "rec-figures", "RECRUITER", "Figures Inc")
    job = await create_job(api, recruiter)
    iid = await _interview(api, recruiter, job, "ada@example.test", "Ada Lovelace")
    stored = await write_synthetic_interview(db_sessionmaker, uuid.UUID(iid))

    summary = (await api.get(f"/api/ats/v1/interviews/{iid}", headers=recruiter.headers)).json()["metrics_summary"]
    bundle = (await api.get(f"/api/ats/v1/interviews/{iid}/report", headers=recruiter.headers)).json()
    items = (await api.get(f"/api/ats/v1/interviews/{iid}/metrics?limit=1000", headers=recruiter.headers)
             ).json()["items"]
    for key in FIGURES:
        assert summary[key] == EXPECTED[key], key
        assert bundle["figures"][key] == EXPECTED[key], key
        assert bundle["report"]["delivery"]["figures"][key] == EXPECTED[key], key  # the agent's own computation

    # the served rows: the running pause count is not summed (the old summary said 185 for 2 pauses)
    assert len(items) == 96 and items[-1]["pause_count"] == EXPECTED["pause_count"]
    assert sum(r["pause_count"] for r in items) > 100
    face = [r["eye_contact"] for r in items if r["face_present"]]
    assert round(fmean(face), 4) == EXPECTED["eye_contact_ratio"]
    # the report's own figures say the same
    report = bundle["report"]
    assert report["eye_contact_summary"]["eye_contact_ratio"] == EXPECTED["eye_contact_ratio"]
    assert report["eye_contact_summary"]["face_present_ratio"] == EXPECTED["face_in_view_ratio"]
    assert report["fluency_summary"]["pause_count"] == EXPECTED["pause_count"]
    assert "83% of the 79 s the face was in view" in report["delivery"]["observations"][0]["detail"]
    assert stored["overall_score"] == report["overall_score"] == 62.0

    # integrity notes with their times, the same from the rows (API) and in the stored report (agent)
    assert [(n["kind"], n["start_s"], n["end_s"]) for n in bundle["notes"]] == EXPECTED["notes"]
    assert [(f["flag"], f["start_s"], f["end_s"]) for f in report["flags"]] == EXPECTED["notes"]
    assert bundle["notes"][1]["detail"] == report["flags"][1]["detail"] == "Face out of view 1:00–1:15"

    engagement = bundle["engagement"]
    assert engagement["response_latency_s"] == EXPECTED["response_latency_s"]
    assert engagement["speaking_share"] == EXPECTED["speaking_share"]
    assert [q["response_latency_s"] for q in engagement["questions"]] == [2.0, 3.0]
    q0, q1 = bundle["question_scores"]
    assert q0["engagement"]["response_latency_s"] == 2.0 and q1["engagement"]["answer_words"] > 20
    assert len(q0["reasons"]) == 3 and any("rubric points" in r for r in q0["reasons"])
    # question 1's seconds 15-54: looking at the screen 15-40 and 51-54, away 41-50
    assert q0["delivery"]["eye_contact_ratio"] == q0["eye_contact_ratio"] == round((26 + 4) / 40, 4)
    assert bundle["comparison"] is None  # nobody else interviewed for this job yet


async def test_the_report_compares_with_the_jobs_other_candidates(api, db_sessionmaker) -> None:
    recruiter = await dev_user(api, "rec-compare", "RECRUITER", "Compare Inc")
    job = await create_job(api, recruiter)
    first = await _interview(api, recruiter, job, "ada@example.test", "Ada Lovelace")
    second = await _interview(api, recruiter, job, "alan@example.test", "Alan Turing")
    await write_synthetic_interview(db_sessionmaker, uuid.UUID(first), scores=(80.0, 70.0))
    await write_synthetic_interview(db_sessionmaker, uuid.UUID(second), scores=(50.0, 40.0), latency_s=5.0,
                                    eye_contact=0.4)
    bundle = (await api.get(f"/api/ats/v1/interviews/{second}/report", headers=recruiter.headers)).json()
    assert bundle["job_id"] == job["id"]
    c = bundle["comparison"]
    assert c["others"] == 1 and c["ranked"] == 2 and c["overall_score_rank"] == 2
    assert c["overall_score_median"] == 75.0 and c["response_latency_median_s"] == 2.5

    table = (await api.get(f"/api/ats/v1/jobs/{job['id']}/interview-comparison", headers=recruiter.headers)).json()
    assert [r["candidate_name"] for r in table["candidates"]] == ["Ada Lovelace", "Alan Turing"]
    ada, alan = table["candidates"]
    assert ada["skill_scores"] == {"Python": 80.0, "SQL": 70.0} and table["skills"][:2] == ["Python", "PostgreSQL"]
    assert ada["engagement_score"] > alan["engagement_score"]
    assert ada["eye_contact_ratio"] > alan["eye_contact_ratio"] and ada["fluency_score"] is not None
    assert alan["response_latency_s"] == 7.5  # 2 + 5 s and 3 + 5 s

    other = await dev_user(api, "rec-other", "RECRUITER", "Other Inc")
    r = await api.get(f"/api/ats/v1/jobs/{job['id']}/interview-comparison", headers=other.headers)
    assert r.status_code == 404

    # a company that hides delivery signals gets scores only: no eye contact, fluency or engagement anywhere
    await api.patch("/api/ats/v1/company/settings", json={"hide_delivery_signals": True}, headers=recruiter.headers)
    table = (await api.get(f"/api/ats/v1/jobs/{job['id']}/interview-comparison", headers=recruiter.headers)).json()
    assert table["delivery_signals_hidden"] is True
    assert all(r[k] is None for r in table["candidates"] for k in ("engagement_score", "eye_contact_ratio",
                                                                   "fluency_score", "response_latency_s"))
    bundle = (await api.get(f"/api/ats/v1/interviews/{second}/report", headers=recruiter.headers)).json()
    assert bundle["engagement"] is None and bundle["figures"]["eye_contact_ratio"] is None
    assert bundle["figures"]["face_in_view_ratio"] == EXPECTED["face_in_view_ratio"]  # presence is not delivery
    assert [n["kind"] for n in bundle["notes"]] == ["no_face", "multiple_faces"]
    assert all(q["engagement"] is None and q["delivery"] is None for q in bundle["question_scores"])
    assert bundle["comparison"]["eye_contact_ratio_median"] is None


async def test_report_numbers_are_typed_and_documented(api) -> None:
    schema = (await api.get("/schema/openapi.json")).json()["components"]["schemas"]
    checked = 0
    for name in ("InterviewFigures", "Engagement", "QuestionEngagement", "EngagementParts", "Comparison",
                 "CompareRow", "QuestionDelivery", "IntegrityNoteOut", "MetricRow"):
        props = schema[name]["properties"]
        for field, spec in props.items():
            types = {spec.get("type")} | {o.get("type") for o in spec.get("oneOf", [])}
            if types & {"number", "integer"}:
                checked += 1
                assert spec.get("description"), f"{name}.{field} has no description (unit)"
    assert checked > 60
