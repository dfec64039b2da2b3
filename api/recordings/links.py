"""Links to recordings kept in the local folder: the API serves the file only to a request whose link carries a
valid HMAC over the key and the expiry, before that expiry. (S3 links are the store's own presigned URLs.)"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import quote, urlencode

from api.config import Settings

LINK_PATH = "/media/recordings"


class LinkSigner:
    def __init__(self, secret: bytes, clock: Callable[[], float] = time.time) -> None:
        self._secret = secret
        self._clock = clock

    @classmethod
    def from_settings(cls, settings: Settings) -> LinkSigner:
        secret = settings.storage_url_secret
        if secret:
            return cls(secret.encode())
        # derived, so every API process agrees without one more secret; the label keeps it apart from LiveKit's use
        return cls(hmac.new(settings.livekit_api_secret.encode(), b"interviewly recording links", "sha256").digest())

    def _mac(self, key: str, expires: int) -> str:
        return hmac.new(self._secret, f"{key}\n{expires}".encode(), hashlib.sha256).hexdigest()

    def url(self, key: str, expires_in: timedelta) -> str:
        expires = int(self._clock() + expires_in.total_seconds())
        return f"{LINK_PATH}/{quote(key)}?" + urlencode({"expires": expires, "signature": self._mac(key, expires)})

    def check(self, key: str, expires: str | None, signature: str | None) -> str | None:
        """None when the link is good, else why not (the API answers 403 with it)."""
        if not expires or not signature or not expires.isdigit():
            return "the link is not signed"
        if not hmac.compare_digest(self._mac(key, int(expires)), signature):
            return "the link's signature does not match"
        if int(expires) <= self._clock():
            return "the link has expired"
        return None
