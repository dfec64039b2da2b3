"""The no-emotion rule: of MediaPipe's 52 blendshapes, analytics reads gaze and lid scores only."""

from __future__ import annotations

import re
from pathlib import Path

from analytics.eye_contact import _LOOK_DOWN, _LOOK_UP

ANALYTICS = Path(__file__).resolve().parents[2] / "analytics"
# Blendshape name stems that describe expression rather than where the eyes point (ARKit naming).
EXPRESSION = re.compile(r"\b(brow|cheek|jaw|mouth|nose|tongue|eyeSquint|eyeWide)\w*", re.IGNORECASE)


def test_only_gaze_blendshapes_are_named() -> None:
    assert set(_LOOK_DOWN + _LOOK_UP) == {"eyeLookDownLeft", "eyeLookDownRight", "eyeLookUpLeft", "eyeLookUpRight"}
    for path in ANALYTICS.glob("*.py"):
        names = {m.group(0) for m in re.finditer(r'"(\w+)"', path.read_text()) if EXPRESSION.fullmatch(m.group(1))}
        assert not names, f"{path.name} names expression blendshapes: {names}"
