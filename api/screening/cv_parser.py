"""CV files to text: PDF (pypdf), DOCX (python-docx), TXT; with section detection.

Every failure is a `CVParseError` with a stable `code` and a message a candidate can act on.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from api.screening.text import content_hash, normalize_text

MAX_CV_BYTES = 10 * 1024 * 1024
MIN_TEXT_CHARS = 40

PDF_TYPES = {"application/pdf", "application/x-pdf"}
DOCX_TYPES = {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
TXT_TYPES = {"text/plain", "text/markdown"}


class CVParseError(ValueError):
    """A CV file we cannot read; `code` is stable for clients, the message says what to do."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class ParsedCV:
    text: str
    content_hash: str
    format: str  # pdf | docx | txt
    sections: dict[str, str] = field(default_factory=dict)
    pages: int | None = None

    @property
    def section_names(self) -> list[str]:
        return list(self.sections)


# --- format detection --------------------------------------------------------------------------


def detect_format(data: bytes, filename: str | None = None, content_type: str | None = None) -> str:
    """By magic bytes first (a renamed file still parses), then the declared type and extension."""
    ext = PurePath(filename or "").suffix.lower()
    ctype = (content_type or "").split(";")[0].strip().lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if ctype in PDF_TYPES or ext == ".pdf":
        return "pdf"
    if ctype in DOCX_TYPES or ext == ".docx":
        return "docx"
    if ext == ".doc" or ctype == "application/msword" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise CVParseError(
            "unsupported_format",
            "Legacy Word .doc files are not supported: save the CV as .docx or PDF and upload again.",
        )
    if ctype in TXT_TYPES or ext in {".txt", ".md", ""} or ctype.startswith("text/"):
        return "txt"
    raise CVParseError(
        "unsupported_format", f"Unsupported CV format ({ctype or ext or 'unknown'}): upload a PDF, DOCX or TXT file."
    )


# --- extractors ----------------------------------------------------------------------------------


def _pdf_text(data: bytes) -> tuple[str, int]:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError, PdfStreamError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # owner-password-only PDFs open with the empty user password; anything else needs the password
            try:
                opened = reader.decrypt("")
            except Exception as exc:  # unsupported algorithm and the like
                raise CVParseError(
                    "encrypted_pdf", "The PDF is password-protected: remove the password and upload it again."
                ) from exc
            if not opened:
                raise CVParseError(
                    "encrypted_pdf", "The PDF is password-protected: remove the password and upload it again."
                )
        pages = [page.extract_text() or "" for page in reader.pages]
    except CVParseError:
        raise
    except FileNotDecryptedError as exc:
        raise CVParseError(
            "encrypted_pdf", "The PDF is password-protected: remove the password and upload it again."
        ) from exc
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise CVParseError("corrupt_pdf", f"The PDF file is damaged and cannot be read ({exc}).") from exc
    text = "\n".join(pages)
    if len(normalize_text(text)) < MIN_TEXT_CHARS:
        raise CVParseError(
            "no_text_layer",
            "The PDF has no text layer (it looks scanned or made of images): export the CV from your editor "
            "as a text PDF or DOCX, or run OCR on it, and upload again.",
        )
    return text, len(pages)


def _docx_text(data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            bad = zf.testzip()
            if bad is not None:
                raise CVParseError("corrupt_docx", f"The DOCX file is damaged (entry {bad} is corrupt).")
            if "word/document.xml" not in zf.namelist():
                raise CVParseError("corrupt_docx", "The file is a ZIP archive but not a Word document (.docx).")
        document = docx.Document(io.BytesIO(data))
    except CVParseError:
        raise
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError, EOFError) as exc:
        raise CVParseError(
            "corrupt_docx",
            "The DOCX file is damaged or truncated and cannot be opened: save it again from "
            "Word (or export a PDF) and upload again.",
        ) from exc
    except Exception as exc:  # lxml XMLSyntaxError and friends
        raise CVParseError("corrupt_docx", f"The DOCX file cannot be read ({type(exc).__name__}).") from exc
    lines: list[str] = []
    for block in _docx_blocks(document):
        lines.append(block)
    return "\n".join(lines)


