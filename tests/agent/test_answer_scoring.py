"""Rubrics, the offline content scorer, its floor on the held-out answers, `interviewly score-answers`, adaptive
follow-ups, and the LLM's rubric score through a real OpenAI-compatible server on loopback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

import prompts
from agent.flow import Ask, InterviewFlow
from agent.interviewer import interview_texts
from agent.plan import InterviewPlan, build_plan
from agent.report import score_question, with_llm_score
from agent.scoring.content import score_answer
from agent.scoring.follow_up import RubricFollowUps
from agent.scoring.llm_judge import JudgeSettings, judge_answer
from agent.scoring.rubric import Rubric, bank_rubric
from db.aggregates import interview_figures
from tests.agent.answer_eval import evaluate, load_half
from tests.agent.fake_openai import FakeOpenAI
from tests.synthetic_interview import steady_rows as seconds

REPO = Path(__file__).resolve().parents[2]
SLOW_SQL = "A query that used to be fast has become slow. How do you investigate it?"
SQL_ANSWER = ("Last month our orders report went from two seconds to forty. I ran EXPLAIN ANALYZE and it showed a "
              "sequential scan on a forty million row table. The statistics were stale after a big backfill, so I ran "
              "ANALYZE and the report was back to two seconds.")
OFF_TOPIC = ("I have always been passionate about technology, and over my career I have grown from support into "
             "engineering. I love learning, I have three certifications, and I would love to bring my energy and "
             "my values to your company, because your culture of innovation really speaks to me.")


def _all_bank_questions() -> list[dict]:
    names = [*prompts.question_bank_names(), "_behavioral", "_generic"]
    return [q for name in names for q in prompts.load_yaml(f"questions/{name}.yaml")["questions"]]


def test_every_bank_question_has_a_rubric() -> None:
    questions = _all_bank_questions()
    assert len(questions) >= 60
    for q in questions:
        r = Rubric.from_dict(q["rubric"], skill="Rust")
        assert r.skill and 3 <= len(r.points) <= 6, q["text"]
        assert all(p.covers and p.ask.endswith("?") for p in r.points), q["text"]
        assert {label for label, _ in r.examples} == {"strong", "partial", "off_topic"}, q["text"]
        assert 3 <= len(r.near_topics) <= 4 and "{skill}" not in " ".join(r.near_topics), q["text"]


def test_bank_questions_are_found_however_typed() -> None:
    assert bank_rubric("  a QUERY that used to be fast   has become slow. how do you investigate it?").skill
    generic = bank_rubric("Tell me about a recent project where you used Rust. What was your part, and what was "
                          "hard about it?")
    assert generic is not None and generic.skill == "Rust: hands-on experience"
    assert "Rust" in generic.points[0].covers
    assert bank_rubric("What is your favourite colour?") is None
    plan = build_plan([("PostgreSQL", 1.0)], 3, seed="r")
    assert all(q.rubric is not None for q in plan.questions)
    stored = InterviewPlan.from_json(plan.as_json())  # the rubric travels with the stored plan
    assert [q.rubric for q in stored.questions] == [q.rubric for q in plan.questions]


def test_scores_follow_content_not_length_or_delivery() -> None:
    rubric = bank_rubric(SLOW_SQL)
    good = score_answer(SLOW_SQL, SQL_ANSWER, rubric)
    off = score_answer(SLOW_SQL, OFF_TOPIC * 3, rubric)  # long, fluent, about something else
    generic = score_answer(SLOW_SQL, "I would look at the query and maybe add an index, it depends on the query.",
                           rubric)
    assert good.score > generic.score > off.score and off.score < 30
    assert good.points_covered and all(p.evidence in SQL_ANSWER for p in good.points)
    # the same words, delivered fluently to the camera or haltingly looking away: the same score
    eye_good = interview_figures(seconds(20, 0.9))
    eye_away = interview_figures(seconds(20, 0.1))
    fluent = {"speaking_seconds": 20, "articulation_rate_sps": 4.0, "mean_pause_s": 0.5}
    halting = {"speaking_seconds": 20, "articulation_rate_sps": 1.5, "mean_pause_s": 2.5}
    a, sig_a = score_question(question=SLOW_SQL, answer=SQL_ANSWER, rubric=rubric, figures=eye_good, fluency=fluent)
    b, sig_b = score_question(question=SLOW_SQL, answer=SQL_ANSWER, rubric=rubric, figures=eye_away, fluency=halting)
    assert a == b == good.score
    assert sig_a["delivery"]["advisory"] and sig_a["delivery"]["eye_contact_ratio"] == 0.9
    assert sig_b["delivery"]["fluency_score"] < sig_a["delivery"]["fluency_score"]
    assert sig_a["content"]["points"] and sig_a["score_source"] == "offline"


def test_an_answer_to_another_question_of_the_bank_is_off_topic() -> None:
    schema = "How do you design a schema for a new feature, and how do you change it safely later?"
    slow_query_story = bank_rubric(SLOW_SQL).example("strong")
    assert score_answer(schema, slow_query_story, bank_rubric(schema)).score < 30
    assert score_answer(SLOW_SQL, slow_query_story, bank_rubric(SLOW_SQL)).score > 60


def test_the_scorer_holds_its_floor_on_the_held_out_answers() -> None:
    """tests/evalsets/answers/test.json, never used to tune anything (bench/bench_answer_scoring.py), clean text.

    Measured when the scorer was fixed: ordering 93.9% (46/49 pairs), off-topic maximum 0.0 on the questions from
    outside the banks but 52.4 on one bank question. With the rubrics' near topics that answer scores 0, but that
    question had been seen (see the README), so test_near.json is the held-out measure of that class."""
    result = evaluate(load_half("test"))
    summary = result.summary()
    assert result.accuracy >= 0.90, summary
    assert summary["off_topic_max_non_bank"] < 30, summary
    assert result.off_topic_max <= 53, summary


def test_near_topic_answers_hold_their_ordering() -> None:
    """tests/evalsets/answers/test_near.json (held out; fluent answers about a neighbouring topic of the same
    domain). Measured with the near topics: ordering 95.7% (67/70), off-topic maximum 53.5: the "< 30 however
    fluent" target is not met for this class, and the ceiling is held so that it cannot get worse."""
    result = evaluate(load_half("test_near"))
    summary = result.summary()
    assert result.accuracy >= 0.90, summary
    assert result.off_topic_max <= 54, summary


