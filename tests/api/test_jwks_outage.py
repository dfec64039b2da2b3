"""A JWKS outage (issue 14, finding 3): requests do not queue behind each other's fetches, known keys keep working
while the cache is stale, and a token that cannot be checked because no key was ever fetched is a 503, not a 401.

Clerk's JWKS endpoint is played by a real HTTP server on a loopback port that serves the keys, or accepts
connections and never answers (a hung upstream), and counts the requests it got."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import jwt
import pytest_asyncio
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from litestar.testing import AsyncTestClient

from api.app import create_app
from api.auth.jwt import HttpJWKSProvider, KeysUnavailable, TokenError, TokenVerifier, TrustedIssuer
from tests.api.conftest import make_settings

ISSUER = "https://clerk.outage.test"


class JwksServer:
    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.hang = False
        self.requests = 0
        self.url = ""
        self._server: asyncio.Server | None = None
        self._handlers: set[asyncio.Task] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/.well-known/jwks.json"

    async def stop(self) -> None:
        assert self._server is not None
        self._server.close()
        for task in self._handlers:  # hung connections (Server.close_clients is Python 3.13+)
            task.cancel()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        try:
            while await reader.readuntil(b"\r\n\r\n"):
                self.requests += 1
                if self.hang:
                    await asyncio.sleep(3600)
                jwk = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True) | {"kid": "k1", "use": "sig"}
                body = json.dumps({"keys": [jwk]}).encode()
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self._handlers.discard(task)
            writer.close()

    def token(self, sub: str, kid: str = "k1") -> str:
        now = int(time.time())
        claims = {"iss": ISSUER, "sub": sub, "iat": now, "nbf": now, "exp": now + 600}
        return jwt.encode(claims, self.key, "RS256", headers={"kid": kid})


@pytest_asyncio.fixture(loop_scope="session")
async def jwks() -> AsyncIterator[JwksServer]:
    server = JwksServer()
    await server.start()
    yield server
    await server.stop()


def _verifier(http: httpx.AsyncClient, jwks: JwksServer, **options: Any) -> tuple[TokenVerifier, HttpJWKSProvider]:
    provider = HttpJWKSProvider(jwks.url, http, **{"timeout_seconds": 1.0, "failure_backoff_seconds": 30, **options})
    return TokenVerifier([TrustedIssuer(ISSUER, provider)]), provider


async def _outcomes(verifier: TokenVerifier, tokens: list[str]) -> list[Any]:
    return await asyncio.gather(*(verifier.verify(t) for t in tokens), return_exceptions=True)


async def test_a_cold_outage_costs_one_timeout_not_one_per_request(jwks: JwksServer) -> None:
    jwks.hang = True
    async with httpx.AsyncClient() as http:
        verifier, _ = _verifier(http, jwks)
        tokens = [jwks.token(f"user_{i}") for i in range(20)]  # signed before the clock starts (RSA, ~1 ms each)
        started = time.monotonic()
        results = await _outcomes(verifier, tokens)
        first_wave = time.monotonic() - started
        assert all(isinstance(r, KeysUnavailable) for r in results), results
        assert jwks.requests == 1, "one fetch shared by all twenty requests"
        assert first_wave < 2.5, f"twenty requests took {first_wave:.1f}s (one timeout is 1 s)"
        # the negative cache: while the backoff lasts nobody waits on the dead upstream again
        tokens = [jwks.token(f"later_{i}") for i in range(20)]
        started = time.monotonic()
        results = await _outcomes(verifier, tokens)
        assert all(isinstance(r, KeysUnavailable) for r in results)
        assert time.monotonic() - started < 0.5 and jwks.requests == 1


async def test_known_keys_keep_working_while_stale_during_an_outage(jwks: JwksServer) -> None:
    async with httpx.AsyncClient() as http:
        verifier, provider = _verifier(http, jwks, cache_seconds=0.2, min_refresh_seconds=0)
        await verifier.verify(jwks.token("warm"))
        assert provider.fetch_count == 1
        jwks.hang = True
        await asyncio.sleep(0.3)  # the cache is stale now
        tokens = [jwks.token(f"user_{i}") for i in range(20)]
        started = time.monotonic()
        results = await _outcomes(verifier, tokens)
        assert all(isinstance(r, dict) for r in results), results
        assert time.monotonic() - started < 0.5, "a known key is served without waiting for the refresh"
        await asyncio.sleep(0.3)  # the refresh reaches the upstream
        assert jwks.requests == 2, "one background refresh, not one per request"
        # an unknown key during the outage is refused without waiting on the upstream for each request
        await asyncio.sleep(1.0)  # the background refresh timed out: the negative cache is on
        tokens = [jwks.token(f"rotated_{i}", kid="k2") for i in range(10)]
        started = time.monotonic()
        results = await _outcomes(verifier, tokens)
        assert all(isinstance(r, TokenError) for r in results), results
        assert time.monotonic() - started < 0.5 and jwks.requests == 2


async def test_no_key_ever_fetched_is_a_503_through_the_api(jwks: JwksServer, database_url, livekit, tmp_path,
                                                            db_sessionmaker) -> None:
    jwks.hang = True
    settings = make_settings(database_url, livekit, tmp_path, dev_auth=False, clerk_issuer=ISSUER,
                             clerk_jwks_url=jwks.url, jwks_timeout_seconds=1.0, jwks_failure_backoff_seconds=30)
    async with AsyncTestClient(create_app(settings)) as client:
        tokens = [jwks.token(f"user_{i}") for i in range(8)]
        started = time.monotonic()
        responses = await asyncio.gather(*(
            client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"}) for token in tokens))
        assert time.monotonic() - started < 3
        for r in responses:
            assert r.status_code == 503, r.text
            assert r.json()["extra"]["code"] == "jwks_unavailable" and r.headers["retry-after"] == "30"
        # a token that is plainly bad is still a 401
        r = await client.get("/api/auth/me", headers={"Authorization": "Bearer not.a.jwt"})
        assert r.status_code == 401

