"""Decode video frames and audio from media files with PyAV (mp4, webm, mkv, y4m, wav, ...)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

# Frames wider than this are scaled down before landmarking: FaceLandmarker crops the face to 256x256
# anyway, and scaling in swscale is cheaper than copying a 1080p frame into MediaPipe.
MAX_ANALYSIS_WIDTH = 640


class MediaError(Exception):
    """A file that cannot be analysed; the message is one line meant for the user."""


@dataclass(frozen=True)
class MediaInfo:
    path: Path
    duration_s: float | None
    has_video: bool
    has_audio: bool


def _check_file(path: Path) -> None:
    if not path.exists():
        raise MediaError(f"{path}: file not found")
    if not path.is_file():
        raise MediaError(f"{path}: not a regular file")
    if path.stat().st_size == 0:
        raise MediaError(f"{path}: file is empty")


def _open(path: Path) -> av.container.InputContainer:
    _check_file(path)
    try:
        return av.open(str(path), "r")
    except (av.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        raise MediaError(f"{path}: not a readable media file ({_reason(exc)})") from exc


def _reason(exc: BaseException) -> str:
    strerror = getattr(exc, "strerror", None)  # FFmpeg errors: "Invalid data found when processing input"
    if isinstance(strerror, str) and strerror:
        return strerror
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def probe(path: str | Path) -> MediaInfo:
    path = Path(path)
    with _open(path) as container:
        duration = container.duration / 1_000_000 if container.duration else None
        return MediaInfo(
            path=path,
            duration_s=duration,
            has_video=bool(container.streams.video),
            has_audio=bool(container.streams.audio),
        )


def iter_video_frames(path: str | Path, fps: float) -> Iterator[tuple[float, np.ndarray]]:
    """Yield (t seconds from the stream start, HxWx3 uint8 RGB) sampled at about ``fps`` per second."""
    path = Path(path)
    if fps <= 0:
        raise ValueError("fps must be positive")
    with _open(path) as container:
        if not container.streams.video:
            raise MediaError(f"{path}: no video stream")
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        start = float(stream.start_time * stream.time_base) if stream.start_time is not None else 0.0
        rate = float(stream.average_rate) if stream.average_rate else 25.0
        next_t = 0.0
        decoded = 0
        try:
            for index, frame in enumerate(container.decode(stream)):
                t = (frame.time - start) if frame.time is not None else index / rate
                decoded += 1
                if t + 1e-6 < next_t:
                    continue
                next_t += 1.0 / fps
                if next_t <= t:  # source gap or variable frame rate: resync to this frame
                    next_t = t + 1.0 / fps
                width, height = frame.width, frame.height
                if width > MAX_ANALYSIS_WIDTH:
                    height = max(2, round(height * MAX_ANALYSIS_WIDTH / width / 2) * 2)
                    width = MAX_ANALYSIS_WIDTH
                yield t, frame.to_ndarray(format="rgb24", width=width, height=height)
        except av.FFmpegError as exc:
            raise MediaError(f"{path}: corrupt video data ({_reason(exc)})") from exc
        if decoded == 0:
            raise MediaError(f"{path}: video stream has no decodable frames")


def iter_audio(path: str | Path, sample_rate: int = 16000) -> Iterator[np.ndarray]:
    """Yield mono int16 chunks resampled to ``sample_rate`` from the file's first audio stream."""
    path = Path(path)
    with _open(path) as container:
        if not container.streams.audio:
            raise MediaError(f"{path}: no audio stream")
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="s16", layout="mono", rate=sample_rate)
        try:
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    yield out.to_ndarray().reshape(-1)
            for out in resampler.resample(None):
                yield out.to_ndarray().reshape(-1)
        except av.FFmpegError as exc:
            raise MediaError(f"{path}: corrupt audio data ({_reason(exc)})") from exc
