"""Sheets and ZIPs made in the test, as a recruiter's tools write them."""

from __future__ import annotations

import csv
import io
import zipfile

CV_TEXT = ("Grace Hopper\nExperience\nSenior engineer: Python services on PostgreSQL, compilers, teaching.\n"
           "Skills\nPython, PostgreSQL, COBOL, leadership, distributed systems.\n")


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[object]], formula_at: tuple[int, int] | None = None) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if formula_at:
        sheet.cell(row=formula_at[0], column=formula_at[1]).value = '=HYPERLINK("http://evil.test","x")'
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsm_bytes() -> bytes:
    """A workbook with a VBA project in it, as Excel saves a macro-enabled file."""
    data = io.BytesIO(xlsx_bytes([["email"], ["a@example.test"]]))
    out = io.BytesIO()
    with zipfile.ZipFile(data) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0macro")
    return out.getvalue()


def zip_bytes(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in files.items():
            z.writestr(name, content)
    return out.getvalue()


def people(n: int, start: int = 0) -> list[list[str]]:
    return [["email", "name", "phone"]] + [[f"person{i}@bulk.test", f"Person {i}", f"+44 20 7946 {i:04d}"]
                                           for i in range(start, start + n)]
