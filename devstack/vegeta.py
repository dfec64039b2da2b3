"""Vegeta, the HTTP load generator the API bench drives: built (pinned) from its Go module into .tools/ once, like
livekit-server. One Go process sends at a constant rate whether or not earlier requests have answered (open loop)
for a few per cent of a core, where a Python generator needs a large share of the same 2 cores as the API.

A `vegeta` on PATH (or VEGETA_BIN) wins over building.
"""

from __future__ import annotations

import base64
import csv
import json
import resource
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from devstack.gotool import GoTool

VEGETA_VERSION = "v12.13.0"
MODULE = "github.com/tsenart/vegeta/v12"

TOOL = GoTool("vegeta", MODULE, VEGETA_VERSION, "VEGETA_BIN")


class VegetaError(RuntimeError):
    pass


def find_binary() -> Path | None:
    return TOOL.find()


def ensure_binary() -> Path:
    return TOOL.ensure()


@dataclass(frozen=True)
class Target:
    """One request of a scenario; vegeta sends the targets round robin."""

    method: str
    url: str
    headers: dict[str, list[str]] = field(default_factory=dict)
    body: bytes = b""

    def as_json(self) -> str:
        doc: dict = {"method": self.method, "url": self.url, "header": self.headers}
        if self.body:
            doc["body"] = base64.b64encode(self.body).decode()
        return json.dumps(doc)


@dataclass(frozen=True)
class Result:
    """One request as vegeta recorded it: when it was sent, how long until its response was read, its status."""

    sent_ns: int
    latency_ns: int
    status: int
    error: str


@dataclass(frozen=True)
class Attack:
    results: list[Result]
    cpu_seconds: float  # vegeta's own CPU time (user + system) while it sent them


def attack(targets: Iterable[Target], *, rate: float, seconds: float, workdir: Path, connections: int = 64,
           max_workers: int = 256, timeout_s: float = 30.0) -> Attack:
    """Sends the targets at `rate` per second for `seconds` and answers every request's result. Open loop: vegeta
    starts another worker (up to `max_workers`) whenever all are waiting, so the schedule holds while the server is
    slow. Keep-alive connections, at most `connections` per host, as a pool of API clients would hold. Response
    bodies are read in full but not kept."""
    binary = ensure_binary()
    targets_file, results_file = workdir / "vegeta-targets.jsonl", workdir / "vegeta-results.bin"
    targets_file.write_text("".join(t.as_json() + "\n" for t in targets))
    argv = [str(binary), "attack", "-format=json", f"-targets={targets_file}", f"-rate={rate:g}/1s",
            f"-duration={seconds:g}s", f"-connections={connections}", f"-max-connections={connections}",
            f"-workers={min(32, max_workers)}", f"-max-workers={max_workers}", f"-timeout={timeout_s:g}s",
            "-keepalive=true", "-http2=false", "-max-body=0", f"-output={results_file}"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    _run(argv)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    encoded = _run([str(binary), "encode", "--to=csv", str(results_file)])
    results_file.unlink(missing_ok=True)
    return Attack(list(_results(encoded.decode().splitlines())), cpu)


def _run(argv: list[str]) -> bytes:
    done = subprocess.run(argv, capture_output=True, check=False)
    if done.returncode != 0:
        raise VegetaError(f"{' '.join(argv[:2])} exited with {done.returncode}: {done.stderr.decode()[-2000:]}")
    return done.stdout


def _results(lines: Iterable[str]) -> Iterator[Result]:
    # CSV columns (`vegeta encode -h`): timestamp ns, status, latency ns, bytes out, bytes in, error, body, ...
    for row in csv.reader(lines):
        if row:
            yield Result(sent_ns=int(row[0]), latency_ns=int(row[2]), status=int(row[1]), error=row[5])
