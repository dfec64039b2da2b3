"""Real CV files made in the tests: text PDFs (hand-written PDF objects), encrypted PDFs (pypdf),
image-only 'scanned' PDFs, DOCX files (python-docx) and broken ones."""

from __future__ import annotations

import io
import zlib


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF from numbered object bodies (1-based), with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _escape(line: str) -> bytes:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1", "replace")


def text_pdf(text: str, lines_per_page: int = 50) -> bytes:
    """A text PDF (Helvetica, one line per text line), several pages when long."""
    lines = text.split("\n")
    pages = [lines[i:i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]]
    n_pages = len(pages)
    # 1 catalog, 2 pages, 3 font, then (page, content) pairs
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages)).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n_pages,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    for i, page_lines in enumerate(pages):
        stream = b"BT /F1 10 Tf 14 TL 50 780 Td\n" + b"".join(b"(" + _escape(t) + b") '\n" for t in page_lines) + b"ET"
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>"
                       b" /Contents %d 0 R >>" % (5 + 2 * i))
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return _pdf(objects)


def scanned_pdf(width: int = 200, height: int = 260) -> bytes:
    """A page that is one grey-scale image with 'text-like' stripes and no text layer, like a scan."""
    rows = []
    for y in range(height):
        ink = (y // 6) % 3 == 0 and 20 < y < height - 20
        rows.append(bytes(0 if ink and 20 < x < width - 20 and (x // 9) % 4 else 255 for x in range(width)))
    raw = zlib.compress(b"".join(rows))
    content = b"q 500 0 0 650 50 70 cm /Im1 Do Q"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 4 0 R >> >>"
               b" /Contents 5 0 R >>",
               b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8"
               b" /Filter /FlateDecode /Length %d >>\nstream\n" % (width, height, len(raw)) + raw + b"\nendstream",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    return _pdf(objects)


def encrypted_pdf(text: str, user_password: str = "secret", owner_password: str = "owner") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(text))))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(text: str, table_section: tuple[str, list[str]] | None = None) -> bytes:
    """A DOCX with one paragraph per line (lines that are section names become headings)."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        if line.strip() and len(line.split()) <= 3 and line.strip()[0].isupper() and not line.startswith("-"):
            document.add_heading(line.strip(), level=2)
        else:
            document.add_paragraph(line)
    if table_section:
        heading, cells = table_section
        document.add_heading(heading, level=2)
        table = document.add_table(rows=1, cols=len(cells))
        for cell, value in zip(table.rows[0].cells, cells, strict=True):
            cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def truncated(data: bytes, keep: float = 0.6) -> bytes:
    return data[: int(len(data) * keep)]
