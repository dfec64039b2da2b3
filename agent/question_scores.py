"""Per-question bookkeeping: when each question starts and ends, its signals, its advisory score, and the report.

When the interviewer moves to another question, the one before is closed: its answer gets its content score (the
offline scorer, off the event loop), its fluency, eye contact and transcript word timings are summarised as
delivery signals beside it (never in it), and the score row goes to the recorder. With an LLM configured the LLM
then scores the same answer against the same rubric; its score replaces the row's score and the offline one stays
in ``signals.content``. The report waits (a bounded time) for those judgements.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import msgspec

from agent.eye_tracker import EyeTracker
from agent.flow import InterviewFlow
from agent.fluency_tracker import FluencyTracker
from agent.recorder import Recorder
from agent.report import QuestionResult, build_report, practice_feedback, score_question, with_llm_score
from agent.scoring.rubric import Rubric
from analytics.transcript_metrics import transcript_metrics
from db.aggregates import MetricLike, interview_figures

logger = logging.getLogger("interviewly.scores")

# (question, answer, rubric) -> the LLM's judgement (agent/scoring/llm_judge.py judge_answer, bound to settings)
Judge = Callable[[str, str, "Rubric | None"], Awaitable[dict[str, Any]]]


class QuestionScores:
    def __init__(self, flow: InterviewFlow, *, eyes: EyeTracker, fluency: FluencyTracker, recorder: Recorder,
                 judge: Judge | None = None, show_delivery: bool = True,
                 rows: Callable[[], Sequence[MetricLike]] = tuple) -> None:
        self.flow = flow
        self.rows = rows  # the per-second rows written so far (eye contact and face in view come from them)
        self.eyes = eyes
        self.fluency = fluency
        self.recorder = recorder
        self.judge = judge
        self.show_delivery = show_delivery
        self.active: int | None = None
        self._started: dict[int, float] = {}
        self.results: dict[int, QuestionResult] = {}
        self._rows: dict[int, dict[str, Any]] = {}
        self._judging: set[asyncio.Task[None]] = set()
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
                await self._score(prev, summary.as_dict() if summary else {}, ended_s=now)

    def restore(self, rows: list[dict[str, Any]], *, active: int | None, active_since_s: float | None) -> None:
        """A resumed interview: the questions the host before closed keep their scores; the one it was on is
        closed (and scored with its stored answer) when the interviewer moves on."""
        for row in rows:
            index = row["question_index"]
            if not 0 <= index < self.flow.count:
                continue
            q = self.flow.states[index].question
            self.results[index] = QuestionResult(index=index, question=q.text, skill=q.skill, weight=q.weight,
                                                 answer=row["answer_text"] or "", score=row["score"],
                                                 signals=row["signals"], fluency=row["fluency"])
        if active is not None and active not in self.results:
            self.active = active
            self._started[active] = active_since_s or 0.0

    async def _score(self, index: int, fluency: dict[str, Any], *, ended_s: float) -> None:
        state = self.flow.states[index]
        q = state.question
        figures = interview_figures(r for r in self.rows() if r.question_index == index)
        words = self.fluency.words(index)
        tm = transcript_metrics(words).as_dict() if words else None
        answer = state.answer_text
        # embedding the answer takes tens of milliseconds of CPU: not on the event loop
        score, signals = await asyncio.to_thread(
            score_question, question=q.text, answer=answer, rubric=q.rubric, figures=figures, fluency=fluency,
            transcript=tm, probed=state.probe_reason)
        if state.probe:
            signals["follow_up"] = {"text": state.probe, "reason": state.probe_reason, "point": state.probe_point}
        self.results[index] = QuestionResult(index=index, question=q.text, skill=q.skill, weight=q.weight,
                                             answer=answer, score=score, signals=signals,
                                             fluency={**fluency, "transcript": tm})
        self._rows[index] = {
            "question_index": index, "question": q.text, "skill": q.skill, "answer_text": answer or None,
            "score": score, "eye_contact_ratio": figures.eye_contact_ratio if figures else None,
            "fluency": {**fluency, "transcript": tm}, "signals": signals,
            "started_s": round(self._started.get(index, 0.0), 3), "ended_s": round(ended_s, 3),
        }
        self.recorder.set_question_score(self._rows[index])
        if self.judge is not None and answer.strip():
            task = asyncio.create_task(self._judge(index, q.text, answer, q.rubric), name=f"judge-{index}")
            self._judging.add(task)
            task.add_done_callback(self._judging.discard)

    async def _judge(self, index: int, question: str, answer: str, rubric: Rubric | None) -> None:
        assert self.judge is not None
        try:
            llm = await self.judge(question, answer, rubric)
        except Exception as exc:  # the offline score stands; the row says why there is no LLM score
            logger.warning("LLM scoring of question %d failed: %s", index, exc)
            llm = None
            error = str(exc)[:300]
        result = self.results[index]
        if llm is not None:
            score, signals = with_llm_score(result.signals, llm)
        else:
            score, signals = result.score, {**result.signals, "llm_error": error}
        result.score, result.signals = score, signals
        self._rows[index] = {**self._rows[index], "score": score, "signals": signals}
        self.recorder.set_question_score(self._rows[index])

    async def settle(self, timeout_s: float = 60.0) -> None:
        """Wait for the LLM judgements still running (the report uses their scores); after the timeout the
        offline scores stand."""
        pending = list(self._judging)
        if pending:
            _done, late = await asyncio.wait(pending, timeout=timeout_s)
            for task in late:
                task.cancel()

    def report(self, *, end_reason: str | None, practice_session_id: Any = None,
               engagement: dict[str, Any] | None = None) -> dict[str, Any]:
        """The report row (and a practice interview's feedback), queued on the recorder."""
        results = [self.results[i] for i in sorted(self.results)]
        eye = self.eyes.total.summary().as_dict() if self.eyes.loaded else {}
        if eye:
            eye["calibrated"] = self.eyes.calibration is not None
        fluency = msgspec.structs.asdict(self.fluency.snapshot())
        report = build_report(results, eye=eye, fluency=fluency, rows=self.rows(), engagement=engagement,
                              end_reason=end_reason, show_delivery=self.show_delivery)
        self.recorder.set_report(report)
        if practice_session_id is not None:
            self.recorder.set_practice_feedback(practice_session_id, practice_feedback(report, results))
        return report
