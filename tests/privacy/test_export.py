"""A signed-in candidate downloads everything stored about them as one ZIP (data.json and their CV files): what
they sent, their interviews with transcripts and consents, their practice feedback; nothing of the hiring team's
evaluation (scores, reports, ratings, notes, reasons) unless the company shares its scores, and nothing of anyone
else."""

from __future__ import annotations

import io
import json
import uuid
import zipfile

from sqlalchemy import update

from db.models import Company, CVAnalysis, InterviewSession
from tests.api.conftest import create_job, dev_user
from tests.privacy.people import OTHER, ZEPHYRINE, footprint


async def _export(ats, me) -> tuple[dict, dict[str, bytes], str]:
    r = await ats.get("/api/candidate/v1/me/export", headers=me.headers)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/zip"), r.text[:300]
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        files = {n: z.read(n) for n in z.namelist()}
    return json.loads(files["data.json"]), files, files["data.json"].decode()


async def test_the_export_holds_what_the_candidate_should_see(ats, db_sessionmaker) -> None:
    recruiter = await dev_user(ats, "rec-export", "RECRUITER", "Export Corp")
    me = await dev_user(ats, "cand-export", "CANDIDATE", email=ZEPHYRINE.email)
    someone = await dev_user(ats, "cand-other", "CANDIDATE", email=OTHER.email)
    job = (await create_job(ats, recruiter))["id"]
    mine = await footprint(ats, db_sessionmaker, recruiter, job, ZEPHYRINE, headers=me.headers)
    await footprint(ats, db_sessionmaker, recruiter, job, OTHER, headers=someone.headers)
    async with db_sessionmaker() as s, s.begin():
        s.add(InterviewSession(user_id=uuid.UUID(me.id), target_role="Backend engineer",
                               feedback={"tips": ["Tell the story of the kombucha reactor with numbers"]}))
        s.add(CVAnalysis(user_id=uuid.UUID(me.id), cv_content_hash="a" * 64, ats_score=77.0,
                         result={"missing_keywords": ["terraform"]}))

    data, files, raw = await _export(ats, me)
    [app] = data["applications"]
    assert app["id"] == mine["application_id"] and app["sent"]["full_name"] == ZEPHYRINE.name
    assert ZEPHYRINE.cv_phrase in app["sent"]["cv_text"] and app["sent"]["cover_letter"]
    assert [h["to"] for h in app["status_history"]] == ["APPLIED", "SCREENING"]
    [interview] = app["interviews"]
    assert ZEPHYRINE.said in interview["transcript"][0]["text"]
    assert interview["consents"][0]["scopes"] == ["ai_interviewer"]
    assert data["practice_interviews"][0]["feedback"]["tips"] and data["cv_analyses"][0]["ats_score"] == 77.0
    [cv] = [n for n in files if n.startswith("cv/")]
    assert files[cv] == ZEPHYRINE.cv()
    # the hiring team's evaluation stays private, and nobody else is in it
    for private in ("looks promising", "was clear", "explained how they", "screening_score", '"scores"',
                    OTHER.name, OTHER.email, OTHER.said):
        assert private not in raw, private

    async with db_sessionmaker() as s, s.begin():
        await s.execute(update(Company).where(Company.name == "Export Corp").values(share_scores_with_candidates=True))
    data, _, raw = await _export(ats, me)
    scores = data["applications"][0]["interviews"][0]["scores"]
    assert scores["overall_score"] == 71.0 and scores["questions"][0]["score"] == 71.0
    assert "screening_score" in data["applications"][0]
    for private in ("looks promising", "was clear", OTHER.name):  # ratings, notes and reasons are never shared
        assert private not in raw, private
    assert (await ats.get("/api/candidate/v1/me/export", headers=recruiter.headers)).status_code == 403
