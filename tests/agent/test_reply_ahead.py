"""The follow-up decision is computed ahead of the end of the turn (agent/scoring/ahead.py): the reply does not wait
for the answer's scoring when its final transcript came before the turn ended, and the decision is the same as the
plain path's for the same text. The picker is the real one (real embedding model), made slow with a sleep."""

from __future__ import annotations

import asyncio
import threading
import time

import numpy as np

from agent.flow import Ask, InterviewFlow
from agent.interviewer import Interviewer, interview_texts, interviewer_instructions
from agent.plan import InterviewPlan
from agent.scoring.ahead import FollowUpsAhead
from agent.scoring.content import anchor_texts
from agent.scoring.follow_up import FollowUp, RubricFollowUps
from agent.scoring.rubric import Rubric, bank_rubric
from agent.scoring.text import sentences
from nlp.embeddings import get_embedder
from tests.agent.answer_eval import load_half

SLOW_SQL = "A query that used to be fast has become slow. How do you investigate it?"
ANSWER = ("I would check whether the table has grown a lot since it was fast, and whether somebody changed the "
          "query or dropped an index, because that is what usually happens.")
SLOW_S = 2.5  # what the slow picker adds to each computation (not to a cache hit)
VALUES = {"first_name": "Ada", "job_title": "Data Engineer", "company": "Acme", "minutes": 30, "question_count": 2}


def _own_embed(texts: list[str]):
    # a function of its own: the scorer's anchor cache is per embed function, so each picker here starts cold
    return get_embedder().embed(texts)


class SlowPicker(RubricFollowUps):
    """The real picker, each computation SLOW_S slower; it records what it computed and how many ran at once."""

    def __init__(self, slow_s: float = SLOW_S) -> None:
        super().__init__(embed=lambda texts: _own_embed(texts))
        self.slow_s = slow_s
        self.computed: list[str] = []
        self.most_at_once = 0
        self._active = 0
        self._count = threading.Lock()

    def prepare(self, question: str, rubric: Rubric | None, answer: str) -> FollowUp | None:
        if rubric is None or self.ready(question, answer):
            return super().prepare(question, rubric, answer)
        with self._count:
            self._active += 1
            self.most_at_once = max(self.most_at_once, self._active)
        try:
            time.sleep(self.slow_s)
            self.computed.append(answer)
            return super().prepare(question, rubric, answer)
        finally:
            with self._count:
                self._active -= 1


def _plan() -> InterviewPlan:
    return InterviewPlan.from_json({"questions": [{"text": SLOW_SQL, "skill": "SQL"}, {"text": "Anything else?"}]})


def _final(text: str):
    from livekit.agents import stt

    return stt.SpeechEvent(type=stt.SpeechEventType.FINAL_TRANSCRIPT,
                           alternatives=[stt.SpeechData(language="en", text=text)])


async def _reply_after_answer(picker: SlowPicker, *, heard_ahead: bool) -> tuple[str, float]:
    """An interview through consent to the first answer; the reply's text and the seconds from the end of the turn
    to the reply. ``heard_ahead``: the answer's final transcript arrived (and was scored) before the turn ended."""
    from livekit.agents import AgentSession

    from agent.offline.plan_llm import PlanLLM

    agent = Interviewer(flow=InterviewFlow(_plan(), interview_texts(VALUES, practice=False), follow_ups=picker),
                        instructions=interviewer_instructions(VALUES))
    async with PlanLLM() as model, AgentSession(llm=model) as session:
        await session.start(agent)
        await asyncio.sleep(0.3)
        await asyncio.wait_for(session.run(user_input="Yes, that's fine."), timeout=10)
        if heard_ahead:
            agent._speculate(_final(ANSWER))  # what stt_node does with each final transcript
            deadline = time.monotonic() + 4 * SLOW_S + 30
            while not picker.ready(SLOW_SQL, ANSWER):  # the end-of-turn silence, long enough here
                assert time.monotonic() < deadline, "the speculative follow-up never finished"
                await asyncio.sleep(0.05)
        start = time.monotonic()
        result = await asyncio.wait_for(session.run(user_input=ANSWER), timeout=4 * SLOW_S + 30)
        elapsed = time.monotonic() - start
        reply = result.expect.next_event().is_message(role="assistant").event().item.text_content.strip()
    return reply, elapsed


