"""Sending webhook deliveries: claim due ones (FOR UPDATE SKIP LOCKED, with a lease), POST each signed body to its
endpoint's checked address, and record the attempt, in its own transaction, right after the answer.

Guarantees: a DELIVERED delivery is never sent again (unless an admin asks for a redelivery); a claimed delivery
whose sender died (SIGKILL) is taken again when its lease runs out, so no event is lost. Every attempt of an event
carries the same `webhook-id`, so the one duplicate possible (a receiver that answered 2xx in the instant before
the killed sender recorded it) is recognisable as such. Failures wait base * 2^(attempt-1) seconds (at most the
maximum) and are retried until the event is older than the retry window; an endpoint without a success for the
whole window is disabled and its admins are mailed.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.webhooks import signing
from api.webhooks.ssrf import UnsafeUrl, resolve
from db.enums import WebhookDeliveryStatus as S
from db.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEvent

logger = logging.getLogger(__name__)


@dataclass
class WebhookRuntime:
    """What the webhook jobs need; handed to the queue worker as its additional context."""

    sessionmaker: async_sessionmaker
    settings: Any  # api.config.Settings
    batch_size: int = 20


@dataclass(frozen=True)
class Claimed:
    delivery_id: uuid.UUID
    attempt: int
    event_id: uuid.UUID
    event_type: str
    event_created_at: datetime
    data: dict[str, Any]
    endpoint_id: uuid.UUID
    url: str
    secret: str


@dataclass
class Report:
    delivered: list[uuid.UUID] = field(default_factory=list)
    retrying: list[uuid.UUID] = field(default_factory=list)
    failed: list[uuid.UUID] = field(default_factory=list)


def message_id(event_id: uuid.UUID) -> str:
    return f"msg_{event_id.hex}"


def public_data(data: dict[str, Any], base_url: str) -> dict[str, Any]:
    """An event's data as receivers see it: the report link made absolute from PUBLIC_BASE_URL."""
    data = dict(data)
    if "report_path" in data:
        data["report_url"] = base_url.rstrip("/") + data.pop("report_path")
    return data


def body_of(item: Claimed, base_url: str) -> bytes:
    """The same bytes on every attempt."""
    payload = {"type": item.event_type, "timestamp": item.event_created_at.astimezone(UTC).isoformat(),
               "data": public_data(item.data, base_url)}
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()


async def claim(session: AsyncSession, runtime: WebhookRuntime, *, event_id: uuid.UUID | None = None,
                delivery_id: uuid.UUID | None = None) -> list[Claimed]:
    now = datetime.now(UTC)
    due = or_(and_(WebhookDelivery.status == S.PENDING, WebhookDelivery.next_attempt_at <= now),
              and_(WebhookDelivery.status == S.SENDING, WebhookDelivery.locked_until < now))
    stmt = (select(WebhookDelivery, WebhookEvent, WebhookEndpoint)
            .join(WebhookEvent, WebhookEvent.id == WebhookDelivery.event_id)
            .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
            .where(due, WebhookEndpoint.enabled).order_by(WebhookDelivery.next_attempt_at)
            .limit(runtime.batch_size).with_for_update(of=WebhookDelivery, skip_locked=True))
    if event_id is not None:
        stmt = stmt.where(WebhookDelivery.event_id == event_id)
    if delivery_id is not None:
        stmt = stmt.where(WebhookDelivery.id == delivery_id)
    claimed = []
    lease = timedelta(seconds=runtime.settings.webhook_lease_seconds)
    for delivery, event, endpoint in (await session.execute(stmt)).all():
        delivery.status, delivery.locked_until = S.SENDING, now + lease
        delivery.attempts += 1
        claimed.append(Claimed(delivery.id, delivery.attempts, event.id, event.event_type, event.created_at,
                               dict(event.data), endpoint.id, endpoint.url, endpoint.secret))
    await session.flush()
    return claimed


async def post(item: Claimed, runtime: WebhookRuntime) -> tuple[int | None, int, str | None]:
    """(status code, latency ms, error). Connects to the address the SSRF guard checked, never redirected."""
    settings = runtime.settings
    started = time.perf_counter()
    try:
        target = await resolve(item.url, allow_private=settings.webhook_allow_private_urls)
    except UnsafeUrl as exc:
        return None, 0, f"refused: {exc}"
    body = body_of(item, settings.public_base_url)
    headers = signing.headers(item.secret, message_id(item.event_id), int(time.time()), body)
    parts = httpx.URL(item.url)
    host_header = target.host if parts.port is None else f"{target.host}:{parts.port}"
    pinned = parts.copy_with(host=target.address)
    try:
        async with httpx.AsyncClient(timeout=settings.webhook_timeout_seconds, follow_redirects=False) as client:
            response = await client.post(pinned, content=body, headers={**headers, "host": host_header},
                                         extensions={"sni_hostname": target.host})
        latency = int((time.perf_counter() - started) * 1000)
        error = None if 200 <= response.status_code < 300 else f"HTTP {response.status_code}"
        return response.status_code, latency, error
    except httpx.HTTPError as exc:
        return None, int((time.perf_counter() - started) * 1000), f"{type(exc).__name__}: {exc}"[:500]


