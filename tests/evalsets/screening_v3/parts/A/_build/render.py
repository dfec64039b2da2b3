"""Render part A CV sources (src/<file name>.src) into .txt, .docx and .pdf in dev/ or test/.

Source markup (used for .docx and .pdf; .txt sources are copied verbatim):
  first non-empty line  -> the person's name (title)
  "## Heading"          -> section heading
  "### Sub"             -> sub-heading (a job line)
  "- item"              -> bullet
  other lines           -> paragraphs (consecutive lines are separate paragraphs)
Needs python-docx (project venv) and reportlab (installed outside the project, on PYTHONPATH).
"""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
PART = HERE.parent


def half_of(name: str) -> str:
    for half in ("dev", "test"):
        labels = json.loads((PART / half / "labels.json").read_text(encoding="utf-8"))
        if name in labels:
            return half
    raise SystemExit(f"{name} is not in any labels.json")


def parse(text: str) -> list[tuple[str, str]]:
    items = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line:
            continue
        if not items:
            items.append(("title", line))
        elif line.startswith("### "):
            items.append(("subheading", line[4:]))
        elif line.startswith("## "):
            items.append(("heading", line[3:]))
        elif line.startswith("- "):
            items.append(("bullet", line[2:]))
        else:
            items.append(("para", line))
    return items


def write_docx(items: list[tuple[str, str]], out: Path) -> None:
    import docx

    doc = docx.Document()
    for kind, text in items:
        if kind == "title":
            doc.add_heading(text, level=0)
        elif kind == "heading":
            doc.add_heading(text, level=1)
        elif kind == "subheading":
            doc.add_heading(text, level=2)
        elif kind == "bullet":
            doc.add_paragraph(text, style="List Bullet")
        else:
            doc.add_paragraph(text)
    doc.save(str(out))


def write_pdf(items: list[tuple[str, str]], out: Path) -> None:
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    story = []
    for kind, text in items:
        t = escape(text)
        if kind == "title":
            story.append(Paragraph(t, styles["Title"]))
        elif kind == "heading":
            story.append(Spacer(1, 6))
            story.append(Paragraph(t, styles["Heading2"]))
        elif kind == "subheading":
            story.append(Paragraph(t, styles["Heading4"]))
        elif kind == "bullet":
            story.append(Paragraph(t, styles["Normal"], bulletText="\u2022"))
        else:
            story.append(Paragraph(t, styles["Normal"]))
            story.append(Spacer(1, 3))
    SimpleDocTemplate(str(out), pagesize=A4, title=items[0][1]).build(story)


def main() -> None:
    for src in sorted((HERE / "src").glob("*.src")):
        name = src.name[: -len(".src")]
        out = PART / half_of(name) / name
        text = src.read_text(encoding="utf-8")
        if name.endswith(".txt"):
            out.write_text(text, encoding="utf-8")
        elif name.endswith(".docx"):
            write_docx(parse(text), out)
        elif name.endswith(".pdf"):
            write_pdf(parse(text), out)
        else:
            raise SystemExit(f"unknown format: {name}")
        print(out.relative_to(PART))


if __name__ == "__main__":
    main()
