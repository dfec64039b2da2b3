"""Eye contact, face presence and integrity signals from video frames.

``EyeContactAnalyzer`` runs MediaPipe's FaceLandmarker (Tasks API, VIDEO running mode) on RGB frames and
turns each frame into a ``FrameObservation``: head pose, where the eyes point and whether the lids are shut
(``analytics.gaze``), blinks under ~400 ms held at the state before (``analytics.blink``), centred on the
candidate's own calibration when there is one (``analytics.gaze_calibration``).  ``EyeContactAggregator``
(``analytics.eye_contact_summary``, pure Python) folds observations into an ``EyeContactSummary``.  Integrity
flags are signals for a human reviewer, never verdicts.

No emotion inference (EU AI Act Art. 5(1)(f)).  The landmarker's blendshape head computes its 52 scores in
one pass; of them only the four gaze directions eyeLookDown/eyeLookUp (left and right eye) are read, at once
reduced to two numbers, and the rest are dropped unread: nothing about expression, smiles or brows is read,
kept, logged or inferred.  Eye contact is a delivery signal with a confidence; it never gates anything.
"""

from __future__ import annotations

import atexit
import threading
import weakref
from dataclasses import replace
from typing import Any

import numpy as np

from analytics.blink import BlinkHold
from analytics.eye_contact_summary import (  # noqa: F401  (re-exported: where callers have always found them)
    MAX_FRAME_GAP_S,
    EyeContactAggregator,
    EyeContactSummary,
    FrameObservation,
)
from analytics.gaze import (
    EYE_A_CORNERS,
    EYE_A_LIDS,
    EYE_B_CORNERS,
    EYE_B_LIDS,
    IRIS_A_CENTER,
    IRIS_B_CENTER,
    EyeMeasures,
    GazeCalibration,
    HeadPose,
    decide_gaze,
    head_pose_from_matrix,
    iris_offset,
    lid_aperture,
)

# Landmarks needed per frame: eye corners, lids and iris centres for the gaze, four extreme points of the face
# oval to pick the largest (nearest) face when there are several.
_GAZE_INDICES = (
    *EYE_A_CORNERS, *EYE_B_CORNERS, IRIS_A_CENTER, IRIS_B_CENTER,
    *(i for pair in (*EYE_A_LIDS, *EYE_B_LIDS) for i in pair),
)  # fmt: skip
# The only blendshapes read (gaze directions); see the module docstring.
_LOOK_DOWN = ("eyeLookDownLeft", "eyeLookDownRight")
_LOOK_UP = ("eyeLookUpLeft", "eyeLookUpRight")
_OVAL_TOP, _OVAL_BOTTOM, _OVAL_LEFT, _OVAL_RIGHT = 10, 152, 234, 454
# Analyzers not closed by their owner are closed at exit, before interpreter teardown: MediaPipe's own
# finalizer fails noisily once its C bindings are gone.
_OPEN_ANALYZERS: weakref.WeakSet[EyeContactAnalyzer] = weakref.WeakSet()


@atexit.register
def _close_open_analyzers() -> None:
    for analyzer in list(_OPEN_ANALYZERS):
        analyzer.close()


def _eye_measures(result: Any, idx: int, points: np.ndarray) -> EyeMeasures | None:
    """Gaze blendshapes of face ``idx``, reduced at once to two numbers, and its lid opening."""
    blendshapes = getattr(result, "face_blendshapes", None)
    if not blendshapes or idx >= len(blendshapes):
        return None
    scores = {c.category_name: c.score for c in blendshapes[idx] if c.category_name in _LOOK_DOWN + _LOOK_UP}
    if len(scores) != len(_LOOK_DOWN + _LOOK_UP):
        return None
    return EyeMeasures(
        look_down=sum(scores[k] for k in _LOOK_DOWN) / len(_LOOK_DOWN),
        look_up=sum(scores[k] for k in _LOOK_UP) / len(_LOOK_UP),
        lid_aperture=lid_aperture(points),
    )



def observe(
    t: float,
    pose: HeadPose,
    iris: tuple[float, float] | None,
    eyes: EyeMeasures | None,
    calibration: GazeCalibration | None = None,
    *,
    num_faces: int = 1,
) -> FrameObservation:
    """One frame's observation from its measures (before the blink rule, which needs the frames around it)."""
    decision = decide_gaze(pose, iris, eyes, calibration)
    return FrameObservation(
        t=t,
        face_found=True,
        num_faces=num_faces,
        yaw_deg=pose.yaw_deg,
        pitch_deg=pose.pitch_deg,
        roll_deg=pose.roll_deg,
        iris_offset=iris,
        eye_contact=decision.eye_contact,
        confidence=decision.confidence,
        eye_pitch_deg=eyes.pitch_deg if eyes is not None else None,
        lid_aperture=eyes.lid_aperture if eyes is not None else None,
        gaze_state=decision.state,
    )


