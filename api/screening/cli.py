"""`interviewly screen --jobs JOBS.json --cvs DIR [--json]`: the product's screening score for every CV in a folder
against every job in a file, offline and without a database (the same parsing, models and weights as the API).

JOBS.json is a list of jobs: `key`, `title`, `description`, `requirements` (text, or a list of lines), `skills` as
[{"name", "weight"}]; other keys are ignored. DIR holds CV files (.txt, .pdf, .docx; a .doc gets its error). With
--json it prints {"model": ..., "scores": {"<cv file>": {"<job key>": score, ...} or {"error": {code, message}}}};
"model" is the scoring method, as the API's screenings name it (`scoring_method`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from api.screening.cv_parser import CVParseError, parse_cv
from api.screening.matching import JobPosting, profile_of_job, score
from api.screening.profiles import cv_profile
from api.screening.scoring import SCORING_METHOD
from nlp.embeddings import Embedder, get_embedder

CV_SUFFIXES = {".txt", ".md", ".pdf", ".docx", ".doc"}


class JobsFileError(ValueError):
    pass


def load_jobs(path: Path) -> dict[str, JobPosting]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise JobsFileError(f"{path}: cannot read a JSON list of jobs ({exc})") from exc
    if not isinstance(raw, list):
        raise JobsFileError(f"{path}: expected a JSON list of jobs")
    jobs: dict[str, JobPosting] = {}
    for n, item in enumerate(raw):
        if not isinstance(item, dict) or not item.get("key") or not item.get("title"):
            raise JobsFileError(f"{path}: job {n} needs at least a key and a title")
        requirements = item.get("requirements") or ""
        if isinstance(requirements, list):
            requirements = "\n".join(str(r) for r in requirements)
        skills = [(str(s["name"]), float(s.get("weight", 1.0))) for s in item.get("skills") or []]
        jobs[str(item["key"])] = JobPosting(str(item["title"]), str(item.get("description") or ""),
                                            str(requirements), skills)
    return jobs


def cv_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in CV_SUFFIXES)


def screen_folder(jobs: dict[str, JobPosting], folder: Path, embedder: Embedder) -> dict[str, dict]:
    """CV file name → {job key: score}, or {"error": {"code", "message"}} for a CV that cannot be read."""
    job_profiles = {key: profile_of_job(embedder, job) for key, job in jobs.items()}
    scores: dict[str, dict] = {}
    for path in cv_files(folder):
        try:
            parsed = parse_cv(path.read_bytes(), path.name)
        except CVParseError as exc:
            scores[path.name] = {"error": {"code": exc.code, "message": exc.message}}
            continue
        cv = cv_profile(embedder, parsed)
        scores[path.name] = {key: score(parsed, cv, job, job_profiles[key]).score for key, job in jobs.items()}
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="interviewly screen", description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=Path, required=True, help="JSON list of jobs")
    parser.add_argument("--cvs", type=Path, required=True, help="folder of CV files")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if not args.cvs.is_dir():
        parser.error(f"--cvs {args.cvs} is not a folder")
    try:
        jobs = load_jobs(args.jobs)
    except JobsFileError as exc:
        parser.error(str(exc))
    scores = screen_folder(jobs, args.cvs, get_embedder())
    if args.json:
        json.dump({"model": SCORING_METHOD, "scores": scores}, sys.stdout, indent=1)
        sys.stdout.write("\n")
        return 0
    for name, row in scores.items():
        if "error" in row:
            print(f"{name}: cannot be read ({row['error']['code']}): {row['error']['message']}")
            continue
        ranked = sorted(row.items(), key=lambda kv: -kv[1])[:3]
        print(f"{name}: " + ", ".join(f"{key} {value:.1f}" for key, value in ranked))
    return 0
