"""The one guarded CV parser every upload goes through (issue 14, finding 2): the apply path and the candidate's CV
analyzer alike.

Files are parsed by `api/screening/cv_parser.parse_cv` in a small pool of separate processes
(api/storage/parse_worker.py), never on the event loop: each has a hard memory budget (CV_PARSE_MEMORY_MB beyond
its own size), a deadline (CV_PARSE_TIMEOUT_SECONDS) after which it is killed and replaced, and the zip-bomb guards
run before a DOCX is unpacked; a text longer than a CV is refused. At most CV_PARSE_WORKERS files are parsed at
once, so the memory all uploads can take is bounded by workers x budget; the rest wait their turn. Pasted text is
bounded by the request schema and only normalised, in a worker thread.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from dataclasses import dataclass
from typing import Any

import anyio

from api.screening.cv_parser import CVParseError, ParsedCV, parse_cv_text
from api.storage.parse_worker import READY

logger = logging.getLogger(__name__)

START_TIMEOUT_SECONDS = 60
# a reply is the parsed text and its sections: a few times the file at most
MAX_REPLY_BYTES = 64 * 1024 * 1024
# the same bound as a CV pasted as text (api/candidate_tools/schemas.py): about 40 pages
MAX_TEXT_CHARS = 100_000
LIMIT_CODES = frozenset({"zip_bomb", "out_of_memory", "too_complex", "parser_failed", "too_large", "too_long"})
_LIMIT_MESSAGE = ("The CV could not be read within the limits this server sets for one file ({why}): export it "
                  "again as a plain PDF or DOCX, or paste its text.")


@dataclass(frozen=True)
class ParseLimits:
    workers: int = 2
    memory_mb: int = 384
    timeout_seconds: float = 20.0
    max_bytes: int = 5 * 1024 * 1024


class _WorkerGone(Exception):
    pass


class _Worker:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    @classmethod
    async def start(cls, memory_mb: int) -> _Worker:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "api.storage.parse_worker", str(memory_mb),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
        )
        worker = cls(process)
        try:
            # the imports (pypdf, python-docx, lxml) take a moment on a busy machine; they are not a file's time
            assert process.stdout is not None
            ready = await asyncio.wait_for(process.stdout.readexactly(1), START_TIMEOUT_SECONDS)
        except (TimeoutError, asyncio.IncompleteReadError) as exc:
            await worker.kill()
            raise CVParseError("parser_failed", _LIMIT_MESSAGE.format(why="the parser did not start")) from exc
        except BaseException:
            worker.kill_now()
            raise
        if ready != READY:
            await worker.kill()
            raise CVParseError("parser_failed", _LIMIT_MESSAGE.format(why="the parser did not start"))
        return worker

    async def call(self, data: bytes, filename: str | None, content_type: str | None) -> dict[str, Any]:
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        header = {"size": len(data), "filename": filename, "content_type": content_type, "max_chars": MAX_TEXT_CHARS}
        try:
            stdin.write(json.dumps(header).encode() + b"\n" + data)
            await stdin.drain()
            size = int.from_bytes(await stdout.readexactly(8), "big")
            if size > MAX_REPLY_BYTES:
                raise _WorkerGone("the reply is too large")
            return json.loads(await stdout.readexactly(size))
        except (asyncio.IncompleteReadError, ConnectionError, ValueError) as exc:
            raise _WorkerGone(str(exc)) from exc

    def alive(self) -> bool:
        return self.process.returncode is None

    def kill_now(self) -> None:
        if self.alive():
            self.process.kill()

    async def kill(self) -> None:
        self.kill_now()
        await self.process.wait()


class CVParserPool:
    def __init__(self, limits: ParseLimits) -> None:
        self.limits = limits
        self._slots = asyncio.Semaphore(limits.workers)
        self._idle: list[_Worker] = []

    async def parse(self, data: bytes, filename: str | None = None, content_type: str | None = None) -> ParsedCV:
        """Raises CVParseError: the parser's own codes (the file is unreadable), or one of LIMIT_CODES."""
        if len(data) > self.limits.max_bytes:
            raise CVParseError("too_large", f"The CV file is larger than {self.limits.max_bytes // 2**20} MB.")
        async with self._slots:
            worker = await self._worker()
            reply = await self._call(worker, data, filename, content_type)
            code = reply["error"]["code"] if "error" in reply else None
            if code == "out_of_memory":
                await worker.kill()  # it exits by itself after one (its heap is suspect)
            elif worker.alive():
                self._idle.append(worker)
        if code is not None:
            if code == "out_of_memory":
                raise CVParseError(code, _LIMIT_MESSAGE.format(why=f"more than {self.limits.memory_mb} MB to unpack"))
            raise CVParseError(code, reply["error"]["message"])
        return ParsedCV(**reply["ok"])

    async def _worker(self) -> _Worker:
        while self._idle:
            worker = self._idle.pop()
            if worker.alive():
                return worker
            await worker.kill()
        return await _Worker.start(self.limits.memory_mb)

    async def _call(self, worker: _Worker, data: bytes, filename: str | None, content_type: str | None
                    ) -> dict[str, Any]:
        try:
            return await asyncio.wait_for(worker.call(data, filename, content_type), self.limits.timeout_seconds)
        except TimeoutError:
            await worker.kill()
            why = f"more than {self.limits.timeout_seconds:g} s to read"
            raise CVParseError("too_complex", _LIMIT_MESSAGE.format(why=why)) from None
        except _WorkerGone as exc:
            await worker.kill()
            logger.warning("a CV parser process failed", extra={"error": str(exc), "code": worker.process.returncode})
            raise CVParseError("parser_failed", _LIMIT_MESSAGE.format(why="the parser stopped")) from None
        except BaseException:
            worker.kill_now()  # cancelled mid-file (the client left): its state is unknown; no await while cancelled
            raise

    async def close(self) -> None:
        idle, self._idle = self._idle, []
        for worker in idle:
            await worker.kill()


async def parse_pasted(text: str) -> ParsedCV:
    """A CV pasted as text (length-capped by the request schemas), normalised in a worker thread."""
    return await anyio.to_thread.run_sync(parse_cv_text, text)
