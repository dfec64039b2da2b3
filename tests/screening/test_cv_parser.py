"""CV parsing: PDF, DOCX, TXT to text with sections; bad files give clear, stable errors."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest

from api.screening.cv_parser import CVParseError, detect_sections, parse_cv, parse_cv_text
from api.screening.text import content_hash, normalize_text
from tests.screening.files import docx_bytes, encrypted_pdf, scanned_pdf, text_pdf, truncated

CV = """Jane Doe
Backend Engineer | jane@example.com

Summary
Python engineer with six years of experience building APIs.

Experience
Senior Engineer, Acme (2020 - present)
- Built REST APIs in Django and PostgreSQL
- Ran Celery workers on AWS

Education
BSc Computer Science, University of Leeds

Skills
Python, Django, PostgreSQL, Docker
"""


def test_txt_sections_and_hash() -> None:
    parsed = parse_cv(CV.encode(), "cv.txt", "text/plain")
    assert parsed.format == "txt"
    assert {"summary", "experience", "education", "skills"} <= set(parsed.sections)
    assert "Django and PostgreSQL" in parsed.sections["experience"]
    assert parsed.sections["skills"].startswith("Python, Django")
    assert parsed.sections["header"].startswith("Jane Doe")
    # the hash ignores line wrapping, case and bullet style: the same CV re-uploaded hits the cache
    assert content_hash(CV.replace("\n- ", "\n• ").upper()) == parsed.content_hash


def test_txt_encodings() -> None:
    assert "Zoë" in parse_cv(("Zoë Müller\n" + CV).encode("utf-16"), "cv.txt").text
    assert "Zoë" in parse_cv(("Zoë Müller\n" + CV).encode("cp1252"), "cv.txt").text


def test_pdf_text_multi_page() -> None:
    data = text_pdf(CV * 4, lines_per_page=20)
    parsed = parse_cv(data, "cv.pdf", "application/pdf")
    assert parsed.format == "pdf" and parsed.pages and parsed.pages > 1
    assert "Built REST APIs in Django and PostgreSQL" in parsed.text
    assert "experience" in parsed.sections and "skills" in parsed.sections


def test_pdf_detected_by_magic_bytes_whatever_the_name() -> None:
    assert parse_cv(text_pdf(CV), "cv.txt", "text/plain").format == "pdf"


def test_docx_paragraphs_headings_and_tables() -> None:
    data = docx_bytes(CV, table_section=("Certifications", ["AWS Solutions Architect", "CKA"]))
    parsed = parse_cv(data, "cv.docx", None)
    assert parsed.format == "docx"
    assert "Ran Celery workers on AWS" in parsed.text
    assert "AWS Solutions Architect" in parsed.sections["certifications"]
    assert {"experience", "education", "skills"} <= set(parsed.sections)


def test_encrypted_pdf_is_a_clear_error() -> None:
    with pytest.raises(CVParseError) as err:
        parse_cv(encrypted_pdf(CV), "cv.pdf", "application/pdf")
    assert err.value.code == "encrypted_pdf"
    assert "password" in err.value.message


def test_owner_password_only_pdf_opens() -> None:
    parsed = parse_cv(encrypted_pdf(CV, user_password=""), "cv.pdf")
    assert "Built REST APIs" in parsed.text


def test_scanned_pdf_without_text_layer_is_a_clear_error() -> None:
    with pytest.raises(CVParseError) as err:
        parse_cv(scanned_pdf(), "scan.pdf", "application/pdf")
    assert err.value.code == "no_text_layer"
    assert "OCR" in err.value.message


def test_corrupt_docx_is_a_clear_error() -> None:
    with pytest.raises(CVParseError) as err:
        parse_cv(truncated(docx_bytes(CV)), "cv.docx")
    assert err.value.code == "corrupt_docx"
    assert "damaged" in err.value.message


def test_zip_that_is_not_a_docx() -> None:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(CVParseError) as err:
        parse_cv(buf.getvalue(), "cv.docx")
    assert err.value.code == "corrupt_docx"


def test_corrupt_pdf_is_a_clear_error() -> None:
    with pytest.raises(CVParseError) as err:
        parse_cv(b"%PDF-1.4\n" + b"\x00garbage" * 50, "cv.pdf")
    assert err.value.code in {"corrupt_pdf", "no_text_layer"}


@pytest.mark.parametrize(("data", "name", "code"), [
    (b"", "cv.pdf", "empty_file"),
    (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "cv.doc", "unsupported_format"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "cv.png", "unsupported_format"),
    (b"too short", "cv.txt", "no_text"),
])
def test_other_bad_inputs(data: bytes, name: str, code: str) -> None:
    with pytest.raises(CVParseError) as err:
        parse_cv(data, name)
    assert err.value.code == code


def test_pasted_text_and_normalisation() -> None:
    parsed = parse_cv_text("  Skills:\r\n\u2022 Python\u00a0\u00a0and  SQL\r\n\r\n\r\n\r\nExperience\n" + "x " * 30)
    assert "- Python and SQL" in parsed.text
    assert "\n\n\n" not in parsed.text
    assert detect_sections(normalize_text("SKILLS:\nPython"))["skills"] == "Python"
