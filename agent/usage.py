"""Metered usage per interview and its cost at the configured prices (interview_usage)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from agent.config import Prices


@dataclass
class UsageMeter:
    prices: Prices
    pipeline: str = "offline"
    stt_seconds: float = 0.0
    llm_prompt_tokens: int = 0
    llm_completion_tokens: int = 0
    tts_characters: int = 0
    room_started: float | None = None
    room_ended: float | None = None
    models: dict[str, str] = field(default_factory=dict)
    # the LLM's answer scoring (agent/scoring/llm_judge.py), on top of the session's own LLM use
    scoring_prompt_tokens: int = 0
    scoring_completion_tokens: int = 0

    def add_scoring_usage(self, usage: dict[str, Any], model: str | None = None) -> None:
        self.scoring_prompt_tokens += int(usage.get("prompt_tokens") or 0)
        self.scoring_completion_tokens += int(usage.get("completion_tokens") or 0)
        if model:
            self.models["scoring_llm"] = model

    def update_from_session_usage(self, usage: Any) -> None:
        """Take the AgentSession's cumulative per-model usage (``session_usage_updated`` event)."""
        stt_s, prompt, completion, chars = 0.0, 0, 0, 0
        for m in getattr(usage, "model_usage", None) or ():
            kind = getattr(m, "type", "")
            if kind == "stt_usage":
                stt_s += m.audio_duration
                self.models["stt"] = f"{m.provider}/{m.model}"
            elif kind == "llm_usage":
                prompt += m.input_tokens
                completion += m.output_tokens
                self.models["llm"] = f"{m.provider}/{m.model}"
            elif kind == "tts_usage":
                chars += m.characters_count
                self.models["tts"] = f"{m.provider}/{m.model}"
        self.stt_seconds, self.llm_prompt_tokens = stt_s, prompt
        self.llm_completion_tokens, self.tts_characters = completion, chars

    def start_room(self, now: float | None = None) -> None:
        self.room_started = time.monotonic() if now is None else now

    def stop_room(self, now: float | None = None) -> None:
        if self.room_started is not None and self.room_ended is None:
            self.room_ended = time.monotonic() if now is None else now

    @property
    def room_minutes(self) -> float:
        if self.room_started is None:
            return 0.0
        end = self.room_ended if self.room_ended is not None else time.monotonic()
        return max(0.0, end - self.room_started) / 60.0

    @property
    def cost_usd(self) -> float:
        p = self.prices
        return round(
            self.stt_seconds / 60.0 * p.stt_per_minute
            + (self.llm_prompt_tokens + self.scoring_prompt_tokens) / 1e6 * p.llm_input_per_1m_tokens
            + (self.llm_completion_tokens + self.scoring_completion_tokens) / 1e6 * p.llm_output_per_1m_tokens
            + self.tts_characters / 1e6 * p.tts_per_1m_characters
            + self.room_minutes * p.room_per_minute,
            6,
        )

    def row(self) -> dict[str, Any]:
        return {
            "stt_seconds": round(self.stt_seconds, 3),
            "llm_prompt_tokens": self.llm_prompt_tokens + self.scoring_prompt_tokens,
            "llm_completion_tokens": self.llm_completion_tokens + self.scoring_completion_tokens,
            "tts_characters": self.tts_characters,
            "room_minutes": round(self.room_minutes, 4),
            "cost_usd": self.cost_usd,
            "prices": {**self.prices.as_dict(), "currency": "USD", "pipeline": self.pipeline,
                       "models": dict(self.models), "scoring_llm_tokens": {
                           "prompt": self.scoring_prompt_tokens, "completion": self.scoring_completion_tokens}},
        }
