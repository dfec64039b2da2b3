"""The real-face evaluation set (tests/evalsets/faces/): labels, images and per-class agreement.

The images are rebuilt from registry packages by scripts/fetch_face_evalset.sh into .data/evalsets/faces/.
Every image is shown to a fresh analyzer as a short still "video" (a few frames at 5 fps, so the landmarker
settles into tracking as it does on a webcam) and the last frame's reading is compared with the label.

Two agreements are reported per class: the eye-contact decision the product uses (``camera`` must read as
eye contact, every other class as no eye contact), and the gaze state (contact / down / away / closed), the
stricter one, which also needs to say why there is no eye contact.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "tests" / "evalsets" / "faces" / "labels.json"
IMAGES = REPO / ".data" / "evalsets" / "faces"
CLASSES = ("camera", "down", "sideways", "closed")
# The analyzer's gaze state that agrees with each label ("sideways" covers left, right and up).
STATE_OF_CLASS = {"camera": "contact", "down": "down", "sideways": "away", "closed": "closed"}
FRAMES_PER_IMAGE = 3
FPS = 5.0


def labels(split: str | None = None) -> list[dict[str, Any]]:
    records = json.loads(LABELS.read_text())
    return [r for r in records if split is None or r["split"] == split]


def missing_images() -> str | None:
    """Why the images are not there (None when every labelled image is)."""
    absent = [r["file"] for r in labels() if not (IMAGES / r["file"]).is_file()]
    if absent:
        return (
            f"{len(absent)} of the real-face images are missing from {IMAGES} "
            "(run `bash scripts/fetch_face_evalset.sh`, which scripts/test.sh runs)"
        )
    return None


def read_rgb(record: dict[str, Any]) -> np.ndarray:
    from PIL import Image

    with Image.open(IMAGES / record["file"]) as img:
        return np.asarray(img.convert("RGB"))


@dataclass(frozen=True)
class Reading:
    file: str
    label: str
    eye_contact: bool
    state: str
    observation: Any


def state_of(obs: Any) -> str:
    state = getattr(obs, "gaze_state", None)
    if state is not None:
        return state
    if not obs.face_found:
        return "no_face"
    return "contact" if obs.eye_contact else "away"


def read_all(records: Iterable[dict[str, Any]], make_analyzer: Callable[[], Any]) -> list[Reading]:
    readings = []
    for record in records:
        rgb = read_rgb(record)
        with make_analyzer() as analyzer:
            obs = [analyzer.process(rgb, i / FPS) for i in range(FRAMES_PER_IMAGE)][-1]
        readings.append(Reading(record["file"], record["class"], obs.eye_contact, state_of(obs), obs))
    return readings


@dataclass(frozen=True)
class ClassAgreement:
    label: str
    n: int
    eye_contact_agree: int
    state_agree: int

    @property
    def eye_contact_rate(self) -> float:
        return self.eye_contact_agree / self.n if self.n else float("nan")

    @property
    def state_rate(self) -> float:
        return self.state_agree / self.n if self.n else float("nan")


def agreement(readings: Sequence[Reading]) -> dict[str, ClassAgreement]:
    out = {}
    for label in CLASSES:
        mine = [r for r in readings if r.label == label]
        out[label] = ClassAgreement(
            label=label,
            n=len(mine),
            eye_contact_agree=sum(r.eye_contact == (label == "camera") for r in mine),
            state_agree=sum(r.state == STATE_OF_CLASS[label] for r in mine),
        )
    return out


def table(split: str, result: dict[str, ClassAgreement]) -> str:
    lines = [
        f"{split}: class     images  eye contact agrees    gaze state agrees",
    ]
    for a in result.values():
        lines.append(
            f"{'':{len(split)}}  {a.label:9s} {a.n:6d}  {a.eye_contact_agree:3d} ({a.eye_contact_rate:6.1%})"
            f"        {a.state_agree:3d} ({a.state_rate:6.1%})"
        )
    total = sum(a.n for a in result.values())
    ec = sum(a.eye_contact_agree for a in result.values())
    st = sum(a.state_agree for a in result.values())
    pad = " " * len(split)
    lines.append(f"{pad}  {'all':9s} {total:6d}  {ec:3d} ({ec / total:6.1%})        {st:3d} ({st / total:6.1%})")
    return "\n".join(lines)
