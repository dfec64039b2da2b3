"""Allowed checks only: every file opens and its text extracts, word counts, labels complete.

Run with: /work/main/.venv/bin/python check.py
"""
import json
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from labels_plan import PLAN, PART  # noqa: E402


def extract(path):
    ext = path.rsplit(".", 1)[1]
    if ext == "txt":
        with open(path, encoding="utf-8") as f:
            return f.read()
    if ext == "docx":
        import docx
        d = docx.Document(path)
        return "\n".join(p.text for p in d.paragraphs)
    if ext == "pdf":
        import pypdf
        r = pypdf.PdfReader(path)
        return "\n".join(pg.extract_text() or "" for pg in r.pages)
    raise ValueError(path)


def main():
    ok = True
    jobs = json.load(open(os.path.join(ROOT, "jobs.json"), encoding="utf-8"))
    keys = {j["key"] for j in jobs}
    assert len(jobs) == 6
    for j in jobs:
        assert set(j) == {"key", "title", "description", "requirements", "skills"}, j["key"]
        n = len(j["description"].split())
        assert 150 <= n <= 300, (j["key"], n)
        assert isinstance(j["requirements"], str)
        assert 6 <= len(j["skills"]) <= 10
        assert all(0.5 <= s["weight"] <= 3.0 and isinstance(s["name"], str) for s in j["skills"])
    seen_names = set()
    for half in ("dev", "test"):
        labels = json.load(open(os.path.join(ROOT, half, "labels.json"), encoding="utf-8"))
        files = sorted(f for f in os.listdir(os.path.join(ROOT, half)) if f != "labels.json")
        if sorted(labels) != files or len(files) != 18:
            print("label/file mismatch in", half)
            ok = False
        fmt = Counter(f.rsplit(".", 1)[1] for f in files)
        print(half, dict(fmt))
        per_job = Counter()
        for f in files:
            lab = labels[f]
            plan = PLAN[f]
            if (lab["job"], lab["style"], lab["seniority"], half) != plan or lab["part"] != PART:
                print("label differs from plan:", f)
                ok = False
            if lab["job"] not in keys:
                print("unknown job", f)
                ok = False
            per_job[(lab["job"], lab["style"])] += 1
            stem = f.rsplit(".", 1)[0]
            if stem in seen_names:
                print("duplicate name", stem)
                ok = False
            seen_names.add(stem)
            text = extract(os.path.join(ROOT, half, f))
            words = len(text.split())
            flag = "" if 180 <= words <= 500 else "  <-- OUT OF RANGE"
            if flag:
                ok = False
            print(f"  {f:32s} {lab['job']:24s} {lab['style']:9s} {lab['seniority']:14s} {words:4d} words{flag}")
        if any(v != 1 for v in per_job.values()) or len(per_job) != 18:
            print("style balance wrong in", half)
            ok = False
    print("ALL OK" if ok else "PROBLEMS FOUND")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
