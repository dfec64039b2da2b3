"""Geometry of head pose and gaze, checked against rotations we construct."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from analytics.gaze import (
    AWAY,
    CLOSED,
    CLOSED_LID_APERTURE,
    CONTACT,
    DOWN,
    GAZE_DOWN_LIMIT_DEG,
    GAZE_UP_LIMIT_DEG,
    GAZE_YAW_LIMIT_DEG,
    LOWERED_LIDS_LOOK_DOWN,
    MODEL_NEUTRAL_PITCH_DEG,
    NEUTRAL_IRIS_OFFSET,
    TYPICAL_LID_APERTURE,
    EyeMeasures,
    GazeCalibration,
    HeadPose,
    decide_eye_contact,
    decide_gaze,
    eye_rotation_deg,
    head_pose_from_matrix,
    iris_offset,
)


def _matrix(yaw: float, pitch: float, roll: float, scale: float = 1.0) -> np.ndarray:
    """Rotation R = Rz(roll) @ Ry(yaw) @ Rx(pitch), the order head_pose_from_matrix decomposes."""
    y, p, r = np.radians([yaw, pitch, roll])
    rx = np.array([[1, 0, 0], [0, math.cos(p), -math.sin(p)], [0, math.sin(p), math.cos(p)]])
    ry = np.array([[math.cos(y), 0, math.sin(y)], [0, 1, 0], [-math.sin(y), 0, math.cos(y)]])
    rz = np.array([[math.cos(r), -math.sin(r), 0], [math.sin(r), math.cos(r), 0], [0, 0, 1]])
    m = np.eye(4)
    m[:3, :3] = scale * rz @ ry @ rx
    m[:3, 3] = (1.0, -2.0, -50.0)
    return m


@pytest.mark.parametrize(("yaw", "pitch", "roll"), [(0, 0, 0), (30, -10, 5), (-45, 20, -15), (10, 35, 0)])
def test_euler_angles_round_trip(yaw: float, pitch: float, roll: float) -> None:
    pose = head_pose_from_matrix(_matrix(yaw, pitch, roll, scale=1.7))
    assert pose.yaw_deg == pytest.approx(yaw, abs=1e-6)
    assert pose.pitch_deg == pytest.approx(pitch, abs=1e-6)
    assert pose.roll_deg == pytest.approx(roll, abs=1e-6)


def _eye_points(iris_shift: tuple[float, float]) -> np.ndarray:
    pts = np.zeros((478, 2))
    pts[33], pts[133] = (100, 200), (140, 200)  # eye on the image's left, 40 px wide
    pts[362], pts[263] = (200, 200), (240, 200)
    pts[468] = (120 + iris_shift[0], 200 + iris_shift[1])
    pts[473] = (220 + iris_shift[0], 200 + iris_shift[1])
    return pts


def test_iris_offset_is_normalised_by_half_eye_width() -> None:
    assert iris_offset(_eye_points((0, 0))) == pytest.approx((0.0, 0.0))
    assert iris_offset(_eye_points((10, 0))) == pytest.approx((0.5, 0.0))  # 10 px of a 20 px half-width
    assert iris_offset(_eye_points((0, -4))) == pytest.approx((0.0, -0.2))
    assert iris_offset(np.zeros((468, 2))) is None  # no iris refinement points


def test_frontal_pose_at_model_neutral_is_eye_contact_with_high_confidence() -> None:
    decision = decide_eye_contact(HeadPose(0.0, MODEL_NEUTRAL_PITCH_DEG, 0.0), NEUTRAL_IRIS_OFFSET)
    assert decision.eye_contact
    assert decision.confidence == 1.0


@pytest.mark.parametrize(
    ("pose", "iris", "expected"),
    [
        (HeadPose(GAZE_YAW_LIMIT_DEG + 3, MODEL_NEUTRAL_PITCH_DEG, 0), None, False),  # head turned
        (HeadPose(-GAZE_YAW_LIMIT_DEG - 3, MODEL_NEUTRAL_PITCH_DEG, 0), None, False),
        (HeadPose(GAZE_YAW_LIMIT_DEG - 3, MODEL_NEUTRAL_PITCH_DEG, 0), None, True),
        (HeadPose(0, MODEL_NEUTRAL_PITCH_DEG + GAZE_DOWN_LIMIT_DEG + 3, 0), None, False),  # looking down
        (HeadPose(0, MODEL_NEUTRAL_PITCH_DEG + GAZE_DOWN_LIMIT_DEG - 3, 0), None, True),  # the screen
        (HeadPose(0, MODEL_NEUTRAL_PITCH_DEG, 0), (0.5, NEUTRAL_IRIS_OFFSET[1]), False),  # eyes sideways
        # head turned right, eyes turned back left towards the camera: gaze is on the camera
        (HeadPose(20, MODEL_NEUTRAL_PITCH_DEG, 0), (-0.8 * math.sin(math.radians(20)), -0.08), True),
    ],
)
def test_head_pose_and_gaze_both_count(pose: HeadPose, iris: tuple[float, float] | None, expected: bool) -> None:
    assert decide_eye_contact(pose, iris).eye_contact is expected


def test_confidence_grows_with_distance_from_the_cone_edge() -> None:
    near = decide_eye_contact(HeadPose(GAZE_YAW_LIMIT_DEG + 0.5, MODEL_NEUTRAL_PITCH_DEG, 0), None)
    far = decide_eye_contact(HeadPose(GAZE_YAW_LIMIT_DEG + 20, MODEL_NEUTRAL_PITCH_DEG, 0), None)
    assert not near.eye_contact and not far.eye_contact
    assert 0.5 <= near.confidence < 0.6
    assert far.confidence == 1.0


def test_eye_rotation_from_iris_offset() -> None:
    assert eye_rotation_deg(0.0) == 0.0
    assert eye_rotation_deg(0.4) == pytest.approx(30.0)  # 0.8 * sin(30 deg)
    assert eye_rotation_deg(-5.0) == pytest.approx(-90.0)  # clipped, no math domain error


# --- where the eyes point and what the lids do (issue 25) ----------------------------------------------------

LEVEL = HeadPose(0.0, MODEL_NEUTRAL_PITCH_DEG, 0.0)
OPEN = TYPICAL_LID_APERTURE


def test_frontal_head_with_eyes_lowered_is_looking_down() -> None:
    """The failure the real photos showed: head facing the camera, eyes down at the hands."""
    decision = decide_gaze(LEVEL, NEUTRAL_IRIS_OFFSET, EyeMeasures(look_down=0.65, look_up=0.0, lid_aperture=0.12))
    assert decision.state == DOWN and not decision.eye_contact
    assert decision.gaze_pitch_deg > GAZE_DOWN_LIMIT_DEG


def test_eyes_lowered_into_a_low_camera_with_the_head_tilted_back_is_contact() -> None:
    tilted_back = HeadPose(0.0, MODEL_NEUTRAL_PITCH_DEG - 15.0, 0.0)
    into_the_lens = EyeMeasures(look_down=0.45, look_up=0.0, lid_aperture=0.26)
    decision = decide_gaze(tilted_back, NEUTRAL_IRIS_OFFSET, into_the_lens)
    assert decision.state == CONTACT and decision.eye_contact


def test_raised_eyes_answer_a_lowered_head() -> None:
    lowered = HeadPose(0.0, MODEL_NEUTRAL_PITCH_DEG + GAZE_DOWN_LIMIT_DEG + 4.0, 0.0)
    assert decide_gaze(lowered, NEUTRAL_IRIS_OFFSET, EyeMeasures(0.0, 0.0, OPEN)).state == DOWN
    assert decide_gaze(lowered, NEUTRAL_IRIS_OFFSET, EyeMeasures(0.0, 0.3, OPEN)).state == CONTACT


def test_lowered_lids_with_the_eyes_low_are_looking_down_whatever_the_head_says() -> None:
    raised = HeadPose(0.0, MODEL_NEUTRAL_PITCH_DEG - 12.0, 0.0)  # head + eyes alone would stay inside the cone
    lowered_lids = EyeMeasures(look_down=LOWERED_LIDS_LOOK_DOWN + 0.05, look_up=0.0, lid_aperture=0.12)
    assert decide_gaze(raised, NEUTRAL_IRIS_OFFSET, lowered_lids).state == DOWN
    open_lids = EyeMeasures(look_down=LOWERED_LIDS_LOOK_DOWN + 0.05, look_up=0.0, lid_aperture=0.25)
    assert decide_gaze(raised, NEUTRAL_IRIS_OFFSET, open_lids).state == CONTACT


def test_shut_lids_are_closed_not_contact() -> None:
    decision = decide_gaze(LEVEL, NEUTRAL_IRIS_OFFSET, EyeMeasures(0.1, 0.0, CLOSED_LID_APERTURE - 0.03))
    assert decision.state == CLOSED and not decision.eye_contact and decision.confidence == 1.0


def test_a_raised_head_is_judged_on_the_head_alone() -> None:
    up = HeadPose(0.0, MODEL_NEUTRAL_PITCH_DEG - GAZE_UP_LIMIT_DEG - 2.0, 0.0)
    # lowered eyes cannot excuse it: eyeLookDown also rises when a face merely tilts back
    assert decide_gaze(up, NEUTRAL_IRIS_OFFSET, EyeMeasures(0.5, 0.0, OPEN)).state == AWAY


def test_a_calibration_moves_the_centre() -> None:
    below = HeadPose(4.0, MODEL_NEUTRAL_PITCH_DEG + 12.0, 0.0)
    eyes = EyeMeasures(look_down=0.3, look_up=0.0, lid_aperture=0.27)
    assert decide_gaze(below, NEUTRAL_IRIS_OFFSET, eyes).state == DOWN
    centre = GazeCalibration(yaw_deg=4.0, head_pitch_deg=MODEL_NEUTRAL_PITCH_DEG + 12.0, eye_pitch_deg=eyes.pitch_deg,
                             lid_aperture=0.27, frames=15)
    decision = decide_gaze(below, NEUTRAL_IRIS_OFFSET, eyes, centre)
    assert decision.state == CONTACT and decision.gaze_pitch_deg == pytest.approx(0.0)
    assert decision.gaze_yaw_deg == pytest.approx(0.0)


def test_narrow_eyes_are_judged_against_their_own_opening() -> None:
    narrow = EyeMeasures(look_down=0.1, look_up=0.0, lid_aperture=CLOSED_LID_APERTURE - 0.01)
    assert decide_gaze(LEVEL, NEUTRAL_IRIS_OFFSET, narrow).state == CLOSED
    own = GazeCalibration(lid_aperture=0.19, eye_pitch_deg=narrow.pitch_deg, frames=15)
    assert decide_gaze(LEVEL, NEUTRAL_IRIS_OFFSET, narrow, own).state == CONTACT


def test_calibration_json_round_trip_and_validation() -> None:
    centre = GazeCalibration(yaw_deg=-3.25, head_pitch_deg=14.5, eye_pitch_deg=6.0, iris_x=0.03, lid_aperture=0.27,
                             frames=14)
    data = json.loads(json.dumps(centre.as_dict()))
    assert data["version"] == 1
    assert GazeCalibration.from_dict(data) == centre
    for bad in (
        {**data, "version": 2},
        {**data, "yaw_deg": "3"},
        {**data, "head_pitch_deg": float("nan")},
        {**data, "yaw_deg": 80.0},
        {**data, "frames": 0},
        {k: v for k, v in data.items() if k != "lid_aperture"},
        [],
    ):
        with pytest.raises(ValueError):
            GazeCalibration.from_dict(bad)  # type: ignore[arg-type]
