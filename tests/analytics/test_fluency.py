"""Fluency on real synthetic speech (espeak-ng) with silences of known length inserted."""

from __future__ import annotations

import numpy as np
import pytest

from analytics.fluency import FluencyAnalyzer, FluencySummary, analyze_audio
from tests.analytics.conftest import PAUSES_S
from tests.media import SpeechTruth, resample

Speech = tuple[np.ndarray, SpeechTruth]


@pytest.mark.parametrize("which", ["slow_speech", "fast_speech"])
def test_pauses_are_found_exactly(which: str, request: pytest.FixtureRequest) -> None:
    audio, truth = request.getfixturevalue(which)
    s = analyze_audio(audio, 16000)
    assert s.pause_count == len(PAUSES_S)
    assert s.total_pause_s == pytest.approx(sum(truth.pauses_s), rel=0.10)
    assert s.mean_pause_s == pytest.approx(sum(truth.pauses_s) / len(truth.pauses_s), rel=0.10)
    # the longest pause follows "shops": its unvoiced, quiet final /s/ reads as silence (~0.2 s)
    assert s.longest_pause_s == pytest.approx(max(truth.pauses_s), abs=0.3)
    assert s.duration_s == pytest.approx(truth.duration_s)
    assert s.speaking_seconds == pytest.approx(truth.speaking_s, rel=0.10)
    assert s.phonation_ratio == pytest.approx(truth.speaking_s / truth.duration_s, rel=0.10)


@pytest.mark.parametrize("which", ["slow_speech", "fast_speech"])
def test_speech_rate_is_within_20_percent_of_true_syllables(which: str, request: pytest.FixtureRequest) -> None:
    audio, truth = request.getfixturevalue(which)
    s = analyze_audio(audio, 16000)
    assert s.speech_rate_sps == pytest.approx(truth.syllables / truth.duration_s, rel=0.20)
    assert s.articulation_rate_sps == pytest.approx(truth.syllables / truth.speaking_s, rel=0.20)
    assert s.syllables == pytest.approx(truth.syllables, rel=0.20)


def test_faster_voice_has_higher_rates(slow_speech: Speech, fast_speech: Speech) -> None:
    slow, fast = analyze_audio(slow_speech[0]), analyze_audio(fast_speech[0])
    assert fast.speech_rate_sps > slow.speech_rate_sps * 1.2
    assert fast.articulation_rate_sps > slow.articulation_rate_sps * 1.2


def test_streaming_equals_batch_for_any_chunking(fast_speech: Speech) -> None:
    audio, _truth = fast_speech
    batch = analyze_audio(audio, 16000)
    rng = np.random.default_rng(42)
    for as_int16 in (False, True):
        stream = FluencyAnalyzer(16000)
        pos = 0
        while pos < audio.size:
            n = int(rng.integers(1, 4000))
            chunk = audio[pos : pos + n]
            stream.push((chunk * 32768.0).round().clip(-32768, 32767).astype(np.int16) if as_int16 else chunk)
            pos += n
        if as_int16:  # quantised input: same figures as the batch on the same quantised samples
            quantised = (audio * 32768.0).round().clip(-32768, 32767).astype(np.int16)
            assert stream.summary() == analyze_audio(quantised, 16000)
        else:
            assert stream.summary() == batch


def test_summary_at_any_moment_grows_with_the_answer(fast_speech: Speech) -> None:
    audio, _truth = fast_speech
    analyzer = FluencyAnalyzer(16000)
    seen: list[FluencySummary] = []
    for start in range(0, audio.size, 16000 * 2):
        analyzer.push(audio[start : start + 16000 * 2])
        seen.append(analyzer.summary())
    durations = [s.duration_s for s in seen]
    assert durations == sorted(durations)
    assert seen[-1].pause_count == len(PAUSES_S)
    assert [s.pause_count for s in seen] == sorted(s.pause_count for s in seen)
    # a trailing silence is not (yet) a pause: nobody knows whether speech resumes
    analyzer.push(np.zeros(16000 * 2, np.float32))
    assert analyzer.summary().pause_count == len(PAUSES_S)


def test_memory_is_bounded_to_compact_features(fast_speech: Speech) -> None:
    audio, _truth = fast_speech
    analyzer = FluencyAnalyzer(16000)
    for _ in range(10):  # ~140 s of audio in 20 ms chunks
        for start in range(0, audio.size, 320):
            analyzer.push(audio[start : start + 320])
    seconds = analyzer.duration_s
    raw_bytes = seconds * 16000 * 4
    assert analyzer.feature_bytes() < 0.01 * raw_bytes  # far below keeping the audio
    assert analyzer.feature_bytes() < seconds * 100 * 5 * 2 + 64_000  # 5 B per 10 ms frame (x2 growth)


@pytest.mark.parametrize("rate", [8000, 22050, 48000])
def test_other_sample_rates_agree(rate: int, fast_speech: Speech) -> None:
    audio, truth = fast_speech
    s = analyze_audio(resample(audio, 16000, rate), rate)
    assert s.pause_count == len(PAUSES_S)
    assert s.speech_rate_sps == pytest.approx(truth.syllables / truth.duration_s, rel=0.20)


def test_min_pause_is_configurable(fast_speech: Speech) -> None:
    audio, _truth = fast_speech
    s = analyze_audio(audio, 16000, min_pause_s=0.8)  # only the 1.0 s and 1.5 s silences qualify
    assert s.pause_count == 2


@pytest.mark.parametrize("kind", ["digital_silence", "quiet_hiss", "loud_noise", "empty"])
def test_audio_without_speech_gives_zeros(kind: str) -> None:
    rng = np.random.default_rng(0)
    audio = {
        "digital_silence": np.zeros(16000 * 3, np.float32),
        "quiet_hiss": rng.normal(0, 1e-4, 16000 * 3).astype(np.float32),
        "loud_noise": rng.normal(0, 0.2, 16000 * 3).astype(np.float32),
        "empty": np.zeros(0, np.float32),
    }[kind]
    s = analyze_audio(audio, 16000)
    assert s.syllables == 0 and s.pause_count == 0 and s.speaking_seconds == 0.0
    assert s.speech_rate_sps == 0.0 and s.articulation_rate_sps == 0.0 and s.phonation_ratio == 0.0


def test_rejects_non_mono_input() -> None:
    with pytest.raises(ValueError):
        FluencyAnalyzer().push(np.zeros((100, 2), np.float32))
    with pytest.raises(ValueError):
        FluencyAnalyzer().push(np.zeros(100, np.int32))


def test_per_second_series_matches_summary(fast_speech: Speech) -> None:
    audio, _truth = fast_speech
    analyzer = FluencyAnalyzer(16000)
    analyzer.push(audio)
    rows = analyzer.per_second()
    summary = analyzer.summary()
    assert len(rows) == int(np.ceil(summary.duration_s))
    assert sum(r["syllables"] for r in rows) == summary.syllables
    assert sum(r["speaking_s"] for r in rows) == pytest.approx(summary.speaking_seconds, abs=0.02)
