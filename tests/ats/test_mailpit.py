"""The mail catcher `make up` runs (Mailpit, built from its Go module by scripts/bootstrap.sh): the product's
mail arrives in its inbox over SMTP, readable through its web API as a person reads it in the browser."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from api.email.sender import deliver
from devstack.mailpit import Mailpit, find_binary
from devstack.ports import free_port
from tests.api.conftest import apply, create_job, dev_user
from tests.ats.conftest import email_runtime

pytestmark = pytest.mark.skipif(find_binary() is None, reason="mailpit is not built (scripts/bootstrap.sh builds it)")


async def test_mail_reaches_the_mailpit_inbox(ats, db_sessionmaker, tmp_path) -> None:
    mailpit = Mailpit(smtp_port=free_port(), http_port=free_port(), database=tmp_path / "mailpit.db",
                      log_path=tmp_path / "mailpit.log")
    inbox = mailpit.start()
    try:
        recruiter = await dev_user(ats, "rec-mp", "RECRUITER", "Inbox Corp")
        job = await create_job(ats, recruiter, title="Pilot")
        assert (await apply(ats, job["id"], email="amelia@example.test", full_name="Amelia")).status_code == 201
        report = await deliver(email_runtime(db_sessionmaker, mailpit.smtp_port))
        assert len(report.sent) == 1
        async with httpx.AsyncClient(base_url=inbox, timeout=5) as web:
            deadline = time.monotonic() + 10
            while True:
                messages = (await web.get("/api/v1/messages")).json()["messages"]
                if messages or time.monotonic() > deadline:
                    break
                await asyncio.sleep(0.2)
            (message,) = messages
            assert message["Subject"] == "We received your application for Pilot"
            assert message["To"][0]["Address"] == "amelia@example.test"
            assert (await web.get("/")).status_code == 200  # the web inbox a person opens
    finally:
        mailpit.stop()
