"""Eye contact on a real face photo (skimage astronaut), turned in 3D as a mesh; no mocks."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from statistics import median

import numpy as np
import pytest

from analytics.eye_contact import EyeContactAnalyzer, FrameObservation
from tests.faces import (
    blank_rgb,
    frontal_face_rgb,
    gaze_shifted_rgb,
    jittered,
    noise_rgb,
    turned_face_rgb,
    two_faces_rgb,
)

FPS = 5.0


def _run(frames: list[np.ndarray], **kwargs: float) -> tuple[list[FrameObservation], EyeContactAnalyzer]:
    analyzer = EyeContactAnalyzer(**kwargs)
    try:
        obs = [analyzer.process(frame, i / FPS) for i, frame in enumerate(frames)]
    finally:
        analyzer.close()
    return obs, analyzer


@pytest.fixture(scope="module")
def frontal_reference() -> FrameObservation:
    """A reading of the untouched frontal photo: the neutral pose that turned faces are compared with."""
    obs, _ = _run([frontal_face_rgb()] * 3)
    return obs[-1]


def test_frontal_face_makes_eye_contact_in_at_least_95_percent_of_frames() -> None:
    obs, analyzer = _run(jittered(frontal_face_rgb(), 40, seed=1))
    summary = analyzer.summary()
    assert summary.frames == 40
    assert summary.face_present_ratio == 1.0
    assert summary.eye_contact_ratio >= 0.95
    assert all(o.num_faces == 1 for o in obs)
    assert median(o.confidence for o in obs) > 0.7
    assert summary.flags == []
    for o in obs:
        assert o.iris_offset is not None and abs(o.iris_offset[0]) < 0.2


@pytest.mark.parametrize("yaw", [35.0, -35.0])
def test_face_turned_away_is_not_eye_contact(yaw: float, frontal_reference: FrameObservation) -> None:
    obs, analyzer = _run(jittered(turned_face_rgb(yaw), 10, seed=2))
    assert analyzer.summary().face_present_ratio == 1.0
    assert analyzer.summary().eye_contact_ratio == 0.0
    assert frontal_reference.yaw_deg is not None
    shifts = [o.yaw_deg - frontal_reference.yaw_deg for o in obs if o.yaw_deg is not None]
    # MediaPipe under-reads mesh turns (~0.6-0.75x) but must move the right way by a clear margin.
    assert np.sign(median(shifts)) == np.sign(yaw)
    assert abs(median(shifts)) >= 15.0


def test_small_turn_towards_screen_edge_keeps_eye_contact() -> None:
    _obs, analyzer = _run(jittered(turned_face_rgb(10.0), 10, seed=3))
    assert analyzer.summary().eye_contact_ratio >= 0.9


def test_looking_down_is_not_eye_contact(frontal_reference: FrameObservation) -> None:
    obs, analyzer = _run(jittered(turned_face_rgb(0.0, 30.0), 10, seed=4))
    assert analyzer.summary().face_present_ratio == 1.0
    assert analyzer.summary().eye_contact_ratio == 0.0
    assert frontal_reference.pitch_deg is not None
    # A frontal face at camera height already reads ~+7..9 deg of pitch: compare against it, not 0.
    assert 7.0 <= frontal_reference.pitch_deg <= 10.0
    shift = median(o.pitch_deg - frontal_reference.pitch_deg for o in obs if o.pitch_deg is not None)
    assert shift >= 15.0


@pytest.mark.parametrize("offset", [0.5, -0.5])
def test_eyes_looking_sideways_with_frontal_head_is_not_eye_contact(
    offset: float, frontal_reference: FrameObservation
) -> None:
    obs, analyzer = _run(jittered(gaze_shifted_rgb(offset), 10, seed=9))
    assert analyzer.summary().face_present_ratio == 1.0
    assert analyzer.summary().eye_contact_ratio <= 0.1
    assert frontal_reference.iris_offset is not None and frontal_reference.yaw_deg is not None
    iris_x = median(o.iris_offset[0] for o in obs if o.iris_offset is not None)
    assert (iris_x - frontal_reference.iris_offset[0]) * np.sign(offset) >= 0.25  # gaze moved, right way
    head = median(o.yaw_deg for o in obs if o.yaw_deg is not None)
    assert abs(head - frontal_reference.yaw_deg) < 4.0  # ...while the head did not turn


def test_looking_up_is_not_eye_contact() -> None:
    _obs, analyzer = _run(jittered(turned_face_rgb(0.0, -20.0), 10, seed=5))
    assert analyzer.summary().eye_contact_ratio == 0.0


@pytest.mark.parametrize("kind", ["blank", "noise"])
def test_blank_and_noise_frames_have_no_face(kind: str) -> None:
    frames = [blank_rgb()] * 20 if kind == "blank" else [noise_rgb(seed=i) for i in range(20)]
    obs, analyzer = _run(frames)
    assert not any(o.face_found for o in obs)
    assert all(o.num_faces == 0 and o.yaw_deg is None and not o.eye_contact for o in obs)
    summary = analyzer.summary()
    assert summary.face_present_ratio == 0.0 and summary.eye_contact_ratio == 0.0
    assert summary.longest_look_away_s == 0.0
    assert "no_face" in summary.flags  # 20 frames at 5 fps = 4 s without a face


def test_two_faces_are_counted_and_flagged() -> None:
    obs, analyzer = _run(jittered(two_faces_rgb(), 10, seed=6))
    assert sum(o.num_faces == 2 for o in obs) >= 9
    summary = analyzer.summary()
    assert summary.multiple_faces_ratio >= 0.9
    assert "multiple_faces" in summary.flags


def test_a_second_person_stepping_in_is_counted_within_the_count_interval() -> None:
    # the landmarker tracks one face; people in view are counted by the face detector once a second
    frames = jittered(frontal_face_rgb(), 10, seed=9) + jittered(two_faces_rgb(), 15, seed=10)
    obs, _ = _run(frames, face_count_interval_s=1.0)
    assert all(o.num_faces == 1 for o in obs[:10])
    late = [o for o in obs[10:] if o.num_faces != 2]
    assert len(late) <= FPS, f"{len(late)} frames after the second person appeared still counted one face"
    assert all(o.num_faces == 2 for o in obs[10 + int(FPS):])


def test_rolling_window_sees_only_recent_frames() -> None:
    """The agent's EyeTracker owns the live windows; the analyzer's own aggregate is the whole run."""
    from agent.eye_tracker import EyeTracker

    frames = jittered(frontal_face_rgb(), 15, seed=7) + jittered(turned_face_rgb(35.0), 10, seed=8)
    analyzer = EyeContactAnalyzer(look_away_flag_s=1.5)
    eyes = EyeTracker(look_away_flag_s=1.5)
    eyes.analyzer = analyzer
    try:
        for i, frame in enumerate(frames):
            eyes.observe(analyzer.process(frame, 100.0 + i / FPS))  # monotonic clock that does not start at 0
        whole = analyzer.summary()
        last = 100.0 + 24 / FPS
        recent = eyes.window(1.5, last)
        earlier = eyes.window(1.0, now=100.0 + 10 / FPS)
    finally:
        analyzer.close()
    assert whole.frames == 25 and whole.eye_contact_ratio == pytest.approx(15 / 25, abs=0.05)
    assert eyes.total.summary().frames == 25
    assert recent.frames == 8 and recent.eye_contact_ratio == 0.0
    assert "look_away_over_1.5s" in recent.flags
    assert earlier.frames == 6 and earlier.eye_contact_ratio == 1.0


def test_callable_from_worker_threads_with_clashing_timestamps() -> None:
    frame = frontal_face_rgb()
    with EyeContactAnalyzer() as analyzer, ThreadPoolExecutor(max_workers=2) as pool:
        # Two threads, same timestamps: calls are serialised and ms timestamps kept strictly increasing.
        results = list(pool.map(lambda i: analyzer.process(frame, (i // 2) / FPS), range(12)))
    assert len(results) == 12 and all(o.face_found for o in results)


def test_rejects_wrong_frames_and_use_after_close() -> None:
    analyzer = EyeContactAnalyzer()
    with pytest.raises(ValueError):
        analyzer.process(np.zeros((480, 640), np.uint8), 0.0)
    with pytest.raises(ValueError):
        analyzer.process(np.zeros((480, 640, 3), np.float32), 0.0)
    analyzer.close()
    analyzer.close()  # idempotent
    with pytest.raises(RuntimeError):
        analyzer.process(frontal_face_rgb(), 1.0)
