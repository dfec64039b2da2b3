"""The JWKS cache shared through Postgres (issue 22): two verifiers, as two API processes hold them, fetch an
issuer's keys once between them, agree on a rotated key as soon as one has seen it, and share a failed fetch's
backoff. The issuer's JWKS endpoint is a real HTTP server on a loopback port that counts its requests."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest_asyncio
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from api.auth.jwks_shared import PostgresJWKSStore
from api.auth.jwt import HttpJWKSProvider


class Issuer:
    """Serves one RSA key under `kid`, or answers 500 while `failing`."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "k1"
        self.failing = False
        self.requests = 0
        self.url = ""
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self._server.sockets[0].getsockname()[1]}/.well-known/jwks.json"

    async def stop(self) -> None:
        assert self._server is not None
        self._server.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while await reader.readuntil(b"\r\n\r\n"):
                self.requests += 1
                if self.failing:
                    writer.write(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n")
                else:
                    jwk = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True) | {"kid": self.kid, "use": "sig"}
                    body = json.dumps({"keys": [jwk]}).encode()
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                 + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


@pytest_asyncio.fixture(loop_scope="session")
async def issuer() -> AsyncIterator[Issuer]:
    server = Issuer()
    await server.start()
    yield server
    await server.stop()


def _provider(issuer: Issuer, http: httpx.AsyncClient, store: PostgresJWKSStore) -> HttpJWKSProvider:
    return HttpJWKSProvider(issuer.url, http, cache_seconds=3600, min_refresh_seconds=0.5,
                            failure_backoff_seconds=30, shared=store)


async def test_two_processes_fetch_once_and_agree_on_a_rotation(issuer: Issuer, db_sessionmaker: Any) -> None:
    store = PostgresJWKSStore(db_sessionmaker.kw["bind"])
    async with httpx.AsyncClient() as http_a, httpx.AsyncClient() as http_b:
        a, b = _provider(issuer, http_a, store), _provider(issuer, http_b, store)
        assert await a.get_key("k1") is not None
        assert await b.get_key("k1") is not None
        assert issuer.requests == 1 and (a.fetch_count, b.fetch_count) == (1, 0)  # b took a's copy
        # the issuer rotates its key; the first process to see a token signed with it fetches, the other agrees
        issuer.kid = "k2"
        await asyncio.sleep(0.6)  # past min_refresh_seconds: an unknown kid may be a rotation
        assert await b.get_key("k2") is not None
        assert await a.get_key("k2") is not None
        assert issuer.requests == 2 and (a.fetch_count, b.fetch_count) == (1, 1)
        # the issuer fails: one process finds out, the other respects the shared backoff instead of asking again
        issuer.failing = True
        await asyncio.sleep(0.6)
        assert await a.get_key("k3") is None and issuer.requests == 3
        await asyncio.sleep(0.6)
        assert await b.get_key("k3") is None and issuer.requests == 3
        # known keys keep working throughout
        assert await b.get_key("k2") is not None


async def test_without_the_shared_store_each_process_fetches(issuer: Issuer, db_sessionmaker: Any) -> None:
    """The control: the same two verifiers each fetch when nothing is shared."""
    issuer.kid, issuer.failing, issuer.requests = "k1", False, 0
    async with httpx.AsyncClient() as http_a, httpx.AsyncClient() as http_b:
        a = HttpJWKSProvider(issuer.url, http_a, min_refresh_seconds=0.5)
        b = HttpJWKSProvider(issuer.url, http_b, min_refresh_seconds=0.5)
        assert await a.get_key("k1") is not None and await b.get_key("k1") is not None
        assert issuer.requests == 2
