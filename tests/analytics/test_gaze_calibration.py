"""Per-candidate calibration: the candidate's own "on screen" centre, measured while they look at the tile."""

from __future__ import annotations

import json

import numpy as np
import pytest

from analytics.eye_contact import EyeContactAnalyzer, FrameObservation, observe
from analytics.gaze import (
    CONTACT,
    DOWN,
    MODEL_NEUTRAL_PITCH_DEG,
    EyeMeasures,
    GazeCalibration,
    HeadPose,
)
from analytics.gaze_calibration import MIN_FRAMES, CalibrationError, calibrate
from tests.faces import jittered, turned_face_rgb

FPS = 5.0
Frame = tuple[float, HeadPose, tuple[float, float], EyeMeasures]


def _slightly_below(n: int, seed: int, t0: float = 0.0) -> list[Frame]:
    """Frames of a candidate looking at a tile below the camera: head lowered ~12 degrees, eyes lowered a little
    more (a tall monitor with the camera on top), with the pose estimate's frame-to-frame jitter."""
    rng = np.random.default_rng(seed)
    frames = []
    for i in range(n):
        pose = HeadPose(3.0 + rng.normal(0, 1.0), MODEL_NEUTRAL_PITCH_DEG + 12.0 + rng.normal(0, 1.0), rng.normal(0, 1))
        eyes = EyeMeasures(look_down=0.22 + rng.normal(0, 0.02), look_up=0.02, lid_aperture=0.24 + rng.normal(0, 0.01))
        frames.append((t0 + i / FPS, pose, (0.03 + rng.normal(0, 0.01), -0.1), eyes))
    return frames


def test_looking_slightly_below_the_camera_is_contact_with_a_matching_calibration_and_down_without() -> None:
    tile = calibrate(observe(t, pose, iris, eyes) for t, pose, iris, eyes in _slightly_below(15, seed=1))
    assert tile.frames == 15
    clip = _slightly_below(25, seed=2, t0=10.0)  # the same look, later in the interview
    without = [observe(t, pose, iris, eyes) for t, pose, iris, eyes in clip]
    calibrated = [observe(t, pose, iris, eyes, tile) for t, pose, iris, eyes in clip]
    assert all(o.gaze_state == DOWN and not o.eye_contact for o in without)
    assert all(o.gaze_state == CONTACT and o.eye_contact for o in calibrated)
    # ...and it still reads as looking down when the candidate looks at the keyboard, well below the tile
    pose, iris, eyes = clip[0][1], clip[0][2], EyeMeasures(look_down=0.75, look_up=0.0, lid_aperture=0.12)
    assert observe(20.0, pose, iris, eyes, tile).gaze_state == DOWN


def test_the_same_clip_through_the_analyzer() -> None:
    """Real frames of the test face turned down as a mesh: down by default, contact once calibrated on it."""
    frames = jittered(turned_face_rgb(0.0, 30.0), 25, seed=21)
    with EyeContactAnalyzer() as analyzer:
        seen = [analyzer.process(frame, i / FPS) for i, frame in enumerate(frames)]
    assert all(o.gaze_state == DOWN for o in seen)
    tile = calibrate(seen[:15])
    with EyeContactAnalyzer(calibration=tile) as analyzer:
        calibrated = [analyzer.process(frame, i / FPS) for i, frame in enumerate(frames)]
    assert analyzer.calibration is tile
    assert all(o.eye_contact and o.gaze_state == CONTACT for o in calibrated[15:])
    with EyeContactAnalyzer() as analyzer:  # the agent learns the calibration after the analyzer is loaded
        analyzer.process(frames[0], 0.0)
        analyzer.set_calibration(tile)
        assert analyzer.process(frames[20], 0.2).eye_contact
        analyzer.set_calibration(None)
        assert not analyzer.process(frames[21], 0.4).eye_contact


def test_calibration_travels_as_a_small_json_dict() -> None:
    tile = calibrate(observe(t, pose, iris, eyes) for t, pose, iris, eyes in _slightly_below(15, seed=3))
    text = json.dumps(tile.as_dict())
    assert len(text) < 200
    assert GazeCalibration.from_dict(json.loads(text)) == GazeCalibration.from_dict(tile.as_dict())
    assert GazeCalibration.from_dict(json.loads(text)).head_pitch_deg == pytest.approx(tile.head_pitch_deg, abs=1e-3)


def test_too_few_usable_frames_are_refused() -> None:
    frames = _slightly_below(15, seed=4)
    some = [observe(t, pose, iris, eyes) for t, pose, iris, eyes in frames[: MIN_FRAMES - 1]]
    with pytest.raises(CalibrationError, match="frames showed your face"):
        calibrate(some)
    no_face = [FrameObservation(t=10.0 + i / FPS, face_found=False, num_faces=0) for i in range(15)]
    with pytest.raises(CalibrationError):
        calibrate([observe(t, pose, iris, eyes) for t, pose, iris, eyes in frames[:9]] + no_face)
    shut = [observe(t, pose, iris, EyeMeasures(0.3, 0.0, 0.03)) for t, pose, iris, _ in frames]
    with pytest.raises(CalibrationError):
        calibrate(shut)


def test_looking_around_is_refused() -> None:
    frames = _slightly_below(15, seed=5)
    wandering = [
        observe(t, HeadPose(pose.yaw_deg + (25.0 if i % 2 else -25.0), pose.pitch_deg, 0.0), iris, eyes)
        for i, (t, pose, iris, eyes) in enumerate(frames)
    ]
    with pytest.raises(CalibrationError, match="gaze moved"):
        calibrate(wandering)


def test_a_tile_far_from_the_camera_is_refused() -> None:
    frames = _slightly_below(15, seed=6)
    aside = [
        observe(t, HeadPose(50.0 + pose.yaw_deg, pose.pitch_deg, 0.0), iris, eyes) for t, pose, iris, eyes in frames
    ]
    with pytest.raises(CalibrationError, match="far from your camera"):
        calibrate(aside)


def test_lids_are_clamped_so_squinting_through_calibration_cannot_hide_closed_eyes() -> None:
    frames = _slightly_below(15, seed=7)
    squint = [observe(t, pose, iris, EyeMeasures(eyes.look_down, eyes.look_up, 0.11)) for t, pose, iris, eyes in frames]
    assert calibrate(squint).lid_aperture == pytest.approx(0.18)
