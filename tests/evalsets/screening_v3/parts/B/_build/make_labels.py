"""Write dev/labels.json and test/labels.json from plan.json (labels fixed before the texts)."""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
PART = HERE.parent


def main():
    plan = json.loads((HERE / "plan.json").read_text())
    for half in ("dev", "test"):
        labels = {
            name: {"job": job, "style": style, "seniority": sen}
            for h, name, job, style, sen in plan
            if h == half
        }
        out = PART / half / "labels.json"
        out.write_text(json.dumps(labels, indent=2) + "\n")
        print(half, len(labels))


if __name__ == "__main__":
    main()
