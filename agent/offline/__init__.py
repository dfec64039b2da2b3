"""The offline pipeline: faster-whisper STT, a plan-driven interviewer LLM and espeak-ng TTS.

Each is a proper livekit-agents model class, so the AgentSession runs them exactly like cloud models.
Nothing here downloads anything: the Whisper models ship in PyPI wheels (stt_whisper.PACKAGED_MODELS).
"""
