"""Eye contact for one interview: the one owner of its state.

Frames come from the VideoSampler (analysed by MediaPipe in a lowered thread); each observation lands here, on the
event loop, and feeds the whole interview's aggregate, the current question's, and the recent observations the
rolling windows are computed from (the last second and the last 30 s, for the live scores). Before the interview,
a few seconds of frames while the candidate looks at the interviewer tile make their own gaze centre (webcams sit
above, below or beside the screen).
"""

from __future__ import annotations

import asyncio
from collections import deque

from agent.priority import ANALYSIS_NICE, create_in_background
from analytics.eye_contact import EyeContactAggregator, EyeContactAnalyzer, EyeContactSummary, FrameObservation
from analytics.gaze import GazeCalibration
from analytics.gaze_calibration import CalibrationError, calibrate


class EyeTracker:
    def __init__(self, *, look_away_flag_s: float = 3.0, sample_fps: float = 5.0) -> None:
        self.look_away_flag_s = look_away_flag_s
        self.analyzer: EyeContactAnalyzer | None = None
        self.total = self._aggregator()
        self._questions: dict[int, EyeContactAggregator] = {}
        self._current: int | None = None
        self._recent: deque[FrameObservation] = deque(maxlen=int(60 * max(1.0, sample_fps)))
        self.last: FrameObservation | None = None
        self.calibration: GazeCalibration | None = None
        self._capture: list[FrameObservation] | None = None

    def _aggregator(self) -> EyeContactAggregator:
        return EyeContactAggregator(look_away_flag_s=self.look_away_flag_s)

    async def load(self) -> EyeContactAnalyzer:
        """MediaPipe, created in a lowered thread so that its own threads inherit the analysis priority."""
        self.analyzer = await asyncio.to_thread(
            create_in_background, lambda: EyeContactAnalyzer(look_away_flag_s=self.look_away_flag_s, aggregate=False),
            ANALYSIS_NICE, "mediapipe")
        if self.calibration is not None:  # measured by the host that ran this interview before (a resume)
            self.analyzer.set_calibration(self.calibration)
        return self.analyzer

    @property
    def loaded(self) -> bool:
        return self.analyzer is not None

    async def calibrate(self, seconds: float, wait_s: float = 10.0) -> GazeCalibration:
        """The candidate's own "on screen" centre from ``seconds`` of frames while they look at the interviewer
        tile; raises CalibrationError (a reason a candidate can act on) when the frames do not make one."""
        deadline = asyncio.get_running_loop().time() + wait_s
        while self.analyzer is None:  # MediaPipe may still be loading
            if asyncio.get_running_loop().time() > deadline:
                raise CalibrationError("the camera analysis is not ready")
            await asyncio.sleep(0.1)
        self._capture = []
        try:
            await asyncio.sleep(seconds)
            captured = self._capture
        finally:
            self._capture = None
        calibration = calibrate(captured)
        self.analyzer.set_calibration(calibration)
        self.calibration = calibration
        return calibration

    def observe(self, obs: FrameObservation) -> None:
        if self._capture is not None:
            self._capture.append(obs)
        self.last = obs
        self._recent.append(obs)
        self.total.add(obs)
        if self._current is not None:
            self._questions[self._current].add(obs)

    def start_question(self, index: int | None) -> None:
        self._current = index
        if index is not None:
            self._questions[index] = self._aggregator()

    def question(self, index: int) -> EyeContactSummary | None:
        agg = self._questions.get(index)
        return agg.summary() if agg is not None else None

    def window(self, seconds: float, now: float) -> EyeContactSummary | None:
        """Over the observations of the last ``seconds`` up to ``now``; None before MediaPipe is loaded."""
        if self.analyzer is None:
            return None
        agg = self._aggregator()
        for obs in self._recent:
            if now - seconds <= obs.t <= now:
                agg.add(obs)
        return agg.summary()

    async def aclose(self) -> None:
        if self.analyzer is not None:
            await asyncio.to_thread(self.analyzer.close)
