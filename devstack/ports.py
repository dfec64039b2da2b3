"""Free ports for the servers the project starts (tests, benches, `interviewly up` with no port given).

Taken at random below the kernel's ephemeral range (32768-60999 on Linux by default): a port the kernel picked for
a bind to port 0 is one it also hands to outgoing connections, and in CI an outgoing connection of the suite took
livekit-server's port between the pick and the server's bind.
"""

from __future__ import annotations

import contextlib
import random
import socket
from pathlib import Path

_LOW = 20000
_rng = random.Random()


def _ephemeral_low() -> int:
    with contextlib.suppress(OSError, ValueError, IndexError):
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    return 32768


def _bindable(ports: range) -> bool:
    socks = []
    try:
        for port in ports:
            for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
                s = socket.socket(socket.AF_INET, kind)
                socks.append(s)
                s.bind(("0.0.0.0", port))
        return True
    except OSError:
        return False
    finally:
        for s in socks:
            s.close()


def free_port_block(n: int = 1) -> int:
    """A port p with p..p+n-1 all free for TCP and UDP (livekit-server takes HTTP, RTC TCP and UDP in a row)."""
    high = max(_LOW + 1000, _ephemeral_low()) - n
    for _ in range(500):
        p = _rng.randrange(_LOW, high)
        if _bindable(range(p, p + n)):
            return p
    raise RuntimeError(f"no block of {n} free ports between {_LOW} and {high + n}")


def free_port() -> int:
    return free_port_block(1)


class PortInUse(RuntimeError):
    """A port the project was told to serve on is held by another process."""


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    """Something accepts TCP connections on the port (a server already there, ours or another's)."""
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex((host, port)) == 0
