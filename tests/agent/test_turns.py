"""Which question each piece of the candidate's speech answers, and what overlaps the interviewer."""

from __future__ import annotations

from agent.turns import TurnTracker


def _interview() -> TurnTracker:
    """Greeting and consent question 0-12 s; question 1 asked at 15-18 s; question 2 at 40-43 s."""
    t = TurnTracker()
    t.will_ask(None)
    t.agent_started(0.0)
    t.agent_stopped(12.0)
    t.will_ask(0)
    t.agent_started(15.0)
    t.agent_stopped(18.0)
    t.will_ask(1)
    t.agent_started(40.0)
    t.agent_stopped(43.0)
    return t


def test_a_yes_during_the_greeting_overlaps_and_is_not_an_answer() -> None:
    t = _interview()
    seg = t.candidate_segment(5.0, 5.6, "yes")
    assert seg.overlap and seg.question_index is None
    turn = t.take_turn(None)
    assert turn.overlap_only and turn.text == "" and turn.segments == [seg]


def test_answers_land_on_the_question_asked_when_speech_began() -> None:
    t = _interview()
    consent = t.candidate_segment(12.5, 13.0, "yes I agree")
    assert not consent.overlap and consent.question_index is None
    assert t.take_turn(None).text == "yes I agree"
    a1 = t.candidate_segment(19.0, 35.0, "I built a pipeline")
    assert a1.question_index == 0 and not a1.overlap
    assert t.take_turn(0).text == "I built a pipeline"
    # began before question 2 was asked, ran on past its end: it answers question 1
    late = t.candidate_segment(38.5, 44.0, "and it still runs today")
    a2 = t.candidate_segment(45.0, 60.0, "I would add an index")
    assert late.question_index == 0 and not late.overlap and a2.question_index == 1
    turn = t.take_turn(1)
    assert turn.text == "I would add an index" and turn.earlier == {0: "and it still runs today"}


def test_speech_that_ends_while_the_interviewer_speaks_overlaps() -> None:
    t = _interview()
    assert t.candidate_segment(40.5, 42.0, "mm-hmm").overlap
    assert t.candidate_segment(39.0, 43.2, "right").overlap  # within the tolerance after the interviewer stopped
    assert not t.candidate_segment(42.0, 44.0, "so what I did").overlap
    t.will_ask(2)
    t.agent_started(70.0)  # still speaking
    assert t.candidate_segment(71.0, 72.0, "ok").overlap


def test_text_input_without_segments_uses_the_message() -> None:
    t = TurnTracker()
    turn = t.take_turn(0, "typed answer")
    assert turn.text == "typed answer" and not turn.overlap_only