def test_score_answers_command(tmp_path: Path) -> None:
    answers = [{"question": SLOW_SQL.upper(), "answer": SQL_ANSWER},
               {"question": "How do you make sure a circuit is safe before you work on it?", "answer": OFF_TOPIC},
               {"question": SLOW_SQL, "answer": ""}]
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-m", "devstack.cli", "score-answers", "--in", str(path), "--json"],
                         capture_output=True, text=True, check=True, cwd=REPO, env=env)
    scores = json.loads(out.stdout)["scores"]
    assert [s["rubric"] for s in scores] == [True, False, True]
    assert scores[0]["score"] > 50 and scores[0]["points_covered"]
    assert scores[1]["score"] < 30 and scores[1]["points_covered"] == []
    assert scores[2] == {"score": 0.0, "rubric": True, "points_covered": []}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"question": "x"}))
    failed = subprocess.run([sys.executable, "-m", "devstack.cli", "score-answers", "--in", str(bad)],
                            capture_output=True, text=True, cwd=REPO, env=env)
    assert failed.returncode == 2 and "list" in failed.stderr


def _texts() -> dict[str, str]:
    values = {"first_name": "Ada", "job_title": "Data Engineer", "company": "Acme", "minutes": 30,
              "question_count": 2}
    return interview_texts(values, practice=False)


