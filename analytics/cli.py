"""``interviewly analyze --video FILE [--audio FILE] [--fps 5] [--json]``: offline interview analytics."""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from analytics.eye_contact import EyeContactAnalyzer, FrameObservation
from analytics.fluency import FluencyAnalyzer
from analytics.media_io import MediaError, iter_audio, iter_video_frames, probe

AUDIO_RATE = 16000
PROGRESS_MIN_DURATION_S = 5.0  # shorter files finish before a progress bar would be useful

SUMMARY_KEYS = (
    "eye_contact_ratio",
    "face_present_ratio",
    "multiple_faces_ratio",
    "longest_look_away_s",
    "speech_rate_sps",
    "articulation_rate_sps",
    "pause_count",
    "mean_pause_s",
    "total_pause_s",
    "phonation_ratio",
    "speaking_seconds",
    "duration_s",
    "frames_analyzed",
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="interviewly analyze",
        description="Eye contact and speech fluency of a recorded answer (signals, not verdicts).",
    )
    parser.add_argument("--video", required=True, type=Path, help="video file (mp4, webm, mkv, y4m, ...)")
    parser.add_argument("--audio", type=Path, help="audio file (WAV, ...); default: the video's own audio track")
    parser.add_argument("--fps", type=float, default=5.0, help="frames analysed per second (default 5)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument(
        "--look-away-flag-s", type=float, default=3.0, help="flag looking away longer than this (seconds)"
    )
    return parser


def _round(value: Any) -> Any:
    return round(value, 4) if isinstance(value, float) else value


def _series(
    observations: list[FrameObservation], fluency_seconds: list[dict[str, float]], seconds: int
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    by_second: dict[int, list[FrameObservation]] = {}
    for obs in observations:
        by_second.setdefault(int(obs.t), []).append(obs)
    for s in range(seconds):
        frames = by_second.get(s, [])
        faces = [o for o in frames if o.face_found]
        posed = [o for o in faces if o.yaw_deg is not None and o.pitch_deg is not None]
        audio = fluency_seconds[s] if s < len(fluency_seconds) else {"speaking_s": 0.0, "syllables": 0}
        rows.append(
            {
                "t": s,
                "frames": len(frames),
                "face_present_ratio": _round(len(faces) / len(frames)) if frames else None,
                "eye_contact_ratio": _round(sum(o.eye_contact for o in faces) / len(faces)) if faces else None,
                "max_faces": max((o.num_faces for o in frames), default=0),
                "yaw_deg": _round(sum(o.yaw_deg or 0.0 for o in posed) / len(posed)) if posed else None,
                "pitch_deg": _round(sum(o.pitch_deg or 0.0 for o in posed) / len(posed)) if posed else None,
                "speaking_s": _round(audio["speaking_s"]),
                "syllables": audio["syllables"],
            }
        )
    return rows


def analyze(
    video: Path,
    audio: Path | None,
    fps: float,
    *,
    look_away_flag_s: float = 3.0,
    on_progress: Callable[[float], None] | None = None,
) -> dict[str, Any]:
    """Run both analyzers over the files; raises MediaError for unreadable input."""
    info = probe(video)
    if not info.has_video:
        raise MediaError(f"{video}: no video stream")
    audio_source = audio if audio is not None else (video if info.has_audio else None)
    if audio is not None:
        audio_info = probe(audio)
        if not audio_info.has_audio:
            raise MediaError(f"{audio}: no audio stream")

    fluency = FluencyAnalyzer(AUDIO_RATE)
    if audio_source is not None:
        for chunk in iter_audio(audio_source, AUDIO_RATE):
            fluency.push(chunk)

    observations: list[FrameObservation] = []
    last_t = 0.0
    with EyeContactAnalyzer(look_away_flag_s=look_away_flag_s) as eyes:
        for t, rgb in iter_video_frames(video, fps):
            observations.append(eyes.process(rgb, t))
            last_t = t
            if on_progress is not None:
                on_progress(t)
        eye_summary = eyes.summary()

    video_duration = info.duration_s if info.duration_s else last_t + 1.0 / fps
    duration = max(video_duration, fluency.duration_s)
    speech = fluency.summary()
    summary: dict[str, Any] = {
        "eye_contact_ratio": eye_summary.eye_contact_ratio,
        "face_present_ratio": eye_summary.face_present_ratio,
        "multiple_faces_ratio": eye_summary.multiple_faces_ratio,
        "longest_look_away_s": eye_summary.longest_look_away_s,
        "speech_rate_sps": speech.speech_rate_sps,
        "articulation_rate_sps": speech.articulation_rate_sps,
        "pause_count": speech.pause_count,
        "mean_pause_s": speech.mean_pause_s,
        "total_pause_s": speech.total_pause_s,
        "phonation_ratio": speech.phonation_ratio,
        "speaking_seconds": speech.speaking_seconds,
        "duration_s": duration,
        "frames_analyzed": eye_summary.frames,
        "syllables": speech.syllables,
        "has_audio": audio_source is not None,
        "flags": eye_summary.flags,
    }
    seconds = max(1, math.ceil(duration - 1e-6))
    return {
        "summary": {k: _round(v) for k, v in summary.items()},
        "series": _series(observations, fluency.per_second(), seconds),
    }


def _print_table(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    summary = result["summary"]
    table = Table(title="Interview analytics", caption="signals for a human reviewer, not verdicts")
    table.add_column("metric")
    table.add_column("value", justify="right")
    percent = {"eye_contact_ratio", "face_present_ratio", "multiple_faces_ratio", "phonation_ratio"}
    for key in (*SUMMARY_KEYS, "syllables"):
        value = summary[key]
        text = (
            f"{value * 100:.1f} %" if key in percent else (f"{value:.2f}" if isinstance(value, float) else str(value))
        )
        table.add_row(key, text)
    table.add_row("flags", ", ".join(summary["flags"]) or "none")
    if not summary["has_audio"]:
        table.add_row("audio", "no audio track: fluency figures are zero")
    Console().print(table)


def _run_with_progress(args: argparse.Namespace) -> dict[str, Any]:
    info = probe(args.video)
    duration = info.duration_s or 0.0
    if args.json or duration < PROGRESS_MIN_DURATION_S:
        return analyze(args.video, args.audio, args.fps, look_away_flag_s=args.look_away_flag_s)
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("analysing"), BarColumn(), TextColumn("{task.completed:.0f}/{task.total:.0f} s"),
        TimeRemainingColumn(), transient=True,
    ) as progress:  # fmt: skip
        task = progress.add_task("video", total=duration)
        result = analyze(
            args.video,
            args.audio,
            args.fps,
            look_away_flag_s=args.look_away_flag_s,
            on_progress=lambda t: progress.update(task, completed=min(t, duration)),
        )
    return result


@contextmanager
def _native_logs_silenced() -> Iterator[None]:
    """MediaPipe's C++ side (absl, TFLite) writes init chatter straight to fd 2, ignoring Python logging;
    the CLI's stderr is kept for one clear line when something is wrong."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["analyze"]:  # tolerate `python -m analytics.cli analyze --video ...`
        args_list = args_list[1:]
    args = _parser().parse_args(args_list)
    if not args.fps > 0:
        print("error: --fps must be positive", file=sys.stderr)
        return 2
    try:
        with _native_logs_silenced():
            result = _run_with_progress(args)
    except MediaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result))
    else:
        _print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
