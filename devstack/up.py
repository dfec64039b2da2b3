"""`interviewly up`: the whole product on one machine with embedded defaults.

Postgres (embedded, data in .data/pg) → migrations → livekit-server → API → demo data → agent worker,
then a summary of what to open. Ctrl-C stops everything in reverse order; a second run reuses .data/.

``--cluster`` runs the production shape on this machine: Redis, two livekit-server nodes sharing it, two agent
hosts (one connected to each node), two API processes (one per node) and the queue worker as its own process.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import threading
import time

from db.contract import agent_name
from db.engine import normalize_url
from db.migrate import upgrade
from devstack.gotool import GoToolError
from devstack.livekit_server import LiveKitServer, LiveKitServerError, api_credentials
from devstack.mailpit import Mailpit, MailpitError
from devstack.netns import Lan, NetnsError
from devstack.netns import available as netns_available
from devstack.paths import DATA_DIR, REPO_ROOT
from devstack.ports import PortInUse, port_open
from devstack.postgres import EmbeddedPostgres, PostgresError
from devstack.redis_server import RedisServer, RedisServerError
from devstack.run_record import RunRecord
from devstack.up_ready import demo_interview, forget_local_workers, seed, wait_http, wait_registered

LOG_DIR = DATA_DIR / "logs"
# what a part that cannot start raises: said in one line, not as a traceback
START_ERRORS = (LiveKitServerError, PostgresError, MailpitError, RedisServerError, NetnsError, GoToolError, PortInUse,
                OSError)


def say(msg: str) -> None:
    emit(f"\033[1m[interviewly]\033[0m {msg}")


def emit(text: str) -> None:
    try:
        print(text, flush=True)
    except BrokenPipeError:
        # whoever read our output is gone (a closed terminal, a pager quit): stopping the stack must still happen
        sys.stdout = open(os.devnull, "w")


class Child:
    def __init__(self, name: str, argv: list[str], env: dict[str, str]) -> None:
        self.name = name
        self.log_path = LOG_DIR / f"{name}.log"
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(argv, env=env, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT,
                                        start_new_session=True)

    def alive(self) -> bool:
        return self.process.poll() is None

    def terminate(self) -> None:
        if self.alive():
            self.process.send_signal(signal.SIGTERM)

    def stop(self, timeout: float = 15.0) -> None:
        if not self.alive():
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="interviewly up")
    parser.add_argument("--api-port", type=int, default=int(os.environ.get("API_PORT", "8000")))
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("PG_PORT", "54329")))
    parser.add_argument("--agent-port", type=int, default=int(os.environ.get("AGENT_HTTP_PORT", "8081")),
                        help="the agent worker's health endpoint")
    parser.add_argument("--livekit-port", type=int, default=int(os.environ.get("LIVEKIT_PORT", "7880")),
                        help="HTTP/WebSocket port; RTC TCP and UDP use the next two")
    parser.add_argument("--smtp-port", type=int, default=int(os.environ.get("MAILPIT_SMTP_PORT", "1025")),
                        help="the mail catcher's SMTP port")
    parser.add_argument("--inbox-port", type=int, default=int(os.environ.get("MAILPIT_HTTP_PORT", "8025")),
                        help="the mail catcher's web inbox")
    parser.add_argument("--cluster", action="store_true",
                        help="Redis, two LiveKit nodes, two agent hosts, two API processes, a queue worker process")
    parser.add_argument("--redis-port", type=int, default=int(os.environ.get("REDIS_PORT", "6379")))
    parser.add_argument("--netns", action="store_true",
                        help="with --cluster: each agent host in its own network namespace, reaching LiveKit and "
                             "Postgres over a bridge as another machine would (needs root and iproute2)")
    args = parser.parse_args(argv)
    if args.netns and not args.cluster:
        parser.error("--netns needs --cluster (the agent hosts it separates are the cluster's)")
    if args.netns and not netns_available():
        parser.error("--netns: this machine cannot make network namespaces (needs root or CAP_NET_ADMIN, and "
                     "iproute2's `ip`)")
    return args


class Stack:
    """What `up` started, stopped in reverse order (the API and the agent together, then the servers)."""

    def __init__(self, record: RunRecord) -> None:
        self.parts: list = []
        self.lan: Lan | None = None
        self.record = record

    def add(self, part) -> None:
        self.parts.append(part)
        # every process is a session leader; Postgres stops fast (and cleanly) on SIGINT
        self.record.write([(part.process.pid, list(part.process.args),
                            signal.SIGINT if isinstance(part, EmbeddedPostgres) else signal.SIGTERM)
                           for part in self.parts if getattr(part, "process", None) is not None])

    def network(self) -> Lan:
        """The bridge the agent hosts' namespaces plug into; made before LiveKit, which listens on its gateway."""
        self.lan = Lan()
        self.add(self.lan)
        self.lan.start()
        say(f"agent hosts' network: bridge {self.lan.bridge}, gateway {self.lan.gateway}")
        return self.lan

    def postgres(self, port: int) -> str:
        if os.environ.get("DATABASE_URL"):
            say("using the external Postgres in DATABASE_URL")
            return normalize_url(os.environ["DATABASE_URL"])
        pg = EmbeddedPostgres(DATA_DIR / "pg", port=port)
        url = pg.start()
        self.add(pg)
        say(f"Postgres 18 + pgvector on 127.0.0.1:{pg.port} (data in {pg.data_dir})")
        return url

    def livekit(self, port: int) -> str:
        if os.environ.get("LIVEKIT_URL"):
            say(f"using the external LiveKit server at {os.environ['LIVEKIT_URL']}")
            return os.environ["LIVEKIT_URL"]
        lk = LiveKitServer(port=port, tcp_port=port + 1, udp_port=port + 2, log_path=LOG_DIR / "livekit-server.log")
        url = lk.start()
        self.add(lk)
        say(f"livekit-server on {url}")
        return url

    def livekit_cluster(self, port: int, redis_port: int) -> list[str]:
        """Redis and two livekit-server nodes sharing it (node 2 on port + 10, its RTC ports after it)."""
        redis = RedisServer(port=redis_port, log_path=LOG_DIR / "redis.log")
        address = redis.start()
        self.add(redis)
        say(f"Redis on {address} (LiveKit's shared routing state)")
        urls = []
        gateway = self.lan.gateway if self.lan else None
        for n, base in enumerate((port, port + 10), start=1):
            node = LiveKitServer(port=base, tcp_port=base + 1, udp_port=base + 2, redis=address,
                                 log_path=LOG_DIR / f"livekit-node{n}.log", lan_address=gateway)
            urls.append(node.start())
            self.add(node)
            say(f"livekit-server node {n} on {urls[-1]}")
        return urls

    def mail(self, smtp_port: int, inbox_port: int) -> tuple[dict[str, str], str]:
        """The environment that points the product's mail at a server, and where a person reads it."""
        if os.environ.get("SMTP_HOST"):
            return {}, "(SMTP_HOST is set: mail goes to that server)"
        mailpit = Mailpit(smtp_port=smtp_port, http_port=inbox_port, database=DATA_DIR / "mailpit.db",
                          log_path=LOG_DIR / "mailpit.log")
        inbox = mailpit.start()
        self.add(mailpit)
        say(f"mail catcher (Mailpit) on smtp://127.0.0.1:{smtp_port}, inbox at {inbox}")
        return {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_port), "SMTP_SECURITY": "none"}, inbox

    def child(self, name: str, argv: list[str], env: dict[str, str]) -> Child:
        child = Child(name, argv, env)
        self.add(child)
        return child

    def stop(self) -> None:
        say("stopping")
        # the agent gives running interviews a few seconds while the API stops; the servers they use go after
        children = [part for part in self.parts if isinstance(part, Child)]
        for child in children:
            child.terminate()
        for child in children:
            _stop_quietly(child, timeout=8.0)
        # LiveKit nodes and the mail catcher need nothing of each other: stopped side by side (each takes a
        # second or two); Redis, Postgres and the network after them, in reverse order of start
        side_by_side = [part for part in self.parts if isinstance(part, LiveKitServer | Mailpit)]
        threads = [threading.Thread(target=_stop_quietly, args=(part,)) for part in side_by_side]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for part in reversed(self.parts):
            if not isinstance(part, Child) and part not in side_by_side:
                _stop_quietly(part)
        say("stopped")


