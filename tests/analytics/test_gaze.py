"""Geometry of head pose and gaze, checked against rotations we construct."""

from __future__ import annotations

import math

import numpy as np
import pytest

from analytics.gaze import (
    GAZE_DOWN_LIMIT_DEG,
    GAZE_YAW_LIMIT_DEG,
    MODEL_NEUTRAL_PITCH_DEG,
    NEUTRAL_IRIS_OFFSET,
    HeadPose,
    decide_eye_contact,
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
