"""The dashboard's aggregates against a seeded pipeline whose counts and times are known."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from db.enums import ApplicationSource, ApplicationStatus, InterviewKind, InterviewStatus
from db.models import Application, ApplicationStatusChange, Candidate, Interview, Job
from tests.api.conftest import create_job, dev_user

S = ApplicationStatus
NOW = datetime.now(UTC).replace(microsecond=0)
T0 = NOW - timedelta(days=20)

# (source, score, [(status, hours after T0), ...]): the last status is the current one
PIPELINE = [
    (ApplicationSource.APPLIED, 85.0, [(S.APPLIED, 0), (S.SCREENING, 2), (S.SHORTLISTED, 26),
                                       (S.INTERVIEW_SCHEDULED, 50)]),
    (ApplicationSource.IMPORTED, 35.0, [(S.APPLIED, 0), (S.SCREENING, 4), (S.REJECTED, 10)]),
    (ApplicationSource.MANUAL, None, [(S.APPLIED, 0)]),
    (ApplicationSource.APPLIED, 95.0, [(S.APPLIED, 0), (S.SCREENING, 6), (S.SHORTLISTED, 30),
                                       (S.INTERVIEW_SCHEDULED, 54), (S.OFFERED, 100), (S.HIRED, 120)]),
]


def application(job_id, source, score, steps, created: datetime) -> list:
    candidate = Candidate(id=uuid.uuid4(), full_name=f"P {uuid.uuid4().hex[:4]}", email=f"{uuid.uuid4().hex}@x.test")
    app = Application(id=uuid.uuid4(), job_id=job_id, candidate_id=candidate.id, status=steps[-1][0],
                      source=source, screening_score=score, created_at=created, updated_at=created)
    history = [ApplicationStatusChange(application_id=app.id, from_status=steps[i - 1][0] if i else None,
                                       to_status=status, changed_at=created + timedelta(hours=h))
               for i, (status, h) in enumerate(steps)]
    return [candidate, app, *history]


def interview(company_id, application_id, kind, status, at: datetime) -> Interview:
    return Interview(company_id=company_id, application_id=application_id, kind=kind, status=status,
                     scheduled_at=at, duration_minutes=30, room_name=f"r-{uuid.uuid4().hex}")


async def seed(ats, sessionmaker):
    recruiter = await dev_user(ats, "rec-dash", "RECRUITER", "Dash Corp")
    other = await dev_user(ats, "rec-other", "RECRUITER", "Other Corp")
    job = await create_job(ats, recruiter)
    job2 = await create_job(ats, recruiter, title="Second job")
    foreign = await create_job(ats, other)
    async with sessionmaker() as s, s.begin():
        company_id = (await s.get(Job, uuid.UUID(job["id"]))).company_id
        rows = []
        for source, score, steps in PIPELINE:
            rows += application(job["id"], source, score, steps, T0)
        apps = [r for r in rows if isinstance(r, Application)]
        rows += application(job2["id"], ApplicationSource.APPLIED, 55.0, [(S.APPLIED, 0)], T0)
        rows += application(job["id"], ApplicationSource.APPLIED, 10.0, [(S.APPLIED, 0)], NOW - timedelta(days=200))
        rows += application(foreign["id"], ApplicationSource.APPLIED, 50.0, [(S.APPLIED, 0), (S.SCREENING, 1)], T0)
        s.add_all([r for r in rows if isinstance(r, Candidate)])
        await s.flush()
        s.add_all([r for r in rows if isinstance(r, Application)])
        await s.flush()
        s.add_all([r for r in rows if isinstance(r, ApplicationStatusChange)])
        a, b = apps[0].id, apps[3].id
        ai, done = InterviewKind.AI, InterviewStatus.COMPLETED
        s.add_all([
            interview(company_id, a, ai, done, NOW - timedelta(days=5)),
            interview(company_id, b, ai, done, NOW - timedelta(days=4)),
            interview(company_id, a, ai, InterviewStatus.NO_SHOW, NOW - timedelta(days=6)),
            interview(company_id, b, ai, InterviewStatus.INTERRUPTED, NOW - timedelta(days=3)),
            interview(company_id, a, InterviewKind.HUMAN, done, NOW - timedelta(days=2)),  # not an AI interview
            interview(company_id, a, ai, InterviewStatus.SCHEDULED, NOW + timedelta(days=1)),
            interview(company_id, b, InterviewKind.HUMAN, InterviewStatus.SCHEDULED, NOW + timedelta(days=3)),
            interview(company_id, b, ai, InterviewStatus.SCHEDULED, NOW + timedelta(days=10)),  # beyond the week
        ])
    return recruiter, job


async def test_job_dashboard_matches_the_seeded_pipeline(ats, db_sessionmaker) -> None:
    recruiter, job = await seed(ats, db_sessionmaker)
    r = await ats.get(f"/api/ats/v1/dashboards/jobs/{job['id']}", headers=recruiter.headers)
    assert r.status_code == 200, r.text
    d = r.json()
    assert d["applications"] == 4 and d["rejected"] == 1
    funnel = {f["stage"]: (f["reached"], f["current"], f["conversion"]) for f in d["funnel"]}
    assert funnel == {"APPLIED": (4, 1, None), "SCREENING": (3, 0, 0.75), "SHORTLISTED": (2, 0, 0.6667),
                      "INTERVIEW_SCHEDULED": (2, 1, 1.0), "OFFERED": (1, 0, 0.5), "HIRED": (1, 1, 1.0)}
    times = {t["stage"]: (t["median_hours"], t["stays"]) for t in d["time_in_stage"]}
    assert times == {"APPLIED": (4.0, 3), "SCREENING": (24.0, 3), "SHORTLISTED": (24.0, 2),
                     "INTERVIEW_SCHEDULED": (46.0, 1), "OFFERED": (20.0, 1)}
    assert {c["name"]: c["count"] for c in d["sources"]} == {"APPLIED": 2, "IMPORTED": 1, "MANUAL": 1}
    assert {(b["low"], b["count"]) for b in d["scores"] if b["count"]} == {(30, 1), (80, 1), (90, 1)}
    assert d["unscored"] == 1
    # the AI interview booked 10 days ahead is past the range's default end (a week from today)
    assert {c["name"]: c["count"] for c in d["ai_interviews"]} == {"COMPLETED": 2, "NO_SHOW": 1, "INTERRUPTED": 1,
                                                                  "SCHEDULED": 1}
    assert [u["kind"] for u in d["upcoming"]] == ["AI", "HUMAN"]
    assert sum(day["count"] for day in d["upcoming_days"]) == 2


async def test_company_dashboard_range_and_isolation(ats, db_sessionmaker) -> None:
    recruiter, job = await seed(ats, db_sessionmaker)
    d = (await ats.get("/api/ats/v1/dashboards/company", headers=recruiter.headers)).json()
    assert d["applications"] == 5  # both jobs, not the other company's, not the one from 200 days ago
    start = (NOW - timedelta(days=365)).date().isoformat()
    d = (await ats.get(f"/api/ats/v1/dashboards/company?start={start}", headers=recruiter.headers)).json()
    assert d["applications"] == 6
    past = (await ats.get(f"/api/ats/v1/dashboards/company?start={start}&end={(NOW - timedelta(days=30)).date()}",
                          headers=recruiter.headers)).json()
    assert past["applications"] == 1 and past["upcoming"] == [] and past["time_in_stage"][0]["stays"] == 0
    other = await dev_user(ats, "rec-other", "RECRUITER", "Other Corp")
    assert (await ats.get(f"/api/ats/v1/dashboards/jobs/{job['id']}", headers=other.headers)).status_code == 404
    bad = await ats.get("/api/ats/v1/dashboards/company?start=2030-01-02&end=2030-01-01", headers=recruiter.headers)
    assert bad.status_code == 400
