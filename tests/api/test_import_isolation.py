"""The API reaches the agent only through LiveKit and Postgres: importing it loads no agent, devstack or analytics
code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_api_imports_no_agent_devstack_or_analytics() -> None:
    code = (
        "import sys, api.app, api.seed; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('agent', 'devstack', 'analytics')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
        env={"DATABASE_URL": "postgresql://x@127.0.0.1:1/x", "PATH": ""},
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
