"""Engagement from observable signals: a scripted interview answered by a fast and by a slow responder, timed
through the real TurnTracker, differs in the expected direction; each signal keeps its parts."""

from __future__ import annotations

from datetime import UTC, datetime

from agent.engagement import compute_engagement, expected_words
from agent.scoring.rubric import bank_rubric
from agent.turns import TurnTracker
from db.contract import MetricRow

WORDS = "I designed the schema and wrote the migrations then measured the slow queries "


def row(t_s: int, eye: float, question: int | None = None) -> MetricRow:
    return MetricRow(t_s=t_s, recorded_at=datetime.now(UTC), question_index=question, face_present=True, num_faces=1,
                     eye_contact=eye, eye_contact_30s=eye, head_yaw_deg=0.0, head_pitch_deg=0.0, speaking="none",
                     speech_rate_sps=3.0, articulation_rate_sps=4.0, pause_count=0, phonation_ratio=0.7,
                     frames_analyzed=5, frames_dropped=0, flags=[])


def scripted(latency_s: float, answer_s: float, answer_words: int, questions: int = 3,
             eye_answering: float = 0.8, eye_otherwise: float = 0.8) -> tuple[TurnTracker, list[MetricRow], float]:
    """Consent, then each question asked for 5 s and answered ``latency_s`` after the interviewer stops."""
    turns = TurnTracker()
    turns.will_ask(None)
    turns.agent_started(0.0)
    turns.agent_stopped(8.0)
    turns.candidate_segment(9.0, 10.0, "yes I agree")
    turns.take_turn(None)
    t, answering = 12.0, []
    for q in range(questions):
        turns.will_ask(q)
        turns.agent_started(t)
        turns.agent_stopped(t + 5.0)
        start = t + 5.0 + latency_s
        text = " ".join((WORDS * 20).split()[:answer_words])
        turns.candidate_segment(start, start + answer_s, text)
        turns.take_turn(q)
        answering.append((start, start + answer_s))
        t = start + answer_s + 1.5
    end = t + 4.0
    rows = [row(k, eye_answering if any(a <= k - 0.5 <= b for a, b in answering) else eye_otherwise)
            for k in range(1, int(end) + 1)]
    return turns, rows, end


def test_a_slow_responder_reads_as_less_engaged_than_a_fast_one() -> None:
    expected = {q: (40, 200) for q in range(3)}
    fast_turns, fast_rows, fast_end = scripted(latency_s=0.8, answer_s=30.0, answer_words=90)
    slow_turns, slow_rows, slow_end = scripted(latency_s=7.0, answer_s=8.0, answer_words=20)
    fast = compute_engagement(fast_turns, fast_rows, expected, fast_end)
    slow = compute_engagement(slow_turns, slow_rows, expected, slow_end)
    assert fast is not None and slow is not None
    assert fast["response_latency_s"] == 0.8 and slow["response_latency_s"] == 7.0
    assert [q["response_latency_s"] for q in slow["questions"]] == [7.0, 7.0, 7.0]
    assert fast["speaking_share"] > 0.8 > 0.7 > slow["speaking_share"]
    assert fast["answers_short"] == 0 and slow["answers_short"] == 3
    assert [q["answer_length"] for q in fast["questions"]] == ["as_expected"] * 3
    assert fast["parts"]["response_latency"] == 1.0 > slow["parts"]["response_latency"]
    assert fast["score"] > slow["score"]
    assert fast["interruptions"] == slow["interruptions"] == 0
    # every signal with its parts: the figures it came from stay beside it
    q0 = slow["questions"][0]
    assert q0["asked_s"] == 12.0 and q0["question_end_s"] == 17.0 and q0["answer_start_s"] == 24.0
    assert q0["candidate_speaking_s"] == 8.0 and q0["interviewer_speaking_s"] == 5.0
    assert q0["answer_words"] == 20 and (q0["expected_min_words"], q0["expected_max_words"]) == (40, 200)
    assert set(q0["parts"]) == {"response_latency", "speaking_share", "answer_length", "eye_contact_answering",
                                "interruptions"}


def test_eye_contact_counts_only_while_answering() -> None:
    turns, rows, end = scripted(1.0, 20.0, 60, eye_answering=1.0, eye_otherwise=0.0)
    engagement = compute_engagement(turns, rows, {}, end)
    assert engagement["eye_contact_answering_ratio"] == 1.0
    assert all(q["eye_contact_answering_ratio"] == 1.0 for q in engagement["questions"])


def test_starting_while_the_interviewer_speaks_is_an_interruption() -> None:
    turns = TurnTracker()
    turns.will_ask(0)
    turns.agent_started(10.0)
    turns.agent_stopped(20.0)
    turns.candidate_segment(14.0, 15.0, "sorry can I")  # over the question: an interruption (and an overlap)
    turns.candidate_segment(19.8, 40.0, "so what I did was")  # in the interviewer's last moment: not one
    turns.will_ask(1)
    turns.agent_started(42.0)
    turns.agent_stopped(45.0)
    turns.candidate_segment(46.0, 60.0, "for that I would")
    engagement = compute_engagement(turns, [], {}, 62.0)
    q0, q1 = engagement["questions"]
    assert q0["interruptions"] == 1 and q0["interruption_times_s"] == [14.0]
    assert q1["interruptions"] == 0 and engagement["interruptions"] == 1
    assert q0["response_latency_s"] == 0.0  # the answer began before the question ended
    assert q0["parts"]["interruptions"] < q1["parts"]["interruptions"]
    assert compute_engagement(TurnTracker(), [], {}, 10.0) is None  # no question asked: nothing to say


def test_the_expected_length_comes_from_the_rubric() -> None:
    rubric = bank_rubric("A query that used to be fast has become slow. How do you investigate it?")
    lo, hi = expected_words(rubric)
    assert 25 <= lo < hi <= 300
    assert expected_words(None) == (40, 200)
