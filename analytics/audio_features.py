"""Streaming per-10 ms audio features: intensity (dB re full scale) and voicing strength.

Frame ``i`` is centred on sample ``i * sample_rate // 100`` whatever the chunking of the input, and is
computed from exactly the same samples with the same row-wise numpy operations, so features (and
everything derived from them) are identical for batch and streaming input.  Only the samples still
needed by unfinished frames are kept, plus 5 bytes per 10 ms frame of features.
"""

from __future__ import annotations

import numpy as np

FRAME_RATE_HZ = 100  # one feature frame per 10 ms
# Intensity analysis as in Praat's "To Intensity" with a 50 Hz minimum pitch (De Jong & Wempe 2009 use
# 50 Hz): a Gaussian-like window whose effective duration is 3.2 / 50 Hz = 64 ms, i.e. a Gaussian with
# sigma ~ 14 ms, truncated at +-3.5 sigma.  Long enough to smooth out pitch periods, short enough to keep
# one intensity peak per syllable.
INTENSITY_SIGMA_S = 0.014
INTENSITY_HALF_WINDOW_S = 3.5 * INTENSITY_SIGMA_S
# Voicing: normalised autocorrelation over a 40 ms Hann window (3 periods of a 75 Hz voice, Praat's
# default pitch floor), searched between 75 and 600 Hz, divided by the window's own autocorrelation
# (Boersma 1993) so a perfectly periodic frame scores ~1.
VOICING_WINDOW_S = 0.040
PITCH_FLOOR_HZ = 75.0
PITCH_CEILING_HZ = 600.0
DB_FLOOR = -120.0  # digital silence
_BLOCK_FRAMES = 256  # frames computed per vectorised block: bounds temporary memory


def to_float_mono(samples: np.ndarray) -> np.ndarray:
    """int16 or float mono samples -> float32 in [-1, 1]."""
    arr = np.asarray(samples)
    if arr.ndim != 1:
        raise ValueError(f"expected mono 1-D samples, got shape {arr.shape}")
    if arr.dtype == np.int16:
        return arr.astype(np.float32) / 32768.0
    if np.issubdtype(arr.dtype, np.floating):
        return arr.astype(np.float32, copy=False)
    raise ValueError(f"expected int16 or float samples, got {arr.dtype}")


class FeatureExtractor:
    """Consumes audio chunks; exposes per-frame intensity_db (float32) and voicing (0..1, uint8/250)."""

    def __init__(self, sample_rate: int) -> None:
        if sample_rate < 8000:
            raise ValueError("sample_rate must be >= 8000 Hz")
        self.sample_rate = sample_rate
        self._half_i = int(np.ceil(INTENSITY_HALF_WINDOW_S * sample_rate))
        offsets = np.arange(-self._half_i, self._half_i + 1) / sample_rate
        kernel = np.exp(-0.5 * (offsets / INTENSITY_SIGMA_S) ** 2)
        self._kernel = (kernel / kernel.sum()).astype(np.float64)
        self._half_v = round(VOICING_WINDOW_S * sample_rate / 2)
        vlen = 2 * self._half_v
        self._hann = np.hanning(vlen + 2)[1:-1]
        self._nfft = 1 << int(np.ceil(np.log2(2 * vlen)))
        win_ac = np.fft.irfft(np.abs(np.fft.rfft(self._hann, self._nfft)) ** 2, self._nfft)[:vlen]
        self._win_ac = win_ac / win_ac[0]
        self._lag_min = int(np.floor(sample_rate / PITCH_CEILING_HZ))
        # Beyond half the window the window's autocorrelation is too small to divide by reliably.
        self._lag_max = min(int(np.ceil(sample_rate / PITCH_FLOOR_HZ)), vlen // 2)
        # Pending samples, starting at absolute sample index self._buf_start (negative = left zero pad).
        self._buf = np.zeros(self._half_i, np.float32)
        self._buf_start = -self._half_i
        self._total = 0  # samples pushed
        self._next = 0  # next frame index to compute
        self._intensity = _Growable(np.float32)
        self._voicing = _Growable(np.uint8)

    @property
    def n_samples(self) -> int:
        return self._total

    @property
    def n_frames(self) -> int:
        return self._next

    def center(self, frame: int | np.ndarray) -> int | np.ndarray:
        return (np.asarray(frame) * self.sample_rate) // FRAME_RATE_HZ

    def push(self, samples: np.ndarray) -> None:
        chunk = to_float_mono(samples)
        if chunk.size == 0:
            return
        self._buf = np.concatenate([self._buf, chunk])
        self._total += chunk.size
        while True:
            # Frames whose whole intensity window (the wider one) is available.
            last_ok = ((self._total - 1 - self._half_i) * FRAME_RATE_HZ) // self.sample_rate
            count = min(last_ok - self._next + 1, _BLOCK_FRAMES)
            if count <= 0:
                break
            self._compute(np.arange(self._next, self._next + count))
            self._next += count
        keep_from = int(self.center(self._next)) - self._half_i
        drop = keep_from - self._buf_start
        if drop > 0:
            self._buf = self._buf[drop:]
            self._buf_start = keep_from

    def _compute(self, frames: np.ndarray) -> None:
        centers = self.center(frames) - self._buf_start
        view_i = np.lib.stride_tricks.sliding_window_view(self._buf, 2 * self._half_i + 1)
        windows = view_i[centers - self._half_i].astype(np.float64)
        power = (windows * windows * self._kernel).sum(axis=1)
        self._intensity.extend((10.0 * np.log10(np.maximum(power, 10.0 ** (DB_FLOOR / 10.0)))).astype(np.float32))

        view_v = np.lib.stride_tricks.sliding_window_view(self._buf, 2 * self._half_v)
        frames_v = view_v[centers - self._half_v].astype(np.float64)
        frames_v = (frames_v - frames_v.mean(axis=1, keepdims=True)) * self._hann
        spec = np.fft.rfft(frames_v, self._nfft, axis=1)
        ac = np.fft.irfft(spec.real**2 + spec.imag**2, self._nfft, axis=1)
        energy = ac[:, :1]
        norm = ac[:, self._lag_min : self._lag_max + 1] / np.maximum(energy, 1e-20)
        norm /= self._win_ac[self._lag_min : self._lag_max + 1]
        strength = np.clip(norm.max(axis=1), 0.0, 1.0)
        strength[energy[:, 0] <= 1e-12] = 0.0
        self._voicing.extend(np.round(strength * 250.0).astype(np.uint8))

    def intensity_db(self) -> np.ndarray:
        return self._intensity.view()

    def voicing(self) -> np.ndarray:
        return self._voicing.view().astype(np.float32) / 250.0

    def nbytes(self) -> int:
        return self._buf.nbytes + self._intensity.nbytes() + self._voicing.nbytes()


class _Growable:
    """Append-only numpy array with amortised O(1) extend."""

    def __init__(self, dtype: type) -> None:
        self._data = np.empty(1024, dtype)
        self._n = 0

    def extend(self, values: np.ndarray) -> None:
        need = self._n + values.size
        if need > self._data.size:
            grown = np.empty(max(need, 2 * self._data.size), self._data.dtype)
            grown[: self._n] = self._data[: self._n]
            self._data = grown
        self._data[self._n : need] = values
        self._n = need

    def view(self) -> np.ndarray:
        return self._data[: self._n]

    def nbytes(self) -> int:
        return self._data.nbytes
