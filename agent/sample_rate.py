"""How often the candidate's camera is analysed: slower while what it shows holds steady.

Most of an interview the candidate sits facing the screen and every analysis says the same. Once what the
observations say (face or not, eye contact or not, one face or several) has held for STEADY_AFTER_S, the sampler
runs at the steady rate; the first observation that differs puts it back at the full rate at once. So a change
that ends a steady stretch is seen up to one steady interval late (1 s instead of 0.5 s by default), and what
follows it is sampled at the full rate until it has held as long again; a look-away's start and end are timed
to within a second, and the 3 s look-away flag still rests on several observations. The eye-contact figures weigh each
observation by the time it stands for (analytics.eye_contact.EyeContactAggregator), so the changing rate does not
tilt them.
"""

from __future__ import annotations

from analytics.eye_contact import FrameObservation

STEADY_AFTER_S = 2.0  # how long a state has held (by its observations) before the rate slows


def _state(obs: FrameObservation) -> tuple[bool, bool, bool]:
    return obs.face_found, obs.face_found and obs.eye_contact, obs.num_faces > 1


class SteadyRate:
    """Chooses the sampling rate from the observations; ``observe`` returns the new rate when it changes."""

    def __init__(self, full_fps: float, steady_fps: float, *, steady_after_s: float = STEADY_AFTER_S) -> None:
        self.full_fps = full_fps
        self.steady_fps = min(steady_fps, full_fps)
        self.steady_after_s = steady_after_s
        self.reset()

    def reset(self) -> None:
        """Back to the full rate, nothing observed (after the gaze calibration, which samples faster)."""
        self.fps = self.full_fps
        self._state: tuple[bool, bool, bool] | None = None
        self._since = 0.0

    def observe(self, obs: FrameObservation) -> float | None:
        state = _state(obs)
        if state != self._state:
            self._state, self._since = state, obs.t
        fps = self.steady_fps if obs.t - self._since >= self.steady_after_s else self.full_fps
        if fps == self.fps:
            return None
        self.fps = fps
        return fps
