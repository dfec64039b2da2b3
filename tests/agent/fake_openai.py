"""An OpenAI-compatible server on loopback for the cloud pipeline's tests, backed by real local models:
transcriptions by faster-whisper, speech by espeak-ng, and a chat model that does what the plan note says
(it speaks the note's SAY line), streaming like the real API, usage included. Asked for a JSON answer score
(``response_format`` json_schema, as agent/scoring/llm_judge.py asks), it answers non-streamed with the offline
scorer's judgement of the answer against the rubric it was sent, quoting the answer's sentences. A test may give it
its own ``reply`` (messages -> text, e.g. a CV rewriter or a coach); a request with ``stream: false`` gets a plain
chat completion, and ``word_delay_s`` spaces the streamed words as a model writing them would."""

from __future__ import annotations

import asyncio
import io
import json
import subprocess
import time
import uuid
import wave
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from aiohttp import web
from livekit import rtc

from agent.flow import parse_note
from agent.offline.stt_whisper import load_model
from agent.offline.tts_espeak import parse_wav
from agent.scoring.content import score_answer
from agent.scoring.rubric import Rubric, RubricPoint


@dataclass
class FakeOpenAI:
    requests: list[tuple[str, Any]] = field(default_factory=list)
    runner: web.AppRunner | None = None
    port: int = 0
    invent_quotes: bool = False  # the judge claims every point, quoting words the answer never said
    reply: Callable[[list[dict[str, Any]]], str] | None = None  # what the chat model says, instead of the plan note
    word_delay_s: float = 0.0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self.chat)
        app.router.add_post("/v1/audio/transcriptions", self.transcribe)
        app.router.add_post("/v1/audio/speech", self.speech)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()

    async def chat(self, request: web.Request) -> web.StreamResponse:
        body = await request.json()
        self.requests.append(("chat", body))
        if (body.get("response_format") or {}).get("type") == "json_schema":
            return await self.judge(body)
        say = "Could you tell me more?"
        for msg in reversed(body["messages"]):
            content = msg.get("content")
            text = content if isinstance(content, str) else " ".join(
                c.get("text", "") for c in content or [] if isinstance(c, dict))
            if msg["role"] in ("system", "developer") and (found := parse_note(text)):
                say = found
                break
            if msg["role"] == "assistant":
                break
        if self.reply is not None:
            say = self.reply(body["messages"])
        if body.get("stream") is False:
            return self.completion(body, say)
        resp = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await resp.prepare(request)
        cid, created = f"chatcmpl-{uuid.uuid4().hex[:8]}", int(time.time())

        async def send(obj: dict[str, Any]) -> None:
            await resp.write(f"data: {json.dumps(obj)}\n\n".encode())

        base = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": body["model"]}
        for i, word in enumerate(say.split(" ")):
            delta = {"role": "assistant", "content": word if i == 0 else " " + word}
            await send({**base, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]})
            if self.word_delay_s:
                await asyncio.sleep(self.word_delay_s)
        await send({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
        prompt = sum(len(json.dumps(m)) for m in body["messages"]) // 4
        await send({**base, "choices": [], "usage": {"prompt_tokens": prompt, "completion_tokens": len(say) // 4,
                                                     "total_tokens": prompt + len(say) // 4}})
        await resp.write(b"data: [DONE]\n\n")
        return resp

    @staticmethod
    def completion(body: dict[str, Any], text: str) -> web.Response:
        usage = {"prompt_tokens": len(json.dumps(body["messages"])) // 4, "completion_tokens": len(text) // 4}
        return web.json_response({
            "id": f"chatcmpl-{uuid.uuid4().hex[:8]}", "object": "chat.completion", "created": int(time.time()),
            "model": body["model"], "usage": {**usage, "total_tokens": sum(usage.values())},
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}]})

    async def judge(self, body: dict[str, Any]) -> web.Response:
        task = json.loads(body["messages"][-1]["content"])
        points = task["rubric"]["points"]
        rubric = Rubric(skill=task["rubric"].get("skill", ""), points=tuple(RubricPoint(p, p) for p in points)) \
            if points else None
        scored = await asyncio.to_thread(score_answer, task["question"], task["answer"], rubric)
        verdict = {"score": round(scored.score), "on_topic": scored.gate > 0.5, "rationale": "offline scorer",
                   "points": [{"covers": p.covers, "covered": p.covered or self.invent_quotes,
                               "evidence": ("words nobody said" if self.invent_quotes else
                                            (p.evidence or "") if p.covered else "")} for p in scored.points]}
        content = json.dumps(verdict)
        usage = {"prompt_tokens": len(json.dumps(body["messages"])) // 4, "completion_tokens": len(content) // 4}
        return web.json_response({
            "id": f"chatcmpl-{uuid.uuid4().hex[:8]}", "object": "chat.completion", "created": int(time.time()),
            "model": body["model"], "usage": {**usage, "total_tokens": sum(usage.values())},
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}]})

    async def transcribe(self, request: web.Request) -> web.Response:
        form = await request.post()
        audio = form["file"].file.read()
        self.requests.append(("transcriptions", {k: v for k, v in form.items() if k != "file"}))
        with wave.open(io.BytesIO(audio), "rb") as wf:
            rate, pcm = wf.getframerate(), wf.readframes(wf.getnframes())
        frame = rtc.AudioFrame(pcm, rate, 1, len(pcm) // 2)
        resampler = rtc.AudioResampler(rate, 16000, num_channels=1)
        data = b"".join(bytes(f.data) for f in [*resampler.push(frame), *resampler.flush()])
        samples = np.frombuffer(data, dtype=np.int16).astype(np.float32) / 32768.0
        segments, _ = load_model().transcribe(samples, language="en", beam_size=1)
        return web.json_response({"text": " ".join(s.text.strip() for s in segments)})

    async def speech(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(("speech", body))
        out = await asyncio.to_thread(subprocess.run, ["espeak-ng", "--stdout"], input=body["input"].encode(),
                                      capture_output=True, check=True)
        rate, pcm = parse_wav(out.stdout)
        frame = rtc.AudioFrame(pcm, rate, 1, len(pcm) // 2)
        resampler = rtc.AudioResampler(rate, 24000, num_channels=1)
        data = b"".join(bytes(f.data) for f in [*resampler.push(frame), *resampler.flush()])
        return web.Response(body=data, content_type="audio/pcm")
