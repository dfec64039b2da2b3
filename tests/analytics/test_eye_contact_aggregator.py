"""Aggregation of frame observations: pure Python, exact expectations on constructed timelines."""

from __future__ import annotations

import pytest

from analytics.eye_contact import MAX_FRAME_GAP_S, EyeContactAggregator, FrameObservation


def _obs(t: float, state: str) -> FrameObservation:
    """state: 'c' contact, 'a' face but looking away, 'n' no face, 'm' two faces with contact."""
    if state == "n":
        return FrameObservation(t=t, face_found=False, num_faces=0)
    return FrameObservation(
        t=t,
        face_found=True,
        num_faces=2 if state == "m" else 1,
        yaw_deg=0.0,
        pitch_deg=8.0,
        roll_deg=0.0,
        iris_offset=(0.0, -0.08),
        eye_contact=state in "cm",
        confidence=0.9,
    )


def _feed(pattern: str, fps: float = 10.0, **kwargs: float) -> EyeContactAggregator:
    agg = EyeContactAggregator(**kwargs)
    for i, state in enumerate(pattern):
        agg.add(_obs(i / fps, state))
    return agg


def test_ratios_count_frames() -> None:
    s = _feed("ccccaaannm").summary()  # 10 frames: 8 with a face, 5 of them with contact, 1 with two faces
    assert s.frames == 10
    assert s.face_present_ratio == pytest.approx(0.8)
    assert s.eye_contact_ratio == pytest.approx(5 / 8)
    assert s.multiple_faces_ratio == pytest.approx(0.1)


def test_longest_look_away_is_measured_in_seconds() -> None:
    # at 10 fps: a 0.3 s look-away, then a 1.2 s one that ends when contact resumes
    s = _feed("cc" + "aaa" + "cc" + "a" * 12 + "cc").summary()
    assert s.longest_look_away_s == pytest.approx(1.2)
    assert s.flags == []


def test_ongoing_look_away_counts_up_to_now_and_raises_flag() -> None:
    s = _feed("c" + "a" * 40, look_away_flag_s=3.0).summary()  # 40 frames = 4.0 s, still looking away
    assert s.longest_look_away_s == pytest.approx(4.0)
    assert "look_away_over_3s" in s.flags


def test_no_face_ends_a_look_away_and_is_flagged_on_its_own() -> None:
    s = _feed("a" * 10 + "n" * 35 + "a" * 10 + "c", no_face_flag_s=3.0).summary()
    assert s.longest_look_away_s == pytest.approx(1.0)
    assert s.longest_no_face_s == pytest.approx(3.5)
    assert s.flags == ["no_face"]


def test_multiple_faces_flag_needs_a_sustained_second_face() -> None:
    assert _feed("cccmcccmccc").summary().flags == []  # single-frame blips
    s = _feed("ccc" + "m" * 15 + "cc").summary()
    assert s.longest_multiple_faces_s == pytest.approx(1.5)
    assert s.flags == ["multiple_faces"]


def test_gaps_between_frames_are_capped() -> None:
    agg = EyeContactAggregator()
    agg.add(_obs(0.0, "a"))
    agg.add(_obs(30.0, "a"))  # camera muted for 30 s: we did not see 30 s of looking away
    agg.add(_obs(30.2, "c"))
    assert agg.summary().longest_look_away_s == pytest.approx(MAX_FRAME_GAP_S + 0.2)


def test_empty_and_reset() -> None:
    assert EyeContactAggregator().summary().frames == 0
    agg = _feed("aaaa")
    agg.reset()
    assert agg.summary().frames == 0
    agg.add(_obs(5.0, "c"))
    s = agg.summary()
    assert s.frames == 1 and s.eye_contact_ratio == 1.0 and s.longest_look_away_s == 0.0


def test_as_dict_is_json_ready() -> None:
    d = _feed("ca").summary().as_dict()
    assert set(d) >= {
        "frames", "eye_contact_ratio", "face_present_ratio", "multiple_faces_ratio", "longest_look_away_s", "flags",
    }  # fmt: skip
    assert isinstance(d["flags"], list)


def test_ratios_weigh_each_frame_by_the_time_it_stands_for() -> None:
    # six seconds of contact sampled once a second, then two seconds looking away sampled twice a second (the
    # agent samples faster while the picture changes): by time 6 of 8 seconds, where counting frames says 6 of 10
    agg = EyeContactAggregator()
    for t in range(6):
        agg.add(_obs(float(t), "c"))
    for t in (6.0, 6.5, 7.0, 7.5):
        agg.add(_obs(t, "a"))
    s = agg.summary()
    assert s.frames == 10
    assert s.eye_contact_ratio == pytest.approx(6 / 8)
    assert s.face_present_ratio == pytest.approx(1.0)
    # no face for the 2 seconds sampled slowly, of 4 seconds in all
    agg = EyeContactAggregator()
    for t in (0.0, 0.5, 1.0, 1.5):
        agg.add(_obs(t, "c"))
    for t in (2.0, 3.0):
        agg.add(_obs(t, "n"))
    s = agg.summary()
    assert s.face_present_ratio == pytest.approx(2 / 4)
    assert s.eye_contact_ratio == pytest.approx(1.0)


def test_one_frame_is_its_own_ratio() -> None:
    agg = EyeContactAggregator()
    agg.add(_obs(3.0, "a"))
    assert (agg.summary().eye_contact_ratio, agg.summary().face_present_ratio) == (0.0, 1.0)
