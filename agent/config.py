"""Worker settings, read once from the environment.

Every knob has a default that runs the offline pipeline on a laptop; production sets the LiveKit and
database variables (and optionally OPENAI_API_KEY for the cloud pipeline).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from typing import Any

from db.env import ConfigError, env_float, env_int, env_str

#: OFFLINE_STT_MODEL values: the Whisper models that ship in wheels (agent/offline/stt_whisper.py PACKAGED_MODELS)
OFFLINE_STT_MODELS = ("base", "tiny.en")


@dataclass(frozen=True)
class Prices:
    """Unit prices in USD used to cost an interview; stored with the usage row so costs stay explainable."""

    stt_per_minute: float = 0.0
    llm_input_per_1m_tokens: float = 0.0
    llm_output_per_1m_tokens: float = 0.0
    tts_per_1m_characters: float = 0.0
    room_per_minute: float = 0.0

    @classmethod
    def from_env(cls, pipeline: str) -> Prices:
        # Cloud defaults are OpenAI list prices for the default models (gpt-4o-mini-transcribe, gpt-4.1-mini,
        # gpt-4o-mini-tts); the offline pipeline runs on our own CPU, so its model prices default to zero.
        cloud = pipeline == "cloud"
        return cls(
            stt_per_minute=env_float("PRICE_STT_PER_MINUTE", 0.003 if cloud else 0.0),
            llm_input_per_1m_tokens=env_float("PRICE_LLM_INPUT_PER_1M_TOKENS", 0.40 if cloud else 0.0),
            llm_output_per_1m_tokens=env_float("PRICE_LLM_OUTPUT_PER_1M_TOKENS", 1.60 if cloud else 0.0),
            tts_per_1m_characters=env_float("PRICE_TTS_PER_1M_CHARACTERS", 15.0 if cloud else 0.0),
            room_per_minute=env_float("PRICE_ROOM_PER_MINUTE", 0.0),
        )

    def as_dict(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Settings:
    database_url: str | None = None
    livekit_url: str | None = None
    livekit_api_key: str | None = None
    livekit_api_secret: str | None = None

    # pipeline: "cloud" when OPENAI_API_KEY is set, else "offline"
    openai_api_key: str | None = None
    openai_base_url: str | None = None
    openai_stt_model: str = "gpt-4o-mini-transcribe"
    openai_llm_model: str = "gpt-4.1-mini"
    openai_tts_model: str = "gpt-4o-mini-tts"
    openai_tts_voice: str = "ash"
    # answer scoring by an LLM against the rubric (beside the offline score): the API's LLM settings, LLM_* first;
    # a base URL alone is enough for a local server
    scoring_llm_base_url: str | None = None
    scoring_llm_api_key: str | None = None
    scoring_llm_model: str = "gpt-4o-mini"

    # offline pipeline
    # the packaged Whisper model (OFFLINE_STT_MODELS); base makes about 40% fewer word errors than tiny.en on
    # spoken interview answers for about 1.4x its CPU (bench/bench_stt.py, each at its own window)
    offline_stt_model: str = "base"
    whisper_model: str | None = None  # a CTranslate2 Whisper dir, used instead of offline_stt_model when set
    whisper_threads: int = 1
    # the encoder sees each segment's audio, at least this long; 30 is faster-whisper's fixed window (slower,
    # and no more accurate on bench/bench_stt.py). None: the model's own (base 5 s, tiny.en and directories 10 s)
    whisper_min_window_s: float | None = None
    espeak_voice: str = "en-us"
    espeak_rate_wpm: int = 165

    # interview
    max_minutes: float = 30.0
    questions_per_interview: int = 5
    rejoin_grace_s: float = 60.0
    # dispatched when the candidate asked for a room token: if they are not in the room this long after the agent
    # joined, the agent leaves (no-shows are decided by the API's clock, not here)
    candidate_wait_s: float = 60.0
    follow_up_min_words: int = 15
    silence_nudge_s: float = 20.0  # silent this long after a question: offer to repeat; as long again: move on
    endpointing_min_delay_s: float = 1.2
    endpointing_max_delay_s: float = 4.0

    # analytics
    # two analysed frames a second: each live second has a fresh one, and a blink (one closed frame) is held;
    # half the MediaPipe cost of 5 (the calibration before the interview samples at 5)
    video_sample_fps: float = 2.0
    # while the camera shows the same state (agent/sample_rate.py): one a second, still a fresh one per live second
    video_steady_fps: float = 1.0
    live_interval_s: float = 1.0
    look_away_flag_s: float = 3.0
    # before the interview the candidate looks at the interviewer tile this long: their own gaze centre (0: none)
    gaze_calibration_s: float = 3.0

    # persistence
    flush_interval_s: float = 1.0
    max_buffered_rows: int = 3600

    # worker
    avatar_provider: str = "none"
    max_concurrent_interviews: int = 8  # on this machine, all worker processes together
    idle_processes: int = 1  # prewarmed job runners per worker process
    # the LiveKit server's `agents.target_load` (0.7 unless its config says otherwise): it sends no job to a worker
    # reporting that load or more, so a worker reports exactly that load when all its interviews are held
    livekit_target_load: float = 0.7
    http_port: int = 8081  # the (first) worker's health endpoint; 0 picks a free port
    metrics_port: int = 0  # the (first) worker's Prometheus /metrics (agent/metrics.py); 0: not served
    registry_interval_s: float = 2.0  # how often a worker refreshes its agent_workers row
    # "thread": the interviews of a worker process share it (one LiveKit FFI, one copy of the models: ~230 MB RSS
    # an interview instead of ~660 MB); "process": one process per interview (isolation, more CPU and memory)
    job_executor: str = "thread"
    # worker processes sharing the interviews (each its own GIL); default: one per core, at most 4
    worker_processes: int = field(default_factory=lambda: max(1, min(os.cpu_count() or 1, 4)))
    # a supervised worker process whose health endpoint stops answering this long (after it once answered) is
    # killed and restarted: a frozen interpreter holds its interviews and its slots otherwise; 0: never
    watchdog_s: float = 60.0
    # SIGTERM lets running interviews finish for this long; then they end INTERRUPTED ("worker shutdown") and the
    # process exits. Production hosts drain for the length of an interview; `interviewly up` stops in seconds.
    drain_timeout_s: int = 1800
    prices: Prices = field(default_factory=Prices)

    @property
    def pipeline(self) -> str:
        return "cloud" if self.openai_api_key else "offline"

    @classmethod
    def from_env(cls) -> Settings:
        openai_key = env_str("OPENAI_API_KEY")
        pipeline = "cloud" if openai_key else "offline"
        settings = cls(
            database_url=env_str("DATABASE_URL"),
            livekit_url=env_str("LIVEKIT_URL"),
            livekit_api_key=env_str("LIVEKIT_API_KEY"),
            livekit_api_secret=env_str("LIVEKIT_API_SECRET"),
            openai_api_key=openai_key,
            openai_base_url=env_str("OPENAI_BASE_URL"),
            openai_stt_model=env_str("OPENAI_STT_MODEL", cls.openai_stt_model),
            openai_llm_model=env_str("OPENAI_LLM_MODEL", cls.openai_llm_model),
            openai_tts_model=env_str("OPENAI_TTS_MODEL", cls.openai_tts_model),
            openai_tts_voice=env_str("OPENAI_TTS_VOICE", cls.openai_tts_voice),
            scoring_llm_base_url=env_str("LLM_BASE_URL") or env_str("OPENAI_BASE_URL"),
            scoring_llm_api_key=env_str("LLM_API_KEY") or openai_key,
            scoring_llm_model=env_str("LLM_MODEL", cls.scoring_llm_model) or cls.scoring_llm_model,
            offline_stt_model=(env_str("OFFLINE_STT_MODEL", cls.offline_stt_model) or "").strip().lower(),
            whisper_model=env_str("WHISPER_MODEL"),
            whisper_threads=env_int("WHISPER_THREADS", cls.whisper_threads),
            whisper_min_window_s=(None if env_str("WHISPER_MIN_WINDOW_SECONDS") is None
                                  else env_float("WHISPER_MIN_WINDOW_SECONDS", 0.0)),
            espeak_voice=env_str("ESPEAK_VOICE", cls.espeak_voice),
            espeak_rate_wpm=env_int("ESPEAK_RATE_WPM", cls.espeak_rate_wpm),
            max_minutes=env_float("INTERVIEW_MAX_MINUTES", cls.max_minutes),
            questions_per_interview=env_int("INTERVIEW_QUESTIONS", cls.questions_per_interview),
            rejoin_grace_s=env_float("REJOIN_GRACE_SECONDS", cls.rejoin_grace_s),
            candidate_wait_s=env_float("CANDIDATE_WAIT_SECONDS", cls.candidate_wait_s),
            follow_up_min_words=env_int("FOLLOW_UP_MIN_WORDS", cls.follow_up_min_words),
            silence_nudge_s=env_float("SILENCE_NUDGE_SECONDS", cls.silence_nudge_s),
            endpointing_min_delay_s=env_float("ENDPOINTING_MIN_DELAY", cls.endpointing_min_delay_s),
            endpointing_max_delay_s=env_float("ENDPOINTING_MAX_DELAY", cls.endpointing_max_delay_s),
            video_sample_fps=env_float("VIDEO_SAMPLE_FPS", cls.video_sample_fps),
            video_steady_fps=env_float("VIDEO_STEADY_FPS", cls.video_steady_fps),
            live_interval_s=env_float("LIVE_INTERVAL_SECONDS", cls.live_interval_s),
            look_away_flag_s=env_float("LOOK_AWAY_FLAG_SECONDS", cls.look_away_flag_s),
            gaze_calibration_s=env_float("GAZE_CALIBRATION_SECONDS", cls.gaze_calibration_s),
            flush_interval_s=env_float("DB_FLUSH_INTERVAL_SECONDS", cls.flush_interval_s),
            max_buffered_rows=env_int("DB_MAX_BUFFERED_ROWS", cls.max_buffered_rows),
            avatar_provider=(env_str("AVATAR_PROVIDER", "none") or "none").strip().lower(),
            max_concurrent_interviews=env_int("AGENT_MAX_CONCURRENT_INTERVIEWS", cls.max_concurrent_interviews),
            idle_processes=env_int("AGENT_IDLE_PROCESSES", cls.idle_processes),
            livekit_target_load=env_float("LIVEKIT_AGENT_TARGET_LOAD", cls.livekit_target_load),
            http_port=env_int("AGENT_HTTP_PORT", cls.http_port),
            metrics_port=env_int("AGENT_METRICS_PORT", cls.metrics_port),
            job_executor=(env_str("AGENT_JOB_EXECUTOR", cls.job_executor) or cls.job_executor).strip().lower(),
            worker_processes=env_int("AGENT_WORKER_PROCESSES", max(1, min(os.cpu_count() or 1, 4))),
            watchdog_s=env_float("AGENT_WATCHDOG_SECONDS", cls.watchdog_s),
            drain_timeout_s=env_int("AGENT_DRAIN_TIMEOUT_SECONDS", cls.drain_timeout_s),
            prices=Prices.from_env(pipeline),
        )
        settings.validate()
        return settings

    def validate(self) -> None:
        if self.max_minutes <= 0:
            raise ConfigError(f"INTERVIEW_MAX_MINUTES must be > 0 (got {self.max_minutes})")
        if not 0 < self.video_sample_fps <= 30:
            raise ConfigError(f"VIDEO_SAMPLE_FPS must be in (0, 30] (got {self.video_sample_fps})")
        if not 0 < self.video_steady_fps <= self.video_sample_fps:
            raise ConfigError(f"VIDEO_STEADY_FPS must be in (0, VIDEO_SAMPLE_FPS = {self.video_sample_fps:g}] "
                              f"(got {self.video_steady_fps:g})")
        if self.live_interval_s <= 0:
            raise ConfigError(f"LIVE_INTERVAL_SECONDS must be > 0 (got {self.live_interval_s})")
        if self.questions_per_interview < 1:
            raise ConfigError(f"INTERVIEW_QUESTIONS must be >= 1 (got {self.questions_per_interview})")
        if self.whisper_min_window_s is not None and not 0 < self.whisper_min_window_s <= 30:
            raise ConfigError(f"WHISPER_MIN_WINDOW_SECONDS must be in (0, 30] (got {self.whisper_min_window_s})")
        if self.offline_stt_model not in OFFLINE_STT_MODELS:
            raise ConfigError(f"OFFLINE_STT_MODEL must be one of {', '.join(OFFLINE_STT_MODELS)} "
                              f"(got {self.offline_stt_model!r}); WHISPER_MODEL takes a model directory")
        if self.job_executor not in ("process", "thread"):
            raise ConfigError(f"AGENT_JOB_EXECUTOR must be process or thread (got {self.job_executor!r})")
        if self.max_concurrent_interviews < 1:
            raise ConfigError("AGENT_MAX_CONCURRENT_INTERVIEWS must be >= 1")
        if not 0 < self.livekit_target_load <= 1:
            raise ConfigError("LIVEKIT_AGENT_TARGET_LOAD must be in (0, 1], the LiveKit server's agents.target_load "
                              f"(got {self.livekit_target_load:g})")
        if not 1 <= self.worker_processes <= 64:
            raise ConfigError(f"AGENT_WORKER_PROCESSES must be in [1, 64] (got {self.worker_processes})")
        if self.drain_timeout_s < 1:
            raise ConfigError(f"AGENT_DRAIN_TIMEOUT_SECONDS must be >= 1 (got {self.drain_timeout_s})")
        if self.watchdog_s != 0 and self.watchdog_s < 5:
            raise ConfigError(f"AGENT_WATCHDOG_SECONDS must be 0 (off) or >= 5 (got {self.watchdog_s:g})")

    def public_dict(self) -> dict[str, Any]:
        """Settings without secrets, for logs."""
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name in {"openai_api_key", "scoring_llm_api_key", "livekit_api_secret", "database_url"}:
                out[f.name] = "set" if getattr(self, f.name) else None
            elif f.name == "prices":
                out[f.name] = self.prices.as_dict()
            else:
                out[f.name] = getattr(self, f.name)
        out["pipeline"] = self.pipeline
        return out
