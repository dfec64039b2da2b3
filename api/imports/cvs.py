"""The optional ZIP of CVs: files are found by the name in the sheet's CV column (folders and letter case ignored),
read with limits (no ZIP bombs), and parsed with the screening's own parser."""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

from api.imports.mapping import Record, RowError
from api.screening.cv_parser import CVParseError, ParsedCV, parse_cv

MAX_CV_BYTES = 5 * 1024 * 1024
MAX_FILES = 60_000
CONTENT_TYPES = {"pdf": "application/pdf", "txt": "text/plain",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


class ZipError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _name_key(name: str) -> str:
    return posixpath.basename(name.replace("\\", "/")).strip().lower()


class CVArchive:
    def __init__(self, data: bytes) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise ZipError("bad_zip", "The CVs file is not a ZIP archive (or it is damaged).") from exc
        infos = [i for i in self.zip.infolist() if not i.is_dir() and not _name_key(i.filename).startswith(".")
                 and "__MACOSX/" not in i.filename]
        if len(infos) > MAX_FILES:
            raise ZipError("too_many_files", f"The ZIP holds more than {MAX_FILES:,} files.")
        self.by_name: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            self.by_name.setdefault(_name_key(info.filename), info)

    def read(self, name: str) -> bytes | None:
        info = self.by_name.get(_name_key(name))
        if info is None:
            return None
        if info.file_size > MAX_CV_BYTES:
            raise CVParseError("too_large", f"the CV is larger than {MAX_CV_BYTES // (1024 * 1024)} MB")
        with self.zip.open(info) as f:
            data = f.read(MAX_CV_BYTES + 1)  # the header's size may lie: never read more than the limit
        if len(data) > MAX_CV_BYTES:
            raise CVParseError("too_large", f"the CV is larger than {MAX_CV_BYTES // (1024 * 1024)} MB")
        return data


@dataclass
class CV:
    filename: str
    data: bytes
    parsed: ParsedCV

    @property
    def extension(self) -> str:
        return "." + self.parsed.format

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES.get(self.parsed.format, "application/octet-stream")


def cv_for(record: Record, archive: CVArchive | None, column: str | None) -> CV | RowError | None:
    """The row's parsed CV, None when the row names none, or why it cannot be used."""
    if not record.cv_file:
        return None
    if archive is None:
        return RowError(record.line, "cv_missing", f"the CV {record.cv_file!r} is named but no ZIP of CVs was "
                                                   "uploaded", column, record.email)
    try:
        data = archive.read(record.cv_file)
        if data is None:
            return RowError(record.line, "cv_not_in_zip", f"the CV {record.cv_file!r} is not in the ZIP", column,
                            record.email)
        parsed = parse_cv(data, record.cv_file)
    except CVParseError as exc:
        return RowError(record.line, "cv_unreadable", f"the CV {record.cv_file!r} cannot be read: {exc.message}",
                        column, record.email)
    return CV(filename=posixpath.basename(record.cv_file.replace("\\", "/"))[:255], data=data, parsed=parsed)
