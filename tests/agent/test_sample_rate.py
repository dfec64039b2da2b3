"""The camera is analysed more slowly while it shows one state, at the full rate from the first change."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from livekit import rtc

from agent.config import ConfigError, Settings
from agent.eye_tracker import EyeTracker
from agent.sample_rate import STEADY_AFTER_S, SteadyRate
from agent.video_sampler import VideoSampler
from analytics.eye_contact import FrameObservation
from tests.agent.sim import analyses_back, rgb_to_frame


def _obs(t: float, state: str) -> FrameObservation:
    if state == "none":
        return FrameObservation(t=t, face_found=False, num_faces=0)
    return FrameObservation(t=t, face_found=True, num_faces=1, eye_contact=state == "contact", confidence=0.9)


def test_steady_once_a_state_has_held_and_full_rate_at_the_first_change() -> None:
    rate = SteadyRate(2.0, 1.0)
    changes = [rate.observe(_obs(i / 2, "contact")) for i in range(int(2 * STEADY_AFTER_S) + 3)]
    assert changes == [None] * int(2 * STEADY_AFTER_S) + [1.0, None, None]
    assert rate.observe(_obs(10, "away")) == 2.0
    # the new state has to hold as long again
    assert [rate.observe(_obs(10 + i / 2, "away")) for i in range(1, int(2 * STEADY_AFTER_S) + 1)] == \
        [None] * (int(2 * STEADY_AFTER_S) - 1) + [1.0]
    # a lost face is a change
    assert rate.observe(_obs(20, "none")) == 2.0
    rate.reset()
    assert rate.fps == 2.0 and rate.observe(_obs(30, "contact")) is None


def test_steady_rate_is_at_most_the_full_rate_and_configured() -> None:
    assert SteadyRate(2.0, 5.0).steady_fps == 2.0
    assert Settings().video_steady_fps == 1.0
    with pytest.raises(ConfigError, match="VIDEO_STEADY_FPS"):
        Settings(video_sample_fps=2.0, video_steady_fps=3.0).validate()


async def test_sampler_follows_the_steady_rate_and_the_figures_keep_their_weights() -> None:
    """A 20 s camera on a simulated clock: contact, 3 s looking away from t = 5, contact again. The sampler slows
    to 1 a second in each steady stretch and returns to 2 at each change; eye contact by time is 17 of 20 s, where
    counting the samples would over-weigh the look-away."""
    rate = SteadyRate(2.0, 1.0)
    eyes = EyeTracker()
    seen: list[FrameObservation] = []

    def analyze(rgb: np.ndarray, t: float) -> FrameObservation:
        return _obs(t, "away" if 5.0 <= t < 8.0 else "contact")

    def observed(obs: FrameObservation) -> None:
        seen.append(obs)
        eyes.observe(obs)
        fps = rate.observe(obs)
        if fps is not None:
            sampler.set_fps(fps)

    sampler = VideoSampler(analyze, fps=2, on_observation=observed, phase_s=0.85)
    frame = rgb_to_frame(np.zeros((48, 64, 3), np.uint8)).convert(rtc.VideoBufferType.I420)
    clock = {"t": 0.0}
    sampler._clock = lambda: clock["t"]

    async def camera():
        for i in range(20 * 30):  # 30 fps
            clock["t"] = i / 30
            yield rtc.VideoFrameEvent(frame=frame, timestamp_us=i * 33_333, rotation=0)
            # each analysis (and the rate it sets) back before the next frame: the 2 ms sleeps left its thread at
            # lowered priority ~30 ms, which a loaded runner exceeds, and a sample was dropped
            await analyses_back(sampler)

    await sampler._consume(camera())
    await sampler.aclose()
    times = [o.t for o in seen]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert max(gaps) <= 1.05
    # slowed down in the first contact stretch (once it held STEADY_AFTER_S), back to 0.5 s after the change
    assert [g for t, g in zip(times[1:], gaps, strict=False) if 3.0 < t < 5.0] and \
        all(g > 0.9 for t, g in zip(times[1:], gaps, strict=False) if 3.0 < t < 5.0)
    first_away = next(o.t for o in seen if not o.eye_contact)
    assert 5.0 <= first_away <= 6.05  # seen within a steady interval
    assert all(g < 0.55 for t, g in zip(times[1:], gaps, strict=False) if first_away < t < first_away + 2.0)
    assert len(seen) <= 28  # the full rate's 40, less the steady stretches' half
    total = eyes.total.summary()
    # by time: about 17 of 20 s in contact (the look-away is seen up to one steady interval late); counting the
    # samples would say about 0.8
    assert 0.83 <= total.eye_contact_ratio <= 0.9
    assert total.longest_look_away_s == pytest.approx(3.0, abs=1.05)
