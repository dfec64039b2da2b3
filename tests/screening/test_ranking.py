"""Screening quality on the labelled sets: for each CV, where does its own job rank among the jobs of its set?

Two sets (tests/screening/data): the EASY set, twelve far-apart roles with three CVs each, and the HARD set,
twenty-three near-neighbour roles a recruiter could confuse (backend / data / ML / platform engineer,
frontend / full-stack / iOS / Android, analyst / scientist / BI developer, ICU nurse / nurse practitioner /
paramedic, accountant / FP&A / auditor, product manager / product owner / project manager, UX / UI /
research) with two CVs each. Each set is one company's open jobs, in Postgres with their embeddings; a CV
is ranked against its own set's jobs (the two sets repeat several roles, so one pool would have two right
answers). Three rankings: the full screening score (weighted skills + semantic), pgvector cosine similarity
alone, and the skill match alone; for each, top-1, top-3 and mean reciprocal rank (ties count against the
right job, see ranking_metrics.py).

The issue asks that the right job rank first for at least 80% of the CVs: asserted on easy + hard together
(82 pairs, 35 jobs). The other figures are held to floors measured on this machine minus about one CV
(bench/bench_screening.py prints the same figures offline).
"""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest
from sqlalchemy import text

from api.screening.scoring import score_cv
from api.screening.services import embed_texts, ensure_job_embedding, text_of_job
from api.screening.text import normalize_text
from tests.screening.conftest import make_company, make_job
from tests.screening.ranking_metrics import SCORERS, SETS, Figures, figures, load_set, rank_of

pytestmark = pytest.mark.asyncio(loop_scope="session")

TOP1_REQUIRED = 0.80  # the issue: by the screening score, on ≥ 30 pairs across several roles

# floors: (top-1, top-3, MRR) measured with bench/bench_screening.py, less about one CV of margin
# (hard: one CV is 2.2 points of top-1; easy + hard: 1.2 points)
FLOORS = {
    # measured: score 45/46 = 97.8% top-1, 100% top-3, MRR 0.989; semantic 43/46 = 93.5%, 100%, 0.967;
    # skills 45/46 = 97.8%, 100%, 0.989
    "hard": {"score": (0.95, 0.97, 0.97), "semantic": (0.91, 0.97, 0.95), "skills": (0.95, 0.97, 0.97)},
    # measured: score 81/82 = 98.8%, 100%, 0.994; semantic 79/82 = 96.3%, 100%, 0.982; skills 81/82 = 98.8%,
    # 100%, 0.994
    "easy+hard": {"score": (0.97, 0.98, 0.98), "semantic": (0.95, 0.98, 0.97), "skills": (0.97, 0.98, 0.98)},
}


async def _ranks(session, embedder, name: str) -> tuple[dict[str, list[int]], list[dict], int]:
    """Rank every CV of one labelled set against that set's jobs (one company): scorer → ranks."""
    jobs_spec, cvs = load_set(name)
    company = await make_company(session, name=f"Ranking{name.capitalize()}")
    jobs = {}
    for spec in jobs_spec:
        job = await make_job(session, company, spec)
        await ensure_job_embedding(session, job, embedder)
        jobs[job.id] = (spec["id"], job)
    cv_texts = [normalize_text(c["text"]) for c in cvs]
    cv_vectors = await embed_texts(embedder, cv_texts)
    ranks: dict[str, list[int]] = {s: [] for s in SCORERS}
    misses = []
    for cv, cv_text, vector in zip(cvs, cv_texts, cv_vectors, strict=True):
        # semantic: cosine similarity to every job of the company, straight from pgvector, nearest first
        rows = (await session.execute(text(
            "SELECT id, 1 - (jd_embedding <=> CAST(:q AS vector)) FROM jobs WHERE company_id = :c "
            "ORDER BY jd_embedding <=> CAST(:q AS vector)"),
            {"c": company.id, "q": "[" + ",".join(map(str, vector)) + "]"})).all()
        semantic = {jobs[job_id][0]: float(sim) for job_id, sim in rows}
        # the screening score a recruiter sees (weighted skills + semantic) and its skill part
        results = {spec_id: score_cv(cv_text, vector, text_of_job(job), job.jd_embedding,
                                     [(s.name, s.weight) for s in job.skills])
                   for spec_id, job in jobs.values()}
        by = {"score": {k: r.score for k, r in results.items()}, "semantic": semantic,
              "skills": {k: r.skill_score for k, r in results.items()}}
        for scorer in SCORERS:
            ranks[scorer].append(rank_of(by[scorer], cv["job"]))
        if any(ranks[s][-1] > 1 for s in SCORERS):
            misses.append({"cv": cv["id"], **{f"{s}_rank": ranks[s][-1] for s in SCORERS},
                           **{f"{s}_top": max(by[s], key=by[s].get) for s in SCORERS}})
    return ranks, misses, len(jobs_spec)


async def test_right_job_ranks_first(clean_db, embedder, artifacts_dir) -> None:
    ranks, misses, jobs = {}, {}, {}
    async with clean_db() as session, session.begin():
        for name in SETS:
            ranks[name], misses[name], jobs[name] = await _ranks(session, embedder, name)
    ranks["easy+hard"] = {s: ranks["easy"][s] + ranks["hard"][s] for s in SCORERS}
    jobs["easy+hard"] = jobs["easy"] + jobs["hard"]
    figs: dict[str, dict[str, Figures]] = {name: {s: figures(r[s]) for s in SCORERS} for name, r in ranks.items()}

    report = {name: {"cvs": figs[name]["score"].n, "jobs": jobs[name],
                     **{s: asdict(f) for s, f in figs[name].items()}} for name in figs}
    report["misses"] = misses
    (artifacts_dir / "screening_ranking.json").write_text(json.dumps(report, indent=2))
    print("\nscreening ranking (rank of each CV's own job among its set's jobs)")
    for name, by_scorer in figs.items():
        print(f"  {name} ({by_scorer['score'].n} CVs)")
        for scorer, f in by_scorer.items():
            print(f"    {scorer:<8}: {f.row()}")

    assert len(ranks["easy+hard"]["score"]) >= 30 and jobs["easy+hard"] >= 10
    combined = figs["easy+hard"]
    assert combined["score"].top1 >= TOP1_REQUIRED, report
    assert combined["semantic"].top1 >= TOP1_REQUIRED, report
    for name, floors in FLOORS.items():
        for scorer, (top1, top3, mrr) in floors.items():
            f = figs[name][scorer]
            assert f.top1 >= top1 and f.top3 >= top3 and f.mrr >= mrr, (name, scorer, f, report)
