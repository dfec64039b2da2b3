"""Agent hosts in their own network namespaces on one machine, as separate machines on one LAN would be.

Each host gets its own network stack (loopback, ports, routes), joined by a veth pair to a bridge in the root
namespace; the bridge's address is the hosts' gateway. A host reaches a server in the root namespace at the
gateway's address, so servers the hosts use listen there too (livekit-server: `bind_addresses`), or their loopback
port is relayed there (`Lan.relay`, for a server already listening on loopback only, such as the test bed's
Postgres). Needs CAP_NET_ADMIN and iproute2; `available()` says whether this machine can make them.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

from devstack.gotool import stop_process


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


def _pid_alive(tag: str) -> bool:
    return tag.isdigit() and os.path.exists(f"/proc/{tag}")


def _remove_orphans() -> None:
    """LANs left by a process that was killed before its stop(): their names end in its pid."""
    links = subprocess.run(["ip", "-o", "link"], capture_output=True, text=True).stdout
    for name in re.findall(r"^\d+: (iv[bd]\d+)[@:]", links, re.MULTILINE):
        if not _pid_alive(name[3:]):
            subprocess.run(["ip", "link", "del", name], capture_output=True)
    spaces = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
    for name in re.findall(r"^(ivly-(\d+)-\S+)", spaces, re.MULTILINE):
        if not _pid_alive(name[1]):
            subprocess.run(["ip", "netns", "del", name[0]], capture_output=True)


def _free_subnet() -> int:
    """A 10.77.N.0/24 no interface here uses (two bridges on one subnet would split its routes)."""
    used = set(re.findall(r"inet 10\.77\.(\d+)\.", subprocess.run(["ip", "-o", "addr"], capture_output=True,
                                                                    text=True).stdout))
    return next(n for n in range(20, 250) if str(n) not in used)


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
        # names carry the owner's pid (interface names are at most 15 characters: "ivh4194304x9" fits), so two
        # test sessions on one machine never share a LAN, and a LAN whose owner was killed can be recognised
        self._tag = str(os.getpid())
        self.bridge = f"ivb{self._tag}"
        self.gateway = ""
        self.hosts: list[Host] = []
        self._relays: list[_Relay] = []
        self._started = False

    def start(self) -> Lan:
        _remove_orphans()
        self.gateway = f"10.77.{_free_subnet()}.1"
        _ip("link", "add", "name", self.bridge, "type", "bridge")
        self._started = True
        try:
            self._gateway_up()
        except NetnsError:
            self.stop()
            raise
        return self

    def _gateway_up(self) -> None:
        _ip("addr", "add", f"{self.gateway}/24", "dev", self.bridge)
        # a bridge without a port that is up has no carrier, and LiveKit opens its RTC UDP port only on interfaces
        # that are up when it starts: a dummy port keeps the gateway up before any host is plugged in
        # (a veth pair, both ends up, one in the bridge: the `dummy` link type is not in every kernel)
        _ip("link", "add", f"ivd{self._tag}", "type", "veth", "peer", "name", f"ive{self._tag}")
        _ip("link", "set", f"ive{self._tag}", "up")
        _ip("link", "set", f"ivd{self._tag}", "master", self.bridge, "up")
        _ip("link", "set", self.bridge, "up")

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

    def as_host(self, name: str, argv: list[str], env: dict[str, str]) -> tuple[list[str], dict[str, str]]:
        """`argv` run in a new host `name` on this LAN, and `env` with LIVEKIT_URL and DATABASE_URL (loopback
        addresses of the root namespace) rewritten to reach them at the gateway, as another machine would."""
        from sqlalchemy.engine import make_url

        host = self.host(name)
        env = dict(env)
        if env.get("DATABASE_URL"):
            db = make_url(env["DATABASE_URL"])
            db = db.set(host=self.gateway, port=self.relay(db.host or "127.0.0.1", db.port or 5432))
            env["DATABASE_URL"] = db.render_as_string(hide_password=False)
        if env.get("LIVEKIT_URL"):
            url = env["LIVEKIT_URL"]
            env["LIVEKIT_URL"] = url.replace("127.0.0.1", self.gateway).replace("localhost", self.gateway)
        return host.argv(argv), env

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
            for link in (f"ivd{self._tag}", self.bridge):
                subprocess.run(["ip", "link", "del", link], capture_output=True)
        self.hosts, self._relays, self._started = [], [], False

    def __enter__(self) -> Lan:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Relay:
    """TCP forwarding in a process of its own (`python -m devstack.netns relay`): a relay sharing the GIL of a busy
    process (a test's simulated candidates) delayed the hosts' database writes past their timeout."""

    def __init__(self, bind: str, target: tuple[str, int]) -> None:
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "devstack.netns", "relay", bind, target[0], str(target[1])],
            stdout=subprocess.PIPE, start_new_session=True, cwd=Path(__file__).resolve().parent.parent)
        line = self._proc.stdout.readline() if self._proc.stdout else b""
        if not line.strip().isdigit():
            self.close()
            raise NetnsError(f"the relay to {target[0]}:{target[1]} did not start (exit {self._proc.poll()})")
        self.port = int(line)

    def close(self) -> None:
        stop_process(self._proc, 5)


async def _serve_relay(bind: str, host: str, port: int) -> None:
    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except OSError:
            pass
        finally:
            writer.close()

    async def forward(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        try:
            up_r, up_w = await asyncio.open_connection(host, port)
        except OSError:
            client_w.close()
            return
        await asyncio.gather(pipe(client_r, up_w), pipe(up_r, client_w))

    parent = os.getppid()
    server = await asyncio.start_server(forward, bind, 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    while os.getppid() == parent:  # noqa: ASYNC110 (polls the parent: when the LAN's maker is killed, so is the relay)
        await asyncio.sleep(1.0)


if __name__ == "__main__":
    if len(sys.argv) != 5 or sys.argv[1] != "relay":
        sys.exit("usage: python -m devstack.netns relay BIND_ADDRESS TARGET_HOST TARGET_PORT")
    asyncio.run(_serve_relay(sys.argv[2], sys.argv[3], int(sys.argv[4])))
