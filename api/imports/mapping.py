"""Columns to fields, and each row to a candidate record or a reason it cannot be imported.

Values are stored exactly as typed, as text: a cell beginning with = + - @ is a name or a phone number here, never
a formula. ``export_cell`` makes such a value safe again when it goes back out into a CSV (CSV injection).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from api.imports.reader import Row, Sheet

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    aliases: tuple[str, ...]
    max_length: int
    required: bool = False


FIELDS: dict[str, Field] = {f.name: f for f in (
    Field("email", "Email", ("email", "emailaddress", "mail", "candidateemail"), 320, required=True),
    Field("full_name", "Full name", ("name", "fullname", "candidatename", "candidate"), 200),
    Field("first_name", "First name", ("firstname", "givenname", "first", "forename"), 100),
    Field("last_name", "Last name", ("lastname", "surname", "familyname", "last"), 100),
    Field("phone", "Phone", ("phone", "phonenumber", "mobile", "telephone", "tel", "cell"), 50),
    Field("cv_file", "CV file in the ZIP", ("cv", "cvfile", "resume", "resumefile", "cvfilename", "resumefilename",
                                            "attachment", "file"), 255),
    Field("cover_letter", "Cover letter / notes", ("coverletter", "notes", "note", "message", "comments"), 20_000),
)}


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def auto_mapping(columns: list[str]) -> dict[str, str | None]:
    """Each field to the first column whose name matches it (case, spaces and punctuation ignored)."""
    by_key = {}
    for column in columns:
        by_key.setdefault(_key(column), column)
    return {name: next((by_key[a] for a in f.aliases if a in by_key), None) for name, f in FIELDS.items()}


def check_mapping(mapping: dict[str, str | None], columns: list[str]) -> list[str]:
    """What is wrong with a mapping, in words (empty when it is usable)."""
    problems = [f"unknown field {name!r} (fields: {', '.join(FIELDS)})" for name in mapping if name not in FIELDS]
    problems += [f"{name}: there is no column {col!r} in the file" for name, col in mapping.items()
                 if col is not None and col not in columns]
    if not mapping.get("email"):
        problems.append("email: choose the column that holds the candidates' email addresses")
    return problems


@dataclass
class Record:
    line: int
    email: str  # as typed (trimmed)
    full_name: str
    name_given: bool  # a name came from the file (otherwise it was made from the email)
    phone: str | None
    cv_file: str | None
    cover_letter: str | None

    @property
    def key(self) -> str:
        return self.email.lower()


@dataclass(frozen=True)
class RowError:
    line: int
    code: str
    reason: str
    column: str | None = None
    email: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {"line": self.line, "code": self.code, "reason": self.reason, "column": self.column,
                "email": self.email}


def _value(row: Row, columns: list[str], mapping: dict[str, str | None], name: str) -> str:
    column = mapping.get(name)
    return row.cells[columns.index(column)].strip() if column else ""


def to_record(row: Row, columns: list[str], mapping: dict[str, str | None]) -> Record | RowError:
    for column in mapping.values():
        if column and columns.index(column) in row.formulas:
            return RowError(row.line, "formula", f"the {column!r} cell is a formula; formulas are never evaluated "
                                                 "here: type the value itself", column)
    email = _value(row, columns, mapping, "email")
    if not email:
        return RowError(row.line, "missing_email", "no email address", mapping.get("email"))
    if not EMAIL.match(email) or len(email) > FIELDS["email"].max_length:
        return RowError(row.line, "malformed_email", f"{email!r} is not an email address", mapping.get("email"),
                        email)
    values = {name: _value(row, columns, mapping, name) for name in FIELDS}
    for name, f in FIELDS.items():
        if len(values[name]) > f.max_length:
            return RowError(row.line, "value_too_long", f"{f.label} is longer than {f.max_length} characters",
                            mapping.get(name), email)
    name = values["full_name"] or " ".join(v for v in (values["first_name"], values["last_name"]) if v)
    return Record(line=row.line, email=email, full_name=(name or email.split("@")[0])[:200], name_given=bool(name),
                  phone=values["phone"] or None, cv_file=values["cv_file"] or None,
                  cover_letter=values["cover_letter"] or None)


def records(sheet: Sheet, mapping: dict[str, str | None]) -> list[Record | RowError]:
    """Every data row in file order; a repeated email is an error on every row after its first."""
    seen: dict[str, int] = {}
    out: list[Record | RowError] = []
    for row in sheet.rows:
        item = to_record(row, sheet.columns, mapping)
        if isinstance(item, Record):
            first = seen.setdefault(item.key, item.line)
            if first != item.line:
                item = RowError(item.line, "duplicate_in_file", f"the same email as line {first}",
                                mapping.get("email"), item.email)
        out.append(item)
    return out


def export_cell(value: object) -> str:
    """A value as a CSV cell that no spreadsheet runs: text a spreadsheet would read as a formula gets a leading
    apostrophe (OWASP's advice for CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
