"""Speech fluency from audio alone: pauses, phonation and syllable-nuclei speech rate.

Follows De Jong & Wempe (2009), "Praat script to detect syllable nuclei and measure speech rate
automatically" (Behavior Research Methods 41(2)): intensity is thresholded 25 dB below its 99th
percentile to split sounding from silent stretches; syllable nuclei are intensity peaks above that
threshold that stand out by >= 2 dB from the dips on both sides and are voiced.  Works with any STT or
none.  Streaming and batch give identical results because both run the same per-frame features
(``audio_features``) and the summary is recomputed from those features at any moment.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from analytics.audio_features import FRAME_RATE_HZ, FeatureExtractor

FRAME_S = 1.0 / FRAME_RATE_HZ
# De Jong & Wempe (2009) defaults.
SILENCE_DB = -25.0  # silence threshold relative to the 99th percentile of intensity
MIN_DIP_DB = 2.0  # a nucleus must stand >= 2 dB above the dips on both sides
MIN_SOUNDING_S = 0.1  # Praat "To TextGrid (silences)": shorter sounding blips are silence
# Praat's voicing threshold for "To Pitch (ac)".
VOICING_THRESHOLD = 0.45
# Below this level (dB re full scale) nothing is speech, whatever the relative threshold says: keeps
# digital silence or a muted mic from being "sounding" because its own 99th percentile is tiny.
ABSOLUTE_FLOOR_DBFS = -60.0
# A sounding stretch with less voicing than this is noise (a cough, a click, fan noise), not speech.
MIN_VOICED_S = 0.05


@dataclass
class FluencySummary:
    pause_count: int = 0
    mean_pause_s: float = 0.0
    total_pause_s: float = 0.0
    phonation_ratio: float = 0.0  # speaking time / total duration
    speaking_seconds: float = 0.0
    speech_rate_sps: float = 0.0  # syllables / total duration
    articulation_rate_sps: float = 0.0  # syllables / speaking time
    duration_s: float = 0.0
    syllables: int = 0
    longest_pause_s: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class _Analysis:
    speech: np.ndarray  # bool per frame: inside a speaking stretch (short silences bridged)
    nuclei: np.ndarray  # frame indices of syllable nuclei
    pauses: list[tuple[int, int]]  # [start, end) frame ranges of internal pauses


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) ranges where ``mask`` is True."""
    padded = np.concatenate([[False], mask, [False]]).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return list(zip(edges[0::2].tolist(), edges[1::2].tolist(), strict=True))


def _prominence_ok(intensity: np.ndarray, peaks: np.ndarray, min_dip: float) -> np.ndarray:
    """True for peaks with a dip of >= min_dip dB on both sides before any higher peak (prominence)."""
    from scipy.signal import peak_prominences

    if peaks.size == 0:
        return np.zeros(0, bool)
    prominences = peak_prominences(intensity.astype(np.float64), peaks)[0]
    return prominences >= min_dip


class FluencyAnalyzer:
    """Incremental fluency analysis; ``summary()`` may be called at any moment."""

    def __init__(
        self,
        sample_rate: int = 16000,
        *,
        min_pause_s: float = 0.25,
        silence_db: float = SILENCE_DB,
        min_dip_db: float = MIN_DIP_DB,
    ) -> None:
        self.sample_rate = sample_rate
        self.min_pause_s = min_pause_s
        self.silence_db = silence_db
        self.min_dip_db = min_dip_db
        self._features = FeatureExtractor(sample_rate)

    def push(self, samples: np.ndarray) -> None:
        """Add mono int16 or float32 samples (any chunk length) at ``sample_rate``."""
        self._features.push(samples)

    @property
    def duration_s(self) -> float:
        return self._features.n_samples / self.sample_rate

    def feature_bytes(self) -> int:
        """Memory held by the analyzer's buffers (pending samples + 5 bytes per 10 ms frame)."""
        return self._features.nbytes()

    def _analyze(self) -> _Analysis:
        intensity = self._features.intensity_db().astype(np.float64)
        voicing = self._features.voicing()
        n = intensity.size
        empty = _Analysis(np.zeros(n, bool), np.zeros(0, int), [])
        if n == 0:
            return empty
        threshold = max(float(np.quantile(intensity, 0.99)) + self.silence_db, float(intensity.min()))
        threshold = max(threshold, ABSOLUTE_FLOOR_DBFS)
        voiced = (voicing >= VOICING_THRESHOLD) & (intensity >= threshold)
        sounding = intensity >= threshold
        # Sounding blips that are too short or carry no voice are not speech.
        for start, end in _runs(sounding):
            too_short = end - start < round(MIN_SOUNDING_S / FRAME_S)
            if too_short or voiced[start:end].sum() < round(MIN_VOICED_S / FRAME_S):
                sounding[start:end] = False
        speech = sounding.copy()
        pauses: list[tuple[int, int]] = []
        min_pause = round(self.min_pause_s / FRAME_S)
        for start, end in _runs(~sounding):
            internal = start > 0 and end < n
            if not internal:
                continue  # leading/trailing silence (or silence so far) is not a pause
            if end - start >= min_pause:
                pauses.append((start, end))
            else:
                speech[start:end] = True  # stop closures and brief gaps belong to speaking time
        # Syllable nuclei: local intensity maxima (plateaus count once) inside speech, voiced, prominent.
        inner = intensity[1:-1]
        is_peak = (inner > intensity[:-2]) & (inner >= intensity[2:])
        peaks = np.flatnonzero(is_peak) + 1
        peaks = peaks[sounding[peaks] & voiced[peaks]]
        peaks = peaks[_prominence_ok(intensity, peaks, self.min_dip_db)]
        return _Analysis(speech=speech, nuclei=peaks, pauses=pauses)

    def summary(self) -> FluencySummary:
        duration = self.duration_s
        if duration <= 0:
            return FluencySummary()
        result = self._analyze()
        pause_lengths = [(end - start) * FRAME_S for start, end in result.pauses]
        speaking = float(result.speech.sum()) * FRAME_S
        syllables = int(result.nuclei.size)
        total_pause = float(sum(pause_lengths))
        return FluencySummary(
            pause_count=len(pause_lengths),
            mean_pause_s=total_pause / len(pause_lengths) if pause_lengths else 0.0,
            total_pause_s=total_pause,
            phonation_ratio=min(1.0, speaking / duration),
            speaking_seconds=speaking,
            speech_rate_sps=syllables / duration,
            articulation_rate_sps=syllables / speaking if speaking > 0 else 0.0,
            duration_s=duration,
            syllables=syllables,
            longest_pause_s=max(pause_lengths, default=0.0),
        )

    def per_second(self) -> list[dict[str, float]]:
        """Per second of the recording: seconds spent speaking in it and syllable nuclei in it."""
        result = self._analyze()
        seconds = int(np.ceil(self.duration_s))
        out = []
        for s in range(seconds):
            lo, hi = s * FRAME_RATE_HZ, (s + 1) * FRAME_RATE_HZ
            span = result.speech[lo:hi]
            out.append(
                {
                    "t": float(s),
                    "speaking_s": round(float(span.sum()) * FRAME_S, 2),
                    "syllables": int(((result.nuclei >= lo) & (result.nuclei < hi)).sum()),
                }
            )
        return out


def analyze_audio(samples: np.ndarray, sample_rate: int = 16000, *, min_pause_s: float = 0.25) -> FluencySummary:
    """Batch analysis; identical to pushing the same samples in chunks into a FluencyAnalyzer."""
    analyzer = FluencyAnalyzer(sample_rate, min_pause_s=min_pause_s)
    analyzer.push(samples)
    return analyzer.summary()
