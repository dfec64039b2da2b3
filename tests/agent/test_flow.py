"""The interview plan and flow, and the interviewer agent driven through AgentSession.run (text only)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from livekit.agents import AgentSession, llm

import prompts
from agent.flow import Directive, InterviewFlow, assess_answer, is_repeat_request, parse_note
from agent.interview_plan import InterviewPlan, _allocate, build_plan, skills_from_role
from agent.interviewer import Interviewer, interview_texts, interviewer_instructions
from agent.offline.plan_llm import PlanLLM, latest_note

LONG = ("I structure projects as small packages with clear interfaces, type hints and a test suite with pytest; "
        "I pin dependencies in a virtualenv, run the linter in CI and keep modules focused so that new people can "
        "find their way around, and I review the public interface of each package before it grows.")


def test_questions_follow_skill_weights_and_come_from_the_banks() -> None:
    assert _allocate([("Python", 3.0), ("SQL", 1.0), ("Communication", 1.0)], 5) == [
        ("Python", 3), ("Communication", 1), ("SQL", 1)]
    plan = build_plan([("Python", 3.0), ("PostgreSQL", 1.0), ("Rust", 1.0)], 5, seed="interview-1")
    assert [q.index for q in plan.questions] == [0, 1, 2, 3, 4]
    assert [q.skill for q in plan.questions].count("Python") == 3
    python_bank = {q["text"] for q in prompts.load_bank("python")["questions"]}
    assert {q.text for q in plan.questions if q.skill == "Python"} <= python_bank
    sql = next(q for q in plan.questions if q.skill == "PostgreSQL")  # through the alias file
    assert sql.text in {q["text"] for q in prompts.load_bank("sql")["questions"]} and sql.keywords
    rust = next(q for q in plan.questions if q.skill == "Rust")  # no bank: the generic template
    assert "Rust" in rust.text
    assert build_plan([("Python", 3.0)], 3, seed="interview-1") == build_plan([("Python", 3.0)], 3, seed="interview-1")


def test_no_skills_means_behavioural_questions_and_stored_plans_round_trip() -> None:
    plan = build_plan([], 2, seed="x")
    assert {q.skill for q in plan.questions} == {"Behavioral"}
    again = InterviewPlan.from_json(plan.as_json())
    assert [q.text for q in again.questions] == [q.text for q in plan.questions]
    stored = InterviewPlan.from_json({"questions": ["Why this role?", {"text": "Biggest project?", "skill": "Go"}]})
    assert [(q.index, q.skill) for q in stored.questions] == [(0, None), (1, "Go")]
    with pytest.raises(ValueError):
        InterviewPlan.from_json({"questions": []})


def test_practice_roles_map_to_banks() -> None:
    skills = dict(skills_from_role("Senior Python developer with SQL and system design"))
    assert {"Python", "SQL", "System design", "Communication"} <= set(skills)


def test_answers_are_assessed() -> None:
    assert assess_answer("I wrote some scripts.", min_words=15) == "short"
    vague = "I don't know, it depends, sort of stuff like that, maybe some things like that and so on really"
    assert assess_answer(vague, min_words=15) == "vague"
    assert assess_answer(LONG, min_words=15) is None
    assert is_repeat_request("Sorry, could you repeat the question?")
    assert not is_repeat_request(LONG)


def test_flow_probes_once_then_moves_on_and_closes() -> None:
    flow = InterviewFlow(build_plan([("Python", 1.0)], 2, seed="f"), follow_up_min_words=15)
    first = flow.start()
    assert first.kind == "question" and first.question_index == 0 and flow.index == 0
    probe = flow.on_answer("Not much.")
    assert probe.kind == "probe" and probe.reason == "short" and probe.question_index == 0
    second = flow.on_answer("Still short.")  # at most one probe per question
    assert second.kind == "question" and second.question_index == 1
    assert flow.states[0].answer_text == "Not much. Still short."
    assert flow.on_answer("Could you say that again?").kind == "repeat"
    assert flow.on_answer(LONG).kind == "closing" and flow.closed


def test_flow_skips_probes_and_questions_when_time_runs_out() -> None:
    flow = InterviewFlow(build_plan([("Python", 1.0)], 3, seed="t"))
    flow.start()
    assert flow.on_answer("Short.", remaining_s=60).kind == "question"  # no time for a probe
    assert flow.on_answer(LONG, remaining_s=20).kind == "closing"  # no time for another question


def test_plan_notes_carry_the_exact_words() -> None:
    note = Directive("question", "Thanks. What is a generator?", 1, 3, "Python").note()
    assert note.startswith("PLAN:") and "question 2 of 3" in note
    assert parse_note(note) == "Thanks. What is a generator?"
    assert parse_note("You are an interviewer.") is None
    ctx = llm.ChatContext.empty()
    ctx.add_message(role="system", content=[note])
    assert latest_note(ctx) == "Thanks. What is a generator?"
    ctx.add_message(role="assistant", content=["Thanks. What is a generator?"])
    assert latest_note(ctx) is None  # already answered: nothing new to say


async def test_plan_llm_streams_the_note_with_usage() -> None:
    ctx = llm.ChatContext.empty()
    ctx.add_message(role="system", content=["instructions"])
    ctx.add_message(role="system", content=[Directive("probe", "Can you give an example? Please.", 0, 2).note()])
    chunks = []
    async with PlanLLM() as model, model.chat(chat_ctx=ctx) as stream:
        async for chunk in stream:
            chunks.append(chunk)
    text = "".join(c.delta.content for c in chunks if c.delta and c.delta.content)
    assert text.strip() == "Can you give an example? Please."
    usage = chunks[-1].usage
    assert usage is not None and usage.prompt_tokens > 0 and usage.completion_tokens > 0


def _interviewer(n_questions: int = 2) -> Interviewer:
    plan = InterviewPlan.from_json({"questions": [
        {"text": "How do you structure a Python project?", "skill": "Python",
         "keywords": ["package", "test"], "probes": ["Which tools do you use for that?"]},
        {"text": "How do you make a slow SQL query faster?", "skill": "SQL"},
    ][:n_questions]})
    values = {"first_name": "Ada", "job_title": "Backend Engineer", "company": "Acme", "minutes": 30,
              "question_count": n_questions}
    return Interviewer(flow=InterviewFlow(plan), texts=interview_texts(values, practice=False),
                       instructions=interviewer_instructions(values))


@pytest.fixture
async def session() -> AsyncIterator[AgentSession]:
    async with PlanLLM() as model, AgentSession(llm=model) as sess:
        yield sess


async def test_interviewer_runs_the_plan(session: AgentSession) -> None:
    agent = _interviewer()
    await session.start(agent)
    await asyncio.sleep(0.3)  # on_enter: greeting, consent notice, first question
    spoken = [i.text_content for i in session.history.items if i.type == "message" and i.role == "assistant"]
    assert "recorded and analysed" in spoken[0] and "advisory" in spoken[0]
    assert spoken[-1].endswith("How do you structure a Python project?")

    result = await asyncio.wait_for(session.run(user_input="I use packages."), timeout=10)
    result.expect.next_event().is_message(role="assistant")
    result.expect.no_more_events()
    assert result.events[0].item.text_content.strip() == "Which tools do you use for that?"  # the question's probe

    result = await asyncio.wait_for(session.run(user_input=LONG), timeout=10)
    result.expect.next_event().is_message(role="assistant")
    assert result.events[0].item.text_content.strip().endswith("How do you make a slow SQL query faster?")

    result = await asyncio.wait_for(session.run(user_input=LONG), timeout=10)
    msg = result.expect.next_event().is_message(role="assistant")
    assert "last question" in msg.event().item.text_content
    await asyncio.sleep(0.2)
    assert agent.finished_reason == "completed" and agent.flow.closed

    # after the closing the interviewer stays quiet
    result = await asyncio.wait_for(session.run(user_input="One more thing!"), timeout=10)
    result.expect.no_more_events()


def test_a_yes_after_the_offer_to_repeat_repeats_the_question() -> None:
    flow = InterviewFlow(build_plan([("Python", 1.0)], 2, seed="y"))
    first = flow.start()
    assert flow.on_answer("Yes.").kind == "probe"  # no offer was made: "yes" is a (short) answer
    flow = InterviewFlow(build_plan([("Python", 1.0)], 2, seed="y"))
    flow.start()
    flow.offered_repeat = True
    again = flow.on_answer("Yes, please.")
    assert again.kind == "repeat" and again.text in first.text and not flow.offered_repeat


async def test_interviewer_nudges_then_moves_on_after_silence(session: AgentSession) -> None:
    agent = _interviewer()
    await session.start(agent)
    await asyncio.sleep(0.3)
    agent.nudge()
    await asyncio.sleep(0.2)
    agent.move_on()
    await asyncio.sleep(0.3)
    spoken = [i.text_content for i in session.history.items if i.type == "message" and i.role == "assistant"]
    assert spoken[-2] == "Take your time. Would you like me to repeat the question?"
    assert spoken[-1] == "Let's move on to the next question. How do you make a slow SQL query faster?"
    assert agent.flow.index == 1 and agent.flow.states[0].answer_text == ""
    agent.move_on()  # silence on the last question too: the closing
    await asyncio.sleep(0.3)
    assert agent.finished_reason == "completed"


async def test_interviewer_repeats_on_request(session: AgentSession) -> None:
    await session.start(_interviewer(1))
    await asyncio.sleep(0.3)
    result = await asyncio.wait_for(session.run(user_input="Sorry, can you repeat the question?"), timeout=10)
    result.expect.next_event().is_message(role="assistant")
    assert result.events[0].item.text_content.strip() == "How do you structure a Python project?"
