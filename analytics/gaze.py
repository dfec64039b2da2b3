"""Head pose, eye measures and the gaze decision from FaceLandmarker outputs (pure numpy, no MediaPipe import).

Conventions (image as the camera sees it, not mirrored):
- yaw_deg > 0: the face turns towards the image's right (the candidate's left).
- pitch_deg > 0: the head tilts down (chin towards the chest).
- roll_deg > 0: the head tilts so that the face rotates clockwise in the image.
- iris offset (x, y): iris centre relative to the middle of the eye-corner line, in units of half the
  eye's corner-to-corner width; x > 0 towards the image's right, y > 0 downwards.
- eye pitch (degrees): eye-in-head rotation from the gaze blendshapes, > 0 when the eyes are lowered.
- lid aperture: gap between the upper and lower lid over the eye's corner-to-corner width, in 3D.

Gaze and lids only: of MediaPipe's blendshapes, the analyzer reads eyeLookDown/eyeLookUp (where the eyes point)
and nothing else; nothing about expression, smiles or brows is read, kept or inferred (no emotion inference).

Every threshold marked "dev half" was chosen on the development half of the real-face evaluation set
(tests/evalsets/faces/, split "dev") and never on its test half.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

# Face-mesh indices (canonical MediaPipe topology, 478 points with the iris refinement).
# "a" is the eye on the image's left (candidate's right eye), "b" the one on the image's right.
EYE_A_CORNERS = (33, 133)  # outer, inner
EYE_B_CORNERS = (362, 263)  # inner, outer
IRIS_A_CENTER = 468
IRIS_B_CENTER = 473
# Three upper/lower lid pairs across the middle of each eye: one pair alone is noisy on small faces.
EYE_A_LIDS = ((160, 144), (159, 145), (158, 153))
EYE_B_LIDS = ((385, 380), (386, 374), (387, 373))

# --- Thresholds of the decision --------------------------------------------------------------------
# MediaPipe reads a frontal face at camera height with a pitch of about +7..+9 degrees (+7.3 measured on
# skimage's astronaut, ~9 in the measurement): its canonical face model is tilted relative to a
# level gaze.  Pitch is therefore judged relative to this neutral reference, not to 0.
MODEL_NEUTRAL_PITCH_DEG = 8.0
# "Looking at the camera or the screen": on a 14-15" laptop at ~55 cm with the webcam on top, the screen
# spans about +-16 degrees horizontally and 0..18 degrees below the camera (atan(15.5/55),
# atan(17.5/55)).  MediaPipe's pose under-reads head turns: 3D mesh turns of 25/35/45 degrees of our
# test face read as 16-19/22-28/29-37 degrees (ratio ~0.75), so the screen cone on the model's scale is
# about 0.75 * 16 = 12 degrees sideways and 0.75 * 18 = 14 degrees down.
GAZE_YAW_LIMIT_DEG = 12.0
GAZE_DOWN_LIMIT_DEG = 14.0
# Above the centre only the head is judged, and generously: a camera below the eye line (a laptop on a desk)
# sees the face tilted back while the eyes look down into it, and real faces read up to 17.9 degrees above
# neutral that way on the dev half.  Lowered eyes cannot excuse more: eyeLookDown cannot tell them from a
# tilted-back face (our test face turned 20 degrees up as a mesh, its eyes fixed in the head, reads
# eyeLookDown 0.41 and 19.1-20.7 degrees above neutral).  18.5 is midway; a calibration moves the centre to
# where the candidate's screen really is.
GAZE_UP_LIMIT_DEG = 18.5
# Eye-in-head rotation from the iris offset: the iris centre sits on the eyeball (radius ~12 mm) and
# moves by r*sin(angle); the palpebral fissure is ~30 mm wide (half-width ~15 mm), so
# offset = (12/15) * sin(angle) = 0.8 * sin(angle).  Used sideways only: vertically the iris landmark
# barely moves (the lids move with it), so the eyes' pitch comes from the blendshapes below.
IRIS_OFFSET_AT_90_DEG = 0.8
# Where the iris sits, relative to the eye-corner line, when the eyes look straight ahead: the pupil
# is ~1 mm above the line joining the inner and outer canthus (the outer one sits higher), i.e.
# -0.08 half-widths; MediaPipe reads -0.077 on the frontal astronaut photo.  Horizontally it is centred.
NEUTRAL_IRIS_OFFSET = (0.0, -0.08)
# Eye pitch from the gaze blendshapes (dev half): real faces looking into the lens with the head tilted back
# lower their eyes to eyeLookDown ~0.5-0.6 for 17-18 degrees of head pitch, and people looking down at their
# hands read 0.4-0.7 with the head level or lowered; 40 degrees per unit of eyeLookDown puts every dev "down"
# face at least 5 degrees below the cone and every dev "camera" face inside it.  Raised eyes that answer a
# lowered head (a camera above the face) read eyeLookUp 0.25-0.36 for 11-18 degrees of head pitch: 25 degrees
# per unit.  Less than that for eyeLookDown because a face turned down as a mesh, eyes fixed, already reads
# eyeLookUp ~0.3: more weight would cancel a real head-down look.
EYE_LOOK_DOWN_DEG = 40.0
EYE_LOOK_UP_DEG = 25.0
# Lids (3D gap over eye width, mean of both eyes; dev half): open eyes looking at the camera read
# 0.18-0.38 (median 0.29), eyes looking down 0.095-0.19, closed eyes 0.06-0.073.
TYPICAL_LID_APERTURE = 0.29
CLOSED_LID_APERTURE = 0.085
# "Lowered lids with irises low mean looking down", whatever the head pitch says: lids under this aperture
# with eyeLookDown above LOWERED_LIDS_LOOK_DOWN.  No dev camera face comes within 0.03 of the aperture with
# its eyes lowered that far (the closest, a broad smile, reads 0.18 and 0.49).
LOWERED_LID_APERTURE = 0.15
LOWERED_LIDS_LOOK_DOWN = 0.5
# Confidence rises from 0.5 at the cone's boundary to 1.0 this many degrees away from it: about three
# times the frame-to-frame jitter of the pose estimate.  The lid thresholds use the aperture equivalent.
CONFIDENCE_SPAN_DEG = 5.0
CONFIDENCE_SPAN_APERTURE = 0.03

CONTACT, DOWN, AWAY, CLOSED = "contact", "down", "away", "closed"


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


def lid_aperture(points: np.ndarray) -> float | None:
    """Mean lid gap over eye width of both eyes, from N x 3 landmarks in pixel-like units (x, y, z).

    In 3D rather than in the image: a lowered or raised head foreshortens the gap on screen, not on the mesh.
    """
    if points.ndim != 2 or points.shape[1] < 3 or points.shape[0] < 388:
        return None
    ratios = []
    for corners, lids in ((EYE_A_CORNERS, EYE_A_LIDS), (EYE_B_CORNERS, EYE_B_LIDS)):
        width = float(np.linalg.norm(points[corners[0]] - points[corners[1]]))
        if width <= 1e-6:
            continue
        gap = sum(float(np.linalg.norm(points[up] - points[lo])) for up, lo in lids) / len(lids)
        ratios.append(gap / width)
    return sum(ratios) / len(ratios) if ratios else None


def eye_pitch_deg(look_down: float, look_up: float) -> float:
    """Eye-in-head pitch (degrees, > 0 lowered) from the mean eyeLookDown / eyeLookUp of both eyes."""
    return EYE_LOOK_DOWN_DEG * look_down - EYE_LOOK_UP_DEG * look_up


def eye_rotation_deg(offset: float) -> float:
    """Eye-in-head rotation (degrees) implied by a normalised iris offset."""
    return math.degrees(math.asin(max(-1.0, min(1.0, offset / IRIS_OFFSET_AT_90_DEG))))


@dataclass(frozen=True)
class EyeMeasures:
    """Gaze and lid measures of one frame (the only blendshapes the analyzer reads, already reduced)."""

    look_down: float  # mean eyeLookDown of both eyes, 0..1
    look_up: float  # mean eyeLookUp of both eyes, 0..1
    lid_aperture: float | None = None

    @property
    def pitch_deg(self) -> float:
        return eye_pitch_deg(self.look_down, self.look_up)


# Bounds a calibration must respect (its JSON may come from a browser): beyond them the candidate was not
# looking at a screen in front of the camera, or the numbers are not ours.
CALIBRATION_BOUNDS: dict[str, tuple[float, float]] = {
    "yaw_deg": (-35.0, 35.0),
    "head_pitch_deg": (MODEL_NEUTRAL_PITCH_DEG - 30.0, MODEL_NEUTRAL_PITCH_DEG + 35.0),
    "eye_pitch_deg": (-25.0, 40.0),
    "iris_x": (-0.5, 0.5),
    "lid_aperture": (0.18, 0.40),
}
CALIBRATION_VERSION = 1


@dataclass(frozen=True)
class GazeCalibration:
    """One candidate's "on screen" centre: head pose and eye measures while looking at the interviewer tile.

    Measured by ``analytics.gaze_calibration.calibrate`` from ~3 s of observations; ``as_dict`` / ``from_dict``
    is its small JSON form.  Without one, ``DEFAULT_CENTRE`` holds: the camera, at MediaPipe's neutral pitch.
    A calibration moves the centre of the cone; its size stays the same.
    """

    yaw_deg: float = 0.0
    head_pitch_deg: float = MODEL_NEUTRAL_PITCH_DEG
    eye_pitch_deg: float = 0.0
    iris_x: float = NEUTRAL_IRIS_OFFSET[0]
    lid_aperture: float = TYPICAL_LID_APERTURE
    frames: int = 0  # observations it was measured on (0: the default centre)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"version": CALIBRATION_VERSION}
        out.update({k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(self).items()})
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GazeCalibration:
        """Validate and load ``as_dict``'s form; ValueError on anything else (wrong version, missing or odd values)."""
        if not isinstance(data, dict) or data.get("version") != CALIBRATION_VERSION:
            raise ValueError(f"not a version {CALIBRATION_VERSION} gaze calibration: {data!r}")
        values: dict[str, float] = {}
        for key, (low, high) in CALIBRATION_BOUNDS.items():
            value = data.get(key)
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise ValueError(f"gaze calibration: {key} must be a finite number, got {value!r}")
            if not low <= value <= high:
                raise ValueError(f"gaze calibration: {key}={value} is outside [{low}, {high}]")
            values[key] = float(value)
        frames = data.get("frames")
        if isinstance(frames, bool) or not isinstance(frames, int) or frames < 1:
            raise ValueError(f"gaze calibration: frames must be a positive integer, got {frames!r}")
        return cls(**values, frames=frames)


