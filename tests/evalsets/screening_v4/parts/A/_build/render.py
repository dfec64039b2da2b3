"""Render the CV text sources to .txt/.docx/.pdf into dev/ and test/.

Needs python-docx and, for PDFs only, reportlab on PYTHONPATH (installed outside the project)."""

from pathlib import Path
from xml.sax.saxutils import escape

from design import DESIGN
from texts_hospitality import TEXTS as HOSP
from texts_lending import TEXTS as LEND

ROOT = Path(__file__).resolve().parent.parent
TEXTS = {**LEND, **HOSP}


def blocks(text):
    """Yield (kind, text) with kind in name/heading/bullet/para."""
    lines = text.strip("\n").split("\n")
    yield "name", lines[0].strip()
    for line in lines[1:]:
        s = line.strip()
        if not s:
            continue
        if s.startswith("# "):
            yield "heading", s[2:]
        elif s.startswith(("- ", "* ", "• ")):
            yield "bullet", s[2:]
        else:
            yield "para", s


def write_txt(text, path):
    path.write_text(text.strip("\n").replace("\n# ", "\n") + "\n", encoding="utf-8")


def write_docx(text, path):
    import docx

    doc = docx.Document()
    for kind, s in blocks(text):
        if kind == "name":
            doc.add_heading(s, level=0)
        elif kind == "heading":
            doc.add_heading(s, level=1)
        elif kind == "bullet":
            doc.add_paragraph(s, style="List Bullet")
        else:
            doc.add_paragraph(s)
    doc.save(str(path))


def write_pdf(text, path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

    font, bold = "Helvetica", "Helvetica-Bold"
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    if (dejavu / "DejaVuSans.ttf").exists():
        pdfmetrics.registerFont(TTFont("DejaVu", str(dejavu / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(dejavu / "DejaVuSans-Bold.ttf")))
        font, bold = "DejaVu", "DejaVu-Bold"
    ss = getSampleStyleSheet()
    for st in ss.byName.values():
        st.fontName = bold if st.name.startswith(("Heading", "Title")) else font
    story, pending = [], []

    def flush():
        if pending:
            items = [ListItem(Paragraph(escape(b), ss["BodyText"]), leftIndent=12) for b in pending]
            story.append(ListFlowable(items, bulletType="bullet", start="•"))
            pending.clear()

    for kind, s in blocks(text):
        if kind == "bullet":
            pending.append(s)
            continue
        flush()
        if kind == "name":
            story.append(Paragraph(escape(s), ss["Title"]))
        elif kind == "heading":
            story.append(Spacer(1, 6))
            story.append(Paragraph(escape(s), ss["Heading2"]))
        else:
            story.append(Paragraph(escape(s), ss["BodyText"]))
    flush()
    SimpleDocTemplate(str(path), pagesize=A4, title=path.stem, author="").build(story)


def main():
    missing = [d[0] for d in DESIGN if d[0] not in TEXTS]
    if missing:
        print("missing texts:", missing)
    for stem, fmt, half, *_ in DESIGN:
        if stem not in TEXTS:
            continue
        out = ROOT / half / f"{stem}.{fmt}"
        {"txt": write_txt, "docx": write_docx, "pdf": write_pdf}[fmt](TEXTS[stem], out)
    print("rendered", len(DESIGN) - len(missing))


if __name__ == "__main__":
    main()
