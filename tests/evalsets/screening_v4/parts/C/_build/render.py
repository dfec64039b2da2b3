"""Render part C sources to txt/docx/pdf, write jobs.json, and run the only allowed check (files open, text extracts,
labels structure). Run: PYTHONPATH=/tmp/v4tools-v4c /work/main/.venv/bin/python render.py"""

import json
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import cvs_animal
import cvs_aviation
from design import DESIGN
from jobs import JOBS

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {**cvs_aviation.CVS, **cvs_animal.CVS}


def parse(text):
    lines = text.strip("\n").split("\n")
    blocks = [("title", lines[0].strip())]
    for line in lines[1:]:
        s = line.strip()
        if not s:
            continue
        if s.startswith("## "):
            blocks.append(("h2", s[3:]))
        elif s.startswith("# "):
            blocks.append(("h1", s[2:]))
        elif s.startswith(("- ", "* ", "• ")):
            blocks.append(("bullet", s[2:]))
        else:
            blocks.append(("p", s))
    return blocks


def write_txt(path, text):
    out = []
    for line in text.strip("\n").split("\n"):
        if line.startswith("## "):
            line = line[3:]
        elif line.startswith("# "):
            line = line[2:]
        out.append(line.rstrip())
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def write_docx(path, text):
    import docx

    d = docx.Document()
    for kind, s in parse(text):
        if kind == "title":
            d.add_heading(s, level=0)
        elif kind == "h1":
            d.add_heading(s, level=1)
        elif kind == "h2":
            d.add_heading(s, level=2)
        elif kind == "bullet":
            d.add_paragraph(s, style="List Bullet")
        else:
            d.add_paragraph(s)
    d.save(str(path))


def write_pdf(path, text):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

    ss = getSampleStyleSheet()
    story, bullets = [], []

    def flush():
        if bullets:
            story.append(ListFlowable([ListItem(Paragraph(b, ss["BodyText"])) for b in bullets], bulletType="bullet"))
            bullets.clear()

    for kind, s in parse(text):
        s = escape(s)
        if kind == "bullet":
            bullets.append(s)
            continue
        flush()
        if kind == "title":
            story.append(Paragraph(s, ss["Title"]))
        elif kind == "h1":
            story.append(Spacer(1, 6))
            story.append(Paragraph(s, ss["Heading2"]))
        elif kind == "h2":
            story.append(Paragraph(s, ss["Heading4"]))
        else:
            story.append(Paragraph(s, ss["BodyText"]))
    flush()
    doc = SimpleDocTemplate(str(path), pagesize=A4, title=path.stem.replace("_", " "))
    doc.build(story)


def extract(path):
    if path.suffix == ".pdf":
        import pypdf

        return "\n".join(pg.extract_text() or "" for pg in pypdf.PdfReader(str(path)).pages)
    if path.suffix == ".docx":
        import docx

        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    return path.read_text(encoding="utf-8")


def main():
    (ROOT / "jobs.json").write_text(json.dumps(JOBS, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    keys = {j["key"] for j in JOBS}
    assert set(SOURCES) == {d[0] for d in DESIGN}, set(SOURCES) ^ {d[0] for d in DESIGN}
    problems = 0
    for name, half, job, style, seniority, _lean in DESIGN:
        assert job in keys
        path = ROOT / half / name
        writer = {".txt": write_txt, ".docx": write_docx, ".pdf": write_pdf}[path.suffix]
        writer(path, SOURCES[name])
        n = len(extract(path).split())
        if not 80 <= n <= 600:
            problems += 1
        print(f"{half:4} {style:9} {seniority:14} {n:4}w {name}")
    for half in ("dev", "test"):
        labels = json.loads((ROOT / half / "labels.json").read_text())
        files = {p.name for p in (ROOT / half).iterdir() if p.name != "labels.json"}
        assert set(labels) == files, set(labels) ^ files
        for v in labels.values():
            assert set(v) == {"job", "style", "seniority"} and v["job"] in keys
    print("problems:", problems)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
