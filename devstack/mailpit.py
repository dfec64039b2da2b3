"""A local mail catcher for `make up`: Mailpit, built (pinned) from its Go module into .tools/ once, like
livekit-server. It takes the product's mail over SMTP and shows it in a web inbox; nothing leaves the machine.

A `mailpit` on PATH (or MAILPIT_BIN) wins over building.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from devstack.gotool import GoTool, stop_process
from devstack.ports import port_open

MAILPIT_VERSION = "v1.33.1"
MODULE = "github.com/axllent/mailpit"


class MailpitError(RuntimeError):
    pass


TOOL = GoTool("mailpit", MODULE, MAILPIT_VERSION, "MAILPIT_BIN")


def find_binary() -> Path | None:
    return TOOL.find()


def ensure_binary() -> Path:
    return TOOL.ensure()


class Mailpit:
    """Mailpit on loopback: SMTP on ``smtp_port``, the web inbox on ``http_port``, mail kept in ``database``."""

    def __init__(self, *, smtp_port: int = 1025, http_port: int = 8025, database: Path | None = None,
                 log_path: Path | None = None) -> None:
        self.smtp_port, self.http_port = smtp_port, http_port
        self.database, self.log_path = database, log_path
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def inbox_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def start(self, timeout: float = 20.0) -> str:
        binary = ensure_binary()
        for port in (self.smtp_port, self.http_port):
            if port_open(port):
                raise MailpitError(f"port {port} is already in use: is another mail catcher running?")
        argv = [str(binary), "--smtp", f"127.0.0.1:{self.smtp_port}", "--listen", f"127.0.0.1:{self.http_port}",
                "--disable-version-check", "--smtp-auth-accept-any", "--smtp-auth-allow-insecure"]
        if self.database is not None:
            self.database.parent.mkdir(parents=True, exist_ok=True)
            argv += ["--database", str(self.database)]
        out = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        self.process = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise MailpitError(f"mailpit exited with {self.process.returncode} (log: {self.log_path})")
            if port_open(self.smtp_port) and port_open(self.http_port):
                return self.inbox_url
            time.sleep(0.1)
        self.stop()
        raise MailpitError(f"mailpit did not listen within {timeout}s")

    def stop(self, timeout: float = 10.0) -> None:
        stop_process(self.process, timeout)
        self.process = None
