"""Write dev/labels.json and test/labels.json from the fixed plan."""

import json
from pathlib import Path

from plan import PLAN

ROOT = Path(__file__).resolve().parent.parent

for half in ("dev", "test"):
    labels = {}
    for stem, h, job, style, seniority, fmt, _lean in PLAN:
        if h == half:
            labels[f"{stem}.{fmt}"] = {"job": job, "style": style, "seniority": seniority}
    (ROOT / half).mkdir(exist_ok=True)
    (ROOT / half / "labels.json").write_text(json.dumps(labels, indent=2) + "\n")
