"""Offline dev issuer: signs RS256 session tokens with a local key and publishes its JWKS.

Enabled only by DEV_AUTH (never with ENV=production). Its tokens are verified by the same TokenVerifier as
Clerk's; only the JWKS source differs (in memory instead of over HTTP).
"""

from __future__ import annotations

import base64
import hashlib
import os
import time
import uuid
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

DEV_SUBJECT_PREFIX = "dev|"


def _load_or_create_key(path: Path) -> rsa.RSAPrivateKey:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
        try:
            os.link(tmp, path)  # atomic and refuses to overwrite: two workers starting at once agree on one key
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError(f"{path} does not hold an RSA private key")
    return key


class DevIssuer:
    def __init__(self, key_path: Path, issuer: str, ttl_seconds: int = 12 * 3600, audience_party: str | None = None):
        self.issuer = issuer
        self.ttl_seconds = ttl_seconds
        self.azp = audience_party
        self._key = _load_or_create_key(key_path)
        public_der = self._key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        self.kid = "dev-" + base64.urlsafe_b64encode(hashlib.sha256(public_der).digest()[:12]).decode().rstrip("=")

    @property
    def jwks(self) -> dict[str, Any]:
        jwk = RSAAlgorithm.to_jwk(self._key.public_key(), as_dict=True)
        jwk.update({"kid": self.kid, "alg": "RS256", "use": "sig"})
        return {"keys": [jwk]}

    @staticmethod
    def subject(sub: str) -> str:
        return sub if sub.startswith(DEV_SUBJECT_PREFIX) else DEV_SUBJECT_PREFIX + sub

    def issue(
        self, sub: str, *, email: str | None = None, name: str | None = None, ttl_seconds: int | None = None
    ) -> tuple[str, int]:
        now = int(time.time())
        exp = now + (ttl_seconds or self.ttl_seconds)
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "sub": self.subject(sub),
            "iat": now,
            "nbf": now,
            "exp": exp,
            "sid": "dev_" + uuid.uuid4().hex,
        }
        if self.azp:
            claims["azp"] = self.azp
        if email:
            claims["email"] = email
        if name:
            claims["name"] = name
        token = jwt.encode(claims, self._key, algorithm="RS256", headers={"kid": self.kid})
        return token, exp
