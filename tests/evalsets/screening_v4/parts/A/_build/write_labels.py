"""Write dev/labels.json and test/labels.json from design.py."""

import json
from pathlib import Path

from design import DESIGN

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    for half in ("dev", "test"):
        labels = {}
        for stem, fmt, h, job, style, seniority, _lean in DESIGN:
            if h == half:
                labels[f"{stem}.{fmt}"] = {"job": job, "style": style, "seniority": seniority}
        (ROOT / half).mkdir(exist_ok=True)
        (ROOT / half / "labels.json").write_text(json.dumps(labels, indent=2) + "\n")


if __name__ == "__main__":
    main()
