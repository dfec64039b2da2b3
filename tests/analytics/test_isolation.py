"""analytics/ is pure signal code: it must not pull in the agent, API, database or LiveKit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FORBIDDEN = {"agent", "api", "db", "devstack", "livekit", "sqlalchemy", "asyncpg", "litestar", "httpx", "aiohttp"}


def test_analytics_imports_nothing_from_other_packages() -> None:
    code = (
        "import sys, json;"
        "import analytics, analytics.eye_contact, analytics.fluency, analytics.transcript_metrics, analytics.cli;"
        "from analytics.eye_contact import EyeContactAnalyzer; EyeContactAnalyzer().close();"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    loaded = set(json.loads(proc.stdout.strip().splitlines()[-1]))
    assert not (loaded & FORBIDDEN), loaded & FORBIDDEN


def test_fluency_does_not_load_mediapipe() -> None:
    code = "import sys, analytics.fluency, analytics.transcript_metrics; print('mediapipe' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert proc.stdout.strip() == "False"


def test_nlp_imports_nothing_of_ours_and_matches_the_vector_columns() -> None:
    code = (
        "import sys, json, nlp.embeddings;"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    loaded = set(json.loads(proc.stdout.strip().splitlines()[-1]))
    assert not (loaded & (FORBIDDEN | {"analytics", "mediapipe"})), loaded & (FORBIDDEN | {"analytics"})

    from db.models import EMBEDDING_DIM
    from nlp.embeddings import EMBEDDING_DIM as NLP_DIM

    assert NLP_DIM == EMBEDDING_DIM
