"""The only automated check: every file opens and its text extracts; label structure is right."""
import json
from pathlib import Path

PART = Path(__file__).resolve().parent.parent
JOBS = {j["key"] for j in json.loads((PART / "jobs.json").read_text())}


def extract(p):
    if p.suffix == ".txt":
        return p.read_text()
    if p.suffix == ".docx":
        import docx

        return "\n".join(par.text for par in docx.Document(str(p)).paragraphs)
    import pypdf

    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(p)).pages)


def main():
    ok = True
    for half in ("dev", "test"):
        labels = json.loads((PART / half / "labels.json").read_text())
        files = {p.name for p in (PART / half).iterdir() if p.name != "labels.json"}
        if files != set(labels):
            print(half, "label/file mismatch:", sorted(files ^ set(labels)))
            ok = False
        for name, lab in labels.items():
            if set(lab) != {"job", "style", "seniority"} or lab["job"] not in JOBS:
                print("bad label", name, lab)
                ok = False
            if lab["style"] not in ("ordinary", "plain", "neighbour"):
                print("bad style", name)
                ok = False
            if lab["seniority"] not in ("junior", "mid", "senior", "career_changer"):
                print("bad seniority", name)
                ok = False
            p = PART / half / name
            if p.exists():
                words = len(extract(p).split())
                flag = "" if 80 <= words <= 600 else "  <-- length"
                print(f"{half}/{name}: {words} words{flag}")
    print("OK" if ok else "PROBLEMS")


if __name__ == "__main__":
    main()
