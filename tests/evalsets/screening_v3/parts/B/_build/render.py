"""Render _build/src/<file>.src into dev/ or test/ as .txt, .docx or .pdf (per plan.json).

Source markup: "= " title line, "# " heading, "- " bullet, any other non-empty line is a paragraph.
.txt files are copied verbatim. Needs python-docx, and reportlab on PYTHONPATH for PDFs.
"""
import json
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
PART = HERE.parent


def parse(text):
    for line in text.splitlines():
        s = line.rstrip()
        if not s.strip():
            continue
        if s.startswith("= "):
            yield "title", s[2:]
        elif s.startswith("# "):
            yield "heading", s[2:]
        elif s.startswith("- "):
            yield "bullet", s[2:]
        else:
            yield "para", s


def to_docx(text, out):
    import docx

    doc = docx.Document()
    for kind, s in parse(text):
        if kind == "title":
            doc.add_heading(s, level=0)
        elif kind == "heading":
            doc.add_heading(s, level=1)
        elif kind == "bullet":
            doc.add_paragraph(s, style="List Bullet")
        else:
            doc.add_paragraph(s)
    doc.save(out)


def to_pdf(text, out):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

    ss = getSampleStyleSheet()
    story, bullets = [], []

    def flush():
        if bullets:
            items = [ListItem(Paragraph(escape(b), ss["BodyText"]), leftIndent=12) for b in bullets]
            story.append(ListFlowable(items, bulletType="bullet", start="-", leftIndent=12))
            bullets.clear()

    for kind, s in parse(text):
        if kind == "bullet":
            bullets.append(s)
            continue
        flush()
        if kind == "title":
            story.append(Paragraph(escape(s), ss["Title"]))
        elif kind == "heading":
            story.append(Spacer(1, 6))
            story.append(Paragraph(escape(s), ss["Heading2"]))
        else:
            story.append(Paragraph(escape(s), ss["BodyText"]))
    flush()
    SimpleDocTemplate(str(out), pagesize=A4).build(story)


def main():
    plan = json.loads((HERE / "plan.json").read_text())
    done = 0
    for half, name, _job, _style, _sen in plan:
        src = HERE / "src" / (name + ".src")
        if not src.exists():
            print("missing source:", name)
            continue
        text = src.read_text()
        out = PART / half / name
        if name.endswith(".txt"):
            out.write_text(text)
        elif name.endswith(".docx"):
            to_docx(text, out)
        else:
            to_pdf(text, out)
        done += 1
    print("rendered", done)


if __name__ == "__main__":
    main()
