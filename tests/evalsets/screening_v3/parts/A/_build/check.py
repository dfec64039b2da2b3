"""The only automated check: every file opens and its text extracts; labels have the right structure."""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
PART = HERE.parent
STYLES = {"ordinary", "plain", "neighbour"}
SENIORITIES = {"junior", "mid", "senior", "career_changer"}


def extract(path: Path) -> str:
    if path.suffix == ".txt":
        return path.read_text(encoding="utf-8")
    if path.suffix == ".docx":
        import docx

        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    raise SystemExit(f"unknown format: {path}")


def main() -> None:
    keys = {job["key"] for job in json.loads((PART / "jobs.json").read_text(encoding="utf-8"))}
    for half in ("dev", "test"):
        labels = json.loads((PART / half / "labels.json").read_text(encoding="utf-8"))
        files = {p.name for p in (PART / half).iterdir() if p.name != "labels.json"}
        missing = sorted(set(labels) - files)
        extra = sorted(files - set(labels))
        for name, lab in labels.items():
            assert set(lab) == {"job", "style", "seniority"}, name
            assert lab["job"] in keys and lab["style"] in STYLES and lab["seniority"] in SENIORITIES, name
        for name in sorted(files & set(labels)):
            words = len(extract(PART / half / name).split())
            flag = "" if 80 <= words <= 600 else "  <-- word count out of range"
            print(f"{half}/{name}: {words} words{flag}")
        print(f"{half}: {len(labels)} labelled, missing {missing}, unlabelled {extra}")


if __name__ == "__main__":
    main()
