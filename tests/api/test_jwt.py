"""Token verification: the attacks (expired, not yet valid, wrong issuer, wrong key, alg none, HS256 with the public
key, tampered payload, unknown kid), the Clerk path through an HTTP JWKS (cached, refetched on an unknown kid),
`azp`, and the role mirrored to Clerk."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from litestar.testing import AsyncTestClient

from api.app import create_app
from api.auth.jwt import HttpJWKSProvider, StaticJWKSProvider, TokenError, TokenVerifier, TrustedIssuer
from tests.api.conftest import make_settings


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _claims(issuer: str, **overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    return {"iss": issuer, "sub": "dev|attacker-target", "iat": now, "nbf": now, "exp": now + 600, **overrides}


@pytest.fixture
def dev(app):
    return app.state.dev_issuer


def _sign(dev, claims: dict[str, Any], **headers: Any) -> str:
    return jwt.encode(claims, dev._key, algorithm="RS256", headers={"kid": dev.kid, **headers})


async def _me(api, token: str) -> httpx.Response:
    return await api.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})


async def test_valid_dev_token_is_accepted(api, dev) -> None:
    r = await _me(api, _sign(dev, _claims(dev.issuer)))
    assert r.status_code == 200 and r.json()["clerk_id"] == "dev|attacker-target"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("expired", "token expired"),
        ("not yet valid", "token not yet valid"),
        ("wrong issuer", "token issuer is not trusted"),
        ("wrong key", "token signature is invalid"),
        ("alg none", "token algorithm 'none' is not accepted"),
        ("HS256 with the public key", "token algorithm 'HS256' is not accepted"),
        ("tampered payload", "token signature is invalid"),
        ("unknown kid", "token signing key is unknown"),
        ("no exp", "token lacks the 'exp' claim"),
        ("garbage", "malformed token"),
    ],
)
async def test_attacks_are_401(api, dev, name: str, reason: str) -> None:
    issuer = dev.issuer
    now = int(time.time())
    if name == "expired":
        token = _sign(dev, _claims(issuer, iat=now - 7200, nbf=now - 7200, exp=now - 3600))
    elif name == "not yet valid":
        token = _sign(dev, _claims(issuer, nbf=now + 3600, exp=now + 7200))
    elif name == "wrong issuer":
        token = _sign(dev, _claims("https://evil.example"))
    elif name == "wrong key":
        other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        token = jwt.encode(_claims(issuer), other, algorithm="RS256", headers={"kid": dev.kid})
    elif name == "alg none":
        token = jwt.encode(_claims(issuer), None, algorithm="none", headers={"kid": dev.kid})
    elif name == "HS256 with the public key":
        pem = dev._key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        head = _b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": dev.kid}).encode())
        body = _b64(json.dumps(_claims(issuer)).encode())
        sig = _b64(hmac.new(pem, f"{head}.{body}".encode(), hashlib.sha256).digest())
        token = f"{head}.{body}.{sig}"
    elif name == "tampered payload":
        head, _, sig = _sign(dev, _claims(issuer)).split(".")
        body = _b64(json.dumps(_claims(issuer, sub="dev|someone-else")).encode())
        token = f"{head}.{body}.{sig}"
    elif name == "unknown kid":
        token = _sign(dev, _claims(issuer), kid="not-a-key")
    elif name == "no exp":
        claims = _claims(issuer)
        del claims["exp"]
        token = _sign(dev, claims)
    else:
        token = "not.a.jwt"
    r = await _me(api, token)
    assert r.status_code == 401, r.text
    assert r.json()["detail"] == reason
    assert r.headers["www-authenticate"].startswith("Bearer")


async def test_bad_authorization_headers(api) -> None:
    for header in ("Basic dXNlcjpwYXNz", "Bearer", "Bearer   ", "token"):
        r = await api.get("/api/auth/me", headers={"Authorization": header})
        assert r.status_code == 401, header


async def test_authorized_party_is_checked() -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = RSAAlgorithm.to_jwk(key.public_key(), as_dict=True) | {"kid": "k1", "use": "sig"}
    verifier = TokenVerifier(
        [
            TrustedIssuer(
                "https://clerk.test", StaticJWKSProvider({"keys": [jwk]}), authorized_parties=["https://app.test"]
            )
        ]
    )
    good = jwt.encode(_claims("https://clerk.test", azp="https://app.test"), key, "RS256", headers={"kid": "k1"})
    assert (await verifier.verify(good))["azp"] == "https://app.test"
    for azp in ("https://evil.test", None):
        claims = _claims("https://clerk.test", **({"azp": azp} if azp else {}))
        with pytest.raises(TokenError, match="authorized party"):
            await verifier.verify(jwt.encode(claims, key, "RS256", headers={"kid": "k1"}))


class FakeClerk:
    """Clerk's JWKS endpoint and Backend API, as an httpx transport."""

    def __init__(self) -> None:
        self.keys = {"k1": rsa.generate_private_key(public_exponent=65537, key_size=2048)}
        self.jwks_fetches = 0
        self.metadata_calls: list[tuple[str, dict, str]] = []

    def jwks(self) -> dict:
        return {
            "keys": [
                RSAAlgorithm.to_jwk(k.public_key(), as_dict=True) | {"kid": kid, "use": "sig"}
                for kid, k in self.keys.items()
            ]
        }

    def handler(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/.well-known/jwks.json":
            self.jwks_fetches += 1
            return httpx.Response(200, json=self.jwks())
        if request.method == "PATCH" and request.url.path.endswith("/metadata"):
            self.metadata_calls.append(
                (request.url.path, json.loads(request.content), request.headers["authorization"])
            )
            return httpx.Response(200, json={})
        return httpx.Response(404)

    def token(self, kid: str, sub: str, **claims: Any) -> str:
        return jwt.encode(
            _claims("https://clerk.test", sub=sub, **{"azp": "https://app.test", **claims}),
            self.keys[kid],
            "RS256",
            headers={"kid": kid},
        )


async def test_http_jwks_is_cached_and_refetched_on_unknown_kid() -> None:
    clerk = FakeClerk()
    async with httpx.AsyncClient(transport=httpx.MockTransport(clerk.handler)) as http:
        provider = HttpJWKSProvider("https://clerk.test/.well-known/jwks.json", http, min_refresh_seconds=0)
        verifier = TokenVerifier([TrustedIssuer("https://clerk.test", provider)])
        for _ in range(3):
            await verifier.verify(clerk.token("k1", "user_1"))
        assert clerk.jwks_fetches == 1
        clerk.keys["k2"] = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # rotation
        await verifier.verify(clerk.token("k2", "user_1"))
        assert clerk.jwks_fetches == 2
        provider.min_refresh_seconds = 3600  # random kids cannot force a fetch per request
        forged = jwt.encode(_claims("https://clerk.test"), clerk.keys["k1"], "RS256", headers={"kid": "nope"})
        for _ in range(3):
            with pytest.raises(TokenError, match="unknown"):
                await verifier.verify(forged)
        assert clerk.jwks_fetches == 2


async def test_clerk_token_end_to_end_with_role_mirror(database_url, livekit, tmp_path, db_sessionmaker) -> None:
    clerk = FakeClerk()
    settings = make_settings(
        database_url,
        livekit,
        tmp_path,
        dev_auth=False,
        clerk_issuer="https://clerk.test",
        clerk_authorized_parties=["https://app.test"],
        clerk_secret_key="sk_test_123",
        clerk_api_url="https://api.clerk.test/v1",
    )
    app = create_app(settings, http_transport=httpx.MockTransport(clerk.handler))
    assert "/api/auth/dev/token" not in app.route_handler_method_map
    async with AsyncTestClient(app) as client:
        headers = {"Authorization": f"Bearer {clerk.token('k1', 'user_2abc', email='ann@example.test')}"}
        r = await client.post("/api/auth/sync-user", headers=headers)
        assert r.status_code == 200 and r.json()["email"] == "ann@example.test", r.text
        r = await client.post(
            "/api/auth/set-role", json={"role": "RECRUITER", "company_name": "Ann & Co"}, headers=headers
        )
        assert r.status_code == 200 and r.json()["company"]["slug"] == "ann-co", r.text
        assert clerk.metadata_calls == [
            ("/v1/users/user_2abc/metadata", {"public_metadata": {"role": "RECRUITER"}}, "Bearer sk_test_123")
        ]
        r = await client.post("/api/auth/set-role", json={"role": "CANDIDATE"}, headers=headers)
        assert r.status_code == 409 and r.json()["extra"]["role"] == "RECRUITER"
        wrong_azp = clerk.token("k1", "user_2abc", azp="https://evil.test")
        r = await client.get("/api/auth/me", headers={"Authorization": f"Bearer {wrong_azp}"})
        assert r.status_code == 401
        # a dev-issuer token means nothing to an app without DEV_AUTH
        r = await client.get(
            "/api/auth/me",
            headers={
                "Authorization": "Bearer "
                + jwt.encode(
                    _claims("http://testserver.local/api/auth/dev"), rsa.generate_private_key(65537, 2048), "RS256"
                )
            },
        )
        assert r.status_code == 401


async def test_verified_tokens_are_cached_until_they_expire(monkeypatch) -> None:
    import api.auth.jwt as jwt_module

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = RSAAlgorithm.to_jwk(key.public_key(), as_dict=True) | {"kid": "k1", "use": "sig"}
    verifier = TokenVerifier(
        [TrustedIssuer("https://clerk.test", StaticJWKSProvider({"keys": [jwk]}))], leeway_seconds=0
    )
    token = jwt.encode(_claims("https://clerk.test"), key, "RS256", headers={"kid": "k1"})
    first = await verifier.verify(token)
    assert await verifier.verify(token) is first  # no second signature check
    later = time.time() + 3600
    monkeypatch.setattr(jwt_module.time, "time", lambda: later)
    with pytest.raises(TokenError, match="expired"):
        await verifier.verify(token)


# every claim and header a verifier reads, with a value of every JSON type: a validly signed token and one signed
# by a stranger must both be a 401, never a 500 (issue 14, finding 1). PyJWT refuses to encode some of these, so the
# tokens are put together by hand.
_ODD_VALUES: list[Any] = [["https://a", "https://b"], {"a": 1}, None, True, 1.5, 10**40, "", "x" * 5000, [[]]]
# claims the app does not rely on may hold anything in a token the issuer really signed
_IGNORED_CLAIMS = {"email", "name", "jti", "aud"}


def _raw_token(key: rsa.RSAPrivateKey, header: dict[str, Any], claims: dict[str, Any]) -> str:
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"
    signature = RSAAlgorithm(RSAAlgorithm.SHA256).sign(signing_input.encode(), key)
    return f"{signing_input}.{_b64(signature)}"


@pytest.mark.parametrize("claim", ["iss", "sub", "exp", "iat", "nbf", "azp", "email", "name", "jti", "aud"])
async def test_a_claim_of_any_type_is_a_401(api, dev, claim: str) -> None:
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    header = {"alg": "RS256", "typ": "JWT", "kid": dev.kid}
    for value in _ODD_VALUES:
        claims = _claims(dev.issuer, **{claim: value})
        r = await _me(api, _raw_token(stranger, header, claims))
        assert r.status_code == 401, (claim, value, r.status_code, r.text[:300])
        r = await _me(api, _raw_token(dev._key, header, claims))
        assert r.status_code in ((200, 401) if _well_formed(claim, value) else (401,)), (claim, value, r.text[:300])


def _well_formed(claim: str, value: Any) -> bool:
    """Whether a token the issuer really signed may carry this value (then 200 or 401 are both fine)."""
    if claim in _IGNORED_CLAIMS:
        return True
    if claim in {"iat", "nbf"}:  # a time long past is a time
        return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 2**33
    return claim == "azp" and (value is None or isinstance(value, str))  # the app requires no azp (null: none)


@pytest.mark.parametrize("name", ["kid", "alg", "typ", "crit", "jku"])
async def test_a_header_of_any_type_is_a_401(api, dev, name: str) -> None:
    for value in _ODD_VALUES:
        header = {"alg": "RS256", "typ": "JWT", "kid": dev.kid, name: value}
        r = await _me(api, _raw_token(dev._key, header, _claims(dev.issuer)))
        assert r.status_code in (200, 401), (name, value, r.status_code, r.text[:300])
        if name in {"kid", "alg"}:
            assert r.status_code == 401, (name, value)
