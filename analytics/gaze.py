"""Head pose and gaze geometry from FaceLandmarker outputs (pure numpy, no MediaPipe import).

Conventions (image as the camera sees it, not mirrored):
- yaw_deg > 0: the face turns towards the image's right (the candidate's left).
- pitch_deg > 0: the head tilts down (chin towards the chest).
- roll_deg > 0: the head tilts so that the face rotates clockwise in the image.
- iris offset (x, y): iris centre relative to the middle of the eye-corner line, in units of half the
  eye's corner-to-corner width; x > 0 towards the image's right, y > 0 downwards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# Face-mesh indices (canonical MediaPipe topology, 478 points with the iris refinement).
# "a" is the eye on the image's left (candidate's right eye), "b" the one on the image's right.
EYE_A_CORNERS = (33, 133)  # outer, inner
EYE_B_CORNERS = (362, 263)  # inner, outer
IRIS_A_CENTER = 468
IRIS_B_CENTER = 473

# --- Thresholds of the eye-contact decision --------------------------------------------------------
# MediaPipe reads a frontal face at camera height with a pitch of about +7..+9 degrees (+7.3 measured on
# skimage's astronaut, ~9 in the measurement): its canonical face model is tilted relative to a
# level gaze.  Pitch is therefore judged relative to this neutral reference, not to 0.
MODEL_NEUTRAL_PITCH_DEG = 8.0
# "Looking at the camera or the screen": on a 14-15" laptop at ~55 cm with the webcam on top, the screen
# spans about +-16 degrees horizontally and 0..18 degrees below the camera (atan(15.5/55),
# atan(17.5/55)).  MediaPipe's pose under-reads head turns: 3D mesh turns of 25/35/45 degrees of our
# test face read as 16-19/22-28/29-37 degrees (ratio ~0.75), so the screen cone on the model's scale is
# about 0.75 * 16 = 12 degrees sideways and 0.75 * 18 = 14 degrees down.  Above the camera, a few
# degrees of tolerance covers jitter (frame-to-frame pose noise is ~1-2 degrees).
GAZE_YAW_LIMIT_DEG = 12.0
GAZE_DOWN_LIMIT_DEG = 14.0
GAZE_UP_LIMIT_DEG = 8.0
# Eye-in-head rotation from the iris offset: the iris centre sits on the eyeball (radius ~12 mm) and
# moves by r*sin(angle); the palpebral fissure is ~30 mm wide (half-width ~15 mm), so
# offset = (12/15) * sin(angle) = 0.8 * sin(angle).
IRIS_OFFSET_AT_90_DEG = 0.8
# Where the iris sits, relative to the eye-corner line, when the eyes look straight ahead: the pupil
# is ~1 mm above the line joining the inner and outer canthus (the outer one sits higher), i.e.
# -0.08 half-widths; MediaPipe reads -0.077 on the frontal astronaut photo.  Horizontally it is centred.
NEUTRAL_IRIS_OFFSET = (0.0, -0.08)
# Confidence rises from 0.5 at the cone's boundary to 1.0 this many degrees away from it: about three
# times the frame-to-frame jitter of the pose estimate.
CONFIDENCE_SPAN_DEG = 5.0


@dataclass(frozen=True)
class HeadPose:
    yaw_deg: float
    pitch_deg: float
    roll_deg: float


def head_pose_from_matrix(matrix: np.ndarray) -> HeadPose:
    """Euler angles from FaceLandmarker's 4x4 facial transformation matrix (canonical face -> camera)."""
    rot = np.asarray(matrix, dtype=np.float64)[:3, :3]
    # The matrix may carry a uniform scale (face size vs the canonical model): normalise it away.
    scale = np.linalg.norm(rot[:, 0])
    if scale > 0:
        rot = rot / scale
    pitch = math.degrees(math.atan2(rot[2, 1], rot[2, 2]))
    yaw = math.degrees(math.asin(max(-1.0, min(1.0, -rot[2, 0]))))
    roll = math.degrees(math.atan2(rot[1, 0], rot[0, 0]))
    return HeadPose(yaw_deg=yaw, pitch_deg=pitch, roll_deg=roll)


def _eye_offset(points: np.ndarray, corners: tuple[int, int], iris: int) -> tuple[float, float] | None:
    c0, c1 = points[corners[0], :2], points[corners[1], :2]
    axis = c1 - c0
    width = float(np.hypot(axis[0], axis[1]))
    if width <= 1e-6:
        return None
    ux = axis / width
    if ux[0] < 0:  # keep x pointing to the image's right whatever the corner order
        ux = -ux
    uy = np.array([-ux[1], ux[0]])  # image y points down, so this is "down" for a level eye
    rel = points[iris, :2] - (c0 + c1) / 2.0
    half = width / 2.0
    return float(rel @ ux) / half, float(rel @ uy) / half


def iris_offset(points: np.ndarray) -> tuple[float, float] | None:
    """Mean iris offset of both eyes from landmark pixel coordinates (N x >=2 array, N >= 478)."""
    if points.shape[0] <= max(IRIS_A_CENTER, IRIS_B_CENTER):
        return None
    offsets = [
        o
        for o in (
            _eye_offset(points, EYE_A_CORNERS, IRIS_A_CENTER),
            _eye_offset(points, EYE_B_CORNERS, IRIS_B_CENTER),
        )
        if o is not None
    ]
    if not offsets:
        return None
    return (
        sum(o[0] for o in offsets) / len(offsets),
        sum(o[1] for o in offsets) / len(offsets),
    )


def eye_rotation_deg(offset: float) -> float:
    """Eye-in-head rotation (degrees) implied by a normalised iris offset."""
    return math.degrees(math.asin(max(-1.0, min(1.0, offset / IRIS_OFFSET_AT_90_DEG))))


@dataclass(frozen=True)
class GazeDecision:
    eye_contact: bool
    confidence: float
    gaze_yaw_deg: float
    gaze_pitch_deg: float


def decide_eye_contact(
    pose: HeadPose,
    iris: tuple[float, float] | None,
    *,
    neutral_yaw_deg: float = 0.0,
    neutral_pitch_deg: float = MODEL_NEUTRAL_PITCH_DEG,
    neutral_iris: tuple[float, float] = NEUTRAL_IRIS_OFFSET,
    yaw_limit_deg: float = GAZE_YAW_LIMIT_DEG,
    down_limit_deg: float = GAZE_DOWN_LIMIT_DEG,
    up_limit_deg: float = GAZE_UP_LIMIT_DEG,
) -> GazeDecision:
    """Combine head pose and eye-in-head rotation into a gaze direction and test it against the cone.

    Both count: a frontal head with the eyes turned to the side, or a turned head, both leave the cone.
    """
    gaze_yaw = pose.yaw_deg - neutral_yaw_deg
    gaze_pitch = pose.pitch_deg - neutral_pitch_deg
    if iris is not None:
        gaze_yaw += eye_rotation_deg(iris[0] - neutral_iris[0])
        gaze_pitch += eye_rotation_deg(iris[1] - neutral_iris[1])
    # Signed distance (degrees) to the nearest edge of the cone: positive inside, negative outside.
    margin = min(
        yaw_limit_deg - abs(gaze_yaw),
        down_limit_deg - gaze_pitch,
        up_limit_deg + gaze_pitch,
    )
    confidence = min(1.0, 0.5 + abs(margin) / (2.0 * CONFIDENCE_SPAN_DEG))
    return GazeDecision(
        eye_contact=margin >= 0.0,
        confidence=confidence,
        gaze_yaw_deg=gaze_yaw,
        gaze_pitch_deg=gaze_pitch,
    )
