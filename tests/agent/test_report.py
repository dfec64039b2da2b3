"""Question scores from content only, and the report: skill findings apart from the advisory delivery section."""

from __future__ import annotations

from agent.report import QuestionResult, build_report, practice_feedback, score_question
from agent.scoring.rubric import bank_rubric


def test_scores_follow_the_signals_and_delivery_stays_apart() -> None:
    question = "A query that used to be fast has become slow. How do you investigate it?"
    rubric = bank_rubric(question)
    answer = ("Last year a report went from two seconds to forty. I ran EXPLAIN ANALYZE, saw a sequential scan on "
              "forty million rows and stale statistics after a backfill, ran ANALYZE, and it was back to two seconds.")
    eye_good = {"frames": 50, "face_present_ratio": 1.0, "eye_contact_ratio": 0.9}
    fluency = {"speaking_seconds": 20, "articulation_rate_sps": 4.0, "mean_pause_s": 0.5}
    good, signals = score_question(question=question, answer=answer, rubric=rubric, eye=eye_good, fluency=fluency)
    weak, weak_signals = score_question(
        question=question, answer="I would google it.", rubric=rubric,
        eye={"frames": 50, "face_present_ratio": 1.0, "eye_contact_ratio": 0.2},
        fluency={"speaking_seconds": 2.5, "articulation_rate_sps": 7.5, "mean_pause_s": 2.5})
    assert good > 50 > 30 > weak
    assert signals["points_covered"] and signals["content"]["points"][0]["evidence"]
    assert "weights" not in signals and signals["delivery"]["eye_contact_ratio"] == 0.9  # beside, not in, the score
    none, _ = score_question(question=question, answer="", rubric=rubric, eye={}, fluency={})
    assert none == 0.0

    results = [QuestionResult(0, "Q1", "SQL", 1.0, "a", good, signals),
               QuestionResult(1, "Q2", "SQL", 1.0, "b", weak, {**weak_signals, "probe": "short"})]
    eye = {"frames": 100, "face_present_ratio": 1.0, "eye_contact_ratio": 0.85, "flags": ["multiple_faces"]}
    flu = {"speaking_seconds": 40, "articulation_rate_sps": 4.2, "mean_pause_s": 0.6, "pause_count": 5}
    report = build_report(results, eye=eye, fluency=flu)
    assert report["overall_score"] == round((good + weak) / 2, 1)
    assert not {"Eye contact", "Speech pace", "Fluency"} & {s["area"] for s in report["strengths"] +
                                                            report["weaknesses"]}
    assert {o["area"] for o in report["delivery"]["observations"]} >= {"Eye contact", "Speech pace"}
    assert report["delivery"]["in_scores"] is False and "eye contact" not in report["summary"]
    assert all(item["signals"] for item in report["strengths"] + report["weaknesses"])
    assert report["flags"][0]["flag"] == "multiple_faces"
    hidden = build_report(results, eye=eye, fluency=flu, show_delivery=False)
    assert hidden["overall_score"] == report["overall_score"]
    assert hidden["delivery"] == {"hidden": True}
    assert not hidden["eye_contact_summary"] and not hidden["fluency_summary"]
    feedback = practice_feedback(report, results)
    assert feedback["advisory"] and feedback["tips"] and len(feedback["questions"]) == 2
    assert feedback["delivery"]["not_in_score"] and feedback["questions"][1]["tip"]
