"""The interviewer agent driven through AgentSession.run (text only), as livekit-agents' examples/survey does:
consent as its own turn, the plan, a probe, silence and repeats."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from livekit.agents import AgentSession

from agent.flow import InterviewFlow
from agent.interviewer import Interviewer, InterviewHooks, interview_texts, interviewer_instructions
from agent.offline.plan_llm import PlanLLM
from agent.plan import InterviewPlan
from db.enums import ConsentDecision, InterviewStatus
from tests.agent.test_flow import LONG


class _Recorded(InterviewHooks):
    def __init__(self) -> None:
        self.consents: list[ConsentDecision] = []
        self.finished: list[tuple[InterviewStatus, str]] = []

    def on_consent(self, decision, turn) -> None:
        self.consents.append(decision)

    def on_finished(self, status, reason) -> None:
        self.finished.append((status, reason))


def _interviewer(n_questions: int = 2) -> tuple[Interviewer, _Recorded]:
    plan = InterviewPlan.from_json({"questions": [
        {"text": "How do you structure a Python project?", "skill": "Python",
         "keywords": ["package", "test"], "probes": ["Which tools do you use for that?"]},
        {"text": "How do you make a slow SQL query faster?", "skill": "SQL"},
    ][:n_questions]})
    values = {"first_name": "Ada", "job_title": "Backend Engineer", "company": "Acme", "minutes": 30,
              "question_count": n_questions}
    hooks = _Recorded()
    agent = Interviewer(flow=InterviewFlow(plan, interview_texts(values, practice=False)),
                        instructions=interviewer_instructions(values), hooks=hooks)
    return agent, hooks


@pytest.fixture
async def session() -> AsyncIterator[AgentSession]:
    async with PlanLLM() as model, AgentSession(llm=model) as sess:
        yield sess


def _spoken(session: AgentSession) -> list[str]:
    return [i.text_content for i in session.history.items if i.type == "message" and i.role == "assistant"]


async def _reply(session: AgentSession, text: str) -> str:
    result = await asyncio.wait_for(session.run(user_input=text), timeout=10)
    msg = result.expect.next_event().is_message(role="assistant")
    result.expect.no_more_events()
    return msg.event().item.text_content.strip()


async def test_interviewer_asks_consent_then_runs_the_plan(session: AgentSession) -> None:
    agent, hooks = _interviewer()
    await session.start(agent)
    await asyncio.sleep(0.3)  # on_enter: greeting, consent notice and question, and nothing else
    spoken = _spoken(session)
    assert len(spoken) == 1 and "transcribed and analysed" in spoken[0] and spoken[0].endswith("yes or no.")

    assert (await _reply(session, "Yes, that's fine.")).endswith("How do you structure a Python project?")
    assert hooks.consents == [ConsentDecision.GIVEN]
    assert await _reply(session, "I use packages.") == "Which tools do you use for that?"  # the question's probe
    assert (await _reply(session, LONG)).endswith("How do you make a slow SQL query faster?")
    # the closing, without interruption
    assert "last question" in await _reply(session, LONG)
    await asyncio.sleep(0.1)
    assert hooks.finished == [(InterviewStatus.COMPLETED, "completed")] and agent.flow.closed
    assert agent.flow.states[0].answer_text == f"I use packages. {LONG}"

    # after the closing the interviewer stays quiet
    result = await asyncio.wait_for(session.run(user_input="One more thing!"), timeout=10)
    result.expect.no_more_events()


async def test_interviewer_ends_declined_on_no(session: AgentSession) -> None:
    agent, hooks = _interviewer()
    await session.start(agent)
    await asyncio.sleep(0.3)
    assert "end the interview here" in await _reply(session, "No, I don't want to.")
    await asyncio.sleep(0.1)
    assert hooks.consents == [ConsentDecision.DECLINED]
    assert hooks.finished == [(InterviewStatus.DECLINED, "the candidate declined")]
    assert not any("Python project" in s for s in _spoken(session))


async def test_interviewer_nudges_then_moves_on_after_silence(session: AgentSession) -> None:
    agent, hooks = _interviewer()
    await session.start(agent)
    await asyncio.sleep(0.3)
    await _reply(session, "yes")
    agent.on_silence()
    await asyncio.sleep(0.2)
    agent.on_silence()
    await asyncio.sleep(0.3)
    spoken = _spoken(session)
    assert spoken[-2] == "Take your time. Would you like me to repeat the question?"
    assert spoken[-1] == "Let's move on to the next question. How do you make a slow SQL query faster?"
    assert agent.flow.index == 1 and agent.flow.states[0].answer_text == ""
    agent.on_silence()
    agent.on_silence()  # silence on the last question too: the closing
    await asyncio.sleep(0.3)
    assert hooks.finished == [(InterviewStatus.COMPLETED, "completed")]


async def test_interviewer_repeats_on_request(session: AgentSession) -> None:
    agent, _ = _interviewer(1)
    await session.start(agent)
    await asyncio.sleep(0.3)
    await _reply(session, "yes")
    assert await _reply(session, "Sorry, can you repeat the question?") == "How do you structure a Python project?"
