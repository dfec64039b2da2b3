"""The cloud pipeline (livekit-plugins-openai) pointed by OPENAI_BASE_URL at an OpenAI-compatible server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from livekit.agents import AgentSession

from agent.config import Settings
from agent.flow import InterviewFlow
from agent.interviewer import Interviewer, interview_texts, interviewer_instructions
from agent.offline.tts_espeak import EspeakTTS
from agent.pipeline import build_models, load_vad
from agent.plan import InterviewPlan
from tests.agent.fake_openai import FakeOpenAI


@pytest.fixture
async def server() -> AsyncIterator[FakeOpenAI]:
    fake = FakeOpenAI()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
def cloud_settings(server: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-local-test")
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    return Settings.from_env()


async def test_cloud_models_talk_to_the_configured_server(server: FakeOpenAI, cloud_settings: Settings) -> None:
    assert cloud_settings.pipeline == "cloud"
    models = build_models(cloud_settings, vad=load_vad())
    assert models.pipeline == "cloud" and models.llm.model == cloud_settings.openai_llm_model

    speech = await models.tts.synthesize("I have worked with Python for five years.").collect()
    assert speech.sample_rate == 24000 and speech.duration > 1.5

    answer = await EspeakTTS(rate_wpm=170).synthesize("I mostly build web services with Python and SQL.").collect()
    event = await models.stt.recognize([answer])
    assert {"python", "sql"} <= {w.strip(".,").lower() for w in event.alternatives[0].text.split()}

    kinds = [kind for kind, _ in server.requests]
    assert kinds == ["speech", "transcriptions"]
    assert server.requests[0][1]["response_format"] == "pcm"
    assert server.requests[1][1]["model"] == cloud_settings.openai_stt_model
    await asyncio.gather(models.stt.aclose(), models.tts.aclose(), models.llm.aclose())


async def test_interviewer_drives_the_cloud_llm_with_plan_notes(server: FakeOpenAI, cloud_settings: Settings) -> None:
    models = build_models(cloud_settings, vad=load_vad())
    plan = InterviewPlan.from_json({"questions": ["How do you test your code?", "What do you want to learn?"]})
    values = {"first_name": "Ada", "job_title": "Backend Engineer", "company": "Acme", "minutes": 30,
              "question_count": 2}
    agent = Interviewer(flow=InterviewFlow(plan, interview_texts(values, practice=False)),
                        instructions=interviewer_instructions(values))
    usage = []
    async with AgentSession(llm=models.llm) as session:
        session.on("session_usage_updated", lambda ev: usage.append(ev.usage))
        await session.start(agent)
        await asyncio.sleep(1.0)  # the consent notice and question are fixed words: no LLM call
        assert [kind for kind, _ in server.requests] == []
        await asyncio.wait_for(session.run(user_input="Yes, go ahead."), timeout=20)
        result = await asyncio.wait_for(session.run(user_input="Unit tests."), timeout=20)
        result.expect.next_event().is_message(role="assistant")
    first, second = [body for kind, body in server.requests if kind == "chat"]
    system = first["messages"][0]
    assert system["role"] in ("system", "developer") and "Backend Engineer" in str(system["content"])
    assert "PLAN: ask question 1 of 2" in str(first["messages"])
    assert "PLAN: ask one follow-up on question 1 of 2" in str(second["messages"])  # "Unit tests." is short
    reply = result.events[0].item.text_content
    assert reply == agent.flow.states[0].probe
    llm_usage = [m for u in usage for m in u.model_usage if m.type == "llm_usage"]
    assert llm_usage and llm_usage[-1].input_tokens > 0 and llm_usage[-1].output_tokens > 0
    await models.llm.aclose()
