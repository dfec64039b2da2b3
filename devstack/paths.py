from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / ".data"
TOOLS_DIR = REPO_ROOT / ".tools"
LIVEKIT_CONFIG = REPO_ROOT / "livekit.yaml"
