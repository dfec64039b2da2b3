"""The interview plan and flow: pure decisions (the agent itself is driven in test_interviewer_session.py)."""

from __future__ import annotations

import pytest
from livekit.agents import llm

import prompts
from agent.flow import (
    Ask,
    Directive,
    End,
    InterviewFlow,
    RecordConsent,
    Say,
    assess_answer,
    classify_consent,
    is_repeat_request,
    parse_note,
)
from agent.interviewer import interview_texts
from agent.offline.plan_llm import PlanLLM, latest_note
from agent.plan import InterviewPlan, _allocate, build_plan, skills_from_role
from db.enums import ConsentDecision, InterviewStatus

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


@pytest.mark.parametrize("text", ["Yes.", "yes, I consent", "Yeah sure", "OK, let's start.", "I agree",
                                  "Sure, go ahead", "No problem at all.", "I don't mind.", "that's fine",
                                  "Absolutely."])
def test_consent_yes(text: str) -> None:
    assert classify_consent(text) == "yes"


@pytest.mark.parametrize("text", ["No.", "No, I don't agree.", "Nope", "I'd rather not.", "I do not consent",
                                  "I'm not comfortable with that.", "No thanks, I decline."])
def test_consent_no(text: str) -> None:
    assert classify_consent(text) == "no"


@pytest.mark.parametrize("text", ["", "What do you mean?", "Hmm.", "Can I ask how long this takes?", LONG])
def test_consent_unclear(text: str) -> None:
    assert classify_consent(text) == "unclear"


def _texts() -> dict[str, str]:
    values = {"first_name": "Ada", "job_title": "Backend Engineer", "company": "Acme", "minutes": 30,
              "question_count": 2}
    return interview_texts(values, practice=False)


def _flow(n: int = 2, seed: str = "f") -> InterviewFlow:
    return InterviewFlow(build_plan([("Python", 1.0)], n, seed=seed), _texts(), follow_up_min_words=15)


def _asked(actions: list) -> Directive:
    asks = [a for a in actions if isinstance(a, Ask)]
    assert len(asks) == 1, actions
    return asks[0].directive


def test_consent_is_its_own_turn_then_question_one_alone() -> None:
    flow = _flow()
    [intro] = flow.start()
    assert isinstance(intro, Say) and not intro.interruptible
    assert "advisory" in intro.text and intro.text.endswith("Please say yes or no.")
    assert flow.phase == "consent" and flow.index == -1
    actions = flow.on_turn("Yes, I consent.")
    assert actions[0] == RecordConsent(ConsentDecision.GIVEN)
    first = _asked(actions)
    assert first.kind == "question" and first.question_index == 0 and flow.phase == "questions"
    assert first.text.startswith("Thank you. Let's begin.") and first.text.endswith(flow.states[0].question.text)
    assert flow.states[0].answers == []  # the consent reply is not an answer


def test_no_declines_politely_and_asks_nothing() -> None:
    flow = _flow()
    flow.start()
    actions = flow.on_turn("No, I'd rather not.")
    assert actions[0] == RecordConsent(ConsentDecision.DECLINED)
    assert isinstance(actions[1], Say) and "end the interview here" in actions[1].text
    assert actions[2] == End(InterviewStatus.DECLINED, "the candidate declined")
    assert flow.closed and flow.index == -1
    assert flow.on_turn("Actually, wait") == []


def test_unclear_gets_the_consent_question_once_more_then_ends() -> None:
    flow = _flow()
    flow.start()
    [again] = flow.on_turn("What is this about?")
    assert isinstance(again, Say) and "yes or no" in again.text
    actions = flow.on_turn("Hmm, well.")
    assert isinstance(actions[-1], End) and actions[-1].status == InterviewStatus.DECLINED
    # a request to repeat is not an unclear answer
    flow = _flow()
    flow.start()
    [repeat] = flow.on_turn("Sorry, could you repeat that?")
    assert "advisory" in repeat.text
    assert isinstance(flow.on_turn("yes")[-1], Ask)


def test_silence_after_the_consent_question_nudges_then_declines() -> None:
    flow = _flow()
    flow.start()
    [nudge] = flow.on_silence()
    assert isinstance(nudge, Say) and "say yes" in nudge.text
    actions = flow.on_silence()
    assert actions[-1] == End(InterviewStatus.DECLINED, "no answer to the consent question")


def _consented(n: int = 2, seed: str = "f") -> InterviewFlow:
    flow = _flow(n, seed)
    flow.start()
    flow.on_turn("yes")
    return flow


def test_flow_probes_once_then_moves_on_and_closes() -> None:
    flow = _consented()
    probe = _asked(flow.on_turn("Not much."))
    assert probe.kind == "probe" and probe.reason == "short" and probe.question_index == 0
    second = _asked(flow.on_turn("Still short."))  # at most one probe per question
    assert second.kind == "question" and second.question_index == 1
    assert flow.states[0].answer_text == "Not much. Still short."
    assert _asked(flow.on_turn("Could you say that again?")).kind == "repeat"
    closing = flow.on_turn(LONG)
    assert isinstance(closing[0], Say) and "last question" in closing[0].text
    assert closing[1] == End(InterviewStatus.COMPLETED, "completed") and flow.closed


