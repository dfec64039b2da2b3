"""SMTP delivery with the standard library (in a worker thread), and the MIME message of one outbox row:
plain text and HTML alternatives, the .ics invitation, List-Unsubscribe for non-essential mail."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from email.utils import formatdate

from api.email.config import EmailConfig


class SMTPFailure(Exception):
    """``permanent``: the server refused this mail for good (5xx); otherwise it may go through later.
    ``connection``: the connection is gone, so the rest of a batch waits too."""

    def __init__(self, message: str, *, permanent: bool = False, connection: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.connection = connection


def _code_failure(code: int, detail: object) -> SMTPFailure:
    text = detail.decode(errors="replace") if isinstance(detail, bytes) else str(detail)
    return SMTPFailure(f"{code} {text}".strip(), permanent=500 <= code < 600)


class SMTPConnection:
    """One SMTP session for a batch of mail. Every method blocks: call it with ``asyncio.to_thread``."""

    def __init__(self, config: EmailConfig) -> None:
        self.config = config
        self.client: smtplib.SMTP | None = None

    def open(self) -> None:
        c = self.config
        try:
            if c.smtp_security == "tls":
                client: smtplib.SMTP = smtplib.SMTP_SSL(c.smtp_host, c.smtp_port, timeout=c.smtp_timeout_seconds,
                                                        context=c.tls_context())
            else:
                client = smtplib.SMTP(c.smtp_host, c.smtp_port, timeout=c.smtp_timeout_seconds)
                if c.smtp_security == "starttls":
                    client.starttls(context=c.tls_context())
            if c.smtp_username:
                client.login(c.smtp_username, c.smtp_password or "")
        except smtplib.SMTPAuthenticationError as exc:
            raise SMTPFailure(f"SMTP login refused: {exc.smtp_code}", connection=True) from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise SMTPFailure(f"cannot reach the SMTP server {c.smtp_host}:{c.smtp_port}: {exc}",
                              connection=True) from exc
        self.client = client

    def send(self, message: EmailMessage) -> None:
        """Returns once the server answered 250 to the message's data: delivery confirmed."""
        assert self.client is not None
        try:
            refused = self.client.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            code, detail = next(iter(exc.recipients.values()))
            raise _code_failure(code, detail) from exc
        except smtplib.SMTPResponseException as exc:  # MAIL FROM or DATA refused, with the server's code
            raise _code_failure(exc.smtp_code, exc.smtp_error) from exc
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            raise SMTPFailure(f"the SMTP connection failed: {exc}", connection=True) from exc
        if refused:  # one recipient per mail: refused means not delivered
            code, detail = next(iter(refused.values()))
            raise _code_failure(code, detail)

    def close(self) -> None:
        if self.client is not None:
            try:
                self.client.quit()
            except (OSError, smtplib.SMTPException):
                self.client.close()
            self.client = None


def build_message(*, from_address: str, to: str, subject: str, text: str, html: str, message_id: str,
                  ics: str | None = None, unsubscribe_url: str | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = from_address
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = message_id
    message["Auto-Submitted"] = "auto-generated"
    if unsubscribe_url:
        message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    if ics:
        message.add_attachment(ics.encode(), maintype="text", subtype="calendar", filename="interview.ics",
                               params={"method": "REQUEST"})
    return message