async def test_the_reply_does_not_wait_for_a_follow_up_computed_during_the_silence() -> None:
    ahead_picker, plain_picker = SlowPicker(), SlowPicker()
    reply_ahead, s_ahead = await _reply_after_answer(ahead_picker, heard_ahead=True)
    reply_plain, s_plain = await _reply_after_answer(plain_picker, heard_ahead=False)
    # the plain path scores after the turn ended (the slow picker's sleep is in the reply); the other one does not
    assert s_plain >= SLOW_S, s_plain
    assert s_ahead < SLOW_S, (s_ahead, s_plain)
    # the same follow-up, computed once each
    expected = RubricFollowUps()(SLOW_SQL, bank_rubric(SLOW_SQL), ANSWER)
    assert expected is not None and reply_ahead == reply_plain == expected.text
    assert ahead_picker.computed == [ANSWER] and plain_picker.computed == [ANSWER]


async def test_one_computation_at_a_time_and_the_newest_waiting_request_wins() -> None:
    picker = SlowPicker(slow_s=0.6)
    ahead = FollowUpsAhead(picker)
    rubric = bank_rubric(SLOW_SQL)
    parts = sentences(ANSWER + " Then I would run EXPLAIN ANALYZE on it. And I would look at the table statistics.")
    so_far = [" ".join(parts[: i + 1]) for i in range(len(parts))]
    for text in so_far:  # finals arriving while the first one is still being scored
        ahead.speculate((SLOW_SQL, rubric, text))
    await ahead.decide((SLOW_SQL, rubric, so_far[-1]))
    # the first started at once; the middle one was replaced while waiting; the turn's own was not computed twice
    assert picker.computed == [so_far[0], so_far[-1]] and picker.most_at_once == 1
    assert (ahead.hits, ahead.misses) == (1, 0)
    # a turn whose text no final transcript made is computed anew
    await ahead.decide((SLOW_SQL, rubric, ANSWER + " That is all."))
    assert picker.computed[-1] == ANSWER + " That is all." and ahead.misses == 1


async def test_the_decision_ahead_is_the_plain_decision_on_the_dev_answers() -> None:
    """Warmed anchors + speculative scoring give the follow-up a cold picker gives, for every dev answer with a rubric
    (and for the answers cut short after their first sentences, as a partial transcript would be)."""
    ahead_picker, plain_picker = SlowPicker(slow_s=0.0), SlowPicker(slow_s=0.0)
    ahead = FollowUpsAhead(ahead_picker)
    compared = 0
    for q in load_half("dev"):
        rubric = bank_rubric(q["question"])
        if rubric is None:
            continue
        ahead.warm(q["question"], rubric, after_s=0)
        await asyncio.sleep(0.01)  # the warm-up starts: the answers below wait behind it
        for a in q["answers"]:
            parts = sentences(a["text"])
            for text in {" ".join(parts[:2]), a["text"]}:
                ahead.speculate((q["question"], rubric, text))
                await ahead.decide((q["question"], rubric, text))
                assert ahead_picker(q["question"], rubric, text) == plain_picker(q["question"], rubric, text)
                compared += 1
    assert compared >= 40


def test_the_flow_asks_the_same_follow_up_either_way() -> None:
    """Through the flow: the follow-up it asks with a picker that scored ahead equals the one with a cold picker."""
    texts = interview_texts(VALUES, practice=False)
    asked = []
    for warm in (True, False):
        picker = SlowPicker(slow_s=0.0)
        if warm:
            picker.warm(SLOW_SQL, bank_rubric(SLOW_SQL))
            picker(SLOW_SQL, bank_rubric(SLOW_SQL), ANSWER)
        flow = InterviewFlow(_plan(), texts, follow_ups=picker)
        flow.start()
        flow.on_turn("yes")
        [probe] = [a.directive for a in flow.on_turn(ANSWER) if isinstance(a, Ask)]
        asked.append((probe.kind, probe.text, probe.reason))
    assert asked[0] == asked[1] and asked[0][0] == "probe"


def test_a_text_gets_the_same_vector_whatever_shares_its_call() -> None:
    """What lets the scorer cache anchor and sentence vectors without changing a score (agent/scoring/content.py)."""
    texts = [*anchor_texts(SLOW_SQL, bank_rubric(SLOW_SQL)), *sentences(ANSWER + " I ran EXPLAIN ANALYZE first.")]
    embedder = get_embedder()
    together = embedder.embed(texts)
    alone = np.vstack([embedder.embed([t]) for t in texts])
    in_threes = np.vstack([embedder.embed(texts[i: i + 3]) for i in range(0, len(texts), 3)])
    assert np.array_equal(together, alone) and np.array_equal(together, in_threes)
