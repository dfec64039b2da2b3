"""Real test media generators: a real face photo (skimage astronaut) and real synthetic speech (espeak-ng).

Reusable by any test suite: frontal / turned / gaze-shifted / two faces, blank and noise frames,
Y4M and muxed video writers, espeak-ng WAVs and speech with inserted silences of known length.

Head turns are rendered in 3D: the face is lifted onto a mesh made from its own FaceLandmarker
landmarks (x, y, z), extended by rings over the hair so the whole head turns, rotated, and its
triangles are painted back far to near.  A flat perspective warp is not a head turn for a landmark
model (a 40 degree planar turn moved MediaPipe's yaw by under 4 degrees).
"""

from __future__ import annotations

import shutil
import subprocess
import wave
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

# --- faces -------------------------------------------------------------------------------------------

# The astronaut's face centre in skimage.data.astronaut() (512x512) pixel coordinates.
_ASTRONAUT_FACE_X = 260


@lru_cache(maxsize=8)
def _frontal(width: int, height: int) -> np.ndarray:
    from skimage import data
    from skimage.transform import resize

    img = data.astronaut()
    # Crop a box of the output's aspect ratio around the head so the face is ~28% of the frame width,
    # like a webcam interview (the photo's own face is small: ~90 px of 512).
    crop_h = 240
    crop_w = min(512, round(crop_h * width / height))
    x0 = int(np.clip(_ASTRONAUT_FACE_X - crop_w // 2, 0, 512 - crop_w))
    crop = img[0:crop_h, x0 : x0 + crop_w]
    out = resize(crop, (height, width), order=3, anti_aliasing=True)
    out = (np.clip(out, 0.0, 1.0) * 255.0).round().astype(np.uint8)
    out.setflags(write=False)
    return out


def frontal_face_rgb(width: int = 640, height: int = 480) -> np.ndarray:
    """A real frontal face (NASA astronaut photo) looking at the camera, HxWx3 uint8."""
    return _frontal(width, height).copy()


def jittered(frame: np.ndarray, n: int, seed: int = 0, shift_px: int = 3, noise: float = 3.0) -> list[np.ndarray]:
    """``n`` camera-like variants of a frame: small shifts, sensor noise and exposure drift."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        dy, dx = rng.integers(-shift_px, shift_px + 1, size=2)
        moved = np.roll(frame, (int(dy), int(dx)), axis=(0, 1)).astype(np.float32)
        moved = moved * rng.uniform(0.93, 1.07) + rng.normal(0.0, noise, moved.shape)
        out.append(np.clip(moved, 0, 255).astype(np.uint8))
    return out


def blank_rgb(width: int = 640, height: int = 480, value: int = 128) -> np.ndarray:
    return np.full((height, width, 3), value, np.uint8)


def noise_rgb(width: int = 640, height: int = 480, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (height, width, 3), dtype=np.uint8)


def two_faces_rgb(width: int = 640, height: int = 480) -> np.ndarray:
    """Two copies of the real face side by side (each half of the frame), e.g. a second person in view."""
    from skimage.transform import resize

    face = _frontal(height * 4 // 3, height)  # 4:3 frame, face centred
    half = width // 2
    fw = face.shape[1]
    strip = face[:, (fw - half) // 2 : (fw - half) // 2 + half]
    strip = (resize(strip, (height, half), order=1) * 255).round().astype(np.uint8)
    return np.concatenate([strip, strip[:, ::-1]], axis=1)


@lru_cache(maxsize=4)
def _landmarks(width: int, height: int) -> np.ndarray:
    """FaceLandmarker landmarks (478 x 3, pixels; z in the same scale as x) of the frontal face."""
    import mediapipe as mp
    from mediapipe.tasks.python import vision
    from mediapipe.tasks.python.core.base_options import BaseOptions

    from analytics.face_model import face_landmarker_path

    options = vision.FaceLandmarkerOptions(
        base_options=BaseOptions(model_asset_path=str(face_landmarker_path())),
        running_mode=vision.RunningMode.IMAGE,
        num_faces=1,
    )
    landmarker = vision.FaceLandmarker.create_from_options(options)
    try:
        frame = np.ascontiguousarray(_frontal(width, height))
        result = landmarker.detect(mp.Image(image_format=mp.ImageFormat.SRGB, data=frame))
    finally:
        landmarker.close()
    if not result.face_landmarks:
        raise RuntimeError("FaceLandmarker found no face in the frontal test image")
    pts = np.array([[p.x * width, p.y * height, p.z * width] for p in result.face_landmarks[0]])
    pts.setflags(write=False)
    return pts


def _face_oval_indices() -> list[int]:
    from mediapipe.tasks.python.vision import FaceLandmarksConnections

    return sorted({c.start for c in FaceLandmarksConnections.FACE_LANDMARKS_FACE_OVAL})


def _paint_triangle(out: np.ndarray, src: np.ndarray, dst_tri: np.ndarray, src_tri: np.ndarray) -> None:
    """Fill triangle dst_tri of ``out`` with the texture of triangle src_tri of ``src`` (affine map)."""
    height, width = out.shape[:2]
    x0, y0 = np.floor(dst_tri.min(0)).astype(int)
    x1, y1 = np.ceil(dst_tri.max(0)).astype(int)
    x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, width - 1), min(y1, height - 1)
    if x1 < x0 or y1 < y0:
        return
    basis = np.array(
        [
            [dst_tri[0, 0] - dst_tri[2, 0], dst_tri[1, 0] - dst_tri[2, 0]],
            [dst_tri[0, 1] - dst_tri[2, 1], dst_tri[1, 1] - dst_tri[2, 1]],
        ]
    )
    if abs(np.linalg.det(basis)) < 1e-6:
        return
    ys, xs = np.mgrid[y0 : y1 + 1, x0 : x1 + 1]
    rel = np.stack([xs.ravel() + 0.5 - dst_tri[2, 0], ys.ravel() + 0.5 - dst_tri[2, 1]])
    l12 = np.linalg.inv(basis) @ rel
    lam = np.vstack([l12, 1.0 - l12.sum(0)])
    inside = (lam >= -1e-3).all(0)
    if not inside.any():
        return
    sp = lam[:, inside].T @ src_tri
    sx = np.clip(sp[:, 0], 0, src.shape[1] - 1).astype(int)
    sy = np.clip(sp[:, 1], 0, src.shape[0] - 1).astype(int)
    out[ys.ravel()[inside], xs.ravel()[inside]] = src[sy, sx]


@lru_cache(maxsize=32)
def _turned(yaw_deg: float, pitch_deg: float, width: int, height: int) -> np.ndarray:
    from scipy.spatial import Delaunay
    from skimage.draw import polygon

    src = _frontal(width, height)
    pts = _landmarks(width, height)[:468].copy()  # mesh vertices; iris points ride on the eye triangles
    oval = _face_oval_indices()
    centre = pts[oval].mean(0)
    half_w = (pts[oval, 0].max() - pts[oval, 0].min()) / 2.0
    # Rings beyond the face oval (hair, ears) going back like the side of a head, so the whole head
    # turns rather than a mask on a fixed head.
    rings = []
    for s in (1.15, 1.3, 1.45):
        ring = pts[oval].copy()
        ring[:, :2] = centre[:2] + s * (pts[oval, :2] - centre[:2])
        ring[:, 2] = pts[oval, 2] + (s - 1.0) * half_w * 1.2
        rings.append(ring)
    verts = np.vstack([pts, *rings])
    verts[:, 0] = verts[:, 0].clip(0, width - 1)
    verts[:, 1] = verts[:, 1].clip(0, height - 1)
    triangles = Delaunay(verts[:, :2]).simplices

    a, b = np.radians(yaw_deg), np.radians(pitch_deg)
    # yaw > 0 turns the face towards the image's right; pitch > 0 tilts it down (image y and z point
    # down and away from the camera).
    rot_y = np.array([[np.cos(a), 0, -np.sin(a)], [0, 1, 0], [np.sin(a), 0, np.cos(a)]])
    rot_x = np.array([[1, 0, 0], [0, np.cos(b), -np.sin(b)], [0, np.sin(b), np.cos(b)]])
    moved = (verts - centre) @ (rot_x @ rot_y).T + centre

    out = src.copy()
    # What the turned head uncovers is background: fill the old head area with the photo's border colour.
    hull = np.vstack([rings[-1][:, :2]])
    order = np.argsort(np.arctan2(hull[:, 1] - centre[1], hull[:, 0] - centre[0]))
    rr, cc = polygon(hull[order, 1], hull[order, 0], out.shape[:2])
    border = np.concatenate([src[0], src[:, 0], src[:, -1]])
    out[rr, cc] = np.median(border, axis=0).astype(np.uint8)
    for tri in triangles[np.argsort(-moved[triangles, 2].mean(1))]:  # far to near
        _paint_triangle(out, src, moved[tri, :2], verts[tri, :2])
    out.setflags(write=False)
    return out


def turned_face_rgb(yaw_deg: float, pitch_deg: float = 0.0, width: int = 640, height: int = 480) -> np.ndarray:
    """The real face turned in 3D: yaw > 0 towards the image's right, pitch > 0 looking down."""
    return _turned(float(yaw_deg), float(pitch_deg), width, height).copy()


def looking_down_rgb(pitch_deg: float = 30.0, width: int = 640, height: int = 480) -> np.ndarray:
    return turned_face_rgb(0.0, pitch_deg, width, height)


# Eye-opening contours (face-mesh topology) of the eye on the image's left and right, and iris points.
_EYE_CONTOURS = (
    ([33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246], 468, range(469, 473)),
    ([362, 382, 381, 380, 374, 373, 390, 249, 263, 466, 388, 387, 386, 385, 384, 398], 473, range(474, 478)),
)


@lru_cache(maxsize=16)
def _gaze_shifted(offset: float, width: int, height: int) -> np.ndarray:
    from skimage.draw import disk, polygon

    src = _frontal(width, height)
    pts = _landmarks(width, height)
    out = src.copy()
    for contour, centre_idx, ring in _EYE_CONTOURS:
        poly = pts[contour, :2]
        eye = np.zeros(src.shape[:2], bool)
        eye[polygon(poly[:, 1], poly[:, 0], eye.shape)] = True
        centre = pts[centre_idx, :2]
        radius = float(np.mean([np.hypot(*(pts[i, :2] - centre)) for i in ring]))
        iris = np.zeros_like(eye)
        iris[disk((centre[1], centre[0]), radius * 1.05, shape=iris.shape)] = True
        out[eye] = np.percentile(src[eye & ~iris], 75, axis=0)  # repaint the eye white
        half_width = float(np.hypot(*(pts[contour[0], :2] - pts[contour[8], :2]))) / 2.0
        ys, xs = np.nonzero(iris)
        tx = np.round(xs + offset * half_width).astype(int).clip(0, width - 1)
        keep = eye[ys, tx]  # the lids hide what leaves the eye opening
        out[ys[keep], tx[keep]] = src[ys[keep], xs[keep]]
    out.setflags(write=False)
    return out


def gaze_shifted_rgb(offset: float, width: int = 640, height: int = 480) -> np.ndarray:
    """The frontal face with both irises moved sideways by ``offset`` eye half-widths (> 0: image right).

    The head stays frontal: only the eyes look away.
    """
    return _gaze_shifted(float(offset), width, height).copy()


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
