"""Render CV sources in _build/src/*.src to dev/ and test/ as .txt, .docx or .pdf, following labels_plan.py.

Source markup: first line = name; '## X' = section heading; '- X' = bullet; other non-blank lines = paragraphs.
Run with: PYTHONPATH=/tmp/v5tools-A /work/main/.venv/bin/python render.py
"""
import json, os, sys, zlib
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from labels_plan import plan  # noqa: E402


def parse(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    name, rest = lines[0].strip(), lines[1:]
    blocks = []  # (kind, text)
    for ln in rest:
        s = ln.rstrip()
        if not s.strip():
            blocks.append(("blank", ""))
        elif s.startswith("## "):
            blocks.append(("h", s[3:].strip()))
        elif s.startswith("- "):
            blocks.append(("b", s[2:].strip()))
        else:
            blocks.append(("p", s.strip()))
    return name, blocks


def variant(stem):
    return zlib.crc32(stem.encode()) % 3


def write_txt(stem, name, blocks, out):
    v = variant(stem)
    bullet = ["- ", "* ", "• "][v]
    lines = [name]
    if v == 2:
        lines.append("=" * len(name))
    for kind, text in blocks:
        if kind == "blank":
            lines.append("")
        elif kind == "h":
            lines.append(text)
            if v == 1:
                lines.append("-" * len(text))
        elif kind == "b":
            lines.append(bullet + text)
        else:
            lines.append(text)
    txt = "\n".join(lines).rstrip() + "\n"
    while "\n\n\n" in txt:
        txt = txt.replace("\n\n\n", "\n\n")
    open(out, "w", encoding="utf-8").write(txt)


def write_docx(stem, name, blocks, out):
    from docx import Document
    from docx.shared import Pt
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    v = variant(stem)
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = ["Calibri", "Arial", "Georgia"][v]
    st.font.size = Pt(10.5)
    t = doc.add_paragraph()
    r = t.add_run(name)
    r.bold = True
    r.font.size = Pt(18)
    if v == 1:
        t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    in_header = True
    for kind, text in blocks:
        if kind == "blank":
            continue
        if kind == "h":
            in_header = False
            if v == 2:
                p = doc.add_paragraph()
                rr = p.add_run(text)
                rr.bold = True
                rr.font.size = Pt(12)
            else:
                doc.add_heading(text, level=2)
        elif kind == "b":
            doc.add_paragraph(text, style="List Bullet")
        else:
            p = doc.add_paragraph(text)
            if in_header and v == 1:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.save(out)


_FONTS = None


def fonts():
    global _FONTS
    if _FONTS is None:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        d = "/usr/share/fonts/truetype/dejavu/"
        for fam, reg, bold in (("DVSans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
                               ("DVSerif", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf")):
            pdfmetrics.registerFont(TTFont(fam, d + reg))
            pdfmetrics.registerFont(TTFont(fam + "-Bold", d + bold))
        _FONTS = True


def write_pdf(stem, name, blocks, out):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.lib import colors
    from reportlab.platypus import SimpleDocTemplate, Paragraph, Spacer, HRFlowable
    fonts()
    v = variant(stem)
    fam = "DVSerif" if v == 1 else "DVSans"
    body = ParagraphStyle("body", fontName=fam, fontSize=9.5, leading=12.5)
    title = ParagraphStyle("title", fontName=fam + "-Bold", fontSize=17, leading=21, spaceAfter=4,
                           alignment=1 if v == 2 else 0)
    head = ParagraphStyle("head", fontName=fam + "-Bold", fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                          textColor=colors.HexColor(["#1f3a5f", "#000000", "#5a2a27"][v]))
    bul = ParagraphStyle("bul", parent=body, leftIndent=12, bulletIndent=2)
    hdr = ParagraphStyle("hdr", parent=body, alignment=1 if v == 2 else 0)
    story = [Paragraph(escape(name), title)]
    in_header = True
    for kind, text in blocks:
        if kind == "blank":
            story.append(Spacer(1, 3))
        elif kind == "h":
            in_header = False
            story.append(Paragraph(escape(text), head))
            if v == 0:
                story.append(HRFlowable(width="100%", thickness=0.6, color=colors.HexColor("#1f3a5f"), spaceAfter=3))
        elif kind == "b":
            story.append(Paragraph(escape(text), bul, bulletText="•"))
        else:
            story.append(Paragraph(escape(text), hdr if in_header else body))
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=1.6 * cm,
                            bottomMargin=1.6 * cm, title=f"CV - {name}", author=name)
    doc.build(story)


def main():
    halves, _ = plan()
    for half, files in halves.items():
        d = os.path.join(ROOT, half)
        os.makedirs(d, exist_ok=True)
        for fname in files:
            stem = fname.rsplit("_CV.", 1)[0]
            ext = fname.rsplit(".", 1)[1]
            name, blocks = parse(os.path.join(HERE, "src", stem + ".src"))
            out = os.path.join(d, fname)
            {"txt": write_txt, "docx": write_docx, "pdf": write_pdf}[ext](stem, name, blocks, out)
        with open(os.path.join(d, "labels.json"), "w") as f:
            json.dump(files, f, indent=2)
        print(half, len(files), "files")


if __name__ == "__main__":
    main()
