"""`interviewly analyze` on short videos built from the real face photo and espeak-ng speech."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from analytics.cli import SUMMARY_KEYS, main
from tests.analytics.conftest import PAUSES_S
from tests.faces import blank_rgb, frontal_face_rgb, jittered, turned_face_rgb, two_faces_rgb
from tests.media import (
    SpeechTruth,
    write_video,
    write_wav,
    write_y4m,
)

REPO = Path(__file__).resolve().parents[2]
VIDEO_FPS = 10


@pytest.fixture(scope="module")
def files(media_dir: Path, fast_speech: tuple[np.ndarray, SpeechTruth]) -> dict[str, Path]:
    audio, truth = fast_speech
    n = int(truth.duration_s * VIDEO_FPS)
    frontal = jittered(frontal_face_rgb(), n, seed=11)
    silence = np.zeros(16000 * 3, np.float32)
    out = {
        "frontal_y4m": write_y4m(frontal, VIDEO_FPS, media_dir / "frontal.y4m"),
        "speech_wav": write_wav(audio, 16000, media_dir / "speech.wav"),
        "frontal_mp4": write_video(frontal, VIDEO_FPS, media_dir / "frontal.mp4", audio=audio),
        "turned_mkv": write_video(
            jittered(turned_face_rgb(-35.0), 30, seed=12), VIDEO_FPS, media_dir / "turned.mkv", audio=silence
        ),
        "two_webm": write_video(jittered(two_faces_rgb(), 30, seed=13), VIDEO_FPS, media_dir / "two.webm"),
        "blank_y4m": write_y4m([blank_rgb()] * 30, VIDEO_FPS, media_dir / "blank.y4m"),
        "empty": media_dir / "empty.mp4",
        "junk": media_dir / "junk.mp4",
    }
    out["empty"].write_bytes(b"")
    out["junk"].write_bytes(b"this is not a video at all\n" * 50)
    truncated = media_dir / "truncated.mp4"
    truncated.write_bytes(out["frontal_mp4"].read_bytes()[:2000])
    out["truncated"] = truncated
    return out


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_frontal_video_with_wav_gives_eye_contact_and_speech(
    files: dict[str, Path], fast_speech: tuple[np.ndarray, SpeechTruth], capsys: pytest.CaptureFixture[str]
) -> None:
    _audio, truth = fast_speech
    result = _json(capsys, "--video", str(files["frontal_y4m"]), "--audio", str(files["speech_wav"]))
    summary = result["summary"]
    assert set(SUMMARY_KEYS) <= set(summary)
    assert summary["frames_analyzed"] == pytest.approx(truth.duration_s * 5, abs=2)  # --fps 5 of a 10 fps file
    assert summary["eye_contact_ratio"] >= 0.95
    assert summary["face_present_ratio"] == 1.0
    assert summary["multiple_faces_ratio"] == 0.0
    assert summary["pause_count"] == len(PAUSES_S)
    assert summary["total_pause_s"] == pytest.approx(sum(PAUSES_S), rel=0.10)
    assert summary["speech_rate_sps"] == pytest.approx(truth.syllables / truth.duration_s, rel=0.20)
    assert summary["duration_s"] == pytest.approx(truth.duration_s, abs=0.2)
    series = result["series"]
    assert len(series) == int(np.ceil(summary["duration_s"]))
    assert [row["t"] for row in series] == list(range(len(series)))
    assert all(row["frames"] == 5 for row in series[:-1])
    assert sum(row["syllables"] for row in series) == summary["syllables"]


def test_audio_from_the_videos_own_track(
    files: dict[str, Path], fast_speech: tuple[np.ndarray, SpeechTruth], capsys: pytest.CaptureFixture[str]
) -> None:
    _audio, truth = fast_speech
    summary = _json(capsys, "--video", str(files["frontal_mp4"]), "--fps", "2")["summary"]
    assert summary["has_audio"] is True
    assert summary["eye_contact_ratio"] >= 0.95
    assert summary["frames_analyzed"] == pytest.approx(truth.duration_s * 2, abs=2)
    assert summary["pause_count"] == len(PAUSES_S)  # AAC round trip keeps the pauses
    assert summary["speech_rate_sps"] == pytest.approx(truth.syllables / truth.duration_s, rel=0.20)


def test_turned_face_and_silent_track_give_no_contact_and_zero_speech(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    summary = _json(capsys, "--video", str(files["turned_mkv"]))["summary"]
    assert summary["face_present_ratio"] == 1.0
    assert summary["eye_contact_ratio"] == 0.0
    assert summary["longest_look_away_s"] == pytest.approx(3.0)  # 15 frames at --fps 5
    assert summary["flags"] == ["look_away_over_3s"]
    assert summary["speech_rate_sps"] == 0.0 and summary["pause_count"] == 0 and summary["phonation_ratio"] == 0.0


def test_two_faces_in_webm(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    summary = _json(capsys, "--video", str(files["two_webm"]))["summary"]
    assert summary["multiple_faces_ratio"] >= 0.9
    assert "multiple_faces" in summary["flags"]
    assert summary["has_audio"] is False and summary["speaking_seconds"] == 0.0


def test_video_without_a_face_gives_zeros(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    result = _json(capsys, "--video", str(files["blank_y4m"]))
    summary = result["summary"]
    for key in ("eye_contact_ratio", "face_present_ratio", "multiple_faces_ratio", "longest_look_away_s"):
        assert summary[key] == 0.0
    assert summary["frames_analyzed"] == 15
    assert all(row["eye_contact_ratio"] is None for row in result["series"])


def test_readable_table_without_json(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--video", str(files["frontal_y4m"]), "--audio", str(files["speech_wav"])]) == 0
    out = capsys.readouterr().out
    for key in ("eye_contact_ratio", "speech_rate_sps", "pause_count", "frames_analyzed", "flags"):
        assert key in out
    assert "%" in out


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("missing", "file not found"),
        ("empty", "file is empty"),
        ("junk", "not a readable media file"),
        ("truncated", "truncated.mp4"),
        ("speech_wav", "no video stream"),
    ],
)
def test_bad_input_exits_non_zero_with_one_clear_line(
    key: str, message: str, files: dict[str, Path], media_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = files.get(key, media_dir / "does-not-exist.mp4")
    assert main(["--video", str(path), "--json"]) != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]


def test_bad_audio_file_is_reported(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--video", str(files["blank_y4m"]), "--audio", str(files["blank_y4m"])]) == 1
    assert "no audio stream" in capsys.readouterr().err


def test_runs_as_a_module_in_a_subprocess(files: dict[str, Path]) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-m", "analytics.cli", "analyze", "--video", str(files["two_webm"]), "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["summary"]["multiple_faces_ratio"] >= 0.9
    assert proc.stderr.strip() == ""  # MediaPipe's native log chatter is kept out of the CLI's stderr
    bad = subprocess.run(
        [sys.executable, "-m", "analytics.cli", "--video", str(files["junk"])],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=60,
    )
    assert bad.returncode == 1 and len(bad.stderr.strip().splitlines()) == 1


def test_interviewly_analyze_dispatches_here(files: dict[str, Path]) -> None:
    """`interviewly analyze ...` (devstack/cli.py) hands its arguments to analytics.cli.main."""
    code = "import sys; from devstack.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.run(
        [sys.executable, "-c", code, "analyze", "--video", str(files["blank_y4m"]), "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["summary"]["frames_analyzed"] == 15
