"""A real SMTP server process for the tests (aiosmtpd): each accepted message is written to a folder *before* the
250 reply goes out, so what the folder holds is what the server accepted.

    python -m tests.ats.smtp_sink --port 2525 --dir /tmp/mail [--delay 0.5]

A recipient whose local part is ``reject`` gets a permanent 550; ``--delay`` holds the reply (to kill a sender
between the message and the server's confirmation)."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import ssl
import subprocess
import sys
import time
import uuid
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Folder:
    def __init__(self, folder: Path, delay: float) -> None:
        self.folder = folder
        self.delay = delay

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0].lower() == "reject":
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        tmp = self.folder / f".{uuid.uuid4().hex}.tmp"
        tmp.write_bytes(envelope.original_content or envelope.content)
        tmp.rename(self.folder / f"{time.time_ns()}-{uuid.uuid4().hex[:6]}.eml")
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 Message accepted for delivery"


def _security(args: argparse.Namespace) -> dict:
    if args.tls == "none":
        return {}
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    options: dict = {"server_hostname": "127.0.0.1"}
    if args.tls == "tls":
        options["ssl_context"] = context
    else:
        options |= {"tls_context": context, "require_starttls": True}
    if args.login:
        user, password = args.login.split(":", 1)

        def check(server, session, envelope, mechanism, auth_data):  # aiosmtpd's authenticator signature
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
                and auth_data.password.decode() == password
            return AuthResult(success=ok, handled=False)  # handled=True would leave the client waiting

        # implicit TLS is TLS from the first byte, but aiosmtpd only counts STARTTLS as such
        options |= {"authenticator": check, "auth_required": True, "auth_require_tls": args.tls == "starttls"}
    return options


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--tls", choices=["none", "starttls", "tls"], default="none")
    parser.add_argument("--cert", type=Path)
    parser.add_argument("--key", type=Path)
    parser.add_argument("--login", help="user:password the server requires (over TLS only)")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    # blocked before the server's thread starts (it inherits the mask), so sigwait below receives them
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    controller = Controller(Folder(args.dir, args.delay), hostname="127.0.0.1", port=args.port, **_security(args))
    controller.start()
    print("ready", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


class SMTPSink:
    """The server above as a child process of the test (start, stop, start again on the same port)."""

    def __init__(self, port: int, folder: Path, delay: float = 0.0, extra: list[str] | None = None) -> None:
        self.port, self.folder, self.delay = port, folder, delay
        self.extra = extra or []
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> SMTPSink:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.ats.smtp_sink", "--port", str(self.port), "--dir", str(self.folder),
             "--delay", str(self.delay), *self.extra],
            stdout=subprocess.PIPE, env={**os.environ}, start_new_session=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if b"ready" not in line:
            raise RuntimeError(f"the SMTP sink did not start (exit {self.process.poll()})")
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def messages(self) -> list[EmailMessage]:
        files = sorted(self.folder.glob("*.eml"))
        return [message_from_bytes(f.read_bytes(), policy=policy.default) for f in files]  # type: ignore[misc]


if __name__ == "__main__":
    main()
