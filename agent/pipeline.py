"""Which STT / LLM / TTS / VAD an interview runs with: cloud (OpenAI) or offline, and the turn handling."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agent.config import Settings


@dataclass
class Models:
    stt: Any
    llm: Any
    tts: Any
    vad: Any
    pipeline: str


def load_vad() -> Any:
    from livekit.agents import inference

    from agent.vad_tap import InlineExecutor

    # Silero's model run natively by livekit-local-inference (a dependency of livekit-agents, the model inside
    # its wheel): ~27 µs of CPU per 32 ms window where the Silero plugin's onnxruntime took ~170 µs, with the
    # same probabilities. 0.6 s of silence ends a VAD speech segment.
    return inference.VAD(min_silence_duration=0.6, prefix_padding_duration=0.4, executor=InlineExecutor())


def build_models(settings: Settings, *, vad: Any | None = None) -> Models:
    from agent.vad_tap import VADEventTap

    # one tap per interview around the (process-wide) VAD model: the STT cuts its segments from the
    # session's own VAD stream instead of running a second one
    vad = VADEventTap(vad if vad is not None else load_vad())
    if settings.pipeline == "cloud":
        from agent.cloud import cloud_models

        stt, llm, tts = cloud_models(settings)
        return Models(stt, llm, tts, vad, "cloud")
    from agent.offline.plan_llm import PlanLLM
    from agent.offline.tts_espeak import EspeakTTS

    return Models(
        build_stt(settings),
        PlanLLM(),
        EspeakTTS(voice=settings.espeak_voice, rate_wpm=settings.espeak_rate_wpm),
        vad,
        "offline",
    )


def build_stt(settings: Settings) -> Any:
    """The speech-to-text of the pipeline in use (the note-taker needs only this)."""
    if settings.pipeline == "cloud":
        from agent.cloud import cloud_models

        return cloud_models(settings)[0]
    from agent.offline.stt_whisper import WhisperSTT

    return WhisperSTT(model_path=settings.whisper_model, model_name=settings.offline_stt_model,
                      cpu_threads=settings.whisper_threads, min_window_s=settings.whisper_min_window_s)


def turn_handling(settings: Settings) -> dict[str, Any]:
    """VAD turn detection and VAD interruptions: no turn-detector model, nothing downloaded, no cloud call.

    Candidates pause to think, so a turn ends only after ENDPOINTING_MIN_DELAY of silence (1.2 s).
    """
    return {
        "turn_detection": "vad",
        "endpointing": {"mode": "fixed", "min_delay": settings.endpointing_min_delay_s,
                        "max_delay": settings.endpointing_max_delay_s},
        "interruption": {"enabled": True, "mode": "vad", "min_duration": 0.8,
                         "resume_false_interruption": True, "false_interruption_timeout": 2.0},
        "preemptive_generation": {"enabled": False},
    }
