"""Agent hosts in their own network namespaces on one machine, as separate machines on one LAN would be.

Each host gets its own network stack (loopback, ports, routes), joined by a veth pair to a bridge in the root
namespace; the bridge's address is the hosts' gateway. A host reaches a server in the root namespace at the
gateway's address, so servers the hosts use listen there too (livekit-server: `bind_addresses`), or their loopback
port is relayed there (`Lan.relay`, for a server already listening on loopback only, such as the test bed's
Postgres). Needs CAP_NET_ADMIN and iproute2; `available()` says whether this machine can make them.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import uuid
from dataclasses import dataclass


class NetnsError(RuntimeError):
    pass


def _ip(*args: str) -> None:
    done = subprocess.run(["ip", *args], capture_output=True, text=True)
    if done.returncode:
        raise NetnsError(f"ip {' '.join(args)}: {done.stderr.strip() or done.returncode}")


def available() -> bool:
    """Whether a namespace can be made here (root or CAP_NET_ADMIN, iproute2, a mountable /run/netns)."""
    if shutil.which("ip") is None:
        return False
    probe = f"ivp{uuid.uuid4().hex[:8]}"
    try:
        _ip("netns", "add", probe)
    except NetnsError:
        return False
    _ip("netns", "del", probe)
    return True


@dataclass(frozen=True)
class Host:
    namespace: str
    address: str

    def argv(self, command: list[str]) -> list[str]:
        """`command` run inside this host's namespace (`ip netns exec` execs it: the pid is the command's)."""
        return ["ip", "netns", "exec", self.namespace, *command]


class Lan:
    """A bridge with its address (the gateway) and the namespaces plugged into it; `stop()` removes them all."""

    def __init__(self) -> None:
        # names and the /24 are per process, so two test sessions on one machine never share a LAN
        self._tag = f"{os.getpid() % 100000}"
        self.bridge = f"ivb{self._tag}"
        self.gateway = f"10.77.{os.getpid() % 200 + 20}.1"
        self.hosts: list[Host] = []
        self._relays: list[_Relay] = []
        self._started = False

    def start(self) -> Lan:
        _ip("link", "add", "name", self.bridge, "type", "bridge")
        self._started = True
        _ip("addr", "add", f"{self.gateway}/24", "dev", self.bridge)
        _ip("link", "set", self.bridge, "up")
        return self

    def host(self, name: str) -> Host:
        n = len(self.hosts) + 1
        namespace = f"ivly-{self._tag}-{name}"
        outside, inside = f"ivh{self._tag}x{n}", f"ivn{self._tag}x{n}"
        address = self.gateway.rsplit(".", 1)[0] + f".{10 + n}"
        _ip("netns", "add", namespace)
        self.hosts.append(Host(namespace, address))
        _ip("link", "add", outside, "type", "veth", "peer", "name", inside)
        _ip("link", "set", inside, "netns", namespace)
        _ip("link", "set", outside, "master", self.bridge, "up")
        _ip("-n", namespace, "link", "set", "lo", "up")
        _ip("-n", namespace, "addr", "add", f"{address}/24", "dev", inside)
        _ip("-n", namespace, "link", "set", inside, "up")
        _ip("-n", namespace, "route", "add", "default", "via", self.gateway)
        return self.hosts[-1]

    def relay(self, host: str, port: int) -> int:
        """A port on the gateway whose connections are forwarded to host:port in the root namespace."""
        relay = _Relay(self.gateway, (host, port))
        self._relays.append(relay)
        return relay.port

    def stop(self) -> None:
        for relay in self._relays:
            relay.close()
        for host in self.hosts:  # a namespace takes its end of the veth pair with it, and the pair goes too
            subprocess.run(["ip", "netns", "del", host.namespace], capture_output=True)
        if self._started:
            subprocess.run(["ip", "link", "del", self.bridge], capture_output=True)
        self.hosts, self._relays, self._started = [], [], False

    def __enter__(self) -> Lan:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Relay:
    """TCP forwarding, one thread per direction per connection (a few database connections per host)."""

    def __init__(self, bind: str, target: tuple[str, int]) -> None:
        self.target = target
        self._server = socket.create_server((bind, 0))
        self.port: int = self._server.getsockname()[1]
        self._open: list[socket.socket] = []
        threading.Thread(target=self._accept, name=f"relay-{self.port}", daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return  # closed
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            self._open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pump, args=(a, b), daemon=True).start()

    def close(self) -> None:
        try:
            self._server.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        except OSError:
            pass
        self._server.close()
        for s in self._open:
            s.close()


def _pump(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, sink):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
