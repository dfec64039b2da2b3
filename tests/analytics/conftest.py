"""Fixtures for analytics tests: real face frames and espeak-ng speech, built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from tests.media import SpeechTruth, speech_with_pauses

PAUSES_S = (0.6, 1.0, 1.5)


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("analytics_media")


def _speech(rate: int, media_dir: Path) -> tuple[np.ndarray, SpeechTruth]:
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is required for the speech ground-truth tests (apt-get install espeak-ng)")
    return speech_with_pauses(rate, PAUSES_S, sample_rate=16000, workdir=media_dir)


@pytest.fixture(scope="session")
def slow_speech(media_dir: Path) -> tuple[np.ndarray, SpeechTruth]:
    """espeak-ng at 120 wpm, four phrases joined by 0.6 / 1.0 / 1.5 s of silence (16 kHz float32)."""
    return _speech(120, media_dir)


@pytest.fixture(scope="session")
def fast_speech(media_dir: Path) -> tuple[np.ndarray, SpeechTruth]:
    """espeak-ng at 180 wpm, same text and silences."""
    return _speech(180, media_dir)
