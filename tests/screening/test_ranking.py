"""Screening quality on the project's own labelled sets, through Postgres: for each CV, where does its own job rank
among the jobs of its set, by the score the API stores?

Two sets (tests/screening/data): the EASY set, twelve far-apart roles with three CVs each, and the HARD set,
twenty-three near-neighbour roles with two CVs each. Each set is one company's open jobs; a CV is ranked against
its own set's jobs (the two sets repeat several roles, so one pool would have two right answers). Job and CV
profiles go through the Postgres cache (text_profiles) as in the API. Ties count against the right job.

Floors: 80% top-1 (the first requirement on screening) and the figures measured with bench/bench_screening.py
less about one CV. The independently written set's held-out half is held to its floor in test_screen_command.py.
"""

from __future__ import annotations

import pytest

from api.screening.cv_parser import parse_cv_text
from api.screening.matching import score
from api.screening.profiles import cv_profile
from api.screening.services import cached_profile, job_profile_of
from tests.screening.conftest import make_company, make_job
from tests.screening.ranking_metrics import SETS, figures, load_set, rank_of

pytestmark = pytest.mark.asyncio(loop_scope="session")

TOP1_REQUIRED = 0.80  # by the screening score, on ≥ 30 pairs across several roles
# measured: easy 36/36, hard 46/46 (bench/bench_screening.py); one CV is 2.2 points of the hard set
FLOORS = {"easy": 0.97, "hard": 0.95, "easy+hard": 0.97}


async def _ranks(session, embedder, name: str) -> list[int]:
    specs, cvs = load_set(name)
    company = await make_company(session, name=f"Ranking{name.capitalize()}")
    jobs = {}
    for spec in specs:
        job = await make_job(session, company, spec)
        jobs[spec["id"]] = await job_profile_of(session, job, embedder)
    ranks = []
    for cv in cvs:
        parsed = parse_cv_text(cv["text"])
        profile, _ = await cached_profile(session, parsed.content_hash, parsed.text,
                                          lambda parsed=parsed: cv_profile(embedder, parsed))
        scores = {key: score(parsed, profile, posting, job_profile).score
                  for key, (posting, job_profile) in jobs.items()}
        ranks.append(rank_of(scores, cv["job"]))
    return ranks


async def test_right_job_ranks_first(clean_db, embedder) -> None:
    ranks = {}
    async with clean_db() as session, session.begin():
        for name in SETS:
            ranks[name] = await _ranks(session, embedder, name)
    ranks["easy+hard"] = ranks["easy"] + ranks["hard"]
    figs = {name: figures(r) for name, r in ranks.items()}
    print("\nscreening ranking on the old set (rank of each CV's own job among its set's jobs)")
    for name, f in figs.items():
        print(f"  {name} ({f.n} CVs): {f.row()}")
    assert figs["easy+hard"].n >= 30
    assert figs["easy+hard"].top1 >= TOP1_REQUIRED
    for name, floor in FLOORS.items():
        assert figs[name].top1 >= floor, (name, figs[name], ranks[name])
