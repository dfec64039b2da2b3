"""The sender (`python -m api.queue.worker`) is SIGKILLed while it delivers (the receiver holds each answer for a
moment, so the kill lands between a request and its record): after a restart every event has been accepted, and
only an event the killed sender held can arrive twice, under its same webhook-id."""

from __future__ import annotations

import asyncio
import os
import signal
import time
import uuid

from sqlalchemy import select

from api.webhooks import signing
from api.webhooks.sender import message_id
from db.enums import WebhookDeliveryStatus
from db.models import WebhookDelivery
from tests.ats.conftest import worker_process
from tests.ats.test_email import ats_database_url
from tests.teams.receiver import Receiver, company_with_events

EVENTS = 12
ENV = {"QUEUE_WORKER": "1", "WEBHOOK_ALLOW_PRIVATE_URLS": "1", "WEBHOOK_TICK_SECONDS": "1",
       "WEBHOOK_RETRY_BASE_SECONDS": "0.5", "WEBHOOK_MAX_BACKOFF_SECONDS": "1", "WEBHOOK_LEASE_SECONDS": "3",
       "WEBHOOK_TIMEOUT_SECONDS": "2"}


async def _statuses(sessionmaker) -> dict[uuid.UUID, WebhookDeliveryStatus]:
    async with sessionmaker() as s:
        return dict((await s.execute(select(WebhookDelivery.event_id, WebhookDelivery.status))).all())


async def _states(sessionmaker) -> list[tuple]:
    """Each delivery's status, attempts, lease and last error: what a failed wait needs to be understood."""
    async with sessionmaker() as s:
        return [tuple(r) for r in (await s.execute(select(
            WebhookDelivery.status, WebhookDelivery.attempts, WebhookDelivery.locked_until,
            WebhookDelivery.next_attempt_at, WebhookDelivery.last_error))).all()]


async def test_sigkill_of_the_sender_loses_no_event(db_sessionmaker, tmp_path, artifacts_dir) -> None:
    receiver = await Receiver(secret=signing.new_secret(), hold_seconds=0.4).start()
    url = ats_database_url(db_sessionmaker)
    log = artifacts_dir / "webhook-sigkill-worker.log"
    worker = None
    try:
        events = await company_with_events(db_sessionmaker, receiver, "Kill Hooks", EVENTS)
        worker = worker_process(url, tmp_path / "uploads", log, **ENV)
        deadline = time.monotonic() + 90
        while len(receiver.accepted()) < 3:  # the worker loads its models first
            if time.monotonic() >= deadline:
                raise AssertionError(f"no event went out: {await _states(db_sessionmaker)}; see {log}")
            assert worker.poll() is None, f"the worker died; see {log}"
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.2)  # inside a request's 0.4 s wait for its answer, most likely
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        at_kill = await _statuses(db_sessionmaker)
        confirmed = {message_id(e) for e, st in at_kill.items() if st == WebhookDeliveryStatus.DELIVERED}
        in_flight = {message_id(e) for e, st in at_kill.items() if st == WebhookDeliveryStatus.SENDING}
        assert 0 < len(confirmed) < EVENTS, "the kill should land mid-way"

        worker = worker_process(url, tmp_path / "uploads", log, **ENV)
        deadline = time.monotonic() + 120
        while any(st != WebhookDeliveryStatus.DELIVERED for st in (await _statuses(db_sessionmaker)).values()):
            assert time.monotonic() < deadline, f"events still undelivered after the restart; see {log}"
            assert worker.poll() is None, f"the worker died; see {log}"
            await asyncio.sleep(0.3)
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)
    finally:
        await receiver.stop()
        if worker is not None and worker.poll() is None:  # a failed wait must not leave a sender for later tests
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()

    accepted = receiver.accepted()
    assert set(accepted) == {message_id(e) for e in events}, "an event was lost"
    assert all(r.signature_ok for r in receiver.received)
    assert all(accepted[m] == 1 for m in confirmed), "an event recorded as delivered was sent again"
    twice = {m for m, n in accepted.items() if n > 1}
    assert twice <= in_flight and len(twice) <= 2, (twice, in_flight)
