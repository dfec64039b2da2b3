"""The SSRF guard: a webhook URL must be http(s) and every address its host resolves to must be public. Loopback,
private, link-local (169.254.0.0/16 holds the cloud metadata services), multicast, reserved, unspecified, shared
(CGNAT) and IPv6 site/unique-local addresses are refused unless WEBHOOK_ALLOW_PRIVATE_URLS is on. The sender then
connects to the checked address itself (the host name only goes in the Host header and TLS SNI), so a DNS answer
that changes between the check and the connection cannot send it elsewhere."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata", "instance-data"})


class UnsafeUrl(ValueError):
    """The URL may not be called; the message says why."""


@dataclass(frozen=True)
class Target:
    url: str
    scheme: str
    host: str
    port: int
    address: str  # the checked address to connect to


def _internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (address.is_private or address.is_loopback or address.is_link_local or address.is_multicast
            or address.is_reserved or address.is_unspecified or not address.is_global
            or (isinstance(address, ipaddress.IPv6Address) and address.is_site_local))


def parse(url: str) -> tuple[str, str, int]:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - parsing it raises on a bad port
    except ValueError as exc:
        raise UnsafeUrl(f"the URL does not parse: {exc}") from exc
    if parts.scheme not in {"http", "https"}:
        raise UnsafeUrl("the URL must start with https:// or http://")
    if not parts.hostname:
        raise UnsafeUrl("the URL has no host")
    if parts.username or parts.password:
        raise UnsafeUrl("the URL must not carry a user name or password")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeUrl("the URL's port is not a number") from exc
    return parts.scheme, parts.hostname.rstrip(".").lower(), port


async def resolve(url: str, *, allow_private: bool) -> Target:
    scheme, host, port = parse(url)
    if not allow_private and (host in METADATA_HOSTS or host == "localhost" or host.endswith(".localhost")):
        raise UnsafeUrl(f"{host} is an internal host name")
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise UnsafeUrl(f"{host} does not resolve") from exc
    addresses = [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]
    if not addresses:
        raise UnsafeUrl(f"{host} does not resolve")
    internal = [str(a) for a in addresses if _internal(a)]
    if internal and not allow_private:
        raise UnsafeUrl(f"{host} resolves to an internal address ({internal[0]}); webhooks go to public addresses")
    return Target(url=url, scheme=scheme, host=host, port=port, address=str(addresses[0]))
