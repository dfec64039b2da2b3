"""The bias export: per stage, how many reached it, the selection rate from the stage before and the score
distribution; by voluntarily self-reported group, selection rates and impact ratios, computed here by hand."""

from __future__ import annotations

from sqlalchemy import text

from tests.api.conftest import create_job, dev_user
from tests.privacy.people import Person, apply_with_cv

PATHS = {  # applicant: (gender, the statuses they moved through, screening score)
    "a1": ("woman", ["SCREENING", "SHORTLISTED", "INTERVIEW_SCHEDULED", "OFFERED", "HIRED"], 60.0),
    "a2": ("woman", ["SCREENING", "SHORTLISTED", "REJECTED"], 50.0),
    "a3": ("woman", ["SCREENING", "REJECTED"], 40.0),
    "a4": ("woman", ["REJECTED"], 30.0),
    "b1": ("man", ["SCREENING", "REJECTED"], 20.0),
    "b2": ("man", [], 10.0),
}


async def test_bias_report_by_stage_and_group(ats, db_sessionmaker) -> None:
    recruiter = await dev_user(ats, "rec-bias", "RECRUITER", "Bias Corp")
    job = (await create_job(ats, recruiter))["id"]
    for key, (gender, statuses, score) in PATHS.items():
        who = await dev_user(ats, f"cand-{key}", "CANDIDATE", email=f"{key}@bias.test")
        app_id = await apply_with_cv(ats, job, Person(f"Person {key}", f"{key}@bias.test", "x", "y"), who.headers)
        for status in statuses:
            r = await ats.post(f"/api/ats/v1/applications/{app_id}/status", json={"status": status},
                               headers=recruiter.headers)
            assert r.status_code == 200, r.text
        r = await ats.put(f"/api/candidate/v1/applications/{app_id}/demographics", json={"gender": gender},
                          headers=who.headers)
        assert r.status_code == 200, r.text
        assert (await ats.put(f"/api/candidate/v1/applications/{app_id}/demographics", json={"gender": gender},
                              headers=recruiter.headers)).status_code == 403
        async with db_sessionmaker() as s, s.begin():
            await s.execute(text("UPDATE applications SET screening_score = :v WHERE id = :id"),
                            {"v": score, "id": app_id})

    r = await ats.get(f"/api/ats/v1/jobs/{job}/bias-report", headers=recruiter.headers)
    assert r.status_code == 200, r.text
    report = r.json()
    assert (report["applications"], report["self_reported"]) == (6, 6)
    stages = {s["stage"]: s for s in report["stages"]}
    assert [stages[s]["reached"] for s in ("APPLIED", "SCREENING", "SHORTLISTED", "INTERVIEW_SCHEDULED",
                                           "OFFERED", "HIRED")] == [6, 4, 2, 1, 1, 1]
    assert stages["APPLIED"]["selection_rate"] is None and stages["SCREENING"]["selection_rate"] == 0.6667
    assert stages["SHORTLISTED"]["selection_rate"] == 0.5
    applied = stages["APPLIED"]["screening_score"]
    assert (applied["n"], applied["min"], applied["median"], applied["max"], applied["mean"]) == (6, 10, 35, 60, 35)
    assert stages["SHORTLISTED"]["screening_score"]["median"] == 55.0
    shortlisted = next(c for c in report["impact_ratios"] if c["category"] == "gender" and c["stage"] == "SHORTLISTED")
    groups = {g["group"]: g for g in shortlisted["groups"]}
    assert (groups["woman"]["applicants"], groups["woman"]["selected"], groups["woman"]["selection_rate"]) == (
        4, 2, 0.5)
    assert (groups["man"]["selection_rate"], groups["man"]["impact_ratio"], groups["woman"]["impact_ratio"]) == (
        0.0, 0.0, 1.0)
    assert groups["man"]["small_group"] and groups["woman"]["small_group"]
    other = await dev_user(ats, "rec-bias-b", "RECRUITER", "Other Bias Corp")
    assert (await ats.get(f"/api/ats/v1/jobs/{job}/bias-report", headers=other.headers)).status_code == 404
