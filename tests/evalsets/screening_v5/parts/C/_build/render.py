"""Render part C CV sources (_build/src/<stem>.txt) to dev/ and test/ in the planned format.

Source markup: first line '! Name' (title), lines '# Heading' (heading), lines starting '- ' bullets,
other lines plain paragraphs. For .txt the markers '! ' and '# ' are dropped and text kept as written.
Run with: PYTHONPATH=/tmp/v5tools-C /work/main/.venv/bin/python render.py
"""
import json, os, sys
from labels_plan import PLAN, PART

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SRC = os.path.join(HERE, "src")


def parse(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for raw in f.read().rstrip("\n").split("\n"):
            line = raw.rstrip()
            if line.startswith("! "):
                out.append(("title", line[2:]))
            elif line.startswith("# "):
                out.append(("head", line[2:]))
            elif line.startswith("- "):
                out.append(("bullet", line[2:]))
            elif line == "":
                out.append(("blank", ""))
            else:
                out.append(("para", line))
    return out


def to_txt(items, dest):
    lines = []
    for kind, text in items:
        if kind == "bullet":
            lines.append("- " + text)
        else:
            lines.append(text)
    with open(dest, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def to_docx(items, dest):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(10.5)
    for kind, text in items:
        if kind == "title":
            d.add_heading(text, level=0)
        elif kind == "head":
            d.add_heading(text, level=2)
        elif kind == "bullet":
            d.add_paragraph(text, style="List Bullet")
        elif kind == "para":
            d.add_paragraph(text)
    d.save(dest)


def to_pdf(items, dest):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
    from reportlab.platypus import SimpleDocTemplate, Paragraph, Spacer, ListFlowable, ListItem
    from xml.sax.saxutils import escape
    ss = getSampleStyleSheet()
    body = ParagraphStyle("b", parent=ss["Normal"], fontName="Helvetica", fontSize=10, leading=13)
    head = ParagraphStyle("h", parent=ss["Heading3"], fontName="Helvetica-Bold", fontSize=11.5, spaceBefore=8, spaceAfter=3)
    title = ParagraphStyle("t", parent=ss["Title"], fontName="Helvetica-Bold", fontSize=17, alignment=0, spaceAfter=4)
    flow, bullets = [], []

    def flush():
        if bullets:
            flow.append(ListFlowable([ListItem(Paragraph(escape(b), body), leftIndent=12) for b in bullets],
                                     bulletType="bullet", start="\u2022", leftIndent=12))
            bullets.clear()
    for kind, text in items:
        if kind != "bullet":
            flush()
        if kind == "title":
            flow.append(Paragraph(escape(text), title))
        elif kind == "head":
            flow.append(Paragraph(escape(text), head))
        elif kind == "bullet":
            bullets.append(text)
        elif kind == "para":
            flow.append(Paragraph(escape(text), body))
        elif kind == "blank":
            flow.append(Spacer(1, 4))
    flush()
    doc = SimpleDocTemplate(dest, pagesize=A4, leftMargin=50, rightMargin=50, topMargin=45, bottomMargin=45,
                            title="Curriculum Vitae", author="")
    doc.build(flow)


def main():
    labels = {"dev": {}, "test": {}}
    missing = []
    for fname, (job, style, seniority, half) in PLAN.items():
        stem, ext = os.path.splitext(fname)
        src = os.path.join(SRC, stem + ".txt")
        labels[half][fname] = {"job": job, "style": style, "seniority": seniority, "part": PART}
        if not os.path.exists(src):
            missing.append(fname)
            continue
        items = parse(src)
        dest = os.path.join(ROOT, half, fname)
        {".txt": to_txt, ".docx": to_docx, ".pdf": to_pdf}[ext](items, dest)
    for half in ("dev", "test"):
        with open(os.path.join(ROOT, half, "labels.json"), "w", encoding="utf-8") as f:
            json.dump(labels[half], f, indent=2, sort_keys=True)
    if missing:
        print("MISSING sources:", missing)
    print("rendered", len(PLAN) - len(missing))


if __name__ == "__main__":
    main()
