"""A small client for any OpenAI-compatible chat completions API (OpenAI, vLLM, Ollama, llama.cpp server, ...).

Settings (environment): OPENAI_API_KEY (or LLM_API_KEY), OPENAI_BASE_URL (or LLM_BASE_URL; default OpenAI's),
LLM_MODEL (default gpt-4o-mini), LLM_TIMEOUT_SECONDS. The LLM counts as configured when an API key is set, or a
base URL alone (local servers need no key). Without either, every LLM feature answers 503 and says which setting
to set: there is no canned fallback text.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx

DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_MODEL = "gpt-4o-mini"
NOT_CONFIGURED = (
    "No LLM is configured for this server: set OPENAI_API_KEY (and optionally OPENAI_BASE_URL for an "
    "OpenAI-compatible server, and LLM_MODEL), then restart the API."
)


class LLMNotConfigured(RuntimeError):
    def __init__(self) -> None:
        super().__init__(NOT_CONFIGURED)


class LLMError(RuntimeError):
    """The LLM server failed or answered something unusable."""


@dataclass(frozen=True)
class LLMSettings:
    base_url: str | None = None
    api_key: str | None = None
    model: str = DEFAULT_MODEL
    timeout_seconds: float = 120.0
    temperature: float = 0.4

    @property
    def configured(self) -> bool:
        return bool(self.api_key or self.base_url)

    @property
    def effective_base_url(self) -> str:
        return (self.base_url or DEFAULT_BASE_URL).rstrip("/")

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> LLMSettings:
        env = dict(os.environ if env is None else env)

        def get(*names: str) -> str | None:
            for name in names:
                value = (env.get(name) or "").strip()
                if value:
                    return value
            return None

        return cls(
            base_url=get("LLM_BASE_URL", "OPENAI_BASE_URL"),
            api_key=get("LLM_API_KEY", "OPENAI_API_KEY"),
            model=get("LLM_MODEL") or DEFAULT_MODEL,
            timeout_seconds=float(get("LLM_TIMEOUT_SECONDS") or 120),
        )


@dataclass
class Completion:
    text: str
    model: str
    usage: dict[str, Any] = field(default_factory=dict)


class LLMClient:
    def __init__(self, settings: LLMSettings, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        self._transport = transport

    def _check(self) -> None:
        if not self.settings.configured:
            raise LLMNotConfigured()

    def _client(self) -> httpx.AsyncClient:
        headers = {"Content-Type": "application/json"}
        if self.settings.api_key:
            headers["Authorization"] = f"Bearer {self.settings.api_key}"
        return httpx.AsyncClient(
            base_url=self.settings.effective_base_url,
            headers=headers,
            timeout=httpx.Timeout(self.settings.timeout_seconds, connect=10.0),
            transport=self._transport,
        )

    def _body(
        self, messages: list[dict[str, str]], stream: bool, temperature: float | None, max_tokens: int | None
    ) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.settings.model,
            "messages": messages,
            "stream": stream,
            "temperature": self.settings.temperature if temperature is None else temperature,
        }
        if max_tokens:
            body["max_tokens"] = max_tokens
        return body

    async def complete(
        self, messages: list[dict[str, str]], *, temperature: float | None = None, max_tokens: int | None = None
    ) -> Completion:
        self._check()
        async with self._client() as client:
            try:
                r = await client.post("/chat/completions", json=self._body(messages, False, temperature, max_tokens))
            except httpx.HTTPError as exc:
                raise LLMError(
                    f"the LLM server at {self.settings.effective_base_url} is unreachable ({type(exc).__name__})"
                ) from exc
        if r.status_code >= 400:
            raise LLMError(f"the LLM server answered {r.status_code}: {_error_text(r)}")
        try:
            data = r.json()
            text = data["choices"][0]["message"]["content"] or ""
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise LLMError("the LLM server's answer is not a chat completion") from exc
        if not text.strip():
            raise LLMError("the LLM returned an empty answer")
        return Completion(
            text=text.strip(), model=data.get("model") or self.settings.model, usage=data.get("usage") or {}
        )

    async def stream(
        self, messages: list[dict[str, str]], *, temperature: float | None = None, max_tokens: int | None = None
    ) -> AsyncIterator[str]:
        """Text deltas as the server streams them (Server-Sent Events, `data: {...}` lines, `[DONE]`)."""
        self._check()
        async with self._client() as client:
            try:
                async with client.stream(
                    "POST", "/chat/completions", json=self._body(messages, True, temperature, max_tokens)
                ) as r:
                    if r.status_code >= 400:
                        await r.aread()
                        raise LLMError(f"the LLM server answered {r.status_code}: {_error_text(r)}")
                    async for line in r.aiter_lines():
                        if not line.startswith("data:"):
                            continue
                        payload = line[5:].strip()
                        if payload == "[DONE]":
                            return
                        try:
                            chunk = json.loads(payload)
                        except ValueError as exc:
                            raise LLMError("the LLM server sent a malformed stream event") from exc
                        for choice in chunk.get("choices") or []:
                            delta = (choice.get("delta") or {}).get("content")
                            if delta:
                                yield delta
            except httpx.HTTPError as exc:
                raise LLMError(
                    f"the LLM server at {self.settings.effective_base_url} failed mid-stream ({type(exc).__name__})"
                ) from exc


def _error_text(r: httpx.Response) -> str:
    try:
        data = r.json()
        err = data.get("error")
        if isinstance(err, dict):
            return str(err.get("message") or err)[:300]
        return str(err or data)[:300]
    except ValueError:
        return r.text[:300]
