"""Webhooks to a real HTTP receiver run by the test: events from the database triggers, Standard Webhooks
signatures verified with the published algorithm, a receiver failing twice gets each event on the third try and
accepts it exactly once, the delivery log and redelivery, a disabled endpoint after the retry window, and the SSRF
guard at registration and at delivery."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from api.queue.worker import QueueWorker
from api.webhooks import signing
from api.webhooks.sender import Claimed, WebhookRuntime, deliver, post
from api.webhooks.ssrf import UnsafeUrl, resolve
from db.enums import WebhookDeliveryStatus
from db.models import EmailOutbox, WebhookDelivery, WebhookEndpoint, WebhookEvent
from tests.api.conftest import apply, create_job, dev_user
from tests.ats.test_email import ats_database_url, wait_for
from tests.teams.receiver import Receiver, company_with_events

EVENTS = ["application.created", "application.status_changed"]


def fast(settings, **more):
    return dataclasses.replace(settings, webhook_retry_base_seconds=0.3, webhook_max_backoff_seconds=0.6, **more)


async def _endpoint(client, owner, receiver: Receiver, events=EVENTS) -> dict:
    r = await client.post("/api/integrations/v1/webhooks", json={"url": receiver.url, "event_types": events},
                          headers=owner.headers)
    assert r.status_code == 201, r.text
    receiver.secret = r.json()["secret"]
    assert receiver.secret.startswith("whsec_")
    return r.json()


async def test_signed_events_retried_until_accepted_exactly_once(teams, db_sessionmaker, teams_settings) -> None:
    owner = await dev_user(teams, "hook-owner", "RECRUITER", "Hook Corp")
    receiver = await Receiver(fail_first=2).start()
    try:
        endpoint = await _endpoint(teams, owner, receiver)
        job = await create_job(teams, owner)
        r = await apply(teams, job["id"], email="ada@example.test")
        application_id = r.json()["application_id"]
        r = await teams.post(f"/api/ats/v1/applications/{application_id}/status", json={"status": "SCREENING"},
                             headers=owner.headers)
        assert r.status_code == 200
        runtime = WebhookRuntime(db_sessionmaker, fast(teams_settings))
        async with QueueWorker(ats_database_url(db_sessionmaker), {"webhooks": runtime}, queues=["webhooks"],
                               polling_interval=0.5, webhook_tick_seconds=1):
            async def both_accepted() -> bool:
                return len(receiver.accepted()) == 2
            await wait_for(both_accepted, 30, "both events accepted")
            await asyncio.sleep(2.5)  # later ticks send nothing again
    finally:
        await receiver.stop()

    assert all(r.signature_ok for r in receiver.received), "a signature did not verify"
    assert all(abs(r.timestamp - time.time()) < 120 for r in receiver.received)
    by_id: dict[str, list] = {}
    for item in receiver.received:
        by_id.setdefault(item.webhook_id, []).append(item)
    assert len(by_id) == 2 and all([a.answered for a in tries] == [500, 500, 200] for tries in by_id.values())
    assert all(n == 1 for n in receiver.accepted().values())
    bodies = {tries[0].body["type"]: tries[0].body for tries in by_id.values()}
    assert set(bodies) == set(EVENTS)
    assert bodies["application.created"]["data"]["application_id"] == application_id
    assert bodies["application.status_changed"]["data"]["to_status"] == "SCREENING"
    assert all(t.body == tries[0].body for tries in by_id.values() for t in tries)  # the same body every time

    log = (await teams.get(f"/api/integrations/v1/webhooks/{endpoint['id']}/deliveries",
                           headers=owner.headers)).json()
    assert {d["webhook_id"] for d in log} == set(by_id)
    assert all(d["status"] == "DELIVERED" and d["attempts"] == 3 and d["last_status_code"] == 200
               and d["last_latency_ms"] is not None for d in log)
    attempts = (await teams.get(f"/api/integrations/v1/deliveries/{log[0]['id']}/attempts",
                                headers=owner.headers)).json()
    assert [a["status_code"] for a in attempts] == [500, 500, 200]

    # a manual redelivery sends the same event again, under the same webhook-id
    receiver = await Receiver(secret=receiver.secret, port=receiver.port).start()
    try:
        r = await teams.post(f"/api/integrations/v1/deliveries/{log[0]['id']}/redeliver", headers=owner.headers)
        assert r.status_code == 202
        report = await deliver(runtime)
        assert report.delivered == [log[0]["id"]] or [str(x) for x in report.delivered] == [log[0]["id"]]
        assert [r.webhook_id for r in receiver.received] == [log[0]["webhook_id"]]
    finally:
        await receiver.stop()


async def test_an_endpoint_failing_for_the_window_is_disabled_and_admins_told(teams, db_sessionmaker,
                                                                               teams_settings) -> None:
    owner = await dev_user(teams, "fail-owner", "RECRUITER", "Fail Corp")
    receiver = await Receiver(fail_first=1000).start()
    try:
        endpoint = await _endpoint(teams, owner, receiver)
        job = await create_job(teams, owner)
        await apply(teams, job["id"], email="bo@example.test")
        runtime = WebhookRuntime(db_sessionmaker, fast(teams_settings, webhook_retry_window_seconds=1.5))
        deadline = time.monotonic() + 20
        while True:
            await deliver(runtime)
            async with db_sessionmaker() as s:
                e = await s.get(WebhookEndpoint, endpoint["id"])
                if not e.enabled:
                    break
            assert time.monotonic() < deadline, "the endpoint was never disabled"
            await asyncio.sleep(0.3)
    finally:
        await receiver.stop()
    async with db_sessionmaker() as s:
        assert e.disabled_reason and e.failing_since is not None
        statuses = set(await s.scalars(select(WebhookDelivery.status)))
        assert statuses == {WebhookDeliveryStatus.FAILED}
        mails = list(await s.scalars(select(EmailOutbox).where(EmailOutbox.kind == "webhook_disabled")))
        assert [m.to_address for m in mails] == [owner.me["email"]]
    listed = (await teams.get("/api/integrations/v1/webhooks", headers=owner.headers)).json()
    assert listed[0]["enabled"] is False and listed[0]["secret"] is None
    r = await teams.patch(f"/api/integrations/v1/webhooks/{endpoint['id']}", json={"enabled": True},
                          headers=owner.headers)
    assert r.json()["enabled"] is True and r.json()["failing_since"] is None


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8000/hook", "http://localhost/hook", "http://[::1]/hook", "http://10.1.2.3/hook",
    "http://192.168.0.10/hook", "http://172.16.5.4/hook", "http://169.254.169.254/latest/meta-data/",
    "http://metadata.google.internal/computeMetadata/v1/", "http://[fe80::1]/hook", "http://224.0.0.1/hook",
    "http://0.0.0.0/hook", "http://100.64.0.1/hook", "http://[::ffff:127.0.0.1]/hook", "http://[fd00::1]/hook",
    "ftp://example.com/hook", "http://user:pw@93.184.216.34/hook",
])
async def test_the_ssrf_guard_refuses_internal_addresses(url: str) -> None:
    with pytest.raises(UnsafeUrl):
        await resolve(url, allow_private=False)


async def test_the_ssrf_guard_lets_public_addresses_through_and_applies_at_delivery(db_sessionmaker,
                                                                                     teams_settings) -> None:
    target = await resolve("https://93.184.216.34:8443/hook", allow_private=False)
    assert (target.address, target.port, target.scheme) == ("93.184.216.34", 8443, "https")
    # an endpoint accepted while private URLs were allowed is refused once they are not: nothing is sent
    receiver = await Receiver(secret="whsec_" + "A" * 43 + "=").start()
    try:
        item = Claimed(delivery_id=None, attempt=1, event_id=__import__("uuid").uuid4(), event_type="x",  # type: ignore
                       event_created_at=datetime.now(UTC), data={}, endpoint_id=None, url=receiver.url,  # type: ignore
                       secret=receiver.secret)
        runtime = WebhookRuntime(db_sessionmaker, dataclasses.replace(teams_settings,
                                                                      webhook_allow_private_urls=False))
        code, _, error = await post(item, runtime)
        assert code is None and error.startswith("refused:") and "internal address" in error
        assert receiver.received == []
    finally:
        await receiver.stop()


async def test_interview_events_come_from_the_triggers_whoever_writes(teams, db_sessionmaker) -> None:
    """The agent writes interview statuses straight to Postgres: the trigger emits the events in its
    transaction; the REST hooks' recent items show them (with the report link made absolute)."""
    owner = await dev_user(teams, "iv-owner", "RECRUITER", "Interview Corp")
    job = await create_job(teams, owner)
    application_id = (await apply(teams, job["id"], email="cy@example.test")).json()["application_id"]
    r = await teams.post(f"/api/ats/v1/applications/{application_id}/interviews", headers=owner.headers,
                         json={"kind": "AI", "scheduled_at": (datetime.now(UTC) + timedelta(hours=1)).isoformat(),
                               "duration_minutes": 30})
    assert r.status_code == 201, r.text
    interview_id = r.json()["id"]
    from db.models import Interview

    for status in ("IN_PROGRESS", "COMPLETED"):  # as the agent does, with its own connection
        async with db_sessionmaker() as s, s.begin():
            await s.execute(update(Interview).where(Interview.id == interview_id).values(status=status))
    async with db_sessionmaker() as s:
        types = [t for t in await s.scalars(select(WebhookEvent.event_type).order_by(WebhookEvent.created_at))]
    assert types[-3:] == ["interview.scheduled", "interview.started", "interview.completed"]
    r = await teams.get("/api/integrations/v1/hooks/recent/interview.completed", headers=owner.headers)
    assert r.status_code == 200, r.text
    [item] = r.json()
    assert item["data"]["interview_id"] == interview_id
    assert item["data"]["report_url"] == f"http://testserver.local/recruiter/interviews/{interview_id}/report"


async def test_a_batch_outliving_its_lease_is_not_sent_twice(db_sessionmaker, teams_settings) -> None:
    """One sender claims six deliveries at once and sends them one by one to a slow receiver; their 1 s lease runs
    out while they wait their turn, and a second sender claims them: each event still goes out once."""
    receiver = await Receiver(secret=signing.new_secret(), hold_seconds=0.5).start()
    try:
        events = await company_with_events(db_sessionmaker, receiver, "Slow Hooks", 6)
        runtime = WebhookRuntime(db_sessionmaker, fast(teams_settings, webhook_lease_seconds=1.0,
                                                       webhook_timeout_seconds=2.0))

        async def second_sender() -> None:
            await asyncio.sleep(1.3)  # the first sender's batch lease has run out by now
            await asyncio.gather(*(deliver(runtime, event_id=e) for e in events))

        await asyncio.gather(deliver(runtime), second_sender())
    finally:
        await receiver.stop()
    accepted = receiver.accepted()
    assert len(accepted) == len(events), accepted
    assert all(n == 1 for n in accepted.values()), accepted
