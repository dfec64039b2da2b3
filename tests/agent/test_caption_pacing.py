"""The batched speaking-rate estimate (agent/caption_pacing.py) gives the library's figures, event for event, on
the interviewer's real voice; the transcript synchronizer uses it once installed."""

from __future__ import annotations

import numpy as np
import pytest
from livekit import rtc
from livekit.agents.voice import io
from livekit.agents.voice.transcription import _speaking_rate, synchronizer

from agent.caption_pacing import (
    BatchedSpeakingRateDetector,
    BatchedSpeakingRateStream,
    batch_caption_pacing,
    spectral_flux,
)
from agent.offline.tts_espeak import EspeakTTS

LINE = "Tell me about a time you had to learn something new quickly. How did you go about it?"


async def _events(detector: _speaking_rate.SpeakingRateDetector, speech: rtc.AudioFrame) -> list:
    stream = detector.stream()
    n = speech.sample_rate // 20  # the room output's 50 ms frames
    pcm = np.frombuffer(speech.data, dtype=np.int16)
    for i in range(0, len(pcm), n):
        chunk = pcm[i:i + n]
        stream.push_frame(rtc.AudioFrame(chunk.tobytes(), speech.sample_rate, 1, len(chunk)))
    stream.end_input()
    return [(e.timestamp, e.speaking, e.speaking_rate) async for e in stream]


async def test_the_batched_estimate_matches_the_library_on_the_interviewers_voice() -> None:
    speech = await EspeakTTS(rate_wpm=170).synthesize(LINE).collect()
    ours = await _events(BatchedSpeakingRateDetector(), speech)
    theirs = await _events(_speaking_rate.SpeakingRateDetector(), speech)
    assert len(ours) == len(theirs) > 30  # an event every 0.1 s of a ~5 s line
    assert sum(1 for _, speaking, _ in theirs if speaking) > 20
    for (t1, s1, r1), (t2, s2, r2) in zip(ours, theirs, strict=True):
        assert t1 == t2 and s1 == s2
        assert r1 == pytest.approx(r2, rel=1e-9, abs=1e-12)


def test_spectral_flux_edge_cases_match_the_library() -> None:
    reference = _speaking_rate.SpeakingRateStream.__new__(_speaking_rate.SpeakingRateStream)
    rng = np.random.default_rng(7)
    for n in (599, 600, 900, 24000):  # fewer than two frames, exactly one, two, a full second
        audio = (rng.standard_normal(n) * 0.2).astype(np.float32)
        assert spectral_flux(audio, 24000) == pytest.approx(reference._spectral_flux(audio, 24000), rel=1e-9)


class _Discard(io.AudioOutput):
    """Where the synchronised audio goes in this test: nowhere."""

    def __init__(self) -> None:
        super().__init__(label="discard", capabilities=io.AudioOutputCapabilities(pause=False), sample_rate=24000)

    async def capture_frame(self, frame: rtc.AudioFrame) -> None:
        await super().capture_frame(frame)

    def flush(self) -> None:
        super().flush()

    def clear_buffer(self) -> None:
        pass


async def test_the_transcript_synchronizer_paces_with_the_batched_estimate_once_installed() -> None:
    original = synchronizer.SpeakingRateDetector
    try:
        batch_caption_pacing()
        sync = synchronizer.TranscriptSynchronizer(next_in_chain_audio=_Discard(), next_in_chain_text=None)
        assert isinstance(sync._impl._audio_data.sr_stream, BatchedSpeakingRateStream)
        await sync.aclose()
    finally:
        synchronizer.SpeakingRateDetector = original  # type: ignore[misc]


async def test_each_step_transforms_only_the_frames_it_adds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Consecutive windows share 0.9 s: a step while the interviewer speaks computes 8 new frames, not 79."""
    from agent import caption_pacing

    computed: list[int] = []
    original = caption_pacing._magnitudes

    def counting(audio: np.ndarray, sample_rate: int, first: int, count: int) -> np.ndarray:
        computed.append(count)
        return original(audio, sample_rate, first, count)

    monkeypatch.setattr(caption_pacing, "_magnitudes", counting)
    speech = await EspeakTTS(rate_wpm=170).synthesize(LINE).collect()
    ours = await _events(BatchedSpeakingRateDetector(), speech)
    speaking = sum(1 for _, s, _ in ours if s)
    assert len(computed) >= speaking > 20
    assert sum(1 for c in computed if c == 8) >= speaking - 3  # the first window and those after a pause in full
    assert sum(computed) < 0.25 * 79 * len(computed)
