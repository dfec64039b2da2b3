"""Mixes the audio of several participants into one mono track, in step with the wall clock.

Each source's frames are queued as they arrive; the writer pulls exactly the samples the clock says are due. A
source that delivered less (silence, a muted microphone, a network gap) adds silence; one that is far ahead is
trimmed, so no voice drifts away from the video."""

from __future__ import annotations

import numpy as np

MAX_AHEAD_SAMPLES = 48000 // 2  # more than half a second queued is late audio: drop the oldest


class AudioMixer:
    def __init__(self) -> None:
        self._queues: dict[str, list[np.ndarray]] = {}
        self._queued: dict[str, int] = {}

    def push(self, source: str, samples: np.ndarray) -> None:
        self._queues.setdefault(source, []).append(samples.astype(np.int16, copy=False))
        self._queued[source] = self._queued.get(source, 0) + samples.size

    def remove(self, source: str) -> None:
        self._queues.pop(source, None)
        self._queued.pop(source, None)

    def _take(self, source: str, n: int) -> np.ndarray:
        chunks, have = self._queues[source], self._queued[source]
        if have > n + MAX_AHEAD_SAMPLES:
            data = np.concatenate(chunks)[have - n - MAX_AHEAD_SAMPLES // 2:]
            chunks[:], have = [data], data.size
        data = np.concatenate(chunks) if chunks else np.zeros(0, np.int16)
        out, rest = data[:n], data[n:]
        chunks[:] = [rest] if rest.size else []
        self._queued[source] = rest.size
        return out

    def pull(self, n: int) -> np.ndarray:
        mix = np.zeros(n, np.int32)
        for source in list(self._queues):
            part = self._take(source, n)
            mix[:part.size] += part
        return np.clip(mix, -32768, 32767).astype(np.int16)
