"""Reading an uploaded sheet: what the file really is (by its bytes, not its name), its text encoding, and its rows.

Nothing in a file is ever run: XLSX is read with openpyxl (no formulas evaluated; XML through defusedxml), a
workbook with macros is refused, and a formula cell is reported on its row rather than imported.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

MAX_ROWS = 50_000
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # an XLSX is a ZIP: refuse bombs before openpyxl expands them


class SheetError(ValueError):
    """The file as a whole cannot be imported; ``code`` is stable, the message says what to do."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Row:
    line: int  # as the person sees it: the spreadsheet row, or the CSV line the record starts on
    cells: list[str]
    formulas: set[int] = field(default_factory=set)  # columns holding a formula (XLSX)


@dataclass
class Sheet:
    kind: str  # csv | xlsx
    columns: list[str]
    rows: list[Row]
    encoding: str | None = None
    delimiter: str | None = None


def _decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 (with or without BOM), UTF-16 (BOM, or the zero bytes of ASCII text), cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec), codec[:6]  # utf-16 / utf-32, with the BOM
    head = data[:4096]
    if b"\x00" in head:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd > len(head) // 4 and even == 0:
            return data.decode("utf-16-le"), "utf-16"
        if even > len(head) // 4 and odd == 0:
            return data.decode("utf-16-be"), "utf-16"
        raise SheetError("binary_file", "This is not a text file. Upload a CSV (comma- or semicolon-separated) "
                                        "or an Excel .xlsx workbook.")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise SheetError("unknown_encoding", "The text encoding is not UTF-8, UTF-16 or Windows-1252. Save the "
                                             "file as 'CSV UTF-8' and upload it again.") from exc


def _header(cells: list[str]) -> list[str]:
    names: list[str] = []
    for i, raw in enumerate(cells):
        name = " ".join(str(raw).split()) or f"column {i + 1}"
        base, n = name, 2
        while name in names:
            name, n = f"{base} ({n})", n + 1
        names.append(name)
    return names


def _finish(kind: str, rows: list[Row], **extra: str | None) -> Sheet:
    if not rows:
        raise SheetError("empty_file", "The file is empty: it needs a header row (for example email, name) and "
                                       "one row per candidate.")
    header, data = rows[0], rows[1:]
    if not data:
        raise SheetError("no_rows", "The file has a header row but no candidates under it.")
    width = len(header.cells)
    for row in data:  # short rows are padded; cells beyond the header are ignored
        row.cells = (row.cells + [""] * width)[:width]
    return Sheet(kind=kind, columns=_header(header.cells), rows=data, **extra)  # type: ignore[arg-type]


def _too_many() -> SheetError:
    return SheetError("too_many_rows", f"The file has more than {MAX_ROWS:,} rows. Split it into files of at most "
                                       f"{MAX_ROWS:,} candidates each.")


def read_csv(data: bytes) -> Sheet:
    try:
        text, encoding = _decode(data)
    except UnicodeDecodeError as exc:  # a BOM that promised UTF-16/32 and a body that is not
        raise SheetError("unknown_encoding", "The text does not decode in the encoding its byte-order mark names; "
                                             "save the file as 'CSV UTF-8' and upload it again.") from exc
    if "\x00" in text:
        raise SheetError("binary_file", "The file contains binary data; upload a CSV or an .xlsx workbook.")
    sample = text[:65536]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    start = 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append(Row(line=start, cells=[c.strip() for c in cells]))
                if len(rows) > MAX_ROWS + 1:
                    raise _too_many()
            start = reader.line_num + 1
    except csv.Error as exc:
        raise SheetError("malformed_csv", f"The CSV cannot be read at line {reader.line_num}: {exc}.") from exc
    return _finish("csv", rows, encoding=encoding, delimiter=delimiter)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # phone numbers typed as numbers
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).strip()


def read_xlsx(data: bytes) -> Sheet:
    import openpyxl  # imported here: only imports need it

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if sum(i.file_size for i in archive.infolist()) > MAX_UNZIPPED_BYTES:
            raise SheetError("too_large", "The workbook expands to more than 200 MB; save it as CSV instead.")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise SheetError("corrupt_xlsx", "The workbook cannot be opened (damaged, or not really .xlsx). Open it "
                                         "in Excel or LibreOffice and save it again as .xlsx or CSV.") from exc
    try:
        sheet = book.worksheets[0]
        rows: list[Row] = []
        for cells in sheet.iter_rows():
            values = [_cell_text(c.value) for c in cells]
            if not any(values):
                continue
            formulas = {i for i, c in enumerate(cells) if getattr(c, "data_type", None) == "f"}
            rows.append(Row(line=cells[0].row, cells=values, formulas=formulas))
            if len(rows) > MAX_ROWS + 1:
                raise _too_many()
    finally:
        book.close()
    return _finish("xlsx", rows)


def read_sheet(data: bytes, filename: str | None = None) -> Sheet:
    """A CSV or XLSX file, recognised by its content; anything else is refused with what to upload instead."""
    if not data.strip():
        raise SheetError("empty_file", "The file is empty.")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SheetError("legacy_excel", "This is an old Excel .xls workbook. Save it as .xlsx or CSV and upload "
                                         "that.")
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile as exc:
            raise SheetError("corrupt_xlsx", "The workbook is damaged; save it again as .xlsx or CSV.") from exc
        if "xl/vbaProject.bin" in names or any(n.lower().endswith(".bin") and "vba" in n.lower() for n in names):
            raise SheetError("macros", "This workbook contains macros (.xlsm). Macros are never run here: save it "
                                       "as a plain Excel workbook (.xlsx) or as CSV.")
        if "xl/workbook.xml" in names:
            return read_xlsx(data)
        raise SheetError("unsupported_file", "This is a ZIP archive, not a sheet. Upload the CSV or .xlsx as the "
                                             "file, and the ZIP of CVs as the CVs.")
    for magic, what in ((b"%PDF", "a PDF"), (b"\x89PNG", "an image"), (b"\xff\xd8\xff", "an image"),
                        (b"{\\rtf", "an RTF document"), (b"<?xml", "an XML document")):
        if data.startswith(magic):
            raise SheetError("unsupported_file", f"This is {what}, not a sheet. Upload a CSV or an .xlsx workbook.")
    return read_csv(data)