def _sql_flow(picker: RubricFollowUps) -> InterviewFlow:
    plan = InterviewPlan.from_json({"questions": [{"text": SLOW_SQL, "skill": "SQL"},
                                                  {"text": "What do you want to learn next?"}]})
    flow = InterviewFlow(plan, _texts(), follow_ups=picker)
    flow.start()
    flow.on_turn("yes")
    return flow


def test_follow_up_asks_for_the_most_important_missing_point_in_the_candidates_words() -> None:
    rubric = bank_rubric(SLOW_SQL)
    assert rubric is not None
    answer = ("I would check whether the table has grown a lot since it was fast, and whether somebody changed the "
              "query or dropped an index, because that is what usually happens.")
    picker = RubricFollowUps()
    chosen = picker(SLOW_SQL, rubric, answer)
    assert chosen is not None and chosen.reason == "missing_point"
    missing = [p for p in score_answer(SLOW_SQL, answer, rubric).points if not p.covered]
    assert chosen.point == missing[0].covers  # the most important one missing, in rubric order
    assert chosen.text.startswith("You mentioned that you") and chosen.text.endswith(missing[0].ask)
    assert chosen.echo and chosen.echo.split()[1] in answer  # the candidate's own words, said back

    flow = _sql_flow(picker)
    asked = flow.on_turn(answer)
    [probe] = [a.directive for a in asked if isinstance(a, Ask)]
    assert probe.kind == "probe" and probe.text == chosen.text and probe.reason == "missing_point"
    assert "missed a key point" in probe.note()
    # one follow-up a question, whatever the second answer misses
    [nxt] = [a.directive for a in flow.on_turn("I am not sure.") if isinstance(a, Ask)]
    assert nxt.kind == "question" and nxt.question_index == 1
    assert flow.states[0].probe_point == chosen.point


def test_follow_ups_respect_the_time_limit_and_come_back_from_off_topic() -> None:
    picker = RubricFollowUps()
    flow = _sql_flow(picker)
    assert flow.follow_up_request(OFF_TOPIC, remaining_s=30) is None
    [nxt] = [a.directive for a in flow.on_turn(OFF_TOPIC, remaining_s=60) if isinstance(a, Ask)]
    assert nxt.kind == "question"  # too little time left for a follow-up
    flow = _sql_flow(picker)
    [probe] = [a.directive for a in flow.on_turn(OFF_TOPIC) if isinstance(a, Ask)]
    assert probe.reason == "off_topic" and probe.text.startswith("Thank you. Coming back to the question:")
    # a strong answer needs none
    rubric = bank_rubric(SLOW_SQL)
    strong = rubric.example("strong")
    assert score_answer(SLOW_SQL, strong, rubric).score >= 70 and picker(SLOW_SQL, rubric, strong) is None


@pytest.fixture
async def server() -> AsyncIterator[FakeOpenAI]:
    fake = FakeOpenAI()
    await fake.start()
    yield fake
    await fake.stop()


async def test_llm_scores_against_the_same_rubric_with_quoted_evidence(server: FakeOpenAI) -> None:
    rubric = bank_rubric(SLOW_SQL)
    settings = JudgeSettings(base_url=server.base_url, api_key="sk-local", model="judge-model")
    judged = await judge_answer(settings, SLOW_SQL, SQL_ANSWER, rubric)
    [(kind, body)] = server.requests
    assert kind == "chat" and body["response_format"]["json_schema"]["strict"] is True
    assert "EXPLAIN ANALYZE" in body["messages"][-1]["content"]  # the rubric and the answer were sent
    assert 0 <= judged["score"] <= 100 and judged["model"] == "judge-model" and judged["usage"]["prompt_tokens"]
    covered = [p for p in judged["points"] if p["covered"]]
    assert covered and all(p["evidence_in_answer"] and p["evidence"] in SQL_ANSWER for p in covered)

    offline, signals = score_question(question=SLOW_SQL, answer=SQL_ANSWER, rubric=rubric, figures=None, fluency={})
    score, merged = with_llm_score(signals, judged)
    assert score == judged["score"] and merged["score_source"] == "llm"
    assert merged["content"]["score"] == offline  # the offline score is kept beside the LLM's

    server.invent_quotes = True  # a quote that is not in the answer never counts as evidence
    invented = await judge_answer(settings, SLOW_SQL, SQL_ANSWER, rubric)
    assert all(p["claimed_covered"] and not p["covered"] and not p["evidence_in_answer"]
               for p in invented["points"])


