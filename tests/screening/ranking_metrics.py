"""Ranking figures for the labelled sets: top-1, top-3 and mean reciprocal rank of each CV's own job.

Shared by tests/screening/test_ranking.py (through Postgres) and bench/bench_screening.py (offline).
A tie with the right job counts against it (pessimistic rank): the skill-only score ties often (two
jobs whose listed skills a CV all shows both score 100) and a tie is not a ranking.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"

# the labelled sets: name → (jobs file, CVs file); each set is its own pool of jobs
SETS = {"easy": ("labelled_jobs.yaml", "labelled_cvs.yaml"), "hard": ("hard_jobs.yaml", "hard_cvs.yaml")}
SCORERS = ("score", "semantic", "skills")  # full screening score, cosine similarity alone, skill match alone


def load_set(name: str) -> tuple[list[dict], list[dict]]:
    jobs_file, cvs_file = SETS[name]
    return yaml.safe_load((DATA / jobs_file).read_text()), yaml.safe_load((DATA / cvs_file).read_text())


def rank_of(scores: Mapping[str, float], truth: str) -> int:
    """1-based rank of the right job among the scored ones; every other job scoring ≥ it ranks above it."""
    mine = scores[truth]
    return 1 + sum(1 for job, s in scores.items() if job != truth and s >= mine)


@dataclass(frozen=True)
class Figures:
    n: int
    top1: float
    top3: float
    mrr: float

    def row(self) -> str:
        return f"top-1 {self.top1:6.1%}  top-3 {self.top3:6.1%}  MRR {self.mrr:.3f}"


def figures(ranks: Iterable[int]) -> Figures:
    ranks = list(ranks)
    n = len(ranks)
    return Figures(n=n, top1=sum(r == 1 for r in ranks) / n, top3=sum(r <= 3 for r in ranks) / n,
                   mrr=sum(1.0 / r for r in ranks) / n)
