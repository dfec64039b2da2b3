"""The only automated check: every file opens, its text extracts, and labels/jobs are well-formed."""

import json
from pathlib import Path

import docx
import pypdf

ROOT = Path(__file__).resolve().parent.parent
jobs = json.loads((ROOT / "jobs.json").read_text())
keys = {j["key"] for j in jobs}
assert len(jobs) == 6
for j in jobs:
    assert 5 <= len(j["requirements"]) <= 9 and 6 <= len(j["skills"]) <= 12, j["key"]
    assert all(1 <= s["weight"] <= 5 for s in j["skills"])
for half in ("dev", "test"):
    labels = json.loads((ROOT / half / "labels.json").read_text())
    files = {p.name for p in (ROOT / half).iterdir() if p.name != "labels.json"}
    assert files == set(labels), files ^ set(labels)
    for name, lab in labels.items():
        assert lab["job"] in keys and lab["style"] in ("ordinary", "plain", "neighbour")
        assert lab["seniority"] in ("junior", "mid", "senior", "career_changer")
        path = ROOT / half / name
        if name.endswith(".pdf"):
            text = "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
        elif name.endswith(".docx"):
            text = "\n".join(p.text for p in docx.Document(path).paragraphs)
        else:
            text = path.read_text()
        words = len(text.split())
        assert 80 <= words <= 600, (name, words)
        print(half, name, words)
print("ok")