def _stop_quietly(part: object, **stop_args: float) -> None:
    with contextlib.suppress(Exception):  # one part failing to stop must not leave the others running
        part.stop(**stop_args)  # type: ignore[attr-defined]


def banner(api_url: str, token: str, interview: dict, *, inbox: str) -> str:
    join = interview.get("join_url") or ""
    return f"""
  API docs (OpenAPI) : {api_url}/schema
  Recruiter pages    : {api_url}/recruiter/login  ("Continue as the demo recruiter")
  Candidate pages    : {api_url}/sign-in  (any name and email; choose "A candidate")
  Watch live         : {api_url}/recruiter/interviews/{interview['id']}
  Candidate join     : {join}
  Mail inbox         : {inbox}
  Dev recruiter token: {token}
                       (for the API, or to paste on the sign-in page; POST {api_url}/api/auth/dev/token for more)
  Logs               : {LOG_DIR}

  Ctrl-C stops everything; the next `make up` reuses the data.
"""


def start_processes(stack: Stack, args: argparse.Namespace, env: dict[str, str], livekit_urls: list[str]
                    ) -> list[Child]:
    """One agent host per LiveKit node, the queue worker on its own (cluster), then one API process per node, each
    answering before the next starts (the first creates the dev issuer's key the others read)."""
    children: list[Child] = []
    cluster = len(livekit_urls) > 1
    for n, url in enumerate(livekit_urls):
        name = f"agent-{'ab'[n]}" if cluster else "agent"
        # each host's worker processes take ports from base + 10 n (base + n had host a's second worker and host
        # b's first on one port, fatal without a network namespace each)
        host_env = {**env, "LIVEKIT_URL": url, "AGENT_HTTP_PORT": str(args.agent_port + 10 * n)}
        if not cluster:
            # Ctrl-C gives running interviews 4 s, then they end INTERRUPTED and leave their rooms (the stop kills
            # the agent at 8 s); an `up --cluster` host drains as in production
            host_env.setdefault("AGENT_DRAIN_TIMEOUT_SECONDS", "4")
        if env.get("AGENT_METRICS_PORT", "0") not in ("", "0"):
            host_env["AGENT_METRICS_PORT"] = str(int(env["AGENT_METRICS_PORT"]) + 10 * n)
        argv = [sys.executable, "-m", "agent.worker", "start"]
        if stack.lan is not None:
            argv, host_env = stack.lan.as_host(name, argv, host_env)
            say(f"{name} in network namespace {stack.lan.hosts[-1].namespace} ({stack.lan.hosts[-1].address})")
        child = stack.child(name, argv, host_env)
        children.append(child)
    if cluster:
        children.append(stack.child("queue-worker", [sys.executable, "-m", "api.queue.worker"], env))
    for n, url in enumerate(livekit_urls):
        port = args.api_port + n
        if port_open(port):  # the health check below would pass on whoever holds it
            raise PortInUse(f"port {port} (the API) is already in use: choose another with --api-port or API_PORT")
        api_env = {**env, "LIVEKIT_URL": url, "QUEUE_WORKER": "0" if cluster else env.get("QUEUE_WORKER", "1")}
        child = stack.child(f"api-{n + 1}" if cluster else "api",
                            [sys.executable, "-m", "uvicorn", "--factory", "api.app:create_app", "--host",
                             "127.0.0.1", "--port", str(port)], api_env)
        children.append(child)
        wait_http(f"http://127.0.0.1:{port}/health", 60, child)
        say(f"{child.name} on http://127.0.0.1:{port} (LiveKit {url})")
    return children


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    record = RunRecord(DATA_DIR)
    holder = record.hold(f"http://127.0.0.1:{args.api_port}")
    if holder is not None:
        say(f"another `interviewly up` is running with this data folder ({DATA_DIR}; pid {holder.get('pid')}, "
            f"API on {holder.get('api')}): stop it first (Ctrl-C in its terminal), or give this one its own "
            "folder with INTERVIEWLY_DATA_DIR")
        return 1
    record.stop_left_behind(say)
    stopping = False

    def on_signal(signum, frame) -> None:
        nonlocal stopping
        stopping = True

    # the children run in their own sessions (a Ctrl-C must not hit them before the agent drains), so a closed
    # terminal (SIGHUP) has to stop them through us like Ctrl-C does
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, on_signal)
    stack = Stack(record)
    try:
        database_url = stack.postgres(args.pg_port)
        upgrade(database_url)
        say("migrations applied")
        if args.netns:
            stack.network()
        if args.cluster:
            livekit_urls = stack.livekit_cluster(args.livekit_port, args.redis_port)
        else:
            livekit_urls = [stack.livekit(args.livekit_port)]
        livekit_url = livekit_urls[0]
        key, secret = api_credentials()
        # mail: any SMTP server in SMTP_HOST, or the local catcher whose web inbox shows what the product sends
        mail_env, inbox = stack.mail(args.smtp_port, args.inbox_port)
        api_url = f"http://127.0.0.1:{args.api_port}"
        env = {**mail_env, **os.environ, "ENV": os.environ.get("ENV", "development"), "DATABASE_URL": database_url,
               "LIVEKIT_URL": livekit_url, "LIVEKIT_API_KEY": key, "LIVEKIT_API_SECRET": secret,
               "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL", api_url), "PYTHONUNBUFFERED": "1"}
        # the agent loads its models while the API starts: neither waits for the other
        asyncio.run(forget_local_workers(database_url))
        children = start_processes(stack, args, env, livekit_urls)
        ids = asyncio.run(seed(database_url))
        # ready means registered: a worker writes its agent_workers row only once LiveKit has acknowledged it, so
        # a dispatch made from now on has somewhere to go
        agents = [child for child in children if child.name.startswith("agent")]
        workers = asyncio.run(wait_registered(database_url, 120, agents))
        say(f"agent worker registered with LiveKit as '{agent_name()}' ({workers} process(es))")
        emit(banner(api_url, *demo_interview(api_url, ids), inbox=inbox))
        while not stopping:
            for child in children:
                if not child.alive():
                    say(f"{child.name} exited with {child.process.returncode}; see {child.log_path}")
                    stopping = True
            time.sleep(0.5)
        return 0
    except START_ERRORS as e:
        say(f"could not start: {e}")
        return 1
    finally:
        stack.stop()
        record.release()


if __name__ == "__main__":
    sys.exit(main())
