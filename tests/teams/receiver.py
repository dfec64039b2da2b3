"""A real HTTP receiver for webhook tests (aiohttp on 127.0.0.1): verifies each request's Standard Webhooks
signature with the published algorithm (written here from the specification, not with the sender's code), records
it, and answers as told (fail the first N attempts of each event, hold each answer for a while)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from api.webhooks.events import APPLICATION_STATUS_CHANGED, emit
from db.models import Company, WebhookEndpoint
from devstack.ports import free_port


@dataclass
class Received:
    webhook_id: str
    timestamp: int
    signature_ok: bool
    body: dict[str, Any]
    answered: int


@dataclass
class Receiver:
    secret: str | None = None
    fail_first: int = 0  # answer 500 to the first N attempts of each webhook-id
    hold_seconds: float = 0.0
    port: int = field(default_factory=free_port)
    received: list[Received] = field(default_factory=list)
    _runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def verify(self, msg_id: str, timestamp: str, body: bytes, signature_header: str) -> bool:
        assert self.secret is not None and self.secret.startswith("whsec_")
        key = base64.b64decode(self.secret[len("whsec_"):])
        expected = base64.b64encode(hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256)
                                    .digest()).decode()
        return any(part.startswith("v1,") and hmac.compare_digest(part[3:], expected)
                   for part in signature_header.split(" "))

    async def _handle(self, request: web.Request) -> web.Response:
        import asyncio

        body = await request.read()
        msg_id = request.headers["webhook-id"]
        timestamp = request.headers["webhook-timestamp"]
        ok = self.verify(msg_id, timestamp, body, request.headers["webhook-signature"])
        tries = Counter(r.webhook_id for r in self.received)[msg_id]
        status = 500 if tries < self.fail_first else 200
        if self.hold_seconds:
            await asyncio.sleep(self.hold_seconds)
        self.received.append(Received(msg_id, int(timestamp), ok, json.loads(body), status))
        return web.Response(status=status, text="ok" if status == 200 else "try again")

    async def start(self) -> Receiver:
        app = web.Application()
        app.router.add_post("/hook", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def accepted(self) -> Counter[str]:
        return Counter(r.webhook_id for r in self.received if r.answered == 200)


async def company_with_events(sessionmaker: Any, receiver: Receiver, name: str, count: int) -> list[uuid.UUID]:
    """A new company whose one endpoint is ``receiver``, and ``count`` status-change events emitted for it."""
    async with sessionmaker() as s, s.begin():
        slug = f"{name.lower().replace(' ', '-')}-{uuid.uuid4().hex[:6]}"
        company = Company(id=uuid.uuid4(), name=name, slug=slug)
        s.add(company)
        await s.flush()
        s.add(WebhookEndpoint(company_id=company.id, url=receiver.url, event_types=[APPLICATION_STATUS_CHANGED],
                              secret=receiver.secret, enabled=True, source="API"))
        await s.flush()
        return [await emit(s, company.id, APPLICATION_STATUS_CHANGED, {"n": i}) for i in range(count)]
