"""Render CV sources in _build/src/<stem>.txt to dev/ and test/ as .txt, .docx or .pdf,
following labels_plan.PLAN, and write dev/labels.json and test/labels.json.

Run with: PYTHONPATH=/tmp/v5tools-B /work/main/.venv/bin/python render.py
(python-docx comes from that interpreter; reportlab from /tmp/v5tools-B)

Source mark-up: first line is the name; '## ' starts a heading (its text is kept as
written, so ALL-CAPS vs Title Case is the author's choice); lines starting '- ', '* '
or '• ' are bullets; blank lines separate blocks.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from labels_plan import PLAN, PART  # noqa: E402

BULLET_RE = re.compile(r"^(\s*)([-*•])\s+(.*)$")


def parse(stem):
    with open(os.path.join(HERE, "src", stem + ".txt"), encoding="utf-8") as f:
        lines = f.read().rstrip("\n").split("\n")
    blocks = []  # (kind, text)
    for i, raw in enumerate(lines):
        line = raw.rstrip()
        if i == 0:
            blocks.append(("name", line.strip()))
            continue
        if not line.strip():
            blocks.append(("blank", ""))
            continue
        if line.startswith("## "):
            blocks.append(("heading", line[3:].strip()))
            continue
        m = BULLET_RE.match(line)
        if m:
            blocks.append(("bullet", m.group(3)))
            continue
        prev_blank = i > 0 and not lines[i - 1].strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        letters = [c for c in line if c.isalpha()]
        is_caps = letters and all(c.isupper() for c in letters) and len(line) < 70 and i > 1
        short_title = (
            prev_blank and len(line.split()) <= 5 and not re.search(r"[\d,|@.:]", line)
        )
        if is_caps or short_title:
            blocks.append(("heading", line.strip()))
        else:
            blocks.append(("para", line.strip()))
    return blocks


def txt_text(stem):
    """Plain-text file: the source as written, with the '## ' markers dropped."""
    with open(os.path.join(HERE, "src", stem + ".txt"), encoding="utf-8") as f:
        src = f.read()
    return re.sub(r"(?m)^## ", "", src).rstrip("\n") + "\n"


def render_docx(stem, path, variant):
    from docx import Document
    from docx.shared import Pt, RGBColor

    doc = Document()
    base = doc.styles["Normal"]
    base.font.name = ["Calibri", "Arial", "Cambria"][variant % 3]
    base.font.size = Pt(10.5 if variant % 2 else 11)
    for kind, text in parse(stem):
        if kind == "name":
            if variant % 2 == 0:
                doc.add_heading(text, level=0)
            else:
                p = doc.add_paragraph()
                r = p.add_run(text)
                r.bold = True
                r.font.size = Pt(18)
        elif kind == "heading":
            if variant % 3 == 1:
                p = doc.add_paragraph()
                r = p.add_run(text)
                r.bold = True
                r.font.size = Pt(12)
                r.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
            else:
                doc.add_heading(text, level=1 if variant % 2 == 0 else 2)
        elif kind == "bullet":
            doc.add_paragraph(text, style="List Bullet")
        elif kind == "para":
            doc.add_paragraph(text)
    doc.save(path)


def render_pdf(stem, path, variant):
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer
    from xml.sax.saxutils import escape

    fam = "Sans" if variant % 2 == 0 else "Serif"
    try:
        reg = "/usr/share/fonts/truetype/dejavu/DejaVu%s.ttf" % fam
        bold = "/usr/share/fonts/truetype/dejavu/DejaVu%s-Bold.ttf" % fam
        pdfmetrics.registerFont(TTFont("F-" + fam, reg))
        pdfmetrics.registerFont(TTFont("F-" + fam + "-B", bold))
        font, fontb = "F-" + fam, "F-" + fam + "-B"
    except Exception:  # fall back to core fonts
        font, fontb = ("Helvetica", "Helvetica-Bold") if fam == "Sans" else ("Times-Roman", "Times-Bold")

    body = ParagraphStyle("body", fontName=font, fontSize=9.8, leading=13, spaceAfter=2)
    name_st = ParagraphStyle(
        "name", fontName=fontb, fontSize=17, leading=21, spaceAfter=4,
        alignment=TA_CENTER if variant % 3 == 0 else 0,
    )
    head = ParagraphStyle("head", fontName=fontb, fontSize=11.5, leading=15, spaceBefore=7, spaceAfter=3)
    bullet = ParagraphStyle("bullet", parent=body, spaceAfter=1)

    story, pending = [], []

    def flush():
        if pending:
            story.append(
                ListFlowable(
                    [ListItem(Paragraph(escape(t), bullet), leftIndent=12) for t in pending],
                    bulletType="bullet", start="•" if variant % 2 == 0 else "–",
                    leftIndent=12, bulletFontName=font, bulletFontSize=9,
                )
            )
            pending.clear()

    for kind, text in parse(stem):
        if kind == "bullet":
            pending.append(text)
            continue
        flush()
        if kind == "name":
            story.append(Paragraph(escape(text), name_st))
        elif kind == "heading":
            story.append(Paragraph(escape(text), head))
        elif kind == "para":
            story.append(Paragraph(escape(text), body))
        elif kind == "blank":
            story.append(Spacer(1, 3))
    flush()
    size = A4 if variant % 4 != 3 else LETTER
    doc = SimpleDocTemplate(
        path, pagesize=size, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=15 * mm, bottomMargin=15 * mm,
        title=stem.replace("_", " "), author=stem.replace("_CV", "").replace("_", " "),
    )
    doc.build(story)


def main():
    labels = {"dev": {}, "test": {}}
    for i, (fname, (job, style, seniority, half)) in enumerate(sorted(PLAN.items())):
        stem, ext = fname.rsplit(".", 1)
        out_dir = os.path.join(ROOT, half)
        os.makedirs(out_dir, exist_ok=True)
        path = os.path.join(out_dir, fname)
        if ext == "txt":
            with open(path, "w", encoding="utf-8") as f:
                f.write(txt_text(stem))
        elif ext == "docx":
            render_docx(stem, path, i)
        elif ext == "pdf":
            render_pdf(stem, path, i)
        else:
            raise ValueError(fname)
        labels[half][fname] = {"job": job, "style": style, "seniority": seniority, "part": PART}
    for half, lab in labels.items():
        with open(os.path.join(ROOT, half, "labels.json"), "w", encoding="utf-8") as f:
            json.dump(dict(sorted(lab.items())), f, indent=2)
    print("rendered", len(PLAN), "files")


if __name__ == "__main__":
    main()
