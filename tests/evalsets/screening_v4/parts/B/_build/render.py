"""Render part B: jobs.json and the CV files (txt, docx, pdf) from the text sources.

Run with the project venv plus reportlab installed outside the project, e.g.
PYTHONPATH=/tmp/v4tools-v4b /work/main/.venv/bin/python render.py
"""

import json
from pathlib import Path
from xml.sax.saxutils import escape

import cvs_comms
import cvs_energy
from jobs_src import JOBS
from plan import PLAN

ROOT = Path(__file__).resolve().parent.parent
TEXTS = {**cvs_comms.CVS, **cvs_energy.CVS}


def parse(text):
    """Yield (kind, text) with kind in name/heading/bullet/para/blank."""
    lines = text.strip("\n").split("\n")
    out = [("name", lines[0])]
    prev_blank = True
    for line in lines[1:]:
        stripped = line.strip()
        if not stripped:
            out.append(("blank", ""))
            prev_blank = True
            continue
        if stripped.startswith("# "):
            out.append(("heading", stripped[2:]))
        elif stripped.startswith("- ") or stripped.startswith("* "):
            out.append(("bullet", stripped[2:]))
        elif (
            prev_blank
            and len(stripped.split()) <= 4
            and not any(c in stripped for c in ":|.@")
        ):
            out.append(("heading", stripped))
        else:
            out.append(("para", stripped))
        prev_blank = False
    return out


def to_txt(text):
    return "\n".join(line[2:] if line.startswith("# ") else line for line in text.strip("\n").split("\n")) + "\n"


def to_docx(text, path):
    import docx

    doc = docx.Document()
    for kind, value in parse(text):
        if kind == "name":
            doc.add_heading(value, level=0)
        elif kind == "heading":
            doc.add_heading(value, level=1)
        elif kind == "bullet":
            doc.add_paragraph(value, style="List Bullet")
        elif kind == "para":
            doc.add_paragraph(value)
    doc.save(str(path))


def to_pdf(text, path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    story = []
    for kind, value in parse(text):
        value = escape(value)
        if kind == "name":
            story.append(Paragraph(value, styles["Title"]))
        elif kind == "heading":
            story.append(Paragraph(value, styles["Heading3"]))
        elif kind == "bullet":
            story.append(Paragraph(value, styles["Normal"], bulletText="-"))
        elif kind == "para":
            story.append(Paragraph(value, styles["Normal"]))
        else:
            story.append(Spacer(1, 4))
    SimpleDocTemplate(str(path), pagesize=A4, title="CV").build(story)


def main():
    (ROOT / "jobs.json").write_text(json.dumps(JOBS, indent=2, ensure_ascii=False) + "\n")
    assert set(TEXTS) == {row[0] for row in PLAN}, set(TEXTS) ^ {row[0] for row in PLAN}
    for stem, half, _job, _style, _sen, fmt, _lean in PLAN:
        path = ROOT / half / f"{stem}.{fmt}"
        text = TEXTS[stem]
        if fmt == "txt":
            path.write_text(to_txt(text))
        elif fmt == "docx":
            to_docx(text, path)
        else:
            to_pdf(text, path)


if __name__ == "__main__":
    main()
