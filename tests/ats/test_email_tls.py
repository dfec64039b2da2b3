"""SMTP with STARTTLS and with implicit TLS, each with a login, against the real SMTP server process: the
certificate is verified (a private CA from SMTP_CA_FILE), the password goes only over TLS."""

from __future__ import annotations

import datetime
import ipaddress
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from api.email.sender import deliver
from devstack.ports import free_port
from tests.ats.conftest import email_runtime
from tests.ats.smtp_sink import SMTPSink
from tests.ats.test_email import pipeline


def self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.mark.parametrize("security", ["starttls", "tls"])
async def test_tls_and_login(ats, db_sessionmaker, tmp_path, security) -> None:
    cert, key = self_signed(tmp_path)
    sink = SMTPSink(free_port(), tmp_path / "mail", extra=["--tls", security, "--cert", str(cert), "--key", str(key),
                                                           "--login", "mailer:s3cret"]).start()
    try:
        await pipeline(ats)
        wrong = await deliver(email_runtime(db_sessionmaker, sink.port, smtp_security=security,
                                            smtp_ca_file=str(cert), smtp_username="mailer",
                                            smtp_password="wrong", retry_base_seconds=0, max_backoff_seconds=0))
        assert wrong.retrying and not sink.messages(), "a refused login sends nothing and keeps the mail"
        unverified = await deliver(email_runtime(db_sessionmaker, sink.port, smtp_security=security,
                                                 smtp_username="mailer", smtp_password="s3cret",
                                                 retry_base_seconds=0, max_backoff_seconds=0))
        assert unverified.retrying and not sink.messages(), "an unknown certificate is not trusted"
        ok = await deliver(email_runtime(db_sessionmaker, sink.port, smtp_security=security, smtp_ca_file=str(cert),
                                         smtp_username="mailer", smtp_password="s3cret", retry_base_seconds=0,
                                         max_backoff_seconds=0))
        assert len(ok.sent) == 1
        (message,) = sink.messages()
        assert message["Subject"] == "We received your application for Data Engineer"
    finally:
        sink.stop()
