"""Servers the stack builds from their Go modules (pinned) into .tools/ once per version, since no package registry
ships their binaries: livekit-server, Mailpit, MinIO. A binary named by its environment variable, or on PATH, wins
over building. Nothing is downloaded at run time: `go install` runs at setup (scripts/bootstrap.sh)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from devstack.paths import TOOLS_DIR


class GoToolError(RuntimeError):
    pass


@dataclass(frozen=True)
class GoTool:
    name: str  # the binary as installed in .tools/<name>-<version>/ and as looked up on PATH
    module: str  # the `go install` package path
    version: str
    env_var: str  # e.g. MINIO_BIN: a binary to use instead
    built_as: str = ""  # the name `go install` gives the binary, when not `name` (cmd/server -> server)

    @property
    def built_binary(self) -> Path:
        return TOOLS_DIR / f"{self.name}-{self.version}" / self.name

    def find(self) -> Path | None:
        explicit = os.environ.get(self.env_var)
        if explicit:
            return Path(explicit)
        on_path = shutil.which(self.name)
        if on_path:
            return Path(on_path)
        return self.built_binary if self.built_binary.exists() else None

    def build(self) -> Path:
        """`go install` the pinned version into .tools/ (skipped when it is there). Pure Go: CGO off."""
        target = self.built_binary
        if target.exists():
            return target
        go = shutil.which("go") or ("/usr/local/go/bin/go" if Path("/usr/local/go/bin/go").exists() else None)
        if go is None:
            raise GoToolError(f"{self.name} not found and no Go toolchain to build it: install Go >= 1.26 (or put "
                              f"{self.name} {self.version} on PATH, or set {self.env_var})")
        TOOLS_DIR.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=TOOLS_DIR) as gobin:
            env = {**os.environ, "GOBIN": gobin, "GOFLAGS": "-trimpath", "CGO_ENABLED": "0"}
            result = subprocess.run([go, "install", f"{self.module}@{self.version}"], env=env, capture_output=True,
                                    text=True)
            if result.returncode != 0:
                raise GoToolError(f"building {self.name} failed:\n{result.stderr[-4000:]}")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(Path(gobin) / (self.built_as or self.name)), target)
        return target

    def ensure(self) -> Path:
        return self.find() or self.build()


def stop_process(
    process: subprocess.Popen | None, timeout: float = 10.0, *, resignal_after: float | None = None
) -> None:
    """SIGTERM, then SIGKILL if it has not gone within `timeout`: how every server of the stack is stopped.
    ``resignal_after`` sends a second SIGTERM after that many seconds, for servers whose second signal means
    "force" (the whole wait stays within `timeout`)."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        if resignal_after is not None and resignal_after < timeout:
            try:
                process.wait(resignal_after)
                return
            except subprocess.TimeoutExpired:
                process.terminate()
            process.wait(timeout - resignal_after)
        else:
            process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
