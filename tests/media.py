"""Real test media: video files from frames (Y4M, muxed) and real synthetic speech (espeak-ng WAVs, speech with
inserted silences of known length). The faces themselves are in tests/faces.py.
"""

from __future__ import annotations

import shutil
import subprocess
import wave
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# --- video files -------------------------------------------------------------------------------------


def _rgb_to_yuv420(frame: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """BT.601 limited range, what decoders assume for untagged YUV."""
    rgb = frame.astype(np.float32) / 255.0
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    y = 16 + 65.481 * r + 128.553 * g + 24.966 * b
    u = 128 - 37.797 * r - 74.203 * g + 112.0 * b
    v = 128 + 112.0 * r - 93.786 * g - 18.214 * b
    h, w = y.shape

    def sub(c: np.ndarray) -> np.ndarray:
        return c[: h // 2 * 2, : w // 2 * 2].reshape(h // 2, 2, w // 2, 2).mean(axis=(1, 3))

    def u8(c: np.ndarray) -> np.ndarray:
        return np.clip(c.round(), 0, 255).astype(np.uint8)

    return u8(y), u8(sub(u)), u8(sub(v))


def write_y4m(frames: Iterable[np.ndarray], fps: int, path: str | Path) -> Path:
    """Write RGB frames (even width/height) as an uncompressed YUV4MPEG2 (4:2:0) video."""
    path = Path(path)
    frames = iter(frames)
    first = next(frames)
    h, w = first.shape[:2]
    with path.open("wb") as fh:
        fh.write(f"YUV4MPEG2 W{w} H{h} F{fps}:1 Ip A1:1 C420jpeg\n".encode())
        for frame in (first, *frames):
            fh.write(b"FRAME\n")
            for plane in _rgb_to_yuv420(frame):
                fh.write(plane.tobytes())
    return path


def write_video(
    frames: Sequence[np.ndarray],
    fps: int,
    path: str | Path,
    *,
    audio: np.ndarray | None = None,
    sample_rate: int = 16000,
) -> Path:
    """Write an H.264 mp4/mkv (or VP8 webm) with an optional mono audio track, using PyAV."""
    import av

    path = Path(path)
    webm = path.suffix == ".webm"
    with av.open(str(path), "w") as container:
        vstream = container.add_stream("libvpx" if webm else "libx264", rate=fps)
        vstream.width, vstream.height = frames[0].shape[1], frames[0].shape[0]
        vstream.pix_fmt = "yuv420p"
        astream = None
        if audio is not None:
            astream = container.add_stream("libopus" if webm else "aac", rate=48000 if webm else sample_rate)
            astream.layout = "mono"
        for frame in frames:
            for packet in vstream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")):
                container.mux(packet)
        for packet in vstream.encode():
            container.mux(packet)
        if astream is not None and audio is not None:
            pcm = _to_int16(audio)
            resampler = av.AudioResampler(format=astream.format.name, layout="mono", rate=astream.rate)
            for start in range(0, len(pcm), 1024):
                chunk = av.AudioFrame.from_ndarray(pcm[None, start : start + 1024], format="s16", layout="mono")
                chunk.sample_rate = sample_rate
                for resampled in resampler.resample(chunk):
                    for packet in astream.encode(resampled):
                        container.mux(packet)
            for resampled in resampler.resample(None):
                for packet in astream.encode(resampled):
                    container.mux(packet)
            for packet in astream.encode():
                container.mux(packet)
    return path


# --- speech ------------------------------------------------------------------------------------------

ESPEAK_SAMPLE_RATE = 22050


def _to_int16(samples: np.ndarray) -> np.ndarray:
    if samples.dtype == np.int16:
        return samples
    return (np.clip(samples, -1.0, 1.0) * 32767.0).round().astype(np.int16)


def espeak_wav(text: str, rate_wpm: int, path: str | Path, *, voice: str = "en-us") -> Path:
    """Synthesize ``text`` with Debian's espeak-ng at ``rate_wpm`` words per minute into a 22.05 kHz WAV."""
    exe = shutil.which("espeak-ng")
    if exe is None:
        raise RuntimeError("espeak-ng is not installed (apt-get install espeak-ng)")
    path = Path(path)
    subprocess.run([exe, "-v", voice, "-s", str(rate_wpm), "-w", str(path), text], check=True)
    return path


def read_wav(path: str | Path) -> tuple[np.ndarray, int]:
    """Mono float32 samples in [-1, 1] and the sample rate of a 16-bit PCM WAV."""
    with wave.open(str(path), "rb") as wf:
        assert wf.getsampwidth() == 2, "16-bit PCM expected"
        rate, channels = wf.getframerate(), wf.getnchannels()
        data = np.frombuffer(wf.readframes(wf.getnframes()), dtype="<i2")
    if channels > 1:
        data = data.reshape(-1, channels).mean(axis=1)
    return (data.astype(np.float32) / 32768.0), rate


def write_wav(samples: np.ndarray, sample_rate: int, path: str | Path) -> Path:
    path = Path(path)
    with wave.open(str(path), "wb") as wf:
        wf.setnchannels(1)
        wf.setsampwidth(2)
        wf.setframerate(sample_rate)
        wf.writeframes(_to_int16(samples).tobytes())
    return path


def resample(samples: np.ndarray, src_rate: int, dst_rate: int) -> np.ndarray:
    if src_rate == dst_rate:
        return samples.astype(np.float32)
    from math import gcd

    from scipy.signal import resample_poly

    g = gcd(src_rate, dst_rate)
    return resample_poly(samples, dst_rate // g, src_rate // g).astype(np.float32)


def trim_silence(samples: np.ndarray, floor: float = 1e-3) -> np.ndarray:
    """Drop leading/trailing samples quieter than ``floor`` (espeak pads its output)."""
    loud = np.flatnonzero(np.abs(samples) > floor)
    return samples[loud[0] : loud[-1] + 1] if loud.size else samples[:0]


@dataclass(frozen=True)
class SpeechTruth:
    duration_s: float
    pauses_s: tuple[float, ...]
    syllables: int
    speaking_s: float


# Phrases without internal punctuation (so espeak adds no pauses of its own), syllables hand-counted.
PHRASES: tuple[tuple[str, int], ...] = (
    ("I have worked as a software engineer for five years", 13),  # soft-ware en-gi-neer
    ("most of my time was spent on the backend systems", 12),  # back-end sys-tems
    ("we built a service that handles payments for small shops", 13),  # ser-vice han-dles pay-ments
    ("I enjoy working with people who care about quality", 15),  # en-joy work-ing peo-ple a-bout qual-i-ty
)


def speech_with_pauses(
    rate_wpm: int,
    pauses_s: Sequence[float],
    *,
    sample_rate: int = 16000,
    workdir: str | Path,
    phrases: Sequence[tuple[str, int]] = PHRASES,
) -> tuple[np.ndarray, SpeechTruth]:
    """espeak-ng phrases joined by silences of exactly ``pauses_s`` (len(phrases) - 1 of them)."""
    if len(pauses_s) != len(phrases) - 1:
        raise ValueError("need one pause between each pair of phrases")
    workdir = Path(workdir)
    parts: list[np.ndarray] = []
    speaking = 0.0
    for i, (text, _syl) in enumerate(phrases):
        wav = espeak_wav(text, rate_wpm, workdir / f"phrase_{rate_wpm}_{i}.wav")
        samples, rate = read_wav(wav)
        voiced = trim_silence(resample(samples, rate, sample_rate))
        parts.append(voiced)
        speaking += len(voiced) / sample_rate
        if i < len(pauses_s):
            parts.append(np.zeros(round(pauses_s[i] * sample_rate), np.float32))
    audio = np.concatenate(parts)
    truth = SpeechTruth(
        duration_s=len(audio) / sample_rate,
        pauses_s=tuple(pauses_s),
        syllables=sum(s for _t, s in phrases),
        speaking_s=speaking,
    )
    return audio, truth
