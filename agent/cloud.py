"""The cloud pipeline: OpenAI STT / LLM / TTS through livekit-plugins-openai.

Used when OPENAI_API_KEY is set; OPENAI_BASE_URL points all three at any OpenAI-compatible server
(vLLM, LocalAI, a proxy...). The batch transcription endpoint is used (not the realtime websocket), so
compatible servers only need /audio/transcriptions, /chat/completions and /audio/speech.
"""

from __future__ import annotations

from typing import Any

from agent.config import Settings


def cloud_models(settings: Settings) -> tuple[Any, Any, Any]:
    from livekit.plugins import openai

    if not settings.openai_api_key:
        raise ValueError("the cloud pipeline needs OPENAI_API_KEY")
    common: dict[str, Any] = {"api_key": settings.openai_api_key}
    if settings.openai_base_url:
        common["base_url"] = settings.openai_base_url
    stt = openai.STT(model=settings.openai_stt_model, language="en", use_realtime=False, **common)
    llm = openai.LLM(model=settings.openai_llm_model, temperature=0.3, **common)
    # raw 24 kHz PCM: nothing to decode, and what OpenAI-compatible speech servers commonly offer
    tts = openai.TTS(model=settings.openai_tts_model, voice=settings.openai_tts_voice, response_format="pcm",
                     **common)
    return stt, llm, tts
