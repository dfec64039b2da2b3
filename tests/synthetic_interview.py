"""A synthetic 96-second interview with figures known by hand, written through the agent's recorder.

The script (seconds since the start): the interviewer greets and asks for consent 0-10, the candidate says yes
11-12; question 1 is asked 14-20 and answered 22-52; question 2 asked 54-60 and answered 63-93. The camera: the
face frontal (eye contact 1.0) until 40, turned away 40-50 (eye contact 0.0), frontal 50-60, out of view 60-75,
then eye contact 0.8 with a second face in view 89-91 and no picture at all 92-94. Fluency running values end at
3 pauses and 3.6 syllables/s.

``EXPECTED`` holds the figures computed by hand from that script (not by the code under test).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from agent.delivery import question_delivery
from agent.engagement import compute_engagement
from agent.recorder import Recorder
from agent.report import QuestionResult, build_report
from agent.scoring.reasons import score_reasons
from agent.turns import TurnTracker
from db.aggregates import interview_figures
from db.contract import MetricRow
from db.enums import InterviewStatus, Speaker

QUESTIONS = [("Tell me about a Python service you built and how you tested it.", "Python"),
             ("A query that used to be fast has become slow. How do you investigate it?", "SQL")]
ANSWERS = [
    "Last year I built a billing service in Python. I designed the schema, wrote the tests for every endpoint "
    "and we cut failed invoices by forty percent.",
    "I ran explain analyze on the slow report and saw a sequential scan on sixty million rows. I added a composite "
    "index and it went from twenty minutes back to one.",
]
END_S = 96
EXPECTED = {
    "seconds": 96, "duration_s": 96, "video_seconds": 94, "face_in_view_seconds": 79,
    "face_in_view_ratio": round(79 / 94, 4),
    # 40 s at 1.0, 10 s at 0.0, 10 s at 1.0 and 19 s at 0.8, over the 79 seconds with the face in view
    "eye_contact_ratio": round((40 + 10 + 19 * 0.8) / 79, 4),
    "multiple_faces_seconds": 2, "pause_count": 3, "speech_rate_sps": 3.6, "articulation_rate_sps": 4.2,
    "phonation_ratio": 0.7, "frames_analyzed": 94 * 5, "frames_dropped": 3,
    "notes": [("look_away", 40, 50), ("no_face", 60, 75), ("multiple_faces", 89, 91)],
    "response_latency_s": 2.5,  # 2.0 s and 3.0 s after the questions ended
    "speaking_share": round(60 / 72, 3),  # 30 + 30 s of answers against 6 + 6 s of questions
}
FINAL_FLUENCY = {"speech_rate_sps": 3.6, "articulation_rate_sps": 4.2, "pause_count": 3, "mean_pause_s": 0.6,
                 "total_pause_s": 1.8, "longest_pause_s": 0.9, "phonation_ratio": 0.7, "speaking_seconds": 60.0,
                 "duration_s": 85.7, "syllables": 252, "word_count": 150, "fillers_per_100_words": 2.0,
                 "filler_count": 3, "repetitions": 0, "words_per_minute": 150.0}


def steady_rows(n: int, eye: float, *, faces: int = 1, start: int = 1) -> list[MetricRow]:
    """``n`` seconds alike from ``start``: the face in view (``faces``), this eye contact, steady speech."""
    return [MetricRow(t_s=t, recorded_at=datetime.now(UTC), question_index=0, face_present=faces > 0,
                      num_faces=faces, eye_contact=eye, eye_contact_30s=eye, head_yaw_deg=0.0, head_pitch_deg=0.0,
                      speaking="candidate", speech_rate_sps=3.0, articulation_rate_sps=4.2, pause_count=5,
                      phonation_ratio=0.7, frames_analyzed=5, frames_dropped=0, flags=[])
            for t in range(start, start + n)]


def _second(t: int, eye_contact: float = 0.8) -> dict[str, Any]:
    """The camera's script for second t (the row covering (t-1, t])."""
    if 93 <= t <= 94:
        return {"face_present": None, "num_faces": None, "eye_contact": None, "frames_analyzed": 0}
    if 61 <= t <= 75:
        return {"face_present": False, "num_faces": 0, "eye_contact": 0.0}
    eye = 1.0 if t <= 40 or 51 <= t <= 60 else 0.0 if t <= 50 else eye_contact
    return {"face_present": True, "num_faces": 2 if t in (90, 91) else 1, "eye_contact": eye}


def metric_rows(eye_contact: float = 0.8) -> list[MetricRow]:
    rows = []
    start = datetime.now(UTC) - timedelta(seconds=END_S + 5)
    for t in range(1, END_S + 1):
        cam = {"frames_analyzed": 5, **_second(t, eye_contact)}
        question = None if t <= 14 else 0 if t <= 54 else 1
        pauses = 0 if t < 30 else 1 if t < 45 else 2 if t < 80 else 3
        rows.append(MetricRow(
            t_s=t, recorded_at=start + timedelta(seconds=t), question_index=question,
            eye_contact_30s=cam["eye_contact"], head_yaw_deg=0.0, head_pitch_deg=0.0,
            speaking="agent" if t <= 10 or 15 <= t <= 20 or 55 <= t <= 60 else "candidate",
            speech_rate_sps=0.0 if t < 23 else 3.2 if t < 60 else 3.6, articulation_rate_sps=0.0 if t < 23 else 4.2,
            pause_count=pauses, phonation_ratio=0.0 if t < 23 else 0.7, frames_dropped=1 if t in (5, 50, 95) else 0,
            flags=["no_face"] if cam["face_present"] is False else [], **cam))
    return rows


