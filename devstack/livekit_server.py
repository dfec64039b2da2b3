"""Find, build (from its Go module, pinned) and run a local livekit-server.

No package registry ships the server binary, so we build it with `go install` into .tools/ once per
version. A `livekit-server` on PATH (or LIVEKIT_SERVER_BIN) wins over building.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

import yaml

from devstack.gotool import GoTool, stop_process
from devstack.paths import LIVEKIT_CONFIG
from devstack.ports import port_open

LIVEKIT_SERVER_VERSION = "v1.13.5"
MODULE = "github.com/livekit/livekit-server/cmd/server"
DEV_API_KEY = "devkey"
# dev-only default, like livekit's own "devkey/secret"; production deployments set LIVEKIT_API_SECRET
DEV_API_SECRET = "interviewly-dev-secret-not-for-production"


class LiveKitServerError(RuntimeError):
    pass


def api_credentials() -> tuple[str, str]:
    return (
        os.environ.get("LIVEKIT_API_KEY", DEV_API_KEY),
        os.environ.get("LIVEKIT_API_SECRET", DEV_API_SECRET),
    )


TOOL = GoTool("livekit-server", MODULE, LIVEKIT_SERVER_VERSION, "LIVEKIT_SERVER_BIN", built_as="server")


def find_binary() -> Path | None:
    return TOOL.find()


def ensure_binary() -> Path:
    return TOOL.ensure()


class LiveKitServer:
    """A livekit-server process in dev mode on loopback, configured from livekit.yaml.

    Ports default to the yaml's; tests pass free ones so they never collide with `make up`. With ``redis`` (an
    address) the node joins the cluster of every node pointed at the same Redis (LiveKit's multi-node mode): rooms
    are placed on the least loaded node, and clients and agents may connect to any node.
    """

    def __init__(self, *, port: int | None = None, tcp_port: int | None = None, udp_port: int | None = None,
                 log_path: Path | None = None, redis: str | None = None, lan_address: str | None = None) -> None:
        self.config = yaml.safe_load(LIVEKIT_CONFIG.read_text())
        if lan_address:
            # the gateway of agent hosts in their own network namespaces (devstack/netns.py): listen there too, and
            # advertise it in ICE candidates (node_ip maps every host candidate to it), since 127.0.0.1 inside a
            # namespace is that namespace's own loopback; with the loopback candidate offered too, a namespaced
            # client's connection never came up. It must exist before start(): the RTC ports follow it
            self.config["bind_addresses"] = [*self.config["bind_addresses"], lan_address]
            self.config["rtc"]["node_ip"] = lan_address
            self.config["rtc"]["enable_loopback_candidate"] = False
        if redis:
            self.config["redis"] = {"address": redis}
        if port:
            self.config["port"] = port
        if tcp_port:
            self.config["rtc"]["tcp_port"] = tcp_port
        if udp_port:
            self.config["rtc"]["udp_port"] = udp_port
        self.port: int = self.config["port"]
        self.host = "127.0.0.1"
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None
        self._config_file: Path | None = None

    @property
    def url(self) -> str:
        return f"ws://{self.host}:{self.port}"

    @property
    def http_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 20.0) -> str:
        binary = ensure_binary()
        if port_open(self.port, self.host):
            raise LiveKitServerError(f"port {self.port} is already in use: is another livekit-server running?")
        fd, name = tempfile.mkstemp(prefix="livekit-", suffix=".yaml")
        with os.fdopen(fd, "w") as f:
            yaml.safe_dump(self.config, f)
        self._config_file = Path(name)
        key, secret = api_credentials()
        env = {**os.environ, "LIVEKIT_KEYS": f"{key}: {secret}"}
        out = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        self.process = subprocess.Popen(
            [str(binary), "--dev", "--config", str(self._config_file)],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise LiveKitServerError(f"livekit-server exited with {self.process.returncode} (log: {self.log_path})")
            if port_open(self.port, self.host):
                return self.url
            time.sleep(0.1)
        self.stop()
        raise LiveKitServerError(f"livekit-server did not listen on {self.port} within {timeout}s")

    def stop(self, timeout: float = 10.0, grace: float = 2.0) -> None:
        """A graceful stop waits for every participant to leave, and a participant whose process was killed only
        times out after ~20 s; the stack's clients are gone by the time it stops, so a second signal after
        ``grace`` seconds makes livekit-server close the rooms at once (its second signal is "force")."""
        stop_process(self.process, grace + timeout, resignal_after=grace)
        if self._config_file is not None:
            self._config_file.unlink(missing_ok=True)
            self._config_file = None

    def __enter__(self) -> LiveKitServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
