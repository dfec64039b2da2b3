"""Per-class agreement of the eye-contact analyzer with the hand-labelled real-face set (issue 25).

    .venv/bin/python bench/bench_face_evalset.py [--split dev|test|both] [--list]

Run scripts/fetch_face_evalset.sh first (make bench does).  Thresholds are tuned on the dev half only; the
test half is reported, never tuned on.  "eye contact agrees": camera images read as eye contact, the others as
none; "gaze state agrees": the analyzer's reason matches the label too (down, away for sideways, closed).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> None:
    from analytics.eye_contact import EyeContactAnalyzer
    from tests.face_evalset import agreement, labels, missing_images, read_all, table

    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    parser.add_argument("--list", action="store_true", help="one line per image")
    args = parser.parse_args()
    reason = missing_images()
    if reason:
        raise SystemExit(reason)
    for split in ("dev", "test") if args.split == "both" else (args.split,):
        t0 = time.perf_counter()
        readings = read_all(labels(split), EyeContactAnalyzer)
        print(table(split, agreement(readings)))
        print(f"({len(readings)} images in {time.perf_counter() - t0:.1f} s)")
        for r in readings:
            if args.list or r.eye_contact != (r.label == "camera"):
                o = r.observation
                mark = "ok " if r.eye_contact == (r.label == "camera") else "MISS"
                detail = (
                    f"head yaw {o.yaw_deg:6.1f} pitch {o.pitch_deg:6.1f}, eye pitch {o.eye_pitch_deg:5.1f}, "
                    f"lids {o.lid_aperture:.3f}, confidence {o.confidence:.2f}"
                    if o.yaw_deg is not None and o.eye_pitch_deg is not None and o.lid_aperture is not None
                    else "no face found" if not o.face_found else ""
                )
                print(f"  {mark} {r.file[len('images/'):]:28s} labelled {r.label:8s} read {r.state:8s} {detail}")


if __name__ == "__main__":
    main()
