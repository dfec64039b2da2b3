"""Consent is its own turn, and answers land on the question that was asked (real room, worker as its own process).

- A candidate who says "yes" over the greeting, then yes to the consent question, then answers four questions:
  each answer is stored against the question it answers, and the early "yes" is kept but is nobody's answer.
- A candidate who says no: the interview ends DECLINED with no question asked.
"""

from __future__ import annotations

import asyncio
import time

import pytest
import sqlalchemy as sa

from db.enums import ConsentDecision, ConsentMethod, InterviewStatus, Speaker
from db.models import InterviewConsent, QuestionScore, TranscriptSegment
from tests.agent.sim import Candidate, create_interview, dispatch, wav_frames
from tests.agent.test_e2e_interview import wait_status
from tests.conftest import ARTIFACTS
from tests.faces import frontal_face_rgb
from tests.media import espeak_wav

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

QUESTIONS = [
    "Tell me about a data pipeline you built.",
    "How do you make a slow query faster?",
    "How do you deploy a service safely?",
    "How do you help a new colleague get started?",
]
# each over the follow-up threshold (15 words), so every question gets exactly one answer; each has its own word
ANSWERS = [
    "In my last role I built data pipelines that loaded sales records every night from twelve shops into our "
    "warehouse.",
    "I read the query plan first, then I add an index on the columns we filter and join on, and measure again.",
    "We deploy with a canary release to five percent of the traffic, watch the error rate, then roll out the rest.",
    "I sit with them during their first week, review their first changes kindly and point them to our runbooks.",
]
# stems: Whisper may hear "pipelines" as "pipeline"
MARKERS = ["pipeline", "index", "canary", "week"]


async def _segments(sessionmaker, interview_id) -> list[TranscriptSegment]:
    async with sessionmaker() as s:
        return list((await s.execute(sa.select(TranscriptSegment).where(TranscriptSegment.interview_id == interview_id)
                                     .order_by(TranscriptSegment.start_s))).scalars())


async def _consents(sessionmaker, interview_id) -> list[InterviewConsent]:
    async with sessionmaker() as s:
        return list((await s.execute(sa.select(InterviewConsent)
                                     .where(InterviewConsent.interview_id == interview_id))).scalars())


async def _wait_agent_speaking(candidate: Candidate, within: float = 60) -> None:
    deadline = time.monotonic() + within
    while candidate.agent_state() != "speaking":
        assert time.monotonic() < deadline, "the interviewer never started speaking"
        await asyncio.sleep(0.05)


async def yes_over_the_greeting_then_four_answers(livekit, sessionmaker, frames) -> None:
    interview_id = await create_interview(sessionmaker, questions=QUESTIONS)
    candidate = Candidate(livekit, f"interview-{interview_id}")
    await dispatch(livekit, interview_id)
    await candidate.connect()
    await candidate.publish(frontal_face_rgb())
    try:
        await _wait_agent_speaking(candidate)
        await asyncio.sleep(1.0)
        await candidate.say(frames["early_yes"])  # over the greeting: heard, kept, never an answer
        await candidate.wait_for_my_turn(within=90)
        await candidate.say(frames["yes"])
        for i in range(len(QUESTIONS)):
            await candidate.wait_for_my_turn(within=90)
            await candidate.say(frames[f"answer{i}"])
        interview = await wait_status(sessionmaker, interview_id, {InterviewStatus.COMPLETED,
                                                                  InterviewStatus.INTERRUPTED}, within=90)
    finally:
        await candidate.disconnect()
    assert interview.status == InterviewStatus.COMPLETED and interview.end_reason == "completed"

    segments = await _segments(sessionmaker, interview_id)
    said = [s for s in segments if s.speaker == Speaker.CANDIDATE]
    (ARTIFACTS / "agent-e2e-consent-transcript.txt").write_text("\n".join(
        f"{s.start_s:7.2f}-{s.end_s or 0:7.2f} {s.speaker.value:9} q={s.question_index} overlap={s.overlap} {s.text}"
        for s in segments))
    early = [s for s in said if s.overlap]
    assert early and all(s.question_index is None for s in early), [(s.text, s.overlap) for s in said]
    answers = [s for s in said if not s.overlap and s.question_index is not None]
    for i, marker in enumerate(MARKERS):
        on_i = " ".join(s.text.lower() for s in answers if s.question_index == i)
        assert marker in on_i, (i, [(s.question_index, s.text) for s in said])
    async with sessionmaker() as s:
        scores = (await s.execute(sa.select(QuestionScore).where(QuestionScore.interview_id == interview_id)
                                  .order_by(QuestionScore.question_index))).scalars().all()
    assert [q.question_index for q in scores] == [0, 1, 2, 3]
    for q, marker in zip(scores, MARKERS, strict=True):
        assert marker in (q.answer_text or "").lower(), (q.question_index, q.answer_text)
        assert "yes" not in (q.answer_text or "").lower().split()[:2]  # no consent reply inside an answer
    [consent] = await _consents(sessionmaker, interview_id)
    assert (consent.method, consent.decision) == (ConsentMethod.SPOKEN, ConsentDecision.GIVEN)
    linked = [s for s in said if s.segment_uid == consent.transcript_segment_uid]
    assert linked and not linked[0].overlap and "happy" in linked[0].text.lower()


async def says_no(livekit, sessionmaker, frames) -> None:
    interview_id = await create_interview(sessionmaker, questions=QUESTIONS)
    candidate = Candidate(livekit, f"interview-{interview_id}")
    await dispatch(livekit, interview_id)
    await candidate.connect()
    await candidate.publish(frontal_face_rgb())
    try:
        await candidate.wait_for_my_turn(within=90)
        await candidate.say(frames["no"])
        interview = await wait_status(sessionmaker, interview_id, {InterviewStatus.DECLINED,
                                                                  InterviewStatus.COMPLETED,
                                                                  InterviewStatus.INTERRUPTED}, within=90)
    finally:
        await candidate.disconnect()
    assert interview.status == InterviewStatus.DECLINED, interview.end_reason
    assert interview.end_reason == "the candidate declined"
    segments = await _segments(sessionmaker, interview_id)
    agent_said = " ".join(s.text for s in segments if s.speaker == Speaker.AGENT)
    assert "end the interview here" in agent_said
    assert not any(q in agent_said for q in QUESTIONS)
    async with sessionmaker() as s:
        assert (await s.scalar(sa.select(sa.func.count()).select_from(QuestionScore)
                               .where(QuestionScore.interview_id == interview_id))) == 0
    [consent] = await _consents(sessionmaker, interview_id)
    assert consent.decision == ConsentDecision.DECLINED


async def test_consent_turn_and_answers_on_their_questions(interviewer_worker, livekit, db_sessionmaker,
                                                           answer_frames, tmp_path) -> None:
    frames = dict(answer_frames)
    frames["early_yes"] = wav_frames(espeak_wav("Yes.", 170, tmp_path / "early.wav"))
    for i, text in enumerate(ANSWERS):
        frames[f"answer{i}"] = wav_frames(espeak_wav(text, 170, tmp_path / f"a{i}.wav"))
    await interviewer_worker.wait_registered()
    await asyncio.gather(
        yes_over_the_greeting_then_four_answers(livekit, db_sessionmaker, frames),
        says_no(livekit, db_sessionmaker, frames),
    )
