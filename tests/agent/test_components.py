"""The pieces on their own: frame analysis below the real-time paths, video sampling under load, live scores, usage,
settings."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
import threading
import time
import uuid

import numpy as np
import pytest
from livekit import rtc

from agent.avatar import AvatarConfigError, check_provider
from agent.config import ConfigError, Prices, Settings
from agent.eye_tracker import EyeTracker
from agent.fluency_tracker import FluencyTracker, combine_fluency
from agent.live_scores import Speaking, compose_live_message
from agent.offline.stt_whisper import (
    WhisperSTT,
)
from agent.offline.tts_espeak import EspeakTTS
from agent.usage import UsageMeter
from agent.video_sampler import VideoSampler, frame_to_rgb
from analytics.eye_contact import FrameObservation
from analytics.fluency import FluencySummary
from db.contract import FrameCounts, LiveMessage, decode_live_message
from tests.agent.sim import REPO, analyses_back, rgb_to_frame


def _thread_names() -> list[str]:
    """Every thread of this process as Linux names it."""
    out = []
    for tid in os.listdir("/proc/self/task"):
        with contextlib.suppress(OSError), open(f"/proc/self/task/{tid}/comm") as f:
            out.append(f.read().strip())
    return out


def _this_thread_name() -> str:
    with open("/proc/thread-self/comm") as f:
        return f.read().strip()


def _thread_cpu() -> dict[int, tuple[int, int]]:
    """tid -> (CPU ticks so far, nice) for every thread of this process."""
    out = {}
    for tid in os.listdir("/proc/self/task"):
        with contextlib.suppress(OSError):
            stat = open(f"/proc/self/task/{tid}/stat").read()
            fields = stat[stat.rindex(")") + 2:].split()
            out[int(tid)] = (int(fields[11]) + int(fields[12]), int(fields[16]))
    return out


def _ticks_by_nice(before: dict, after: dict) -> dict[int, int]:
    spent: dict[int, int] = {}
    for tid, (ticks, nice) in after.items():
        spent[nice] = spent.get(nice, 0) + ticks - before.get(tid, (0, 0))[0]
    return spent


async def test_transcription_and_frame_analysis_run_below_the_real_time_paths() -> None:
    """Whisper's and MediaPipe's work lands in threads with a raised nice value; the event loop keeps nice 0."""
    from agent.priority import (
        ANALYSIS_NICE,
        TRANSCRIPTION_NICE,
        background_executor,
        create_in_background,
        single_threaded_blas,
    )
    from analytics.eye_contact import EyeContactAnalyzer
    from tests.faces import frontal_face_rgb

    single_threaded_blas()  # as the worker does in prewarm
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == 0
    speech = await EspeakTTS(rate_wpm=170).synthesize("I test my code with pytest on every change.").collect()
    stt = WhisperSTT()
    try:
        before = _thread_cpu()
        for _ in range(3):
            await stt.recognize([speech])
        whisper = _ticks_by_nice(before, _thread_cpu())
    finally:
        await stt.aclose()
    assert sum(whisper.values()) > 10
    assert sum(v for n, v in whisper.items() if n >= TRANSCRIPTION_NICE) >= 0.8 * sum(whisper.values()), whisper

    analyzer = create_in_background(EyeContactAnalyzer, ANALYSIS_NICE)
    executor = background_executor("video-analysis", ANALYSIS_NICE)
    rgb = frontal_face_rgb()
    try:
        before = _thread_cpu()
        loop = asyncio.get_running_loop()
        for i in range(40):
            await loop.run_in_executor(executor, analyzer.process, rgb, i / 5)
        frames = _ticks_by_nice(before, _thread_cpu())
        comm = await loop.run_in_executor(executor, _this_thread_name)
    finally:
        executor.shutdown()
        analyzer.close()
    assert sum(frames.values()) > 10
    assert sum(v for n, v in frames.items() if n >= ANALYSIS_NICE) >= 0.8 * sum(frames.values()), frames
    # named as Linux shows threads, so the worker's CPU by thread tells the parts apart (the benches' split):
    # the executor's thread, and CTranslate2's own threads after the thread that loaded Whisper
    assert comm == "video-analysis_"  # (15 bytes)
    assert "ct2-whisper" in (names := _thread_names()), names
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == 0


def test_video_frames_convert_from_i420_to_rgb() -> None:
    rgb = np.zeros((48, 64, 3), np.uint8)
    rgb[:, :, 0] = 200
    i420 = rgb_to_frame(rgb).convert(rtc.VideoBufferType.I420)
    out = frame_to_rgb(i420)
    assert out.shape == (48, 64, 3) and abs(int(out[..., 0].mean()) - 200) < 10
    rgba = frame_to_rgb(rgb_to_frame(rgb))  # RGBA -> RGB24 is not a LiveKit conversion: sliced instead
    assert np.array_equal(rgba, rgb)


async def test_sampler_drops_frames_instead_of_queueing_when_analysis_is_slow() -> None:
    """30 fps in, 5 fps sampled, an analysis that takes 350 ms: never two at once, drops counted."""
    running, peak, analysed_at = 0, 0, []
    lock = threading.Lock()

    def slow_analyze(rgb: np.ndarray, t: float) -> str:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.35)
        with lock:
            running -= 1
        analysed_at.append(t)
        return "obs"

    observations = []
    sampler = VideoSampler(slow_analyze, fps=5, on_observation=lambda obs: observations.append(sampler.last_ref))
    frame = rgb_to_frame(np.zeros((48, 64, 3), np.uint8)).convert(rtc.VideoBufferType.I420)

    shown: list[float] = []  # when each frame was handed to the sampler (its clock)
    held: list[float] = []  # how long the sampler kept each frame before it asked for the next one

    async def camera():
        for i in range(90):  # 3 s at 30 fps (longer on a loaded runner: each sleep may overrun)
            shown.append(time.monotonic())
            yield rtc.VideoFrameEvent(frame=frame, timestamp_us=i * 33_333, rotation=0)
            held.append(time.monotonic() - shown[-1])
            await asyncio.sleep(1 / 30)

    await sampler._consume(camera())
    await analyses_back(sampler)  # the last analysis may still be running
    await sampler.aclose()
    # the camera never waited for the analysis: all its frames together were held for less than one analysis takes
    assert sum(held) < 0.35, (sum(held), max(held))
    assert peak == 1
    # ~5 fps over the time the frames really spanned, which sleeps that overrun stretch (3.06 s idle, 3.13 s with six
    # busy processes, already 17 samples; past 3.2 s, 18): the first frame, then one per 0.2 s grid point (a late
    # frame may miss one)
    span = shown[-1] - shown[0]
    assert span / 0.2 - 1 <= sampler.frames_sampled <= span / 0.2 + 2, (sampler.frames_sampled, span)
    assert sampler.frames_dropped >= 5
    assert sampler.frames_analyzed == len(observations) == sampler.frames_sampled - sampler.frames_dropped
    assert sampler.take_counters() == (sampler.frames_analyzed, sampler.frames_dropped)
    assert sampler.take_counters() == (0, 0)


async def test_sampler_rate_changes_from_the_next_frame() -> None:
    """The calibration's 5 fps, then the interview's 2 fps: each stretch sampled at its own rate, on a grid."""
    sampled: list[float] = []
    sampler = VideoSampler(lambda rgb, t: t, fps=5, on_observation=sampled.append, phase_s=0.85)
    frame = rgb_to_frame(np.zeros((48, 64, 3), np.uint8)).convert(rtc.VideoBufferType.I420)
    clock = {"t": 0.0}
    sampler._clock = lambda: clock["t"]

    async def camera():
        for i in range(180):  # 6 s at 30 fps on a simulated clock
            clock["t"] = i / 30
            if i == 60:
                sampler.set_fps(2)
            yield rtc.VideoFrameEvent(frame=frame, timestamp_us=i * 33_333, rotation=0)
            await analyses_back(sampler)  # each analysis back before the next frame (a loaded runner can take > 30 ms)

    await sampler._consume(camera())
    await sampler.aclose()
    first, then = [t for t in sampled if t < 2.0], [t for t in sampled if t >= 2.0]
    assert 9 <= len(first) <= 11  # 2 s at 5 fps
    assert 8 <= len(then) <= 10  # 4 s at 2 fps
    # the slower grid keeps the phase: a sample 150 ms (within a frame) before each live second
    assert all(abs((t - 0.85) % 0.5) < 0.04 or abs((t - 0.85) % 0.5 - 0.5) < 0.04 for t in then[1:])
    assert sampler.frames_dropped == 0


def _eyes(observations: list[FrameObservation]) -> EyeTracker:
    eyes = EyeTracker()
    eyes.analyzer = object()  # type: ignore[assignment]  (loaded: windows are computed)
    for obs in observations:
        eyes.observe(obs)
    return eyes


def _live(eyes: EyeTracker, *, t: float, speaking: Speaking | None = None, attached: bool = True) -> LiveMessage:
    fluency = FluencyTracker()
    return compose_live_message(interview_id=uuid.uuid4(), seq=int(t), t=t, t_s=int(t), question_index=1,
                                question_count=3, eyes=eyes, speaking=speaking or Speaking(), fluency=fluency,
                                frames=FrameCounts(analyzed=5, dropped=0), video_attached=attached, frame_ref=None)


def test_live_message_and_metric_row_carry_the_same_figures() -> None:
    # 5 frames a second: the last second all frontal with contact, 30 s earlier a face-less stretch
    looking = [FrameObservation(t=9.0 + 0.2 * i, face_found=True, num_faces=1, yaw_deg=3.21, pitch_deg=-1.0,
                                eye_contact=i != 0) for i in range(5)]
    away = [FrameObservation(t=1.0 + 0.2 * i, face_found=False, num_faces=0) for i in range(20)]
    msg = _live(_eyes([*away, *looking]), t=10.0, speaking=Speaking(agent_state="speaking"))
    # by time: 0.8 s of contact in 5.8 s observed (the last face-less frame before the 4 s gap stands for 1 s,
    # MAX_FRAME_GAP_S; counting frames said 4 of 25)
    assert msg.eye_contact.last_1s == 0.8 and msg.eye_contact.rolling_30s == 0.138
    assert msg.face_present is True and msg.speaking == "agent" and "no_face" in msg.flags
    row = msg.metric_row()
    assert (row.t_s, row.eye_contact, row.eye_contact_30s, row.head_yaw_deg) == (10, 0.8, 0.138, 3.2)
    assert row.flags == msg.flags and row.frames_analyzed == 5
    decoded = decode_live_message(msg.encode())
    assert decoded == msg

    no_face = _live(_eyes(away), t=4.9)
    assert no_face.face_present is False and no_face.eye_contact.last_1s == 0.0 and "no_face" in no_face.flags
    off = _live(EyeTracker(), t=1.0, attached=False)
    assert off.face_present is None and off.eye_contact.last_1s is None and off.flags == ["camera_off"]


def test_a_steady_seconds_sample_still_in_analysis_leaves_the_one_before() -> None:
    # once a second (a steady picture): the sample due at 9.85 is not analysed yet when the tick at 10 s comes
    steady = [FrameObservation(t=t, face_found=True, num_faces=1, eye_contact=True) for t in (6.85, 7.85, 8.85)]
    msg = _live(_eyes(steady), t=10.0)
    assert msg.eye_contact.last_1s == 1.0 and msg.face_present is True and "no_video" not in msg.flags
    # older than the head pose's 1.5 s: no figure, and the recruiter is told the video has stopped
    stale = _live(_eyes(steady), t=10.5)
    assert stale.eye_contact.last_1s is None and stale.face_present is None and "no_video" in stale.flags


def test_fluency_of_several_questions_combines() -> None:
    a = FluencySummary(pause_count=2, total_pause_s=1.0, mean_pause_s=0.5, speaking_seconds=8, duration_s=10,
                       syllables=32, longest_pause_s=0.6)
    b = FluencySummary(pause_count=1, total_pause_s=2.0, mean_pause_s=2.0, speaking_seconds=6, duration_s=10,
                       syllables=18, longest_pause_s=2.0)
    c = combine_fluency([a, b, FluencySummary()])
    assert (c.pause_count, c.total_pause_s, c.duration_s, c.syllables) == (3, 3.0, 20, 50)
    assert c.speech_rate_sps == 2.5 and c.articulation_rate_sps == 50 / 14 and c.longest_pause_s == 2.0


def test_usage_is_priced() -> None:
    meter = UsageMeter(Prices(stt_per_minute=0.006, llm_input_per_1m_tokens=1.0, llm_output_per_1m_tokens=2.0,
                              tts_per_1m_characters=15.0, room_per_minute=0.01), pipeline="cloud")
    meter.stt_seconds, meter.tts_characters = 600, 10**4
    meter.llm_prompt_tokens, meter.llm_completion_tokens = 10**6, 10**5
    meter.start_room(now=0.0)
    meter.stop_room(now=600.0)
    row = meter.row()
    assert row["room_minutes"] == 10.0
    assert row["cost_usd"] == pytest.approx(0.06 + 1.0 + 0.2 + 0.15 + 0.1)
    assert row["prices"]["stt_per_minute"] == 0.006 and row["prices"]["currency"] == "USD"


def test_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.setenv("INTERVIEW_MAX_MINUTES", "12.5")
    monkeypatch.setenv("VIDEO_SAMPLE_FPS", "3")
    s = Settings.from_env()
    assert (s.max_minutes, s.video_sample_fps, s.pipeline, s.avatar_provider) == (12.5, 3.0, "offline", "none")
    assert s.prices.stt_per_minute == 0.0
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    cloud = Settings.from_env()
    assert cloud.pipeline == "cloud" and cloud.prices.llm_input_per_1m_tokens > 0
    assert cloud.public_dict()["openai_api_key"] == "set"
    monkeypatch.setenv("VIDEO_SAMPLE_FPS", "0")
    with pytest.raises(ConfigError):
        Settings.from_env()
    monkeypatch.setenv("VIDEO_SAMPLE_FPS", "3")
    monkeypatch.setenv("OFFLINE_STT_MODEL", "Tiny.EN")
    assert Settings.from_env().offline_stt_model == "tiny.en"
    assert Settings.from_env().whisper_min_window_s is None  # the model's own
    monkeypatch.setenv("WHISPER_MIN_WINDOW_SECONDS", "40")
    with pytest.raises(ConfigError, match="WHISPER_MIN_WINDOW_SECONDS"):
        Settings.from_env()
    monkeypatch.delenv("WHISPER_MIN_WINDOW_SECONDS")
    monkeypatch.setenv("OFFLINE_STT_MODEL", "small")
    with pytest.raises(ConfigError, match=r"OFFLINE_STT_MODEL must be one of base, tiny\.en"):
        Settings.from_env()


def test_avatar_providers_are_checked() -> None:
    check_provider("none")
    for bad in ("hedra", "nosuch", "tavus"):  # retired, unknown, plugin not installed
        with pytest.raises(AvatarConfigError, match="none"):
            check_provider(bad)


def test_choosing_hedra_stops_the_worker_at_start_up_with_one_clear_line() -> None:
    env = {"PATH": "/usr/bin:/bin", "AVATAR_PROVIDER": "hedra", "DATABASE_URL": "postgresql://x@127.0.0.1:1/x",
           "LIVEKIT_URL": "ws://127.0.0.1:1", "LIVEKIT_API_KEY": "k", "LIVEKIT_API_SECRET": "s"}
    result = subprocess.run([sys.executable, "-m", "agent.worker", "start"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "hedra" in lines[0] and "shut down" in lines[0] and "tavus" in lines[0] and "none" in lines[0]


def test_prewarm_freezes_the_startup_heap_once() -> None:
    """The models' objects stay out of full collections, which otherwise stall every interview of a process."""
    code = (
        "import gc, types\n"
        "from agent.worker import prewarm\n"
        "proc = types.SimpleNamespace(userdata={})\n"
        "prewarm(proc)\n"
        "frozen = gc.get_freeze_count()\n"
        "kept = [object() for _ in range(10)]; cycle = []; cycle.append(cycle)\n"
        "prewarm(types.SimpleNamespace(userdata={}))\n"
        "print(frozen, gc.get_freeze_count(), len(gc.get_objects()))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    frozen, frozen_after_second, tracked = map(int, out.stdout.split()[-3:])
    assert frozen > 100_000
    assert frozen_after_second == frozen  # a later prewarm (interviews may be running) freezes nothing
    assert tracked < frozen / 5
