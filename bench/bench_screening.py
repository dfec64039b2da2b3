"""Screening figures: embedding throughput (CVs per second) on this machine's CPU, and ranking quality on the
labelled sets (offline scoring, the same functions the worker uses; the test does it through Postgres).

Ranking quality: for every labelled CV, the rank of its own job among the jobs of its set, by the full
screening score, by semantic similarity alone and by skill match alone: top-1, top-3 and mean reciprocal
rank for the easy set (12 far-apart roles), the hard set (23 near-neighbour roles) and both together (each
CV still ranked within its own set's jobs: the two sets repeat several roles, so one pool would have two
right answers).

    .venv/bin/python bench/bench_screening.py [--repeat 3] [--threads N] [--misses]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.screening.scoring import score_cv  # noqa: E402
from api.screening.text import job_text, normalize_text  # noqa: E402
from nlp.embeddings import MODEL_NAME, Embedder  # noqa: E402
from tests.screening.ranking_metrics import SCORERS, SETS, figures, load_set, rank_of  # noqa: E402

NARROW = 5.0  # a top-1 won by fewer screening-score points (of 100) than this is listed with --misses


def set_ranks(embedder: Embedder, jobs: list[dict], cvs: list[dict]) -> tuple[dict[str, list[int]], list[dict]]:
    """scorer → the rank of each CV's own job; and the CVs whose own job is not first by the full score, or
    first by less than NARROW points."""
    cv_texts = [normalize_text(c["text"]) for c in cvs]
    jd_texts = [job_text(j["title"], j["description"], j["requirements"], list(j["skills"])) for j in jobs]
    cv_vectors, jd_vectors = embedder.embed(cv_texts), embedder.embed(jd_texts)
    ranks: dict[str, list[int]] = {s: [] for s in SCORERS}
    misses = []
    for cv, text, vec in zip(cvs, cv_texts, cv_vectors, strict=True):
        results = {j["id"]: score_cv(text, vec, jd, jv, list(j["skills"].items()))
                   for j, jd, jv in zip(jobs, jd_texts, jd_vectors, strict=True)}
        by = {"score": {k: r.score for k, r in results.items()},
              "semantic": {k: r.similarity for k, r in results.items()},
              "skills": {k: r.skill_score for k, r in results.items()}}
        for scorer in SCORERS:
            ranks[scorer].append(rank_of(by[scorer], cv["job"]))
        top = max((k for k in by["score"] if k != cv["job"]), key=by["score"].get)  # the best other job
        if by["score"][top] > by["score"][cv["job"]] - NARROW:
            misses.append({"cv": cv["id"], "rank": ranks["score"][-1], "top": top,
                           "top_score": by["score"][top], "own_score": by["score"][cv["job"]]})
    return ranks, misses


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0, help="onnxruntime intra-op threads (0: all cores)")
    parser.add_argument("--misses", action="store_true", help="list the CVs whose own job is not first")
    args = parser.parse_args()
    _, cvs = load_set("easy")  # throughput on the easy set, as before
    cv_texts = [normalize_text(c["text"]) for c in cvs]

    embedder = Embedder(threads=args.threads or None)
    t0 = time.perf_counter()
    embedder.embed(["warm up"])
    load_s = time.perf_counter() - t0

    runs = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        embedder.embed(cv_texts)
        runs.append(time.perf_counter() - t0)
    best, median = min(runs), statistics.median(runs)
    windows = embedder.stats.windows - 1
    words = sum(len(t.split()) for t in cv_texts) / len(cv_texts)

    # full-length CVs (two pages, ~4x the labelled ones): several 256-token windows each
    long_texts = ["\n\n".join([t, *cv_texts[(i + 1) % len(cv_texts):(i + 4) % len(cv_texts) or None][:3]])
                  for i, t in enumerate(cv_texts)]
    before = embedder.stats.windows
    t0 = time.perf_counter()
    embedder.embed(long_texts)
    long_s = time.perf_counter() - t0
    long_windows = (embedder.stats.windows - before) / len(long_texts)
    long_words = sum(len(t.split()) for t in long_texts) / len(long_texts)

    one = []
    for text in cv_texts[:12]:
        t0 = time.perf_counter()
        embedder.embed([text])
        one.append(time.perf_counter() - t0)

    quality: dict[str, dict[str, list[int]]] = {}
    misses: dict[str, list[dict]] = {}
    sizes = {}
    for name in SETS:
        set_jobs, set_cvs = load_set(name)
        quality[name], misses[name] = set_ranks(embedder, set_jobs, set_cvs)
        sizes[name] = (len(set_cvs), len(set_jobs))
    quality["easy+hard"] = {s: quality["easy"][s] + quality["hard"][s] for s in SCORERS}
    sizes["easy+hard"] = (sizes["easy"][0] + sizes["hard"][0], None)

    n = len(cvs)
    print(f"model            : {MODEL_NAME} (onnxruntime CPU, {os.cpu_count()} cores visible, "
          f"threads={args.threads or 'all'})")
    print(f"model load       : {load_s:.2f} s (sha256 check + session)")
    print(f"CVs              : {n}, {words:.0f} words on average, {windows // args.repeat / n:.1f} windows per CV")
    print(f"batch throughput : {n / median:.1f} CVs/s median, {n / best:.1f} CVs/s best ({args.repeat} runs)")
    print(f"full-length CVs  : {len(long_texts) / long_s:.1f} CVs/s ({long_words:.0f} words, "
          f"{long_windows:.1f} windows per CV)")
    print(f"single CV latency: {1000 * statistics.median(one):.0f} ms median")
    print()
    print("ranking quality (rank of each CV's own job among its set's jobs; ties count against it)")
    labels = {"score": "screening score", "semantic": "similarity alone", "skills": "skills alone"}
    for name, ranks in quality.items():
        n_cvs, n_jobs = sizes[name]
        pool = f"{n_jobs} jobs" if n_jobs else "each within its own set"
        print(f"  {name} ({n_cvs} CVs, {pool})")
        for scorer in SCORERS:
            print(f"    {labels[scorer]:<17}: {figures(ranks[scorer]).row()}")
    if args.misses:
        for name, rows in misses.items():
            print(f"  {name}: own job not first by screening score, or first by < {NARROW:g} points")
            for m in rows:
                print(f"    {m['cv']:<26} rank {m['rank']:>2}  own {m['own_score']:6.2f}  best other "
                      f"{m['top']:<22} {m['top_score']:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
