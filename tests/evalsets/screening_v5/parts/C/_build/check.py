"""Allowed checks only: files open, text extracts, word counts, labels complete, format/style counts."""
import json, os, collections, re
from labels_plan import PLAN, PART
import docx, pypdf

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
JOBKEYS = {"process-engineer", "quality-engineer", "production-planner", "store-manager", "visual-merchandiser", "retail-buyer"}
ok = True

def extract(p):
    if p.endswith(".txt"):
        return open(p, encoding="utf-8").read()
    if p.endswith(".docx"):
        return "\n".join(par.text for par in docx.Document(p).paragraphs)
    if p.endswith(".pdf"):
        return "\n".join(pg.extract_text() or "" for pg in pypdf.PdfReader(p).pages)

jobs = json.load(open(os.path.join(ROOT, "jobs.json")))
assert {j["key"] for j in jobs} == JOBKEYS and len(jobs) == 6
for j in jobs:
    n = len(j["description"].split())
    ws = [s["weight"] for s in j["skills"]]
    good = 150 <= n <= 300 and 6 <= len(ws) <= 10 and all(0.5 <= w <= 3.0 for w in ws) and isinstance(j["requirements"], str)
    ok &= good
    print(f"JOB {j['key']:20s} desc={n} skills={len(ws)} {'OK' if good else 'BAD'}")

names = set()
for half in ("dev", "test"):
    labels = json.load(open(os.path.join(ROOT, half, "labels.json")))
    files = sorted(f for f in os.listdir(os.path.join(ROOT, half)) if f != "labels.json")
    fmt = collections.Counter(os.path.splitext(f)[1] for f in files)
    per = collections.Counter((labels[f]["job"], labels[f]["style"]) for f in files)
    print(half, len(files), "files", dict(fmt))
    ok &= len(files) == 18 and set(files) == set(labels) and all(v == 6 for v in fmt.values()) and len(fmt) == 3
    ok &= all(per[(j, s)] == 1 for j in JOBKEYS for s in ("ordinary", "plain", "neighbour"))
    for f in files:
        lab = labels[f]
        ok &= set(lab) == {"job", "style", "seniority", "part"} and lab["part"] == PART and lab["job"] in JOBKEYS
        ok &= PLAN[f][:3] == (lab["job"], lab["style"], lab["seniority"]) and PLAN[f][3] == half
        ok &= f not in names; names.add(f)
        text = extract(os.path.join(ROOT, half, f))
        n = len(text.split())
        good = 180 <= n <= 500
        ok &= good
        print(f"  {f:32s} {lab['job']:20s} {lab['style']:9s} {lab['seniority']:14s} words={n} {'OK' if good else 'BAD'}")
print("ALL OK" if ok else "PROBLEMS")
