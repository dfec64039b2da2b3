"""Eye-contact observations and their summary: what one analysed frame showed, and the figures (ratios, longest
runs, integrity flags) folded from many. Pure Python, no MediaPipe: the agent and the analytics CLI aggregate here,
analytics.eye_contact makes the observations."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# A gap longer than this between two frames (camera muted, frames dropped) is not counted as time spent
# looking away / without a face: we only know what we saw.
MAX_FRAME_GAP_S = 1.0


@dataclass(frozen=True)
class FrameObservation:
    t: float
    face_found: bool
    num_faces: int
    yaw_deg: float | None = None
    pitch_deg: float | None = None
    roll_deg: float | None = None
    iris_offset: tuple[float, float] | None = None
    eye_contact: bool = False
    # Confidence in the eye_contact decision, 0.5 at the edge of the gaze cone .. 1.0 well away from
    # it; 0.0 when there is no face (no evidence either way).
    confidence: float = 0.0
    # Eye-in-head pitch from the gaze blendshapes (degrees, > 0 lowered) and the lids' 3D opening over the
    # eye's width: the raw measures a calibration is made of.
    eye_pitch_deg: float | None = None
    lid_aperture: float | None = None
    # Why: contact, down, away (sideways or up) or closed; None without a face.  A blink reads "closed" while
    # eye_contact keeps the state from before it.
    gaze_state: str | None = None



@dataclass
class EyeContactSummary:
    frames: int = 0
    eye_contact_ratio: float = 0.0  # of frames with a face
    face_present_ratio: float = 0.0
    multiple_faces_ratio: float = 0.0
    longest_look_away_s: float = 0.0  # face present, not looking at camera/screen
    longest_no_face_s: float = 0.0
    longest_multiple_faces_s: float = 0.0
    duration_s: float = 0.0
    flags: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)



class EyeContactAggregator:
    """Folds FrameObservations (in time order) into summary figures with O(1) memory.

    Each frame stands for the time until the next frame (capped at MAX_FRAME_GAP_S); the last frame is
    given the previous frame's interval.  A look-away run is consecutive frames with a face but no eye
    contact; a frame without a face ends it (absence is reported separately as no-face time).
    """

    def __init__(
        self,
        *,
        look_away_flag_s: float = 3.0,
        no_face_flag_s: float = 3.0,
        multiple_faces_flag_s: float = 1.0,
    ) -> None:
        self.look_away_flag_s = look_away_flag_s
        self.no_face_flag_s = no_face_flag_s
        self.multiple_faces_flag_s = multiple_faces_flag_s
        self.reset()

    def reset(self) -> None:
        self._frames = 0
        self._face_frames = 0
        self._contact_frames = 0
        self._multi_frames = 0
        # the same three, in seconds: each frame weighs the time it stands for, so a sampling rate that changes
        # with what the camera shows (agent/sample_rate.py) does not tilt the ratios toward the busy stretches
        self._face_s = 0.0
        self._contact_s = 0.0
        self._multi_s = 0.0
        self._first_t: float | None = None
        self._prev: FrameObservation | None = None
        self._last_dt = 0.0
        self._duration = 0.0
        # current run lengths and longest completed runs, keyed by state
        self._run = {"look_away": 0.0, "no_face": 0.0, "multi": 0.0}
        self._longest = {"look_away": 0.0, "no_face": 0.0, "multi": 0.0}

    @staticmethod
    def _states(obs: FrameObservation) -> dict[str, bool]:
        return {
            "look_away": obs.face_found and not obs.eye_contact,
            "no_face": not obs.face_found,
            "multi": obs.num_faces > 1,
        }

    def add(self, obs: FrameObservation) -> None:
        self._frames += 1
        self._face_frames += obs.face_found
        self._contact_frames += obs.face_found and obs.eye_contact
        self._multi_frames += obs.num_faces > 1
        if self._prev is None:
            self._first_t = obs.t
        else:
            dt = min(max(obs.t - self._prev.t, 0.0), MAX_FRAME_GAP_S)
            self._last_dt = dt
            self._duration += dt
            self._weigh(self._prev, dt)
            prev_states = self._states(self._prev)
            for key, active in prev_states.items():
                if active:
                    self._run[key] += dt
        states = self._states(obs)
        for key, active in states.items():
            if not active and self._run[key] > 0.0:
                self._longest[key] = max(self._longest[key], self._run[key])
                self._run[key] = 0.0
        self._prev = obs

    def _weigh(self, obs: FrameObservation, dt: float) -> None:
        self._face_s += dt * obs.face_found
        self._contact_s += dt * (obs.face_found and obs.eye_contact)
        self._multi_s += dt * (obs.num_faces > 1)

    def _ratios(self) -> tuple[float, float, float]:
        """(eye contact over face time, face time, multiple-faces time), by time; by frame count while the
        frames span no time (one frame)."""
        total = self._duration + self._last_dt
        if total <= 0.0 or self._prev is None:
            face, contact, multi, total = self._face_frames, self._contact_frames, self._multi_frames, self._frames
        else:
            prev, dt = self._prev, self._last_dt
            face = self._face_s + dt * prev.face_found
            contact = self._contact_s + dt * (prev.face_found and prev.eye_contact)
            multi = self._multi_s + dt * (prev.num_faces > 1)
        return (contact / face if face else 0.0), face / total, multi / total

    def _longest_with_pending(self, key: str) -> float:
        pending = self._run[key]
        if self._prev is not None and self._states(self._prev)[key]:
            pending += self._last_dt
        return max(self._longest[key], pending)

    def summary(self) -> EyeContactSummary:
        if self._frames == 0:
            return EyeContactSummary()
        look_away = self._longest_with_pending("look_away")
        no_face = self._longest_with_pending("no_face")
        multi = self._longest_with_pending("multi")
        flags: list[str] = []
        # Durations are sums of float frame intervals: 15 x 0.2 s must reach a 3 s threshold.
        eps = 1e-6
        if no_face >= self.no_face_flag_s - eps:
            flags.append("no_face")
        if multi >= self.multiple_faces_flag_s - eps:
            flags.append("multiple_faces")
        if look_away >= self.look_away_flag_s - eps:
            flags.append(f"look_away_over_{self.look_away_flag_s:g}s")
        contact, face, multiple = self._ratios()
        return EyeContactSummary(
            frames=self._frames,
            eye_contact_ratio=contact,
            face_present_ratio=face,
            multiple_faces_ratio=multiple,
            longest_look_away_s=look_away,
            longest_no_face_s=no_face,
            longest_multiple_faces_s=multi,
            duration_s=self._duration + self._last_dt,
            flags=flags,
        )