def backoff(runtime: WebhookRuntime, attempt: int) -> timedelta:
    s = runtime.settings
    return timedelta(seconds=min(s.webhook_max_backoff_seconds, s.webhook_retry_base_seconds * 2 ** (attempt - 1)))


async def record(runtime: WebhookRuntime, item: Claimed, code: int | None, latency: int, error: str | None,
                 report: Report) -> None:
    """The attempt's outcome, only while the delivery is still this sender's (a lease that ran out may have
    handed it to another)."""
    now = datetime.now(UTC)
    window = timedelta(seconds=runtime.settings.webhook_retry_window_seconds)
    ok = error is None
    async with runtime.sessionmaker() as session, session.begin():
        mine = and_(WebhookDelivery.id == item.delivery_id, WebhookDelivery.status == S.SENDING,
                    WebhookDelivery.attempts == item.attempt)
        if ok:
            status, next_at = S.DELIVERED, now
        elif now - item.event_created_at >= window:
            status, next_at = S.FAILED, now
        else:
            status, next_at = S.PENDING, now + backoff(runtime, item.attempt)
        done = await session.execute(update(WebhookDelivery).where(mine).values(
            status=status, next_attempt_at=next_at, locked_until=None, last_status_code=code,
            last_latency_ms=latency, last_error=error, delivered_at=now if ok else None, updated_at=now))
        if done.rowcount == 0:  # type: ignore[attr-defined]
            return
        session.add(WebhookAttempt(delivery_id=item.delivery_id, attempted_at=now, status_code=code,
                                   latency_ms=latency, error=error))
        await endpoint_health(session, item.endpoint_id, ok, now, window, error)
    {S.DELIVERED: report.delivered, S.FAILED: report.failed}.get(status, report.retrying).append(item.delivery_id)


async def endpoint_health(session: AsyncSession, endpoint_id: uuid.UUID, ok: bool, now: datetime,
                          window: timedelta, error: str | None) -> None:
    endpoint = await session.get(WebhookEndpoint, endpoint_id, with_for_update=True)
    if endpoint is None:
        return
    if ok:
        endpoint.failing_since = None
        return
    endpoint.failing_since = endpoint.failing_since or now
    if endpoint.enabled and now - endpoint.failing_since >= window:
        from api.webhooks.disable import disable_failing

        await disable_failing(session, endpoint, error)


async def disable_stale_endpoints(runtime: WebhookRuntime) -> int:
    """Endpoints without a success for the whole retry window, whether or not anything is being retried now."""
    now = datetime.now(UTC)
    cutoff = now - timedelta(seconds=runtime.settings.webhook_retry_window_seconds)
    async with runtime.sessionmaker() as session, session.begin():
        stale = list(await session.scalars(select(WebhookEndpoint).where(
            WebhookEndpoint.enabled, WebhookEndpoint.failing_since <= cutoff).with_for_update(skip_locked=True)))
        if stale:
            from api.webhooks.disable import disable_failing

            for endpoint in stale:
                await disable_failing(session, endpoint, None)
    return len(stale)


async def deliver(runtime: WebhookRuntime, *, event_id: uuid.UUID | None = None,
                  delivery_id: uuid.UUID | None = None, max_batches: int = 20) -> Report:
    """Send what is due (of one event or one delivery when given), batch after batch; a sweep (neither given)
    also disables the endpoints that have failed for the whole window."""
    report = Report()
    if event_id is None and delivery_id is None:
        await disable_stale_endpoints(runtime)
    for _ in range(max_batches):
        async with runtime.sessionmaker() as session, session.begin():
            items = await claim(session, runtime, event_id=event_id, delivery_id=delivery_id)
        if not items:
            break
        for item in items:
            if not await renew(runtime, item):
                continue
            code, latency, error = await post(item, runtime)
            await record(runtime, item, code, latency, error, report)
    return report


async def renew(runtime: WebhookRuntime, item: Claimed) -> bool:
    """Extend the delivery's lease just before its request, if it is still this sender's.

    A batch is claimed at once but sent one by one: without this, a slow receiver lets the lease of the batch's
    last deliveries run out while they wait their turn, and another sender sends them too. A claim by another
    sender changes ``attempts``, so the update then finds nothing (Postgres re-checks the row after the claimer's
    commit) and the item is left to it."""
    settings = runtime.settings
    lease = timedelta(seconds=max(settings.webhook_lease_seconds, settings.webhook_timeout_seconds + 1))
    async with runtime.sessionmaker() as session, session.begin():
        done = await session.execute(update(WebhookDelivery).where(
            WebhookDelivery.id == item.delivery_id, WebhookDelivery.status == S.SENDING,
            WebhookDelivery.attempts == item.attempt).values(locked_until=datetime.now(UTC) + lease))
    return bool(done.rowcount)  # type: ignore[attr-defined]