def test_fluent_speeches_in_the_questions_own_field_stay_below_30() -> None:
    """Career and passion speeches that share the question's vocabulary (questions from outside the banks: no
    rubric), written by the scorer's author to cover what the dev half has few of."""
    data = json.loads((Path(__file__).parent / "data" / "domain_speeches.json").read_text())
    for item in data["items"]:
        off = score_answer(item["question"], item["off_topic"])
        partial = score_answer(item["question"], item["partial"])
        assert off.score < 30 and off.score < partial.score, (item["question"], off.score, partial.score)


async def test_question_scores_take_the_llms_score_and_keep_the_offline_one(server: FakeOpenAI) -> None:
    import uuid

    from agent.eye_tracker import EyeTracker
    from agent.fluency_tracker import FluencyTracker
    from agent.question_scores import QuestionScores
    from agent.recorder import Recorder

    flow = _sql_flow(RubricFollowUps())
    flow.states[0].answers.append(SQL_ANSWER)
    settings = JudgeSettings(base_url=server.base_url, api_key=None, model="judge-model")
    recorder = Recorder(None, uuid.uuid4())  # rows stay buffered: nothing is flushed in this test
    scores = QuestionScores(flow, eyes=EyeTracker(), fluency=FluencyTracker(), recorder=recorder,
                            judge=lambda q, a, r: judge_answer(settings, q, a, r), show_delivery=False)
    await scores.move_to(0, 1.0)
    await scores.move_to(None, 30.0)
    offline = recorder._scores[0]["score"]
    assert recorder._scores[0]["signals"]["score_source"] == "offline"  # written at once, before the LLM answers
    await scores.settle(timeout_s=30)
    row = recorder._scores[0]
    assert row["signals"]["score_source"] == "llm" and row["signals"]["llm"]["model"] == "judge-model"
    assert row["signals"]["content"]["score"] == offline and row["score"] == row["signals"]["llm"]["score"]
    report = scores.report(end_reason=None)
    assert report["overall_score"] == row["score"] and report["delivery"] == {"hidden": True}


async def test_the_interviewer_speaks_the_adaptive_follow_up() -> None:
    import asyncio

    from livekit.agents import AgentSession

    from agent.interviewer import Interviewer, interviewer_instructions
    from agent.offline.plan_llm import PlanLLM

    picker = RubricFollowUps()
    plan = InterviewPlan.from_json({"questions": [{"text": SLOW_SQL, "skill": "SQL"}, {"text": "Anything else?"}]})
    values = {"first_name": "Ada", "job_title": "Data Engineer", "company": "Acme", "minutes": 30,
              "question_count": 2}
    agent = Interviewer(flow=InterviewFlow(plan, _texts(), follow_ups=picker),
                        instructions=interviewer_instructions(values))
    answer = ("I would check whether the table has grown a lot since it was fast, and whether somebody changed the "
              "query or dropped an index, because that is what usually happens.")
    async with PlanLLM() as model, AgentSession(llm=model) as session:
        await session.start(agent)
        await asyncio.sleep(0.3)
        await asyncio.wait_for(session.run(user_input="Yes, that's fine."), timeout=10)
        result = await asyncio.wait_for(session.run(user_input=answer), timeout=30)
        reply = result.expect.next_event().is_message(role="assistant").event().item.text_content.strip()
    expected = picker(SLOW_SQL, plan.questions[0].rubric, answer)
    assert expected is not None and reply == expected.text and reply.startswith("You mentioned that you")
