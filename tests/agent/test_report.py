"""Question scores from content only, and the report: skill findings apart from the advisory delivery section."""

from __future__ import annotations

from agent.report import QuestionResult, build_report, practice_feedback, score_question
from agent.scoring.rubric import bank_rubric
from db.aggregates import interview_figures
from tests.synthetic_interview import steady_rows as seconds


def test_scores_follow_the_signals_and_delivery_stays_apart() -> None:
    question = "A query that used to be fast has become slow. How do you investigate it?"
    rubric = bank_rubric(question)
    answer = ("Last year a report went from two seconds to forty. I ran EXPLAIN ANALYZE, saw a sequential scan on "
              "forty million rows and stale statistics after a backfill, ran ANALYZE, and it was back to two seconds.")
    eye_good = interview_figures(seconds(20, 0.9))
    fluency = {"speaking_seconds": 20, "articulation_rate_sps": 4.0, "mean_pause_s": 0.5}
    good, signals = score_question(question=question, answer=answer, rubric=rubric, figures=eye_good, fluency=fluency)
    weak, weak_signals = score_question(
        question=question, answer="I would google it.", rubric=rubric,
        figures=interview_figures(seconds(20, 0.2)),
        fluency={"speaking_seconds": 2.5, "articulation_rate_sps": 7.5, "mean_pause_s": 2.5})
    assert good > 50 > 30 > weak
    assert signals["points_covered"] and signals["content"]["points"][0]["evidence"]
    assert "weights" not in signals and signals["delivery"]["eye_contact_ratio"] == 0.9  # beside, not in, the score
    assert len(signals["reasons"]) == 3 and any("rubric points" in r for r in signals["reasons"])
    assert any(r.startswith("General") or r.startswith("Thin") for r in weak_signals["reasons"])
    none, none_signals = score_question(question=question, answer="", rubric=rubric, figures=None, fluency={})
    assert none == 0.0 and none_signals["reasons"] == ["No answer was given"]

    results = [QuestionResult(0, "Q1", "SQL", 1.0, "a", good, signals),
               QuestionResult(1, "Q2", "SQL", 1.0, "b", weak, {**weak_signals, "probe": "short"})]
    eye = {"frames": 100, "face_present_ratio": 1.0, "eye_contact_ratio": 0.85, "longest_look_away_s": 1.0}
    flu = {"speaking_seconds": 40, "articulation_rate_sps": 4.2, "mean_pause_s": 0.6, "pause_count": 5}
    rows = seconds(20, 0.8) + seconds(2, 0.8, faces=2, start=21) + seconds(5, 0.1, start=23)
    report = build_report(results, eye=eye, fluency=flu, rows=rows)
    assert report["overall_score"] == round((good + weak) / 2, 1)
    assert not {"Eye contact", "Speech pace", "Fluency"} & {s["area"] for s in report["strengths"] +
                                                            report["weaknesses"]}
    assert {o["area"] for o in report["delivery"]["observations"]} >= {"Eye contact", "Speech pace"}
    assert report["delivery"]["in_scores"] is False and "eye contact" not in report["summary"]
    assert all(item["signals"] for item in report["strengths"] + report["weaknesses"])
    # eye contact is the rows' figure (the seconds with the face in view), as in the API's summary
    assert report["eye_contact_summary"]["eye_contact_ratio"] == round((22 * 0.8 + 5 * 0.1) / 27, 4)
    assert report["delivery"]["figures"]["pause_count"] == 5
    assert [(f["flag"], f["start_s"], f["end_s"]) for f in report["flags"]] == [("multiple_faces", 20, 22),
                                                                              ("look_away", 22, 27)]
    assert report["flags"][0]["detail"] == "More than one face in view 0:20–0:22"
    hidden = build_report(results, eye=eye, fluency=flu, rows=rows, show_delivery=False)
    assert hidden["overall_score"] == report["overall_score"]
    assert hidden["delivery"] == {"hidden": True}
    assert not hidden["eye_contact_summary"] and not hidden["fluency_summary"]
    assert [f["flag"] for f in hidden["flags"]] == ["multiple_faces"]  # looking away is a delivery signal
    feedback = practice_feedback(report, results)
    assert feedback["advisory"] and feedback["tips"] and len(feedback["questions"]) == 2
    assert feedback["delivery"]["not_in_score"] and feedback["questions"][1]["tip"]