class EyeContactAnalyzer:
    """Per-frame eye contact with MediaPipe FaceLandmarker; thread-safe, one frame at a time."""

    def __init__(
        self,
        *,
        look_away_flag_s: float = 3.0,
        no_face_flag_s: float = 3.0,
        multiple_faces_flag_s: float = 1.0,
        max_faces: int = 1,
        face_count_interval_s: float = 1.0,
        aggregate: bool = True,
        calibration: GazeCalibration | None = None,
        min_detection_confidence: float = 0.5,
    ) -> None:
        # Imported here so that aggregation (and the whole package) stays importable without loading
        # MediaPipe's native library until a frame analyzer is actually built.
        import mediapipe as mp
        from mediapipe.tasks.python import vision
        from mediapipe.tasks.python.core.base_options import BaseOptions

        from analytics.face_model import face_detector_model, face_landmarker_path

        path = str(face_landmarker_path())
        options = vision.FaceLandmarkerOptions(
            base_options=BaseOptions(model_asset_path=path),
            running_mode=vision.RunningMode.VIDEO,
            # With one face the landmarker tracks it and skips its face detector (~2 ms) on most frames;
            # asking for two would run the detector on every frame. People in view are counted instead by
            # the bundle's face detector once every face_count_interval_s (0: on every frame).
            num_faces=max_faces,
            min_face_detection_confidence=min_detection_confidence,
            min_face_presence_confidence=0.5,
            min_tracking_confidence=0.5,
            output_face_blendshapes=True,  # for eyeLookDown/eyeLookUp only (no emotion inference)
            output_facial_transformation_matrixes=True,
        )
        self._landmarker = vision.FaceLandmarker.create_from_options(options)
        self._counter = vision.FaceDetector.create_from_options(vision.FaceDetectorOptions(
            base_options=BaseOptions(model_asset_buffer=face_detector_model()),
            running_mode=vision.RunningMode.IMAGE,
            min_detection_confidence=min_detection_confidence,
        ))
        self._count_interval = face_count_interval_s
        self._counted: tuple[float, int] | None = None  # (t, faces) of the latest count
        self._mp_image = mp.Image
        self._mp_srgb = mp.ImageFormat.SRGB
        self._lock = threading.Lock()
        self._last_ts_ms = -1
        self._calibration = calibration
        self._blinks = BlinkHold()
        flag_kwargs = {
            "look_away_flag_s": look_away_flag_s,
            "no_face_flag_s": no_face_flag_s,
            "multiple_faces_flag_s": multiple_faces_flag_s,
        }
        self._flag_kwargs = flag_kwargs
        # a live caller keeps its own aggregates (per question, rolling windows) and passes aggregate=False
        self._total = EyeContactAggregator(**flag_kwargs) if aggregate else None
        self._closed = False
        _OPEN_ANALYZERS.add(self)

    def process(self, rgb: np.ndarray, t: float) -> FrameObservation:
        """Analyze one HxWx3 uint8 RGB frame taken at monotonic time ``t`` seconds."""
        if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8:
            raise ValueError(f"expected an HxWx3 uint8 RGB frame, got {rgb.dtype} {rgb.shape}")
        height, width = rgb.shape[:2]
        with self._lock:
            if self._closed:
                raise RuntimeError("EyeContactAnalyzer is closed")
            # VIDEO mode demands strictly increasing integer milliseconds.
            ts_ms = max(round(t * 1000.0), self._last_ts_ms + 1)
            self._last_ts_ms = ts_ms
            image = self._mp_image(image_format=self._mp_srgb, data=np.ascontiguousarray(rgb))
            result = self._landmarker.detect_for_video(image, ts_ms)
            if self._counted is None or not 0 <= t - self._counted[0] < self._count_interval:
                self._counted = (t, len(self._counter.detect(image).detections))
            obs = self._observe(result, t, width, height, counted=self._counted[1])
            held = self._blinks.apply(t, obs.gaze_state, obs.eye_contact)
            if held != obs.eye_contact:
                obs = replace(obs, eye_contact=held)
            if self._total is not None:
                self._total.add(obs)
        return obs

    def _observe(self, result: Any, t: float, width: int, height: int, *, counted: int = 0) -> FrameObservation:
        faces = result.face_landmarks
        if not faces:
            return FrameObservation(t=t, face_found=False, num_faces=0)
        # the landmarks say whether the candidate's face is there now; the count may be up to an interval old
        num_faces = max(len(faces), counted)

        def area(landmarks: list[Any]) -> float:
            w = (landmarks[_OVAL_RIGHT].x - landmarks[_OVAL_LEFT].x) * width
            h = (landmarks[_OVAL_BOTTOM].y - landmarks[_OVAL_TOP].y) * height
            return abs(w * h)

        # The candidate is the largest (nearest) face; others only count towards num_faces.
        idx = max(range(len(faces)), key=lambda i: area(faces[i]))
        landmarks = faces[idx]
        # pixel units for x and y; MediaPipe's z is on the scale of x, so it is multiplied by the width too
        points = np.zeros((len(landmarks), 3))
        for i in _GAZE_INDICES:
            if i < len(landmarks):
                points[i] = (landmarks[i].x * width, landmarks[i].y * height, landmarks[i].z * width)
        iris = iris_offset(points)
        eyes = _eye_measures(result, idx, points)
        matrices = result.facial_transformation_matrixes
        if not matrices or idx >= len(matrices):
            return FrameObservation(t=t, face_found=True, num_faces=num_faces, iris_offset=iris)
        pose = head_pose_from_matrix(np.asarray(matrices[idx]))
        return observe(t, pose, iris, eyes, self._calibration, num_faces=num_faces)

    @property
    def calibration(self) -> GazeCalibration | None:
        return self._calibration

    def set_calibration(self, calibration: GazeCalibration | None) -> None:
        """Centre later frames on ``calibration`` (None: back to the default centre, the camera)."""
        with self._lock:
            self._calibration = calibration

    def summary(self) -> EyeContactSummary:
        """Aggregate over every frame processed so far (analyzers built with aggregate=True)."""
        if self._total is None:
            raise RuntimeError("this analyzer keeps no aggregate (aggregate=False)")
        with self._lock:
            return self._total.summary()

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._landmarker.close()
                self._counter.close()

    def __del__(self) -> None:
        if hasattr(self, "_closed"):
            self.close()

    def __enter__(self) -> EyeContactAnalyzer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
