"""Per-question bookkeeping: when each question starts and ends, its signals, its advisory score, and the report.

When the interviewer moves to another question, the one before is closed: its fluency (the FluencyTracker's
analyzer for it), eye contact (the EyeTracker's aggregate for it) and transcript word timings are summarised and
scored, and the score row goes to the recorder.
"""

from __future__ import annotations

import asyncio
from typing import Any

import msgspec

from agent.eye_tracker import EyeTracker
from agent.flow import InterviewFlow
from agent.fluency_tracker import FluencyTracker
from agent.recorder import Recorder
from agent.report import QuestionResult, build_report, practice_feedback, score_question
from analytics.transcript_metrics import transcript_metrics


class QuestionScores:
    def __init__(self, flow: InterviewFlow, *, eyes: EyeTracker, fluency: FluencyTracker, recorder: Recorder) -> None:
        self.flow = flow
        self.eyes = eyes
        self.fluency = fluency
        self.recorder = recorder
        self.active: int | None = None
        self._started: dict[int, float] = {}
        self.results: dict[int, QuestionResult] = {}
        self._lock = asyncio.Lock()

    async def move_to(self, new: int | None, now: float) -> None:
        """The interviewer asks question ``new`` (None: the interview is over): close the previous one."""
        async with self._lock:
            prev = self.active
            if prev == new:
                return
            self.active = new
            self.eyes.start_question(new)
            if new is not None:
                self._started[new] = now
                summary = await self.fluency.start_question(new)
            else:
                summary = await self.fluency.finish_question()
            if prev is not None:
                self._score(prev, summary.as_dict() if summary else {}, ended_s=now)

    def _score(self, index: int, fluency: dict[str, Any], *, ended_s: float) -> None:
        state = self.flow.states[index]
        q = state.question
        eye_summary = self.eyes.question(index)
        eye = eye_summary.as_dict() if eye_summary is not None else {}
        words = self.fluency.words(index)
        tm = transcript_metrics(words).as_dict() if words else None
        score, signals = score_question(answer=state.answer_text, keywords=q.keywords, eye=eye, fluency=fluency,
                                        transcript=tm, probed=state.probe_reason)
        self.results[index] = QuestionResult(index=index, question=q.text, skill=q.skill, weight=q.weight,
                                             answer=state.answer_text, score=score, signals=signals, eye=eye,
                                             fluency={**fluency, "transcript": tm})
        self.recorder.set_question_score({
            "question_index": index, "question": q.text, "skill": q.skill, "answer_text": state.answer_text or None,
            "score": score, "eye_contact_ratio": eye.get("eye_contact_ratio") if eye.get("frames") else None,
            "fluency": {**fluency, "transcript": tm}, "signals": signals,
            "started_s": round(self._started.get(index, 0.0), 3), "ended_s": round(ended_s, 3),
        })

    def report(self, *, end_reason: str | None, practice_session_id: Any = None) -> dict[str, Any]:
        """The report row (and a practice interview's feedback), queued on the recorder."""
        results = [self.results[i] for i in sorted(self.results)]
        eye = self.eyes.total.summary().as_dict() if self.eyes.loaded else {}
        if eye:
            eye["calibrated"] = self.eyes.calibration is not None
        fluency = msgspec.structs.asdict(self.fluency.snapshot())
        report = build_report(results, eye=eye, fluency=fluency, end_reason=end_reason)
        self.recorder.set_report(report)
        if practice_session_id is not None:
            self.recorder.set_practice_feedback(practice_session_id, practice_feedback(report, results))
        return report
