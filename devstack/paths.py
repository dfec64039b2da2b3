import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("INTERVIEWLY_DATA_DIR", REPO_ROOT / ".data")).resolve()
TOOLS_DIR = REPO_ROOT / ".tools"
LIVEKIT_CONFIG = REPO_ROOT / "livekit.yaml"
