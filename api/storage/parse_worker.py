"""A CV parsing process (`python -m api.storage.parse_worker MEMORY_MB`), started and fed by api/storage/safe_parse.py.

It parses one upload at a time with a hard address-space limit of its own size at start plus MEMORY_MB, at a
lowered CPU priority, so a hostile file can exhaust neither the API's memory nor its event loop. DOCX archives are
refused before they are unpacked when they claim too much (the zip-bomb guards of api/storage/uploads.py).

Protocol on stdin/stdout: one byte `R` once the process is ready, then one request at a time. In: a JSON header
line `{"size", "filename", "content_type", "max_chars"}` and `size` bytes of file. Out: an 8-byte big-endian length
and that many bytes of JSON, `{"ok": {ParsedCV fields}}` or `{"error": {"code", "message"}}`. After an
out-of-memory error the process exits (its heap is suspect) and the parent starts another.
"""

from __future__ import annotations

import io
import json
import os
import resource
import sys
import zipfile
from dataclasses import asdict
from typing import Any, BinaryIO

from api.screening.cv_parser import CVParseError, parse_cv
from api.storage.uploads import zip_bomb_problem

OUT_OF_MEMORY = "out_of_memory"
READY = b"R"


def _limit_memory(budget_mb: int) -> None:
    with open("/proc/self/statm") as f:
        size_now = int(f.read().split()[0]) * resource.getpagesize()
    limit = size_now + budget_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _guard(data: bytes) -> None:
    if not data.startswith(b"PK\x03\x04"):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            problem = zip_bomb_problem(archive)
    except (zipfile.BadZipFile, ValueError):
        return  # not a readable zip: the parser says so in its own words
    if problem is not None:
        raise CVParseError("zip_bomb", f"{problem[0].upper()}{problem[1:]}: save the CV again from Word (or as a "
                                       "PDF) and upload it again.")


def parse_one(data: bytes, filename: str | None, content_type: str | None, max_chars: int) -> dict[str, Any]:
    try:
        _guard(data)
        parsed = parse_cv(data, filename, content_type)
        if len(parsed.text) > max_chars:
            # everything after the parse (analysis, screening, embeddings) costs in proportion to the text
            raise CVParseError("too_long", f"The CV's text is longer than {max_chars:,} characters: upload the CV "
                                           "itself (a few pages), not a longer document.")
        return {"ok": asdict(parsed)}
    except CVParseError as exc:
        if _out_of_memory(exc.__cause__):
            return {"error": {"code": OUT_OF_MEMORY, "message": ""}}
        return {"error": {"code": exc.code, "message": exc.message}}
    except MemoryError:
        return {"error": {"code": OUT_OF_MEMORY, "message": ""}}


def _out_of_memory(cause: BaseException | None) -> bool:
    # libxml2 reports a failed allocation as a syntax error whose log says ERR_NO_MEMORY (lxml's XMLSyntaxError)
    return isinstance(cause, MemoryError) or "ERR_NO_MEMORY" in str(getattr(cause, "error_log", ""))


def _reply(out: BinaryIO, result: dict[str, Any]) -> None:
    body = json.dumps(result, ensure_ascii=False).encode()
    out.write(len(body).to_bytes(8, "big") + body)
    out.flush()


def serve(budget_mb: int, inp: BinaryIO, out: BinaryIO) -> None:
    import docx  # noqa: F401 - the parsers' imports are the process's, not the first file's, time and memory
    import pypdf  # noqa: F401

    _limit_memory(budget_mb)
    out.write(READY)  # imports done: a file's deadline starts only now
    out.flush()
    while header := inp.readline():
        request = json.loads(header)
        data = inp.read(int(request["size"]))
        result = parse_one(data, request.get("filename"), request.get("content_type"), int(request["max_chars"]))
        del data
        _reply(out, result)
        if "error" in result and result["error"]["code"] == OUT_OF_MEMORY:
            return


if __name__ == "__main__":
    os.nice(10)  # behind the API's event loop and the agent on a busy machine
    # the replies get their own descriptor; anything a library prints goes to stderr, not into the protocol
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(int(sys.argv[1]), sys.stdin.buffer, replies)
