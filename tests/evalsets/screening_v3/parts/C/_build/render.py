"""Render part C CV sources to .txt/.docx/.pdf and check they open.

Sources live in _build/src/<output file name>.src (txt sources are copied as is).
Markup for docx/pdf: "= " title line, "# " heading, "- " bullet, other lines are paragraphs.
Run: PYTHONPATH=/tmp/v3tools-v3c /work/main/.venv/bin/python render.py
"""

import json
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from pypdf import PdfReader
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

HERE = Path(__file__).resolve().parent
PART = HERE.parent


def blocks(text):
    for line in text.splitlines():
        s = line.rstrip()
        if not s.strip():
            continue
        if s.startswith("= "):
            yield "title", s[2:]
        elif s.startswith("# "):
            yield "head", s[2:]
        elif s.startswith("- "):
            yield "bullet", s[2:]
        else:
            yield "para", s


def make_docx(text, out):
    d = docx.Document()
    for kind, s in blocks(text):
        if kind == "title":
            d.add_heading(s, level=0)
        elif kind == "head":
            d.add_heading(s, level=1)
        elif kind == "bullet":
            d.add_paragraph(s, style="List Bullet")
        else:
            d.add_paragraph(s)
    d.save(out)


def pdf_styles():
    ss = getSampleStyleSheet()
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    bold = font.with_name("DejaVuSans-Bold.ttf")
    if font.exists() and bold.exists():
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        pdfmetrics.registerFont(TTFont("DejaVu", str(font)))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(bold)))
        ss["BodyText"].fontName = "DejaVu"
        ss["Title"].fontName = "DejaVu-Bold"
        ss["Heading2"].fontName = "DejaVu-Bold"
    return ss


def make_pdf(text, out):
    ss = pdf_styles()
    story = []
    pending = []

    def flush():
        if pending:
            items = [ListItem(Paragraph(escape(b), ss["BodyText"])) for b in pending]
            story.append(ListFlowable(items, bulletType="bullet", leftIndent=14))
            pending.clear()

    for kind, s in blocks(text):
        if kind == "bullet":
            pending.append(s)
            continue
        flush()
        if kind == "title":
            story.append(Paragraph(escape(s), ss["Title"]))
        elif kind == "head":
            story.append(Spacer(1, 6))
            story.append(Paragraph(escape(s), ss["Heading2"]))
        else:
            story.append(Paragraph(escape(s), ss["BodyText"]))
    flush()
    SimpleDocTemplate(str(out), title="CV").build(story)


def extract(path):
    if path.suffix == ".pdf":
        return "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)
    if path.suffix == ".docx":
        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    return path.read_text(encoding="utf-8")


def main():
    problems = 0
    for half in ("dev", "test"):
        labels = json.loads((PART / half / "labels.json").read_text())
        for name, lab in labels.items():
            assert set(lab) == {"job", "style", "seniority"}, name
            src = HERE / "src" / (name + ".src")
            if not src.exists():
                print("missing source", half, name)
                problems += 1
                continue
            text = src.read_text(encoding="utf-8")
            out = PART / half / name
            if out.suffix == ".txt":
                out.write_text(text, encoding="utf-8")
            elif out.suffix == ".docx":
                make_docx(text, out)
            else:
                make_pdf(text, out)
            words = len(extract(out).split())
            flag = "" if 80 <= words <= 600 else "  <-- length"
            print(f"{half:4} {name:34} {words:4}{flag}")
    keys = {j["key"] for j in json.loads((PART / "jobs.json").read_text())}
    for half in ("dev", "test"):
        for lab in json.loads((PART / half / "labels.json").read_text()).values():
            assert lab["job"] in keys, lab
    print("problems:", problems)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