def _docx_blocks(document) -> list[str]:
    """Paragraphs and table cells in document order (CV templates put whole sections in tables),
    plus headers."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[str] = []
    for section in document.sections:
        for p in section.header.paragraphs:
            if p.text.strip():
                out.append(p.text)
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Paragraph(child, document).text)
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    out.extend(p.text for p in cell.paragraphs)
    return out


def _txt_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise CVParseError("unsupported_format", "The file is binary, not text: upload a PDF, DOCX or TXT CV.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# --- sections -----------------------------------------------------------------------------------

SECTION_HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary",
        "professional summary",
        "profile",
        "professional profile",
        "about me",
        "objective",
        "career objective",
        "personal statement",
        "career summary",
        "overview",
    ),
    "experience": (
        "experience",
        "work experience",
        "professional experience",
        "employment",
        "employment history",
        "work history",
        "career history",
        "relevant experience",
        "clinical experience",
        "teaching experience",
        "professional background",
    ),
    "education": (
        "education",
        "education and training",
        "academic background",
        "qualifications",
        "academic qualifications",
        "education & training",
        "degrees",
    ),
    "skills": (
        "skills",
        "technical skills",
        "core skills",
        "key skills",
        "core competencies",
        "competencies",
        "skills and competencies",
        "skills & tools",
        "tools",
        "technologies",
        "areas of expertise",
        "expertise",
        "tech stack",
    ),
    "projects": ("projects", "selected projects", "personal projects", "key projects", "portfolio"),
    "certifications": (
        "certifications",
        "certificates",
        "licenses",
        "licenses and certifications",
        "licences",
        "certifications and licenses",
        "accreditations",
    ),
    "languages": ("languages",),
    "awards": ("awards", "honors", "honours", "achievements", "awards and honors"),
    "publications": ("publications", "research"),
    "volunteering": ("volunteering", "volunteer experience", "volunteer work"),
    "interests": ("interests", "hobbies"),
    "contact": ("contact", "contact information", "contact details"),
}
_HEADING_LOOKUP = {h: name for name, heads in SECTION_HEADINGS.items() for h in heads}
_HEADING_CLEAN = re.compile(r"[^a-z& ]+")


def heading_of(line: str) -> str | None:
    stripped = line.strip().strip("#").strip()
    if not stripped or len(stripped) > 50 or len(stripped.split()) > 5:
        return None
    if stripped.endswith(".") or stripped.startswith("- "):
        return None
    key = " ".join(_HEADING_CLEAN.sub(" ", stripped.lower().rstrip(":")).split())
    return _HEADING_LOOKUP.get(key)


def detect_sections(text: str) -> dict[str, str]:
    """Section name → its text. Text before the first heading is 'header' (name, contact lines)."""
    sections: dict[str, list[str]] = {}
    current = "header"
    for line in text.split("\n"):
        name = heading_of(line)
        if name:
            current = name
            sections.setdefault(current, [])
            continue
        sections.setdefault(current, []).append(line)
    return {k: "\n".join(v).strip() for k, v in sections.items() if k != "header" or "\n".join(v).strip()}


# --- entry point --------------------------------------------------------------------------------


def parse_cv(data: bytes, filename: str | None = None, content_type: str | None = None) -> ParsedCV:
    if not data:
        raise CVParseError("empty_file", "The CV file is empty.")
    if len(data) > MAX_CV_BYTES:
        raise CVParseError("too_large", f"The CV file is larger than {MAX_CV_BYTES // (1024 * 1024)} MB.")
    fmt = detect_format(data, filename, content_type)
    pages = None
    if fmt == "pdf":
        raw, pages = _pdf_text(data)
    elif fmt == "docx":
        raw = _docx_text(data)
    else:
        raw = _txt_text(data)
    text = normalize_text(raw)
    if len(text) < MIN_TEXT_CHARS:
        raise CVParseError("no_text", "The CV contains (almost) no text: upload the full CV.")
    return ParsedCV(text=text, content_hash=content_hash(text), format=fmt, sections=detect_sections(text), pages=pages)


def parse_cv_text(text: str) -> ParsedCV:
    """For CVs pasted as text (the candidate tools accept either)."""
    text = normalize_text(text)
    if len(text) < MIN_TEXT_CHARS:
        raise CVParseError("no_text", "The CV text is too short: paste the full CV.")
    return ParsedCV(text=text, content_hash=content_hash(text), format="txt", sections=detect_sections(text))
