"""Blinks are not looking away: eyes closed for less than ~400 ms keep the eye-contact state from before.

A blink lasts 100-300 ms (up to ~400 ms for a slow one); at the agent's 5 frames a second it is one or two
frames of closed lids.  The rule is causal so that live figures need no look-ahead: while the lids have been
shut for under BLINK_MAX_S the frame reads as the last open-eyed frame did; from then on the closure counts
as no eye contact (its first 0.4 s stay counted as before, the most a long closure can be misread by).
"""

from __future__ import annotations

from analytics.gaze import CLOSED

BLINK_MAX_S = 0.4
# A gap in the frames (camera muted, frames dropped) longer than this forgets the state before the closure:
# we did not see what happened in between.
MAX_GAP_S = 1.0


class BlinkHold:
    """Per-frame filter of the eye-contact decision; one per analyzer, frames in time order."""

    def __init__(self, max_closed_s: float = BLINK_MAX_S) -> None:
        self.max_closed_s = max_closed_s
        self.reset()

    def reset(self) -> None:
        self._before: bool | None = None  # eye contact of the last open-eyed frame
        self._closed_since: float | None = None
        self._last_t: float | None = None

    def apply(self, t: float, state: str | None, eye_contact: bool) -> bool:
        """The eye-contact value to report for a frame at ``t`` whose gaze state is ``state`` (None: no face)."""
        if self._last_t is not None and t - self._last_t > MAX_GAP_S:
            self.reset()
        self._last_t = t
        if state != CLOSED:
            self._closed_since = None
            self._before = eye_contact if state is not None else None
            return eye_contact
        if self._closed_since is None:
            self._closed_since = t
        # frame times are float sums: 0.2 s steps must reach 0.4 s exactly
        if self._before is not None and t - self._closed_since < self.max_closed_s - 1e-6:
            return self._before
        return False