DEFAULT_CENTRE = GazeCalibration()


@dataclass(frozen=True)
class GazeDecision:
    eye_contact: bool
    confidence: float
    gaze_yaw_deg: float  # relative to the centre (the calibration, or the camera by default)
    gaze_pitch_deg: float
    state: str = CONTACT  # contact, down, away (sideways or up) or closed


def _confidence(margin: float, span: float) -> float:
    return min(1.0, 0.5 + abs(margin) / (2.0 * span))


def decide_gaze(
    pose: HeadPose,
    iris: tuple[float, float] | None,
    eyes: EyeMeasures | None = None,
    calibration: GazeCalibration | None = None,
) -> GazeDecision:
    """Where the eyes point (head pose plus eye-in-head rotation) and whether the lids are shut or lowered.

    In order: closed lids; looking down (head and eyes together below the cone, or lowered lids with the eyes
    low); looking sideways (head and eyes together); a raised head; otherwise contact.  The centre is the
    candidate's calibration when there is one, else the camera with MediaPipe's neutral pitch.
    """
    centre = calibration or DEFAULT_CENTRE
    eye_pitch = eyes.pitch_deg if eyes is not None else centre.eye_pitch_deg
    head_pitch = pose.pitch_deg - centre.head_pitch_deg
    gaze_pitch = head_pitch + eye_pitch - centre.eye_pitch_deg
    gaze_yaw = pose.yaw_deg - centre.yaw_deg
    if iris is not None:
        gaze_yaw += eye_rotation_deg(iris[0]) - eye_rotation_deg(centre.iris_x)
    # A candidate whose lids are naturally narrower (or wider) than most is judged against their own opening.
    lid_scale = centre.lid_aperture / TYPICAL_LID_APERTURE
    aperture = eyes.lid_aperture if eyes is not None else None

    def decided(state: str, margin: float, span: float = CONFIDENCE_SPAN_DEG) -> GazeDecision:
        return GazeDecision(state == CONTACT, _confidence(margin, span), gaze_yaw, gaze_pitch, state)

    if aperture is not None and aperture < CLOSED_LID_APERTURE * lid_scale:
        return decided(CLOSED, CLOSED_LID_APERTURE * lid_scale - aperture, CONFIDENCE_SPAN_APERTURE)
    lowered = (
        aperture is not None
        and eyes is not None
        and aperture < LOWERED_LID_APERTURE * lid_scale
        and eyes.look_down > LOWERED_LIDS_LOOK_DOWN
    )
    if gaze_pitch > GAZE_DOWN_LIMIT_DEG or lowered:
        return decided(DOWN, max(gaze_pitch - GAZE_DOWN_LIMIT_DEG, 0.0))
    if abs(gaze_yaw) > GAZE_YAW_LIMIT_DEG:
        return decided(AWAY, abs(gaze_yaw) - GAZE_YAW_LIMIT_DEG)
    if head_pitch < -GAZE_UP_LIMIT_DEG:
        return decided(AWAY, -GAZE_UP_LIMIT_DEG - head_pitch)
    # Inside: as sure as the nearest edge is far (degrees, and the lids' edge in its own units).
    confidence = _confidence(
        min(GAZE_YAW_LIMIT_DEG - abs(gaze_yaw), GAZE_DOWN_LIMIT_DEG - gaze_pitch, GAZE_UP_LIMIT_DEG + head_pitch),
        CONFIDENCE_SPAN_DEG,
    )
    if aperture is not None:
        confidence = min(confidence, _confidence(aperture - CLOSED_LID_APERTURE * lid_scale, CONFIDENCE_SPAN_APERTURE))
    return GazeDecision(True, confidence, gaze_yaw, gaze_pitch, CONTACT)


def decide_eye_contact(
    pose: HeadPose,
    iris: tuple[float, float] | None,
    eyes: EyeMeasures | None = None,
    calibration: GazeCalibration | None = None,
) -> GazeDecision:
    """The gaze decision; kept under its first name for callers that only want ``eye_contact``."""
    return decide_gaze(pose, iris, eyes, calibration)
