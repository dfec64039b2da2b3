"""A candidate who declined video analysis (issue 17): the real worker never analyses their camera, even if a
camera track is in the room; every metrics row says its video figures were not collected (NULL, never 0), and the
report says so rather than scoring anything."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from db.contract import VIDEO_NOT_COLLECTED
from db.enums import InterviewStatus
from db.models import Interview, InterviewMetric, InterviewReport
from tests.agent.sim import Candidate, create_interview, dispatch
from tests.agent.test_e2e_interview import wait_status
from tests.faces import frontal_face_rgb

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]


async def test_declined_video_analysis_is_never_analysed(interviewer_worker, livekit, db_sessionmaker,
                                                         answer_frames) -> None:
    interview_id = await create_interview(db_sessionmaker, questions=["How do you make a slow query faster?"])
    async with db_sessionmaker() as s, s.begin():  # what the join page's consent without video_analysis stores
        await s.execute(sa.update(Interview).where(Interview.id == interview_id).values(
            video_analysis=False, video_analysis_off_reason="declined"))
    await interviewer_worker.wait_registered()
    candidate = Candidate(livekit, f"interview-{interview_id}")
    await dispatch(livekit, interview_id)
    await candidate.connect()
    await candidate.publish(frontal_face_rgb())  # a face the agent would otherwise measure
    try:
        await candidate.wait_for_my_turn(within=90)
        await candidate.say(answer_frames["yes"])
        await candidate.wait_for_my_turn(within=90)
        await candidate.say(answer_frames["sql"])
        interview = await wait_status(db_sessionmaker, interview_id, {InterviewStatus.COMPLETED,
                                                                      InterviewStatus.INTERRUPTED}, within=120)
    finally:
        await candidate.disconnect()
    assert interview.status == InterviewStatus.COMPLETED, interview.end_reason
    assert interview.gaze_calibration is None
    async with db_sessionmaker() as s:
        rows = (await s.scalars(sa.select(InterviewMetric).where(InterviewMetric.interview_id == interview_id))).all()
        report = await s.scalar(sa.select(InterviewReport).where(InterviewReport.interview_id == interview_id))
    assert len(rows) >= 10
    assert all(r.flags == [VIDEO_NOT_COLLECTED] for r in rows), {tuple(r.flags) for r in rows}
    assert all(r.face_present is None and r.eye_contact is None and r.num_faces is None for r in rows)
    assert sum(r.frames_analyzed for r in rows) == 0
    assert any(r.speech_rate_sps for r in rows), "audio is still analysed"
    assert report is not None and report.eye_contact_summary == {"collected": False}
    assert report.delivery["video_collected"] is False and report.flags == []
