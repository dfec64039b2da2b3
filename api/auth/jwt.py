"""RS256 session-token verification against JWKS.

One verifier serves every trusted issuer. Each issuer has a JWKS provider: `HttpJWKSProvider` fetches and caches
Clerk's keys (refetching on an unknown `kid`, at most once per `min_refresh_seconds`), `StaticJWKSProvider` holds
the dev issuer's key in memory, so dev tokens go through exactly the same checks without the app calling itself.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx
import jwt
from jwt import PyJWK

from api.auth.jwks_shared import PostgresJWKSStore

logger = logging.getLogger(__name__)

ALLOWED_ALGORITHMS = ("RS256",)
# a NumericDate beyond this (year 2255) is not a time anyone meant; JSON floats past 2**53 are not exact anyway
MAX_NUMERIC_DATE = 2**33


class TokenError(Exception):
    """The token is not acceptable; the message is safe to show the caller."""


class JWKSProvider(Protocol):
    async def get_key(self, kid: str | None) -> PyJWK | None: ...


def _parse_jwks(jwks: dict[str, Any]) -> dict[str | None, PyJWK]:
    keys: dict[str | None, PyJWK] = {}
    for entry in jwks.get("keys", []):
        if entry.get("kty") != "RSA" or entry.get("use", "sig") != "sig":
            continue
        try:
            keys[entry.get("kid")] = PyJWK(entry, algorithm="RS256")
        except jwt.PyJWTError:
            logger.warning("skipping an unusable JWKS entry", extra={"kid": entry.get("kid")})
    return keys


class StaticJWKSProvider:
    def __init__(self, jwks: dict[str, Any]) -> None:
        self._keys = _parse_jwks(jwks)

    async def get_key(self, kid: str | None) -> PyJWK | None:
        return self._keys.get(kid)


class KeysUnavailable(Exception):
    """No signing key of this issuer was ever fetched and its JWKS cannot be reached: the caller's token may be
    perfectly good, so this is a 503 (a 401 would send the web pages to the sign-in screen)."""


class HttpJWKSProvider:
    """Clerk's keys over HTTP. During a JWKS outage a request must not wait on other requests' fetches: one fetch is
    in flight at a time and every request that needs it shares it; a failed fetch is not retried for
    `failure_backoff_seconds`; a known key is served even when the cache is stale (refreshed in the background)."""

    def __init__(
        self,
        url: str,
        client: httpx.AsyncClient,
        cache_seconds: float = 3600,
        min_refresh_seconds: float = 30,
        timeout_seconds: float = 5.0,
        failure_backoff_seconds: float = 10.0,
        shared: PostgresJWKSStore | None = None,
    ) -> None:
        self.url = url
        self.shared = shared  # the key set as every API process last saw it (api/auth/jwks_shared.py)
        self.client = client
        self.cache_seconds = cache_seconds
        self.min_refresh_seconds = min_refresh_seconds
        self.timeout_seconds = timeout_seconds
        self.failure_backoff_seconds = failure_backoff_seconds
        self._keys: dict[str | None, PyJWK] = {}
        self._fetched_at: float | None = None
        self._failed_at: float | None = None
        self._inflight: asyncio.Task[None] | None = None
        self.fetch_count = 0

    async def _fetch(self, kid: str | None, unknown_kid: bool) -> None:
        if self.shared is not None and await self._adopt_shared(kid, unknown_kid):
            return
        try:
            response = await self.client.get(self.url, timeout=self.timeout_seconds)
            response.raise_for_status()
            jwks = response.json()
            keys = _parse_jwks(jwks)
        except (httpx.HTTPError, ValueError, AttributeError) as exc:
            self._failed_at = time.monotonic()
            logger.warning("JWKS fetch failed", extra={"url": self.url, "error": f"{type(exc).__name__}: {exc}"})
            if self.shared is not None:
                await self.shared.failed(self.url)
            return
        self._keys = keys
        self._fetched_at = time.monotonic()
        self._failed_at = None
        self.fetch_count += 1
        if self.shared is not None:
            await self.shared.save(self.url, jwks)

    async def _adopt_shared(self, kid: str | None, unknown_kid: bool) -> bool:
        """Takes the key set another process fetched (or its recent failure) instead of fetching; False: fetch."""
        assert self.shared is not None
        row = await self.shared.read(self.url)
        if row is None:
            return False
        now = time.monotonic()
        fresh = row.jwks is not None and row.age_seconds is not None and row.age_seconds < self.cache_seconds
        failed = row.failed_seconds_ago is not None and row.failed_seconds_ago < self.failure_backoff_seconds
        if failed:
            if row.jwks is not None and row.age_seconds is not None and self._fetched_at is None:
                self._keys, self._fetched_at = _parse_jwks(row.jwks), now - row.age_seconds  # the last good set
            self._failed_at = now - row.failed_seconds_ago  # type: ignore[operator]
            return True
        if not fresh:
            return False
        keys = _parse_jwks(row.jwks)  # type: ignore[arg-type]
        if unknown_kid and kid not in keys and row.age_seconds >= self.min_refresh_seconds:  # type: ignore[operator]
            return False  # a key the shared set lacks may be a rotation: fetch
        self._keys, self._fetched_at, self._failed_at = keys, now - row.age_seconds, None  # type: ignore[operator]
        return True

    def _stale(self, now: float) -> bool:
        return self._fetched_at is None or now - self._fetched_at >= self.cache_seconds

    def _may_fetch(self, now: float, unknown_kid: bool) -> bool:
        if self._inflight is not None and not self._inflight.done():
            return True  # joining the fetch in flight costs nothing
        if self._failed_at is not None and now - self._failed_at < self.failure_backoff_seconds:
            return False  # the negative cache: an outage answers at once instead of timing out per request
        if self._stale(now):
            return True
        # an unknown kid may mean the issuer rotated its keys: refetch, but not more than once per interval, so
        # random kids cannot turn every request into a JWKS fetch
        return unknown_kid and now - (self._fetched_at or 0.0) >= self.min_refresh_seconds

    def _start_fetch(self, kid: str | None, unknown_kid: bool) -> asyncio.Task[None]:
        if self._inflight is None or self._inflight.done():
            self._inflight = asyncio.create_task(self._fetch(kid, unknown_kid))
        return self._inflight

    async def get_key(self, kid: str | None) -> PyJWK | None:
        now = time.monotonic()
        if kid in self._keys:
            if self._stale(now) and self._may_fetch(now, unknown_kid=False):
                self._start_fetch(kid, unknown_kid=False)  # in the background: a known key keeps working meanwhile
            return self._keys[kid]
        if self._may_fetch(now, unknown_kid=True):
            # shielded: a request that gives up (client gone) does not cancel the fetch the others wait for
            await asyncio.shield(self._start_fetch(kid, unknown_kid=True))
        if self._fetched_at is None:
            raise KeysUnavailable("the issuer's signing keys cannot be fetched")
        return self._keys.get(kid)


@dataclass
class TrustedIssuer:
    issuer: str
    jwks: JWKSProvider
    authorized_parties: list[str] = field(default_factory=list)


class TokenVerifier:
    """Verifies once per token: a verified token's claims are kept (bounded, until `exp`), since a browser sends
    the same session token on every request until it is refreshed."""

    def __init__(self, issuers: list[TrustedIssuer], leeway_seconds: float = 5, cache_size: int = 10_000) -> None:
        self.issuers = {i.issuer: i for i in issuers}
        self.leeway = leeway_seconds
        self.cache_size = cache_size
        self._verified: OrderedDict[str, dict[str, Any]] = OrderedDict()

    async def verify(self, token: str) -> dict[str, Any]:
        cached = self._verified.get(token)
        if cached is not None:
            if time.time() <= cached["exp"] + self.leeway:
                return cached
            self._verified.pop(token, None)
            raise TokenError("token expired")
        claims = await self._verify(token)
        if isinstance(claims.get("exp"), int | float):
            self._verified[token] = claims
            if len(self._verified) > self.cache_size:
                self._verified.popitem(last=False)
        return claims

    async def _verify(self, token: str) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError as exc:
            raise TokenError("malformed token") from exc
        alg = header.get("alg")
        if not isinstance(alg, str) or alg not in ALLOWED_ALGORITHMS:
            raise TokenError(f"token algorithm {str(alg)[:20]!r} is not accepted")
        kid = header.get("kid")
        if kid is not None and not isinstance(kid, str):
            raise TokenError("malformed token")
        # anything read before the signature is checked is attacker-chosen JSON of any type (a list as `iss` once
        # made every request a 500): look it up only when it is a string
        iss = unverified.get("iss") if isinstance(unverified, dict) else None
        issuer = self.issuers.get(iss) if isinstance(iss, str) else None
        if issuer is None:
            raise TokenError("token issuer is not trusted")
        key = await issuer.jwks.get_key(kid)
        if key is None:
            raise TokenError("token signing key is unknown")
        try:
            claims = jwt.decode(
                token,
                key=key,
                algorithms=list(ALLOWED_ALGORITHMS),
                issuer=issuer.issuer,
                leeway=self.leeway,
                options={"require": ["exp", "iat", "iss", "sub"], "verify_aud": False},
            )
        except jwt.ExpiredSignatureError as exc:
            raise TokenError("token expired") from exc
        except jwt.ImmatureSignatureError as exc:
            raise TokenError("token not yet valid") from exc
        except jwt.InvalidIssuerError as exc:
            raise TokenError("token issuer is not trusted") from exc
        except jwt.InvalidSignatureError as exc:
            raise TokenError("token signature is invalid") from exc
        except jwt.MissingRequiredClaimError as exc:
            raise TokenError(f"token lacks the {exc.claim!r} claim") from exc
        except jwt.PyJWTError as exc:
            raise TokenError("token is invalid") from exc
        _check_claim_types(claims)
        if issuer.authorized_parties and claims.get("azp") not in issuer.authorized_parties:
            raise TokenError("token authorized party is not allowed")
        return claims


def _check_claim_types(claims: dict[str, Any]) -> None:
    """PyJWT lets some odd values through (`true` as a time, an absurd expiry, a list as `azp`); the rest of the
    app relies on these claims having their JSON types, so a token whose claims do not is refused."""
    for name in ("exp", "iat", "nbf"):
        value = claims.get(name)
        if value is None and name == "nbf":
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= MAX_NUMERIC_DATE:
            raise TokenError(f"token claim {name!r} is not a time")
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub or len(sub) > 255:
        raise TokenError("token subject is invalid")
    azp = claims.get("azp")
    if azp is not None and not isinstance(azp, str):
        raise TokenError("token authorized party is not allowed")
