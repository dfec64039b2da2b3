"""A candidate who declined video analysis (or a company analysing shortlisted applications only): every metrics row
says its video figures were not collected; they are NULL, never 0, the report marks them as such, and no "no camera
picture" note is made of the missing video."""

from __future__ import annotations

import uuid

from agent.eye_tracker import EyeTracker
from agent.fluency_tracker import FluencyTracker
from agent.live_scores import Speaking, compose_live_message
from agent.report import build_report
from db.aggregates import integrity_notes, interview_figures
from db.contract import VIDEO_NOT_COLLECTED, FrameCounts


def _row(t: int, *, video_analysis: bool):
    msg = compose_live_message(interview_id=uuid.uuid4(), seq=t, t=float(t), t_s=t, question_index=0,
                               question_count=2, eyes=EyeTracker(), speaking=Speaking(), fluency=FluencyTracker(),
                               frames=FrameCounts(analyzed=0, dropped=0), video_attached=False, frame_ref=None,
                               video_analysis=video_analysis)
    return msg, msg.metric_row()


def test_rows_say_not_collected_and_stay_null() -> None:
    msg, row = _row(5, video_analysis=False)
    assert msg.flags == [VIDEO_NOT_COLLECTED] and row.flags == [VIDEO_NOT_COLLECTED]
    assert (row.face_present, row.num_faces, row.eye_contact, row.eye_contact_30s, row.head_yaw_deg) == (
        None, None, None, None, None)


def test_report_marks_video_not_collected_without_notes() -> None:
    rows = [_row(t, video_analysis=False)[1] for t in range(1, 31)]
    assert integrity_notes(rows) == []
    figures = interview_figures(rows)
    assert figures is not None and figures.eye_contact_ratio is None and figures.face_in_view_ratio is None
    report = build_report([], eye={"eye_contact_ratio": 0.0}, fluency={}, rows=rows)
    assert report["eye_contact_summary"] == {"collected": False}
    assert report["delivery"]["video_collected"] is False and report["flags"] == []
    assert not any(o["area"] == "Eye contact" for o in report["delivery"]["observations"])


def test_a_camera_that_is_off_is_still_a_note_when_video_was_agreed() -> None:
    rows = [_row(t, video_analysis=True)[1] for t in range(1, 31)]
    assert "camera_off" in rows[0].flags
    assert [n.kind for n in integrity_notes(rows)] == ["no_video"]
    assert build_report([], eye={}, fluency={}, rows=rows)["delivery"]["video_collected"] is True


def test_the_spoken_notice_says_the_camera_is_not_analysed() -> None:
    import uuid as _uuid

    from agent.interviewer import interview_texts
    from agent.plan import InterviewContext, InterviewPlan
    from db.enums import InterviewMode, InterviewStatus

    plan = InterviewPlan.from_json({"questions": ["How do you test code?"]})
    texts = {}
    for video in (True, False):
        context = InterviewContext(interview_id=_uuid.uuid4(), status=InterviewStatus.SCHEDULED,
                                   mode=InterviewMode.RECRUITING, company_name="Acme", job_title="Engineer",
                                   candidate_name="Ada", duration_minutes=30, plan=plan, video_analysis=video)
        texts[video] = interview_texts(context.template_values(30), practice=False)["consent"]
    assert "whether you look at the camera" in texts[True] and "not analysed" not in texts[True]
    assert "your camera is not analysed" in texts[False] and "{" not in texts[False]
