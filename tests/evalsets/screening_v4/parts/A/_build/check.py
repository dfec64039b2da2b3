"""The only automated check: every file opens and its text extracts; labels are well formed."""

import json
from pathlib import Path

import docx
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
JOBS = {j["key"] for j in json.loads((ROOT / "jobs.json").read_text())}


def extract(path):
    if path.suffix == ".txt":
        return path.read_text(encoding="utf-8")
    if path.suffix == ".docx":
        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def main():
    for half in ("dev", "test"):
        labels = json.loads((ROOT / half / "labels.json").read_text())
        files = {p.name for p in (ROOT / half).iterdir() if p.name != "labels.json"}
        assert files == set(labels), (half, files ^ set(labels))
        for name, lab in labels.items():
            assert lab["job"] in JOBS, name
            assert lab["style"] in ("ordinary", "plain", "neighbour"), name
            assert lab["seniority"] in ("junior", "mid", "senior", "career_changer"), name
            words = len(extract(ROOT / half / name).split())
            assert 80 <= words <= 600, (name, words)
            print(half, name, words)
    print("ok")


if __name__ == "__main__":
    main()