def turns(latency_s: float = 0.0) -> TurnTracker:
    """The conversation's timings through the agent's own TurnTracker (``latency_s`` later answers)."""
    tracker = TurnTracker()
    tracker.will_ask(None)
    tracker.agent_started(0.0)
    tracker.agent_stopped(10.0)
    tracker.candidate_segment(11.0, 12.0, "Yes, I agree.")
    tracker.take_turn(None)
    for index, (asked, answered) in enumerate(((14.0, 22.0), (54.0, 63.0))):
        tracker.will_ask(index)
        tracker.agent_started(asked)
        tracker.agent_stopped(asked + 6.0)
        tracker.candidate_segment(answered + latency_s, answered + 30.0, ANSWERS[index])
        tracker.take_turn(index)
    return tracker


def _signals(index: int, score: float, rows: list[MetricRow]) -> dict[str, Any]:
    covered = ["Names the service and their own part in it", "Tests and measures the result"]
    missing = ["Explains a design trade-off"]
    signals: dict[str, Any] = {
        "answer_words": len(ANSWERS[index].split()), "score_source": "offline", "skill_evidenced": QUESTIONS[index][1],
        "content": {"score": score, "relevance": 0.91, "relevance_gate": 1.0, "coverage": 0.62,
                    "specificity": {"score": 0.8, "figures": 2, "own_actions": 3, "situation": 1, "outcome": 1},
                    "points": [{"covers": p, "covered": True, "evidence": ANSWERS[index][:40]} for p in covered]
                    + [{"covers": p, "covered": False, "evidence": None} for p in missing]},
        "points_covered": covered, "points_missing": missing, "probe": None,
        "delivery": question_delivery(interview_figures(r for r in rows if r.question_index == index),
                                      {"speaking_seconds": 28, "articulation_rate_sps": 4.2, "mean_pause_s": 0.5}),
    }
    signals["reasons"] = score_reasons(signals)
    return signals


async def write_synthetic_interview(sessionmaker: Any, interview_id: uuid.UUID, *, scores: tuple[float, float] = (
        78.0, 46.0), latency_s: float = 0.0, eye_contact: float = 0.8, hide_delivery: bool = False) -> dict[str, Any]:
    """Rows, transcript, question scores, the agent's report and the final status, through the recorder."""
    rows = metric_rows(eye_contact)
    tracker = turns(latency_s)
    recorder = Recorder(sessionmaker, interview_id)
    for row in rows:
        recorder.add_metric(row)
    recorder.add_segment({"speaker": Speaker.AGENT, "text": "Hello, this interview is recorded. Do you agree?",
                          "start_s": 0.0, "end_s": 10.0, "question_index": None, "words": None})
    for seg in tracker.segments:
        recorder.add_segment({"segment_uid": seg.uid, "speaker": Speaker.CANDIDATE, "text": seg.text,
                              "start_s": seg.start_s, "end_s": seg.end_s, "question_index": seg.question_index,
                              "words": None, "overlap": seg.overlap})
    results = []
    for index, (question, skill) in enumerate(QUESTIONS):
        asked = 14.0 if index == 0 else 54.0
        recorder.add_segment({"speaker": Speaker.AGENT, "text": question, "start_s": asked, "end_s": asked + 6.0,
                              "question_index": index, "words": None})
        signals = _signals(index, scores[index], rows)
        figures = interview_figures(r for r in rows if r.question_index == index)
        recorder.set_question_score({
            "question_index": index, "question": question, "skill": skill, "answer_text": ANSWERS[index],
            "score": scores[index], "eye_contact_ratio": figures.eye_contact_ratio if figures else None,
            "fluency": {"articulation_rate_sps": 4.2, "speech_rate_sps": 3.4, "pause_count": 1 + index},
            "signals": signals, "started_s": asked, "ended_s": 54.0 if index == 0 else float(END_S)})
        results.append(QuestionResult(index, question, skill, 1.0, ANSWERS[index], scores[index], signals))
    engagement = None if hide_delivery else compute_engagement(tracker, rows, {}, float(END_S))
    report = build_report(results, eye={"frames": 470, "longest_look_away_s": 10.0, "calibrated": True},
                          fluency=dict(FINAL_FLUENCY), rows=rows, engagement=engagement,
                          show_delivery=not hide_delivery)
    recorder.set_report(report)
    now = datetime.now(UTC)
    recorder.update_interview(status=InterviewStatus.COMPLETED, started_at=now - timedelta(seconds=END_S + 5),
                              ended_at=now, end_reason="completed")
    assert await recorder.close(timeout_s=10)
    return report
