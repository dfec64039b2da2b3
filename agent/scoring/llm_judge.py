"""The LLM's score of an answer against the same rubric, with structured output and quoted evidence.

Used when an OpenAI-compatible chat completions server is configured (``LLM_BASE_URL``/``OPENAI_BASE_URL``,
``LLM_API_KEY``/``OPENAI_API_KEY``, ``LLM_MODEL``; the same settings as the API's LLM features). The reply is a JSON
object (``response_format`` json_schema, strict): a 0..100 score and, per rubric point, covered or not with the
candidate's words quoted. Every quote is checked against the answer; a point whose quote is not in the answer does
not count as covered. The offline score is always kept beside this one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import httpx

import prompts
from agent.scoring.rubric import Rubric, normalise

DEFAULT_BASE_URL = "https://api.openai.com/v1"


class JudgeError(RuntimeError):
    """The LLM server failed or answered something that is not a valid judgement."""


@dataclass(frozen=True)
class JudgeSettings:
    base_url: str | None
    api_key: str | None
    model: str
    timeout_s: float = 60.0

    @property
    def configured(self) -> bool:
        return bool(self.base_url or self.api_key)


def response_schema(n_points: int) -> dict[str, Any]:
    point = {"type": "object", "additionalProperties": False, "required": ["covers", "covered", "evidence"],
             "properties": {"covers": {"type": "string"}, "covered": {"type": "boolean"},
                            "evidence": {"type": "string"}}}
    return {"name": "answer_score", "strict": True, "schema": {
        "type": "object", "additionalProperties": False,
        "required": ["score", "on_topic", "points", "rationale"],
        "properties": {"score": {"type": "integer", "minimum": 0, "maximum": 100},
                       "on_topic": {"type": "boolean"},
                       "points": {"type": "array", "items": point, "minItems": n_points, "maxItems": n_points},
                       "rationale": {"type": "string"}}}}


def messages(question: str, answer: str, rubric: Rubric | None) -> list[dict[str, str]]:
    task: dict[str, Any] = {"question": question, "answer": answer}
    if rubric is not None:
        task["rubric"] = {"skill": rubric.skill, "points": [p.covers for p in rubric.points],
                          "example_answers": dict(rubric.examples)}
    else:
        task["rubric"] = {"points": [], "note": "no rubric: judge relevance to the question and specificity"}
    return [{"role": "system", "content": prompts.load_text("scoring_llm.md")},
            {"role": "user", "content": json.dumps(task, ensure_ascii=False)}]


def _quoted(evidence: str, answer: str) -> bool:
    plain = re.compile(r"[^a-z0-9 ]+")
    quote = plain.sub("", normalise(evidence))
    return bool(quote.strip()) and quote in plain.sub("", normalise(answer))


def parse_judgement(content: str, answer: str, rubric: Rubric | None) -> dict[str, Any]:
    """Validate the reply and check its quotes against the answer."""
    try:
        data = json.loads(content)
        score = int(data["score"])
        raw_points = list(data.get("points") or [])
    except (ValueError, KeyError, TypeError) as exc:
        raise JudgeError(f"the LLM's reply is not the requested JSON: {content[:200]!r}") from exc
    if not 0 <= score <= 100:
        raise JudgeError(f"the LLM's score {score} is outside 0..100")
    expected = rubric.points if rubric is not None else ()
    if len(raw_points) != len(expected):
        raise JudgeError(f"the LLM judged {len(raw_points)} points, the rubric has {len(expected)}")
    points = []
    for point, raw in zip(expected, raw_points, strict=True):
        evidence = str(raw.get("evidence") or "")
        verified = _quoted(evidence, answer)
        points.append({"covers": point.covers, "covered": bool(raw.get("covered")) and verified,
                       "claimed_covered": bool(raw.get("covered")), "evidence": evidence or None,
                       "evidence_in_answer": verified})
    return {"score": float(score), "on_topic": bool(data.get("on_topic", True)), "points": points,
            "rationale": str(data.get("rationale") or "")[:2000]}


async def judge_answer(settings: JudgeSettings, question: str, answer: str, rubric: Rubric | None, *,
                       transport: httpx.AsyncBaseTransport | None = None) -> dict[str, Any]:
    """The LLM's judgement: score, points with verified quotes, rationale, model and token usage."""
    body = {"model": settings.model, "messages": messages(question, answer, rubric), "temperature": 0,
            "response_format": {"type": "json_schema",
                                "json_schema": response_schema(len(rubric.points) if rubric else 0)}}
    headers = {"Authorization": f"Bearer {settings.api_key}"} if settings.api_key else {}
    base = (settings.base_url or DEFAULT_BASE_URL).rstrip("/")
    try:
        async with httpx.AsyncClient(base_url=base, headers=headers, transport=transport,
                                     timeout=httpx.Timeout(settings.timeout_s, connect=10.0)) as client:
            r = await client.post("/chat/completions", json=body)
    except httpx.HTTPError as exc:
        raise JudgeError(f"the LLM server at {base} is unreachable ({type(exc).__name__})") from exc
    if r.status_code >= 400:
        raise JudgeError(f"the LLM server answered {r.status_code}: {r.text[:200]}")
    try:
        data = r.json()
        content = data["choices"][0]["message"]["content"] or ""
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise JudgeError("the LLM server's answer is not a chat completion") from exc
    return {**parse_judgement(content, answer, rubric), "model": data.get("model") or settings.model,
            "usage": data.get("usage") or {}}
