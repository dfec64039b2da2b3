"""Blinks are not looking away: closures under ~400 ms keep the state from before (exact timelines)."""

from __future__ import annotations

import pytest

from analytics.blink import BLINK_MAX_S, BlinkHold
from analytics.gaze import AWAY, CLOSED, CONTACT

FPS = 5.0
STATES = {"c": (CONTACT, True), "a": (AWAY, False), "x": (CLOSED, False), "n": (None, False)}


def _run(pattern: str, fps: float = FPS, start: float = 0.0) -> str:
    """Feed a timeline (c contact, a away, x closed lids, n no face); return the reported contact per frame."""
    hold = BlinkHold()
    out = []
    for i, ch in enumerate(pattern):
        state, contact = STATES[ch]
        out.append("1" if hold.apply(start + i / fps, state, contact) else "0")
    return "".join(out)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("ccxcc", "11111"),  # one closed frame (<= 200 ms): a blink
        ("ccxxcc", "111111"),  # two (the second 200 ms after the first): still a blink
        ("ccxxxxcc", "11110011"),  # from 400 ms on the lids are shut, not blinking: no eye contact
        ("aaxaa", "00000"),  # a blink while looking away keeps looking away
        ("xxcc", "0011"),  # shut from the first frame: nothing before to keep
        ("ccnxc", "11001"),  # no face in between: nothing to hold
    ],
)
def test_short_closures_keep_the_state_from_before(pattern: str, expected: str) -> None:
    assert _run(pattern) == expected


def test_the_limit_is_400_ms_whatever_the_frame_rate() -> None:
    assert BLINK_MAX_S == pytest.approx(0.4)
    # at 10 fps: four closed frames (0.0-0.3 s after the closure began) are held, the fifth (0.4 s) is not
    assert _run("cc" + "x" * 6 + "c", fps=10.0, start=100.0) == "11" + "1111" + "00" + "1"


def test_a_gap_in_the_frames_forgets_the_state_before() -> None:
    hold = BlinkHold()
    assert hold.apply(0.0, CONTACT, True)
    assert not hold.apply(5.0, CLOSED, False)  # camera muted for 5 s: we did not see a blink
