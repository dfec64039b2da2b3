"""`interviewly screen`: the command's contract, and the top-1 floors on the held-out halves of the evaluation sets.

The equality of its scores with the ones the API stores is checked through the API in test_api.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.screening.cli import load_jobs, main, screen_folder
from api.screening.cv_parser import parse_cv
from api.screening.scoring import SCORING_METHOD
from nlp.embeddings import Embedder
from tests.screening.files import docx_bytes, encrypted_pdf, text_pdf, truncated
from tests.screening.ranking_metrics import EVALSETS, eval_labels, rank_of, tfidf_scores, top1

# the test halves' top-1, measured once with bench/bench_screening.py --held-out after tuning on the dev halves
# (never tuned on); each floor is two CVs below it, the hard one two hard CVs below.
# Profile 5 / score 4 (a CV's earlier roles discounted in its keywords, the title part by field), measured once:
# v1: 91/92 (98.9%), hard 45/46; TF-IDF 83/92, hard 37/46 (before: 89/92, hard 43/46; 87/92 before the role-phrase
#     heads).
# v2: 106/108 (98.1%), hard 70/72; TF-IDF 99/108, hard 63/72 (before: 105/108, hard 69/72).
# v3: 53/54 (98.1%), hard 35/36; TF-IDF 51/54, hard 33/36 (unchanged).
# v4: 49/54 (90.7%), hard 31/36; TF-IDF 43/54, hard 25/36 (before: 47/54, hard 29/36, when nothing had been tuned
#     on v4; its dev half has been tuned on since).
# v5: 50/54 (92.6%), hard 32/36; TF-IDF 42/54, hard 24/36, measured once when it was written, before anything was
#     tuned on it (its dev half: 48/54 against 41).
# The target, TF-IDF + 10 points of top-1, is met on the test halves of v4 (+11.1) and v5 (+14.8) and on no
# other (v1 +7.6 with the signed int8 products, +8.7 before; v2 +6.5, v3 +3.7): TF-IDF already ranks 90-94% of v1-v3
# first.
TEST_HALF_FLOORS = {  # set → (CVs, hard CVs, top-1 floor, hard top-1 floor)
    "v1": (92, 46, 89, 43),
    "v2": (108, 72, 104, 68),
    "v3": (54, 36, 51, 33),
    "v4": (54, 36, 47, 29),
    "v5": (54, 36, 48, 30),
}

JOBS = [
    {"key": "backend", "title": "Backend Engineer (Python)", "team": "ignored",
     "description": "Build and run the Django services behind our payments API.",
     "requirements": ["3+ years of Python and Django", "PostgreSQL, Celery, Docker, AWS"],
     "skills": [{"name": "Python", "weight": 5}, {"name": "Django", "weight": 4}, {"name": "PostgreSQL", "weight": 3}]},
    {"key": "nurse", "title": "Registered Nurse, ICU",
     "description": "Care for critically ill patients on our intensive care unit.",
     "requirements": "Active RN licence\nBLS and ACLS", "skills": [{"name": "ACLS", "weight": 3}]},
    {"key": "teacher", "title": "Maths Teacher", "description": "Teach GCSE and A-level mathematics.",
     "requirements": "QTS; experience teaching Key Stage 4", "skills": []},
]


def _cv(labelled, cv_id: str) -> str:
    return next(c for c in labelled[1] if c["id"] == cv_id)["text"]


def test_command_scores_every_readable_cv_against_every_job(tmp_path: Path, labelled, capsys) -> None:
    jobs_file = tmp_path / "jobs.json"
    jobs_file.write_text(json.dumps(JOBS))
    cvs = tmp_path / "cvs"
    cvs.mkdir()
    (cvs / "marta.pdf").write_bytes(text_pdf(_cv(labelled, "backend_1")))
    (cvs / "maria.docx").write_bytes(docx_bytes(_cv(labelled, "nurse_1")))
    (cvs / "sarah.txt").write_text(_cv(labelled, "teacher_1"))
    (cvs / "locked.pdf").write_bytes(encrypted_pdf(_cv(labelled, "backend_2")))
    (cvs / "broken.docx").write_bytes(truncated(docx_bytes(_cv(labelled, "nurse_2"))))
    (cvs / "notes.json").write_text("{}")  # not a CV file: left out

    assert main(["--jobs", str(jobs_file), "--cvs", str(cvs), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"model", "scores"} and out["model"] == SCORING_METHOD
    scores = out["scores"]
    assert set(scores) == {"marta.pdf", "maria.docx", "sarah.txt", "locked.pdf", "broken.docx"}
    assert scores["locked.pdf"]["error"]["code"] == "encrypted_pdf" and scores["locked.pdf"]["error"]["message"]
    assert scores["broken.docx"]["error"]["code"] == "corrupt_docx"
    for name, own in [("marta.pdf", "backend"), ("maria.docx", "nurse"), ("sarah.txt", "teacher")]:
        row = scores[name]
        assert set(row) == {"backend", "nurse", "teacher"}
        assert all(isinstance(v, float) and 0 <= v <= 100 for v in row.values())
        assert max(row, key=row.get) == own, (name, row)


def test_command_refuses_a_jobs_file_that_is_not_a_list(tmp_path: Path, capsys) -> None:
    (tmp_path / "jobs.json").write_text(json.dumps({"key": "x"}))
    with pytest.raises(SystemExit) as exit_:
        main(["--jobs", str(tmp_path / "jobs.json"), "--cvs", str(tmp_path), "--json"])
    assert exit_.value.code == 2 and "list of jobs" in capsys.readouterr().err


@pytest.mark.parametrize("set_name", sorted(TEST_HALF_FLOORS))
def test_held_out_half_top1_floor(embedder: Embedder, set_name: str) -> None:
    root = EVALSETS[set_name]
    n, hard_n, floor, hard_floor = TEST_HALF_FLOORS[set_name]
    labels = eval_labels("test", root)
    jobs = load_jobs(root / "jobs.json")
    scores = screen_folder(jobs, root / "test", embedder)
    texts = {name: parse_cv((root / "test" / name).read_bytes(), name).text for name in labels}
    baseline = tfidf_scores({k: j.text for k, j in jobs.items()}, texts)
    styles = {name: lab["style"] for name, lab in labels.items()}
    ours = top1({cv: rank_of(scores[cv], lab["job"]) for cv, lab in labels.items()}, styles)
    tfidf = top1({cv: rank_of(baseline[cv], lab["job"]) for cv, lab in labels.items()}, styles)
    print(f"\n{set_name} held-out half: screening {ours.row()}; TF-IDF {tfidf.row()}")
    assert ours.n == n and ours.hard_n == hard_n
    assert ours.right >= floor and ours.hard_right >= hard_floor, (ours, tfidf)
    assert ours.right > tfidf.right and ours.hard_right > tfidf.hard_right
