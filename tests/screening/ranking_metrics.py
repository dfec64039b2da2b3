"""Ranking figures for the labelled sets: top-1, top-3 and mean reciprocal rank of each CV's own job.

Shared by tests/screening/test_ranking.py (through Postgres) and bench/bench_screening.py (offline).
A tie with the right job counts against it (pessimistic rank): the skill-only score ties often (two
jobs whose listed skills a CV all shows both score 100) and a tie is not a ranking.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"
EVALSET = Path(__file__).resolve().parent.parent / "evalsets" / "screening"
# a second set written later by other authors who saw neither the code nor the first set (its README says how)
EVALSET_V2 = EVALSET.parent / "screening_v2"
# a third, written blind by three authors at once, two thirds of it the hard styles (v1 and v2 are easy enough for
# TF-IDF to rank ~90% first, which leaves no room to show a margin over it)
EVALSET_V3 = EVALSET.parent / "screening_v3"
# a fourth, written the same way in six other fields after the method was fixed (nothing was tuned on it)
EVALSET_V4 = EVALSET.parent / "screening_v4"
# a fifth, written the same way in six more fields (two of them near the software roles of the first set) after the
# int8 products were fixed; both halves measured once before anything was tuned on it
EVALSET_V5 = EVALSET.parent / "screening_v5"
EVALSETS = {"v1": EVALSET, "v2": EVALSET_V2, "v3": EVALSET_V3, "v4": EVALSET_V4, "v5": EVALSET_V5}
HARD_STYLES = ("plain", "neighbour")

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


def eval_labels(half: str, root: Path = EVALSET) -> dict[str, dict]:
    """<evaluation set>/<half>/labels.json: CV file name → {"job", "style", "seniority"}."""
    return json.loads((root / half / "labels.json").read_text())


@dataclass(frozen=True)
class Top1:
    right: int
    n: int
    hard_right: int
    hard_n: int

    def row(self) -> str:
        hard = f"hard {self.hard_right}/{self.hard_n} = {self.hard_right / self.hard_n:6.1%}" if self.hard_n else ""
        return f"top-1 {self.right}/{self.n} = {self.right / self.n:6.1%}  {hard}"


def top1(ranks: Mapping[str, int], styles: Mapping[str, str]) -> Top1:
    """ranks: CV → rank of its own job; styles: CV → style (plain and neighbour CVs are the hard ones)."""
    hard = [cv for cv in ranks if styles.get(cv, "").split(" ")[0] in HARD_STYLES]
    return Top1(right=sum(r == 1 for r in ranks.values()), n=len(ranks),
                hard_right=sum(ranks[cv] == 1 for cv in hard), hard_n=len(hard))


_WORD = re.compile(r"[a-z][a-z0-9+#]*")
_STOP = frozenset(
    "a an the and or of to in for on with at by from as is are was were be been this that it its i my me we our you "
    "your he she they their will would can have has had do did not no but if so than also into over about".split()
)


def tfidf_scores(job_texts: Mapping[str, str], cv_texts: Mapping[str, str]) -> dict[str, dict[str, float]]:
    """The baseline: plain TF-IDF cosine, the inverse document frequency fitted on this pool of jobs and CVs
    (smoothed: ln((1 + N) / (1 + df)) + 1), raw term counts, English stop words out. CV → {job: cosine}."""
    def words(text: str) -> list[str]:
        return [w for w in _WORD.findall(text.lower()) if w not in _STOP]

    docs = {("job", k): words(t) for k, t in job_texts.items()} | {("cv", k): words(t) for k, t in cv_texts.items()}
    df = Counter(w for d in docs.values() for w in set(d))
    idf = {w: math.log((1 + len(docs)) / (1 + n)) + 1 for w, n in df.items()}

    def vector(tokens: list[str]) -> dict[str, float]:
        v = {w: n * idf[w] for w, n in Counter(tokens).items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {w: x / norm for w, x in v.items()}

    jobs = {k: vector(docs[("job", k)]) for k in job_texts}
    out = {}
    for cv in cv_texts:
        c = vector(docs[("cv", cv)])
        out[cv] = {k: sum(x * c.get(w, 0.0) for w, x in v.items()) for k, v in jobs.items()}
    return out
