"""Analytics benchmarks (not tests): eye-contact throughput, fluency real-time factor, peak memory.

    .venv/bin/python bench/bench_analytics.py [--frames 300] [--audio-seconds 120] [--cpu 0]

Each measurement runs in its own child process pinned to one core, so peak RSS is per analyzer and
other work on the machine's second core does not inflate the figures.  Targets (issue 7): >= 150
eye-contact frames/s at 640x480 including colour conversion, fluency RTF <= 0.02.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

EYE_FPS_TARGET = 150.0
RTF_TARGET = 0.02


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def child_eye(frames: int, max_faces: int) -> dict[str, float]:
    import av
    import numpy as np

    from analytics.eye_contact import EyeContactAnalyzer
    from tests.faces import frontal_face_rgb

    rng = np.random.default_rng(0)
    base = frontal_face_rgb(640, 480).astype(np.float32)
    # Camera-like input: distinct I420 frames (what WebRTC/LiveKit and most decoders deliver).
    yuv = []
    for _ in range(32):
        noisy = np.clip(base + rng.normal(0, 3, base.shape), 0, 255).astype(np.uint8)
        yuv.append(av.VideoFrame.from_ndarray(noisy, format="rgb24").reformat(format="yuv420p"))
    rss_before = _current_rss_mb()
    analyzer = EyeContactAnalyzer(max_faces=max_faces)
    for i in range(10):  # warm-up: model load, first detection, tracking established
        analyzer.process(yuv[i % 32].to_ndarray(format="rgb24"), i / 30)
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    convert_s = 0.0
    for i in range(frames):
        c0 = time.perf_counter()
        rgb = yuv[i % 32].to_ndarray(format="rgb24")
        convert_s += time.perf_counter() - c0
        analyzer.process(rgb, (i + 10) / 30)
    elapsed = time.perf_counter() - t0
    # CPU time of the whole process (MediaPipe's threads included): unlike wall time, it is not inflated
    # by other work that shares the pinned core on a busy machine.
    cpu_s = time.process_time() - cpu0
    summary = analyzer.summary()
    analyzer.close()
    return {
        "fps": frames / elapsed,
        "ms_per_frame": elapsed / frames * 1000,
        "cpu_ms_per_frame": cpu_s / frames * 1000,
        "convert_ms": convert_s / frames * 1000,
        "eye_contact_ratio": summary.eye_contact_ratio,
        "rss_before_mb": rss_before,
        "peak_rss_mb": _peak_rss_mb(),
    }


def child_fluency(audio_seconds: float) -> dict[str, float]:
    import numpy as np

    from analytics.fluency import FluencyAnalyzer
    from tests.media import speech_with_pauses

    with tempfile.TemporaryDirectory() as tmp:
        speech, truth = speech_with_pauses(180, [0.6, 1.0, 1.5], sample_rate=16000, workdir=tmp)
    reps = int(np.ceil(audio_seconds / truth.duration_s))
    audio = np.tile((speech * 32767).astype(np.int16), reps)[: int(audio_seconds * 16000)]
    chunks = [audio[i : i + 320] for i in range(0, audio.size, 320)]  # 20 ms, like a WebRTC track
    rss_before = _current_rss_mb()

    analyzer = FluencyAnalyzer(16000)
    t0 = time.perf_counter()
    for chunk in chunks:
        analyzer.push(chunk)
    push_s = time.perf_counter() - t0
    s0 = time.perf_counter()
    summary = analyzer.summary()
    last_summary_s = time.perf_counter() - s0

    # The agent asks for a summary now and then: once per second of audio here.
    live = FluencyAnalyzer(16000)
    t1 = time.perf_counter()
    for i, chunk in enumerate(chunks):
        live.push(chunk)
        if i % 50 == 49:
            live.summary()
    live_s = time.perf_counter() - t1
    return {
        "audio_s": audio.size / 16000,
        "rtf_push": push_s / (audio.size / 16000),
        "rtf_push_and_final_summary": (push_s + last_summary_s) / (audio.size / 16000),
        "rtf_summary_every_second": live_s / (audio.size / 16000),
        "final_summary_ms": last_summary_s * 1000,
        "syllables": summary.syllables,
        "feature_bytes": analyzer.feature_bytes(),
        "feature_bytes_per_hour": analyzer.feature_bytes() / (audio.size / 16000) * 3600,
        "rss_before_mb": rss_before,
        "peak_rss_mb": _peak_rss_mb(),
    }


def _spawn(cpu: int, *args: str) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", *args, "--cpu", str(cpu)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark child failed: {' '.join(args)}\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--audio-seconds", type=float, default=120.0)
    parser.add_argument("--cpu", type=int, default=0, help="core to pin each measurement to")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.sched_setaffinity(0, {args.cpu})
    if args.child:
        kind = args.child[0]
        result = child_eye(args.frames, int(args.child[1])) if kind == "eye" else child_fluency(args.audio_seconds)
        print(json.dumps(result))
        return

    print(f"analytics benchmark, one core (cpu {args.cpu}) per measurement, load average {os.getloadavg()[0]:.2f}")
    for max_faces in (1, 2):
        r = _spawn(args.cpu, "eye", str(max_faces), "--frames", str(args.frames))
        verdict = "OK" if r["fps"] >= EYE_FPS_TARGET else "BELOW TARGET"
        print(
            f"eye contact (max_faces={max_faces}{', default: people counted 1/s' if max_faces == 1 else ''}): "
            f"{r['fps']:.1f} frames/s at 640x480 incl. I420->RGB ({r['ms_per_frame']:.2f} ms/frame, of which "
            f"conversion {r['convert_ms']:.2f} ms; CPU {r['cpu_ms_per_frame']:.2f} ms/frame) "
            f"[target >= {EYE_FPS_TARGET:.0f}: {verdict}]; "
            f"peak RSS {r['peak_rss_mb']:.0f} MB (+{r['peak_rss_mb'] - r['rss_before_mb']:.0f} MB for the analyzer)"
        )
    r = _spawn(args.cpu, "fluency", "--audio-seconds", str(args.audio_seconds))
    verdict = "OK" if r["rtf_push_and_final_summary"] <= RTF_TARGET else "ABOVE TARGET"
    print(
        f"fluency: RTF {r['rtf_push_and_final_summary']:.4f} over {r['audio_s']:.0f} s of speech in 20 ms chunks "
        f"(push {r['rtf_push']:.4f}, final summary {r['final_summary_ms']:.1f} ms) "
        f"[target <= {RTF_TARGET}: {verdict}]; "
        f"with summary() every second: RTF {r['rtf_summary_every_second']:.4f}"
    )
    print(
        f"fluency memory: features {r['feature_bytes'] / 1024:.0f} KiB for {r['audio_s']:.0f} s "
        f"(~{r['feature_bytes_per_hour'] / 2**20:.1f} MiB per hour); peak RSS {r['peak_rss_mb']:.0f} MB "
        f"(+{r['peak_rss_mb'] - r['rss_before_mb']:.0f} MB over the loaded process)"
    )


if __name__ == "__main__":
    main()
