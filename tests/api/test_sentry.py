"""Optional Sentry (issue 22): nothing is configured without SENTRY_DSN; with one, an error reaches the DSN's
server (a real HTTP receiver on a loopback port, in place of sentry.io) with tokens redacted as in the logs."""

from __future__ import annotations

import gzip
import subprocess
import sys
import threading
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from api.common.sentry import init_sentry
from api.config import Settings

REPO = Path(__file__).resolve().parents[2]
JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ"


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[bytes]]]:
    bodies: list[bytes] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            encoding = self.headers.get("Content-Encoding", "")
            bodies.append(gzip.decompress(raw) if encoding == "gzip" else
                          zlib.decompress(raw) if encoding == "deflate" else raw)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *_: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://publickey@127.0.0.1:{server.server_address[1]}/42", bodies
    server.shutdown()


def test_not_configured_without_a_dsn(tmp_path: Path) -> None:
    import sentry_sdk

    settings = Settings.from_env(env="test", public_base_url="http://127.0.0.1:8000", sentry_dsn=None,
                                 dev_issuer_key_path=tmp_path / "k.pem")
    assert init_sentry(settings) is False
    assert not sentry_sdk.get_client().is_active()


def test_an_error_reaches_the_dsn_redacted(receiver: tuple[str, list[bytes]], tmp_path: Path) -> None:
    dsn, bodies = receiver
    # its own process: the SDK is global, and the tests' process must stay unconfigured
    script = f"""
import sentry_sdk
from api.common.sentry import init_sentry
from api.config import Settings
settings = Settings.from_env(env="test", public_base_url="http://127.0.0.1:8000", sentry_dsn={dsn!r},
                             dev_issuer_key_path={str(tmp_path / "k.pem")!r})
assert init_sentry(settings)
try:
    raise ValueError("boom with Bearer {JWT}")
except ValueError as e:
    sentry_sdk.capture_exception(e)
sentry_sdk.flush(10)
"""
    subprocess.run([sys.executable, "-c", script], cwd=REPO, check=True, timeout=60)
    sent = b"".join(bodies)
    assert b"ValueError" in sent and b"boom with" in sent, sent[:500]
    assert JWT.encode() not in sent
