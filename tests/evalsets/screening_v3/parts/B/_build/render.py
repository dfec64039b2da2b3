"""Render _build/src/<file>.src into dev/ or test/ as .txt, .docx or .pdf (per plan.json).

Source markup: "= " title line, "# " heading, "- " bullet, any other non-empty line is a paragraph.
.txt files are copied verbatim; pass file names to render only those.
Needs python-docx, and reportlab on PYTHONPATH for PDFs.
"""
import json
import sys
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
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    rl_config.invariant = 1
    ss = getSampleStyleSheet()
    bullet_style = ParagraphStyle("CvBullet", parent=ss["BodyText"], leftIndent=14, bulletIndent=4)
    story = []
    for kind, s in parse(text):
        if kind == "bullet":
            story.append(Paragraph(escape(s), bullet_style, bulletText="\u2022"))
        elif kind == "title":
            story.append(Paragraph(escape(s), ss["Title"]))
        elif kind == "heading":
            story.append(Spacer(1, 6))
            story.append(Paragraph(escape(s), ss["Heading2"]))
        else:
            story.append(Paragraph(escape(s), ss["BodyText"]))
    SimpleDocTemplate(str(out), pagesize=A4).build(story)


def main():
    plan = json.loads((HERE / "plan.json").read_text())
    only = set(sys.argv[1:])
    done = 0
    for half, name, _job, _style, _sen in plan:
        if only and name not in only:
            continue
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
