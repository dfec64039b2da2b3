"""Fluency from the candidate's microphone and STT word timings, per question and so far.

The frames the session receives from the candidate's track (16 kHz mono; the interviewer's stt_node hands
them over, so the track is decoded and resampled once) feed a FluencyAnalyzer per question while the
candidate has the floor (audio during the interviewer's own speech is left out, so its
silences are not the candidate's pauses). Feature extraction and summaries run in one worker thread; the
live scores read the latest cached summary and never wait for it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import numpy as np
from livekit import rtc

from agent.priority import ANALYSIS_NICE, background_executor
from analytics.audio_features import to_float_mono
from analytics.fluency import FluencyAnalyzer, FluencySummary
from analytics.transcript_metrics import Word, transcript_metrics
from db.contract import FluencyLive

logger = logging.getLogger("interviewly.audio")

SAMPLE_RATE = 16000


def combine_fluency(parts: list[FluencySummary]) -> FluencySummary:
    """One summary for several recordings (questions) as if they were analysed back to back."""
    parts = [p for p in parts if p.duration_s > 0]
    if not parts:
        return FluencySummary()
    duration = sum(p.duration_s for p in parts)
    speaking = sum(p.speaking_seconds for p in parts)
    pauses = sum(p.pause_count for p in parts)
    total_pause = sum(p.total_pause_s for p in parts)
    syllables = sum(p.syllables for p in parts)
    return FluencySummary(
        pause_count=pauses,
        mean_pause_s=total_pause / pauses if pauses else 0.0,
        total_pause_s=total_pause,
        phonation_ratio=min(1.0, speaking / duration) if duration else 0.0,
        speaking_seconds=speaking,
        speech_rate_sps=syllables / duration if duration else 0.0,
        articulation_rate_sps=syllables / speaking if speaking else 0.0,
        duration_s=duration,
        syllables=syllables,
        longest_pause_s=max(p.longest_pause_s for p in parts),
    )


class FluencyTracker:
    """Per-question FluencyAnalyzers fed from the candidate's audio, off the event loop."""

    def __init__(self, *, min_pause_s: float = 0.25, gate: Callable[[], bool] | None = None) -> None:
        self.min_pause_s = min_pause_s
        self._gate = gate  # True while candidate audio should be analysed
        self._executor = background_executor("fluency", ANALYSIS_NICE)
        self._question: int | None = None
        self._analyzer: FluencyAnalyzer | None = None
        self._done: dict[int, FluencySummary] = {}
        self._current = FluencySummary()
        self._pending: list[np.ndarray] = []
        self._words: dict[int, list[Word]] = {}
        self._format_warned = False

    # --- audio in -------------------------------------------------------------------------------------

    def push_frame(self, frame: rtc.AudioFrame) -> None:
        """A frame of the candidate's microphone as the session receives it (16 kHz mono)."""
        if frame.sample_rate != SAMPLE_RATE or frame.num_channels != 1:
            if not self._format_warned:
                self._format_warned = True
                logger.warning("fluency needs %d Hz mono audio, got %d Hz x %d: frames ignored", SAMPLE_RATE,
                               frame.sample_rate, frame.num_channels)
            return
        # kept as int16: the analyzer scales to float in its own thread (to_float_mono), not here on the event loop
        self.push(np.frombuffer(frame.data, dtype=np.int16))

    def push(self, samples: np.ndarray) -> None:
        """Mono samples at 16 kHz, int16 or float in [-1, 1]."""
        if self._analyzer is None or (self._gate is not None and not self._gate()):
            return
        self._pending.append(samples)

    # --- questions ------------------------------------------------------------------------------------

    async def start_question(self, index: int) -> FluencySummary | None:
        """Close the running question (returns its summary) and start analysing ``index``."""
        finished = await self.finish_question()
        self._question = index
        self._analyzer = FluencyAnalyzer(SAMPLE_RATE, min_pause_s=self.min_pause_s)
        self._current = FluencySummary()
        return finished

    async def finish_question(self) -> FluencySummary | None:
        if self._analyzer is None or self._question is None:
            return None
        summary = await self._run(self._analyzer, self._take_pending())
        self._done[self._question] = summary
        self._analyzer, self._current = None, FluencySummary()
        return summary

    def _take_pending(self) -> np.ndarray | None:
        if not self._pending:
            return None
        pending, self._pending = self._pending, []
        if len({p.dtype for p in pending}) > 1:  # int16 frames and float samples: one scale for all
            pending = [to_float_mono(p) for p in pending]
        return np.concatenate(pending)

    async def _run(self, analyzer: FluencyAnalyzer, chunk: np.ndarray | None) -> FluencySummary:
        def work() -> FluencySummary:
            if chunk is not None:
                analyzer.push(chunk)
            return analyzer.summary()

        return await asyncio.get_running_loop().run_in_executor(self._executor, work)

    async def refresh(self) -> None:
        """Feed what arrived since the last call and recompute the running question's summary."""
        if self._analyzer is None:
            return
        analyzer, question = self._analyzer, self._question
        summary = await self._run(analyzer, self._take_pending())
        if self._analyzer is analyzer and self._question == question:
            self._current = summary

    # --- words ----------------------------------------------------------------------------------------

    def add_words(self, question: int | None, words: list[Word]) -> None:
        if question is not None and words:
            self._words.setdefault(question, []).extend(words)

    def words(self, question: int | None = None) -> list[Word]:
        if question is not None:
            return list(self._words.get(question, []))
        return [w for q in sorted(self._words) for w in self._words[q]]

    # --- read side ------------------------------------------------------------------------------------

    def overall(self) -> FluencySummary:
        parts = [self._done[q] for q in sorted(self._done)]
        if self._analyzer is not None:
            parts.append(self._current)
        return combine_fluency(parts)

    def snapshot(self) -> FluencyLive:
        """Fluency so far (audio and, when there are word timings, the transcript)."""
        out: dict[str, Any] = self.overall().as_dict()
        words = self.words()
        if words:
            tm = transcript_metrics(words)
            out.update(words_per_minute=tm.words_per_minute, fillers_per_100_words=tm.fillers_per_100_words,
                       filler_count=tm.filler_count, repetitions=tm.repetitions, word_count=tm.word_count)
        return FluencyLive(**{k: round(v, 3) if isinstance(v, float) else v for k, v in out.items()})

    async def aclose(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
