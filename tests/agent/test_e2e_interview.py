"""A whole interview on a real livekit-server and Postgres, the worker running as its own process.

The simulated candidate shows a real face (the astronaut photo), then no face, then a turned head, and
answers in espeak-ng speech; a hidden recruiter collects the live scores. Everything the recruiter saw
must be in Postgres, and the candidate must not have received a single score.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import statistics
import time
import uuid

import msgspec
import pytest
import sqlalchemy as sa

from db.aggregates import interview_figures
from db.enums import ConsentDecision, ConsentMethod, InterviewStatus, Speaker
from db.models import (
    Interview,
    InterviewConsent,
    InterviewMetric,
    InterviewReport,
    InterviewUsage,
    QuestionScore,
    TranscriptSegment,
)
from tests.agent.sim import Candidate, Recruiter, create_interview, dispatch
from tests.faces import blank_rgb, frontal_face_rgb, turned_face_rgb

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

QUESTIONS = [
    "Tell me about a Python project you are proud of.",
    "How do you make a slow SQL query faster?",
]


async def wait_status(sessionmaker, interview_id: uuid.UUID, statuses: set[InterviewStatus],
                      within: float) -> Interview:
    deadline = time.monotonic() + within
    while True:
        async with sessionmaker() as s:
            interview = await s.get(Interview, interview_id)
        if interview is not None and interview.status in statuses:
            return interview
        if time.monotonic() > deadline:
            raise TimeoutError(f"interview is {interview.status if interview else None}, wanted {statuses}")
        await asyncio.sleep(0.5)


async def camera_script(candidate: Candidate) -> None:
    """Frontal face, no face, turned head, frontal again (during the interviewer's greeting)."""
    frontal, blank, turned = frontal_face_rgb(), blank_rgb(), turned_face_rgb(40.0)
    await asyncio.sleep(6)
    candidate.show(blank, "blank")
    await asyncio.sleep(5)
    candidate.show(turned, "turned")
    await asyncio.sleep(5)
    candidate.show(frontal, "frontal")


def settled(messages: list[dict], candidate: Candidate, label: str) -> list[dict]:
    """Messages derived from a frame showing ``label`` whose previous message was derived from one too."""
    out = []
    for prev, msg in itertools.pairwise(messages):
        labels = [candidate.labels.get((m.get("frame") or {}).get("id")) for m in (prev, msg)]
        if labels == [label, label]:
            out.append(msg)
    return out


async def run_interview(worker, livekit, sessionmaker, answer_frames) -> tuple:
    """Consent, a short answer (earns a follow-up), the developed answer, then the second question."""
    await worker.wait_registered()
    interview_id = await create_interview(sessionmaker, questions=QUESTIONS)
    room = f"interview-{interview_id}"
    recruiter, candidate = Recruiter(livekit, room), Candidate(livekit, room)
    await recruiter.connect()
    t_dispatch = await dispatch(livekit, interview_id)
    await candidate.connect()
    await candidate.publish(frontal_face_rgb(), "frontal")
    try:
        camera = asyncio.create_task(camera_script(candidate))
        for name in ("yes", "short", "python", "sql"):
            await candidate.wait_for_my_turn(within=120)
            await candidate.say(answer_frames[name])
        await camera
        interview = await wait_status(sessionmaker, interview_id, {InterviewStatus.COMPLETED,
                                                                  InterviewStatus.INTERRUPTED}, within=90)
        await worker.wait_for_log(f"interview {interview_id} finalized", within=30)
    finally:
        await candidate.disconnect()
        await recruiter.disconnect()
    return interview, recruiter, candidate, t_dispatch


async def scrape_agent(ports: list[int]) -> dict[str, float]:
    """Every worker process's /metrics, summed by series name (labels dropped)."""
    import httpx

    totals: dict[str, float] = {}
    async with httpx.AsyncClient(timeout=10) as http:
        for port in ports:
            for _ in range(50):  # a restarted or slow-starting worker process: its server comes with it
                try:
                    text = (await http.get(f"http://127.0.0.1:{port}/metrics")).text
                    break
                except httpx.TransportError:
                    await asyncio.sleep(0.2)
            else:
                raise AssertionError(f"no /metrics on :{port}")
            for line in text.splitlines():
                if line.startswith("interviewly_agent_"):
                    name, value = line.split("{")[0].split(" ")[0], float(line.rsplit(" ", 1)[1])
                    totals[name] = totals.get(name, 0.0) + value
    return totals


def check_agent_metrics(before: dict[str, float], after: dict[str, float]) -> None:
    """The agent host's series exist and moved with one interview (issue 22)."""
    def moved(name: str) -> float:
        return after.get(name, 0.0) - before.get(name, 0.0)

    assert moved("interviewly_agent_frames_analysed_total") >= 30, after
    assert "interviewly_agent_frames_dropped_total" in after
    assert moved("interviewly_agent_live_message_lag_seconds_count") >= 30
    assert after["interviewly_agent_live_message_lag_seconds_sum"] / after[
        "interviewly_agent_live_message_lag_seconds_count"] < 1.0  # delivered well within the second
    assert moved("interviewly_agent_stt_latency_seconds_count") >= 1
    assert moved("interviewly_agent_tts_ttfb_seconds_count") >= 1
    assert moved("interviewly_agent_db_write_lag_seconds_count") >= 30
    assert "interviewly_agent_db_buffered_rows" in after and "interviewly_agent_db_failed_writes_total" in after


def check_live_messages(messages: list[dict], times: list[float], candidate: Candidate, interview_id) -> None:
    """About once a second, to the recruiter only; eye contact high while frontal, falling without a face and with
    the head turned."""
    assert len(messages) >= 30
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert 0.85 < statistics.median(gaps) < 1.15
    # nearly all a second apart; one scheduler hiccup on a loaded 2-core machine may stretch a single gap
    assert statistics.quantiles(gaps, n=20)[-1] < 1.6
    assert max(gaps) < 5.0
    assert [m["t_s"] for m in messages] == sorted({m["t_s"] for m in messages})
    assert candidate.received.messages == [] and candidate.received.other_topics == []
    assert {m["type"] for m in messages} == {"live_scores"}
    assert {m["interview_id"] for m in messages} == {str(interview_id)}
    assert {m["speaking"] for m in messages} >= {"agent", "candidate"}
    assert {m["question_index"] for m in messages} >= {0, 1}
    frontal = settled(messages, candidate, "frontal")
    blank = settled(messages, candidate, "blank")
    turned = settled(messages, candidate, "turned")
    assert len(frontal) >= 10 and len(blank) >= 2 and len(turned) >= 2
    # (a second in which analysis fell behind has no figure rather than a wrong one)
    looking = [m["eye_contact"]["last_1s"] for m in frontal]
    assert sum(v is None for v in looking) <= len(looking) // 4
    assert statistics.mean(v for v in looking if v is not None) > 0.8
    assert all(m["face_present"] for m in frontal)
    assert all(m["face_present"] is False and m["eye_contact"]["last_1s"] == 0.0 for m in blank)
    assert all("no_face" in m["flags"] for m in blank)
    assert all(m["face_present"] for m in turned)
    assert statistics.mean(m["eye_contact"]["last_1s"] or 0.0 for m in turned) < 0.3
    # at least VIDEO_STEADY_FPS (1) analysed frames a second while the picture holds, less a tenth (analysis may
    # fall behind), and VIDEO_SAMPLE_FPS (2) in the seconds after each of the camera's changes
    analyzed = [m["frames"]["analyzed"] for m in messages]
    assert sum(analyzed) >= 0.9 * len(messages)
    assert sum(a >= 2 for a in analyzed) >= 4


async def stored(sessionmaker, interview_id) -> dict:
    async with sessionmaker() as s:
        def where(model):
            return sa.select(model).where(model.interview_id == interview_id)

        return {
            "rows": {r.t_s: r for r in (await s.execute(where(InterviewMetric))).scalars()},
            "scores": (await s.execute(where(QuestionScore).order_by(QuestionScore.question_index))).scalars().all(),
            "segments": (await s.execute(where(TranscriptSegment).order_by(TranscriptSegment.start_s))
                         ).scalars().all(),
            "report": (await s.execute(where(InterviewReport))).scalar_one(),
            "usage": (await s.execute(where(InterviewUsage))).scalar_one(),
            "consents": (await s.execute(where(InterviewConsent))).scalars().all(),
        }


def check_rows_match_messages(rows: dict, messages: list[dict]) -> None:
    """Every live message the recruiter got is a metrics row with the same figures."""
    for m in messages:
        row = rows[m["t_s"]]
        assert row.eye_contact == m["eye_contact"]["last_1s"]
        assert row.eye_contact_30s == m["eye_contact"]["rolling_30s"]
        assert row.face_present == m["face_present"]
        assert row.question_index == m["question_index"]
        assert row.speaking == m["speaking"]
        assert row.flags == m["flags"]
        assert row.frames_analyzed == m["frames"]["analyzed"]
        assert row.speech_rate_sps == m["fluency"].get("speech_rate_sps")
    assert len(rows) >= len(messages)


def check_scores_transcript_report(db: dict) -> None:
    scores, segments, report, usage = db["scores"], db["segments"], db["report"], db["usage"]
    # per-question scores, with the follow-up on the short answer and the STT's words in the answer
    assert [s.question_index for s in scores] == [0, 1]
    assert scores[0].signals["probe"]
    assert "python" in (scores[0].answer_text or "").lower()
    assert "index" in (scores[1].answer_text or "").lower()
    assert all(s.score is not None and 0 <= s.score <= 100 for s in scores)
    assert scores[1].fluency["speaking_seconds"] > 3
    assert scores[1].fluency["transcript"]["word_count"] > 20
    consent = [seg for seg in segments if seg.speaker == Speaker.CANDIDATE and seg.question_index is None]
    assert consent and "yes" in consent[-1].text.lower()
    assert [(c.method, c.decision) for c in db["consents"]] == [(ConsentMethod.SPOKEN, ConsentDecision.GIVEN)]
    assert db["consents"][0].transcript_segment_uid == consent[-1].segment_uid
    assert {seg.speaker for seg in segments} == {Speaker.AGENT, Speaker.CANDIDATE}
    assert any(seg.words for seg in segments if seg.speaker == Speaker.CANDIDATE)
    # the consent notice
    assert any("transcribed and analysed" in seg.text for seg in segments if seg.speaker == Speaker.AGENT)
    assert report.overall_score is not None
    assert report.eye_contact_summary["frames"] > 50
    assert report.fluency_summary["speaking_seconds"] > 5
    assert all("signals" in item for item in report.strengths + report.weaknesses)
    assert report.delivery  # eye contact and fluency: advisory, apart from the skill scores
    assert usage.stt_seconds > 5 and usage.tts_characters > 200 and usage.room_minutes > 0.3
    assert usage.llm_prompt_tokens > 0 and usage.llm_completion_tokens > 0
    assert usage.prices["pipeline"] == "offline"


def check_figures_and_engagement(db: dict) -> None:
    rows, report = db["rows"], db["report"]
    # one definition of every figure: the report's (the agent's rows) are the summary's (the stored rows)
    assert report.delivery["figures"] == msgspec.to_builtins(interview_figures(rows.values()))
    assert report.fluency_summary["pause_count"] == rows[max(rows)].pause_count == report.delivery["figures"][
        "pause_count"]
    # engagement, per question, from the real turn timings: the candidate answers after each question
    engagement = report.delivery["engagement"]
    assert [q["question_index"] for q in engagement["questions"]] == [0, 1]
    assert all(q["response_latency_s"] is not None and q["response_latency_s"] < 15 for q in engagement["questions"])
    assert 0 < engagement["speaking_share"] < 1 and engagement["score"] is not None


async def idle_agent_metrics(ports, within_s: float = 30.0) -> dict[str, float]:
    """The agent host's metrics once no interview is active: a finished job lets go of its slot once its process
    has wound it up (the session's worker may still be winding up the previous test's interview)."""
    deadline = time.monotonic() + within_s
    metrics = await scrape_agent(ports)
    while metrics["interviewly_agent_active_interviews"] != 0 and time.monotonic() < deadline:
        await asyncio.sleep(0.5)
        metrics = await scrape_agent(ports)
    return metrics


async def test_full_interview(interviewer_worker, livekit, db_sessionmaker, answer_frames, artifacts_dir,
                              agent_metrics_ports) -> None:
    await interviewer_worker.wait_registered()
    before = await idle_agent_metrics(agent_metrics_ports)  # the shared worker's last interview has let go
    busiest: list[float] = []  # the host's active interviews, scraped while the interview runs

    async def watch() -> None:
        while True:
            busiest.append((await scrape_agent(agent_metrics_ports))["interviewly_agent_active_interviews"])
            await asyncio.sleep(2)

    watcher = asyncio.create_task(watch())
    try:
        interview, recruiter, candidate, t_dispatch = await run_interview(interviewer_worker, livekit,
                                                                          db_sessionmaker, answer_frames)
    finally:
        watcher.cancel()
    assert before["interviewly_agent_active_interviews"] == 0 and max(busiest) >= 1, busiest
    check_agent_metrics(before, await scrape_agent(agent_metrics_ports))
    after = await idle_agent_metrics(agent_metrics_ports)
    assert after["interviewly_agent_free_slots"] == before["interviewly_agent_free_slots"], after
    # the agent joined within 5 s of the dispatch and spoke (its audio track carried energy)
    assert recruiter.received.agent_joined is not None
    assert recruiter.received.agent_joined - t_dispatch < 5.0
    assert recruiter.received.agent_audio_peak > 0.05 and candidate.received.agent_audio_peak > 0.05
    # the interview completed, with its plan as stored
    assert interview.status == InterviewStatus.COMPLETED, interview.end_reason
    assert interview.end_reason == "completed"
    assert interview.started_at is not None and interview.ended_at is not None
    assert [q["text"] for q in interview.question_plan["questions"]] == QUESTIONS

    messages = [m for _, m in recruiter.received.messages]
    check_live_messages(messages, [t for t, _ in recruiter.received.messages], candidate, interview.id)
    db = await stored(db_sessionmaker, interview.id)
    (artifacts_dir / "agent-e2e-interview.json").write_text(json.dumps({
        "live_message_example": messages[len(messages) // 2],
        "question_scores": [{"index": q.question_index, "score": q.score, "answer": q.answer_text,
                             "signals": q.signals} for q in db["scores"]],
        "report": {"overall_score": db["report"].overall_score, "summary": db["report"].summary,
                   "delivery": db["report"].delivery, "flags": db["report"].flags},
    }, indent=2, default=str))
    check_rows_match_messages(db["rows"], messages)
    check_scores_transcript_report(db)
    check_figures_and_engagement(db)
