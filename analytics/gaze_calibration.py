"""Per-candidate calibration: the head pose and eye measures while the candidate looks at the interviewer tile.

Webcams sit above, below or beside the screen, so "looking at the interviewer" is not "looking into the lens".
The join page asks the candidate to look at the interviewer tile for about 3 s; the observations of those
frames (from ``EyeContactAnalyzer.process``) go to ``calibrate``, and the result becomes that candidate's
centre: ``EyeContactAnalyzer(calibration=...)`` or ``analyzer.set_calibration(...)``.  Without one, the
default centre (the camera) holds.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from typing import Protocol

from analytics.gaze import (
    CALIBRATION_BOUNDS,
    CLOSED,
    GazeCalibration,
    eye_rotation_deg,
)

# 3 s at the agent's 5 frames a second is 15 frames; a few may be blinks or lost to a busy machine.
MIN_FRAMES = 8
# Share of the window's frames that must show one open-eyed face: otherwise the candidate left, turned
# away or someone else was measured.
MIN_USABLE_SHARE = 0.6
# Looking at one tile, gaze wanders by a few degrees (and the pose estimate jitters by 1-2); a spread wider than
# this (interquartile range of the combined head and eye direction) means the candidate looked around.
MAX_SPREAD_DEG = 8.0


class CalibrationError(ValueError):
    """The observations do not make a calibration; the message says why, in words a candidate can act on."""


class _Observation(Protocol):
    face_found: bool
    yaw_deg: float | None
    pitch_deg: float | None
    iris_offset: tuple[float, float] | None
    eye_pitch_deg: float | None
    lid_aperture: float | None
    gaze_state: str | None


def _iqr(values: list[float]) -> float:
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[2] - q[0]


def calibrate(observations: Iterable[_Observation]) -> GazeCalibration:
    """The candidate's centre from the frames of the calibration window (median of each measure).

    Raises CalibrationError when too few frames show an open-eyed face, when the gaze moved around, or when
    the centre is implausibly far from the camera (the candidate was not looking at the screen).
    """
    seen = list(observations)
    usable = [  # the None checks here are why the lists below may drop their Optional
        o
        for o in seen
        if o.face_found
        and o.yaw_deg is not None
        and o.pitch_deg is not None
        and o.iris_offset is not None
        and o.eye_pitch_deg is not None
        and o.lid_aperture is not None
        and o.gaze_state != CLOSED
    ]
    if len(usable) < MIN_FRAMES or len(usable) < MIN_USABLE_SHARE * len(seen):
        raise CalibrationError(
            f"only {len(usable)} of {len(seen)} frames showed your face with open eyes: "
            "look at the interviewer tile, with your face in view, and try again"
        )
    yaw = [float(o.yaw_deg) for o in usable]  # type: ignore[arg-type]
    pitch = [float(o.pitch_deg) for o in usable]  # type: ignore[arg-type]
    eye_pitch = [float(o.eye_pitch_deg) for o in usable]  # type: ignore[arg-type]
    iris_x = [o.iris_offset[0] for o in usable]  # type: ignore[index]
    lids = [float(o.lid_aperture) for o in usable]  # type: ignore[arg-type]
    gaze_yaw = [y + eye_rotation_deg(x) for y, x in zip(yaw, iris_x, strict=True)]
    gaze_pitch = [p + e for p, e in zip(pitch, eye_pitch, strict=True)]
    spread = max(_iqr(gaze_yaw), _iqr(gaze_pitch))
    if spread > MAX_SPREAD_DEG:
        raise CalibrationError(
            f"your gaze moved by about {spread:.0f} degrees: keep looking at the interviewer tile and try again"
        )
    centre = {
        "yaw_deg": statistics.median(yaw),
        "head_pitch_deg": statistics.median(pitch),
        "eye_pitch_deg": statistics.median(eye_pitch),
        "iris_x": statistics.median(iris_x),
        "lid_aperture": statistics.median(lids),
    }
    for key in ("yaw_deg", "head_pitch_deg", "eye_pitch_deg", "iris_x"):
        low, high = CALIBRATION_BOUNDS[key]
        if not low <= centre[key] <= high:
            raise CalibrationError(
                "the interviewer tile seems far from your camera: move the window next to the camera, "
                "look at the tile and try again"
            )
    # Lids are clamped rather than refused, so that squinting through the calibration cannot make open eyes read
    # as closed later (nor wide-eyed staring make every blink-free frame look half-closed).
    low, high = CALIBRATION_BOUNDS["lid_aperture"]
    centre["lid_aperture"] = min(high, max(low, centre["lid_aperture"]))
    return GazeCalibration(**centre, frames=len(usable))

