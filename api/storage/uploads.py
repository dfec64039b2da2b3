"""What a CV upload must be: PDF, DOCX or plain text, judged by its bytes (not its name or declared type), not
empty, at most the configured size, and for DOCX a zip that stays small when unpacked."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from api.common.errors import BadRequest, PayloadTooLarge, UnsupportedMedia

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TXT = "text/plain"
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", TXT: ".txt"}

# zip-bomb guards for DOCX
MAX_ZIP_ENTRIES = 2000
MAX_UNCOMPRESSED_TOTAL = 50 * 1024 * 1024
MAX_ENTRY_RATIO = 200  # uncompressed / compressed for any entry above 1 MiB
MAX_DOCUMENT_XML = 20 * 1024 * 1024
MAX_TEXT_CHARS = 200_000


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    extension: str
    filename: str
    text: str | None


def safe_filename(name: str | None, extension: str) -> str:
    """A display name only (never used as a path): last path segment, no control characters, bounded length."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C")
    base = base.strip().lstrip(".").strip()
    if not base:
        base = "cv" + extension
    return base[-200:]


def zip_bomb_problem(archive: zipfile.ZipFile) -> str | None:
    """Why this archive must not be unpacked (it claims too many parts, too many bytes, or compresses too well), or
    None. The sizes are what the archive claims: readers must still cap what they read."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        return "the DOCX has too many parts"
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_ENTRY_RATIO * max(info.compress_size, 1):
            return "the DOCX is compressed suspiciously well (zip bomb?)"
    if total > MAX_UNCOMPRESSED_TOTAL:
        return "the DOCX unpacks to more than 50 MB (zip bomb?)"
    return None


def _docx_text(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise UnsupportedMedia("the file looks like a zip but is not a valid DOCX", extra={"field": "cv"}) from exc
    with archive:
        problem = zip_bomb_problem(archive)
        if problem is not None:
            raise BadRequest(problem, extra={"field": "cv"})
        names = set(archive.namelist())
        if "word/document.xml" not in names or "[Content_Types].xml" not in names:
            raise UnsupportedMedia("the zip is not a Word document (DOCX)", extra={"field": "cv"})
        # the sizes above are what the archive claims; read with a hard cap in case they lie
        try:
            with archive.open("word/document.xml") as f:
                xml = f.read(MAX_DOCUMENT_XML + 1)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError) as exc:
            raise UnsupportedMedia("the DOCX cannot be read", extra={"field": "cv"}) from exc
        if len(xml) > MAX_DOCUMENT_XML:
            raise BadRequest("the DOCX text is too large (zip bomb?)", extra={"field": "cv"})
    text = xml.decode("utf-8", errors="replace")
    text = re.sub(r"</w:p>", "\n", text)
    text = re.sub(r"<w:tab/>", "\t", text)
    text = re.sub(r"<[^>]+>", "", text)
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text.strip()[:MAX_TEXT_CHARS]


def _plain_text(data: bytes) -> str | None:
    if b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
    if printable < 0.95 * len(text):
        return None
    return text.strip()[:MAX_TEXT_CHARS]


def check_cv(data: bytes, filename: str | None, max_bytes: int) -> CheckedFile:
    if not data:
        raise BadRequest("the CV file is empty", extra={"field": "cv"})
    if len(data) > max_bytes:
        raise PayloadTooLarge(
            f"the CV file is larger than {max_bytes // (1024 * 1024)} MB", extra={"field": "cv", "max_bytes": max_bytes}
        )
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-8192:]:
            raise UnsupportedMedia("the PDF is truncated or malformed", extra={"field": "cv"})
        content_type, text = PDF, None
    elif data.startswith(b"PK\x03\x04"):
        content_type, text = DOCX, _docx_text(data)
    else:
        text = _plain_text(data)
        if text is None:
            raise UnsupportedMedia(
                "the CV must be a PDF, DOCX or plain-text file (judged by its content)",
                extra={"field": "cv", "accepted": sorted(EXTENSIONS)},
            )
        if not text:
            raise BadRequest("the CV text file is blank", extra={"field": "cv"})
        content_type = TXT
    extension = EXTENSIONS[content_type]
    return CheckedFile(
        content_type=content_type, extension=extension, filename=safe_filename(filename, extension), text=text
    )