def test_speech_that_began_before_a_question_lands_on_the_question_before() -> None:
    flow = _consented()
    _asked(flow.on_turn(LONG))  # question 2 asked
    # they were still finishing answer 1 while question 2 was asked, and said nothing new after it
    [repeat] = flow.on_turn("", earlier={0: "and we measured it again afterwards."})
    assert isinstance(repeat, Ask) and repeat.directive.kind == "repeat" and repeat.directive.question_index == 1
    assert flow.states[0].answer_text.endswith("and we measured it again afterwards.")
    assert flow.states[1].answers == []


def test_flow_skips_probes_and_questions_when_time_runs_out() -> None:
    flow = _consented(3, "t")
    assert _asked(flow.on_turn("Short.", remaining_s=60)).kind == "question"  # no time for a probe
    assert isinstance(flow.on_turn(LONG, remaining_s=20)[-1], End)  # no time for another question


def test_silence_after_a_question_offers_a_repeat_then_moves_on() -> None:
    flow = _consented()
    [nudge] = flow.on_silence()
    assert nudge.text == "Take your time. Would you like me to repeat the question?"
    again = _asked(flow.on_turn("Yes, please."))
    assert again.kind == "repeat" and again.question_index == 0
    flow.on_silence()
    moved = _asked(flow.on_silence())
    assert moved.question_index == 1 and moved.text.startswith("Let's move on to the next question.")
    assert flow.states[0].answer_text == ""


def test_time_up_rejoin_and_dropping_out() -> None:
    flow = _consented()
    [back] = flow.on_rejoin()
    assert back.directive.kind == "repeat" and back.directive.text.startswith("Welcome back, Ada.")
    goodbye, end = flow.on_time_up()
    assert "end of our time" in goodbye.text and not goodbye.interruptible
    assert end == End(InterviewStatus.COMPLETED, "time limit")
    assert flow.on_time_up() == [] and flow.on_rejoin() == []
    assert _flow().on_left_for_good() == [End(InterviewStatus.INTERRUPTED, "candidate left")]


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


def test_a_follow_up_picker_words_the_one_follow_up_and_time_still_rules() -> None:
    from agent.scoring.follow_up import FollowUp

    asked: list[tuple[str, str]] = []

    def picker(question: str, rubric, answer: str) -> FollowUp | None:
        asked.append((question, answer))
        return FollowUp("You mentioned packages. How do you test them?", "missing_point", "tests", "packages")

    plan = build_plan([("Python", 1.0)], 2, seed="f")
    flow = InterviewFlow(plan, _texts(), follow_up_min_words=15, follow_ups=picker)
    flow.start()
    flow.on_turn("yes")
    assert flow.follow_up_request(LONG) == (plan.questions[0].text, plan.questions[0].rubric, LONG)
    probe = _asked(flow.on_turn(LONG))  # a long answer that misses a rubric point gets the picker's follow-up
    assert (probe.kind, probe.text, probe.reason) == ("probe", "You mentioned packages. How do you test them?",
                                                      "missing_point")
    assert flow.states[0].probe_point == "tests" and asked == [(plan.questions[0].text, LONG)]
    assert flow.follow_up_request("More.") is None  # one follow-up a question
    assert _asked(flow.on_turn("I use pytest.")).kind == "question"
    # a short answer gets the picker's wording too, keeping "short" as the reason
    flow = InterviewFlow(plan, _texts(), follow_up_min_words=15, follow_ups=picker)
    flow.start()
    flow.on_turn("yes")
    probe = _asked(flow.on_turn("Not much."))
    assert probe.reason == "short" and probe.text.startswith("You mentioned packages.")
    # no time for a follow-up: the picker is not even asked
    flow = InterviewFlow(plan, _texts(), follow_up_min_words=15, follow_ups=picker)
    flow.start()
    flow.on_turn("yes")
    calls = len(asked)
    assert _asked(flow.on_turn(LONG, remaining_s=60)).kind == "question" and len(asked) == calls


def test_a_failing_picker_falls_back_to_the_plain_follow_ups() -> None:
    def broken(question: str, rubric, answer: str):
        raise RuntimeError("no model")

    flow = InterviewFlow(build_plan([("Python", 1.0)], 2, seed="f"), _texts(), follow_ups=broken)
    flow.start()
    flow.on_turn("yes")
    probe = _asked(flow.on_turn("Not much."))
    assert probe.kind == "probe" and probe.reason == "short"


def test_a_resumed_flow_asks_the_next_question_once_and_keeps_the_answers() -> None:
    """Another host takes over an interview: an answered question is never asked again, an unanswered one is."""
    flow = _flow(3)
    actions = flow.resume(last_asked=0, answers={0: [LONG]}, consent_given=True)
    assert [type(a) for a in actions] == [Ask]
    ask = actions[0].directive
    assert (ask.kind, ask.question_index) == ("question", 1) and "lost the connection" in ask.text
    assert flow.states[0].answer_text == LONG and flow.consent == ConsentDecision.GIVEN
    assert flow.phase == "questions" and flow.index == 1

    unanswered = _flow(3)
    ask = unanswered.resume(last_asked=1, answers={0: [LONG]}, consent_given=True)[0].directive
    assert ask.question_index == 1 and unanswered.states[1].question.text in ask.text

    last = _flow(2)
    assert isinstance(last.resume(last_asked=1, answers={0: [LONG], 1: [LONG]}, consent_given=True)[-1], End)
    # lost before consent: the interview starts over with the notice
    fresh = _flow(2)
    assert fresh.resume(last_asked=-1, answers={}, consent_given=False) == _flow(2).start()
    assert fresh.phase == "consent"
