"""Allowed checks only: files open, text extracts, word counts, labels complete, format counts, unique names."""
import json, os, sys, collections
from pypdf import PdfReader
from docx import Document

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from labels_plan import plan, JOBS, STYLES  # noqa: E402


def extract(path):
    if path.endswith(".txt"):
        return open(path, encoding="utf-8").read()
    if path.endswith(".docx"):
        return "\n".join(p.text for p in Document(path).paragraphs)
    if path.endswith(".pdf"):
        return "\n".join(pg.extract_text() or "" for pg in PdfReader(path).pages)
    raise ValueError(path)


ok = True
jobs = json.load(open(os.path.join(ROOT, "jobs.json")))
assert [j["key"] for j in jobs] == JOBS
for j in jobs:
    n = len(j["description"].split())
    sk = j["skills"]
    good = 150 <= n <= 300 and 6 <= len(sk) <= 10 and all(0.5 <= s["weight"] <= 3.0 for s in sk) \
        and isinstance(j["requirements"], str) and j["title"]
    print(f"job {j['key']:24s} desc_words={n} skills={len(sk)} {'OK' if good else 'BAD'}")
    ok &= bool(good)

expected, _ = plan()
allnames = []
for half in ("dev", "test"):
    d = os.path.join(ROOT, half)
    labels = json.load(open(os.path.join(d, "labels.json")))
    files = sorted(f for f in os.listdir(d) if f != "labels.json")
    if labels != expected[half] or sorted(labels) != files:
        print("LABEL MISMATCH", half); ok = False
    fmt = collections.Counter(f.rsplit(".", 1)[1] for f in files)
    per = collections.Counter((v["job"], v["style"]) for v in labels.values())
    ok &= all(per[(j, s)] == 1 for j in JOBS for s in STYLES)
    ok &= all(set(v) == {"job", "style", "seniority", "part"} and v["part"] == "A" for v in labels.values())
    print(half, dict(fmt), "per job/style all 1:", all(per[(j, s)] == 1 for j in JOBS for s in STYLES))
    ok &= all(fmt[e] == 6 for e in ("txt", "docx", "pdf"))
    for f in files:
        allnames.append(f.rsplit(".", 1)[0])
        t = extract(os.path.join(d, f))
        w = len(t.split())
        first = t.strip().splitlines()[0]
        flag = "OK" if 180 <= w <= 500 else "BAD"
        ok &= flag == "OK"
        print(f"  {half}/{f:32s} words={w:4d} {flag}  first line: {first[:40]}")
if len(allnames) != len(set(allnames)):
    print("DUPLICATE NAMES"); ok = False
print("ALL OK" if ok else "PROBLEMS")
