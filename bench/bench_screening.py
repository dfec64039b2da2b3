"""Screening figures: embedding throughput (CVs per second) on this machine's CPU, and the ranking top-1 on the
labelled set (offline scoring, the same functions the worker uses; the test does it through Postgres).

    .venv/bin/python bench/bench_screening.py [--repeat 3] [--threads N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.screening.embeddings import MODEL_NAME, Embedder  # noqa: E402
from api.screening.scoring import score_cv  # noqa: E402
from api.screening.text import job_text, normalize_text  # noqa: E402

DATA = ROOT / "tests" / "screening" / "data"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0, help="onnxruntime intra-op threads (0: all cores)")
    args = parser.parse_args()
    jobs = yaml.safe_load((DATA / "labelled_jobs.yaml").read_text())
    cvs = yaml.safe_load((DATA / "labelled_cvs.yaml").read_text())
    cv_texts = [normalize_text(c["text"]) for c in cvs]
    jd_texts = [job_text(j["title"], j["description"], j["requirements"], list(j["skills"])) for j in jobs]

    embedder = Embedder(threads=args.threads or None)
    t0 = time.perf_counter()
    embedder.embed(["warm up"])
    load_s = time.perf_counter() - t0

    runs = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        cv_vectors = embedder.embed(cv_texts)
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

    jd_vectors = embedder.embed(jd_texts)
    sem = comb = 0
    for cv, text, vec in zip(cvs, cv_texts, cv_vectors, strict=True):
        sims = jd_vectors @ vec
        sem += jobs[int(np.argmax(sims))]["id"] == cv["job"]
        scores = [score_cv(text, vec, jd, jv, list(j["skills"].items())).score
                  for j, jd, jv in zip(jobs, jd_texts, jd_vectors, strict=True)]
        comb += jobs[int(np.argmax(scores))]["id"] == cv["job"]

    n = len(cvs)
    print(f"model            : {MODEL_NAME} (onnxruntime CPU, {os.cpu_count()} cores visible, "
          f"threads={args.threads or 'all'})")
    print(f"model load       : {load_s:.2f} s (sha256 check + session)")
    print(f"CVs              : {n}, {words:.0f} words on average, {windows // args.repeat / n:.1f} windows per CV")
    print(f"batch throughput : {n / median:.1f} CVs/s median, {n / best:.1f} CVs/s best ({args.repeat} runs)")
    print(f"full-length CVs  : {len(long_texts) / long_s:.1f} CVs/s ({long_words:.0f} words, "
          f"{long_windows:.1f} windows per CV)")
    print(f"single CV latency: {1000 * statistics.median(one):.0f} ms median")
    print(f"ranking top-1    : {comb}/{n} = {comb / n:.1%} by screening score, {sem}/{n} = {sem / n:.1%} "
          f"by similarity alone ({len(jobs)} jobs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
