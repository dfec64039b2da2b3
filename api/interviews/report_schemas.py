"""Typed report figures: every number named with its unit and documented in the OpenAPI schema.

``figures`` and ``notes`` are computed from the per-second rows by ``db/aggregates.py`` (the same functions the
interview's ``metrics_summary`` and the agent's report use); engagement is the agent's, stored with the report
(``agent/engagement.py``). Delivery figures (eye contact, fluency, engagement) are null or absent for a company
that hides delivery signals.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec

from api.common.schemas import Schema
from db.aggregates import NoteKind


def doc(text: str) -> msgspec.Meta:
    return msgspec.Meta(description=text)


Ratio = Annotated[float, doc("0..1")]
Part = Annotated[float, doc("0..1: this part's share of the engagement score (1 = full)")]
Seconds = Annotated[float, doc("seconds since the interview started")]
Score = Annotated[float, doc("0..100, advisory")]


class IntegrityNoteOut(Schema):
    """A stretch a reviewer may want to look at, with its times; a note, never a verdict."""

    kind: Annotated[NoteKind, doc("no_face | multiple_faces | look_away (delivery) | no_video")]
    start_s: Annotated[int, doc("seconds since the interview started")]
    end_s: Annotated[int, doc("seconds since the interview started")]
    seconds: Annotated[int, doc("length in seconds")]
    detail: Annotated[str, doc('in words, with m:ss times: "Face out of view 1:00–1:15"')]


class EngagementParts(Schema):
    """Each signal's 0..1 part of the engagement score (null: not measured)."""

    response_latency: Annotated[Part | None, doc("1 within 2 s of the question's end, 0 after 12 s")]
    speaking_share: Annotated[Part | None, doc("0 at a 20% share of the talking, 1 from 60%")]
    answer_length: Annotated[Part, doc("1 within the expected range; shorter falls to 0, longer to 0.5")]
    eye_contact_answering: Annotated[Part | None, doc("the eye contact ratio while answering")]
    interruptions: Annotated[Part, doc("1 without interruptions, less with each")]


class QuestionEngagement(Schema):
    question_index: Annotated[int, doc("0-based position of the question in the plan")]
    asked_s: Annotated[Seconds, doc("when the interviewer began asking (seconds since the start)")]
    question_end_s: Annotated[Seconds, doc("when the interviewer finished asking (seconds since the start)")]
    answer_start_s: Annotated[Seconds | None, doc("when the answer began (seconds since the start)")]
    response_latency_s: Annotated[float | None, doc("seconds from the end of the question to the answer's start")]
    candidate_speaking_s: Annotated[float, doc("seconds the candidate spoke while this question was open")]
    interviewer_speaking_s: Annotated[float, doc("seconds the interviewer spoke while this question was open")]
    speaking_share: Annotated[Ratio | None, doc("0..1: candidate seconds / (candidate + interviewer seconds)")]
    answer_words: Annotated[int, doc("words in the answer")]
    expected_min_words: Annotated[int, doc("shortest expected answer, words (from the rubric's strong example)")]
    expected_max_words: Annotated[int, doc("longest expected answer, words")]
    answer_length: Literal["none", "short", "as_expected", "long"]
    eye_contact_answering_ratio: Annotated[Ratio | None, doc("0..1: eye contact over the seconds spent answering")]
    interruptions: Annotated[int, doc("times the candidate began speaking while the interviewer was talking")]
    interruption_times_s: Annotated[list[float], doc("when each interruption began, seconds since the start")]
    parts: EngagementParts
    score: Annotated[Score | None, doc("0..100: the mean of the parts, advisory")]


class Engagement(Schema):
    """Observable engagement signals (no emotion, personality or expression); advisory, not in any score."""

    score: Annotated[Score | None, doc("0..100: the mean of the parts, advisory")]
    response_latency_s: Annotated[float | None, doc("median seconds from a question's end to its answer")]
    candidate_speaking_s: Annotated[float, doc("seconds the candidate spoke while questions were open")]
    interviewer_speaking_s: Annotated[float, doc("seconds the interviewer spoke while questions were open")]
    speaking_share: Annotated[Ratio | None, doc("0..1: candidate seconds / (candidate + interviewer seconds)")]
    answers: Annotated[int, doc("questions answered")]
    answers_short: Annotated[int, doc("answers shorter than the question expects")]
    answers_long: Annotated[int, doc("answers longer than the question expects")]
    eye_contact_answering_ratio: Annotated[Ratio | None, doc("0..1: eye contact over the seconds spent answering")]
    interruptions: Annotated[int, doc("times the candidate began speaking while the interviewer was talking")]
    parts: EngagementParts
    questions: list[QuestionEngagement]


class QuestionDelivery(Schema):
    """One answer's delivery (advisory, not in its score)."""

    eye_contact_ratio: Annotated[Ratio | None, doc("0..1: mean eye contact over the question's seconds with a face")]
    face_in_view_ratio: Annotated[Ratio | None, doc("0..1: the question's seconds with the face in view")]
    articulation_rate_sps: Annotated[float | None, doc("syllables per second of speaking in the answer")]
    speech_rate_sps: Annotated[float | None, doc("syllables per second of the candidate's floor time")]
    pause_count: Annotated[int | None, doc("pauses inside the answer")]
    fluency_score: Annotated[Ratio | None, doc("0..1 from rate, pauses and fillers")]


class Comparison(Schema):
    """This candidate against the job's other interviewed candidates (their latest interview with a report)."""

    others: Annotated[int, doc("other candidates of the job with a report")]
    overall_score_median: Annotated[Score | None, doc("the others' median overall score")]
    overall_score_rank: Annotated[int | None, doc("1 = the highest overall score of the job, this one included")]
    ranked: Annotated[int, doc("candidates ranked, this one included")]
    eye_contact_ratio_median: Annotated[Ratio | None, doc("the others' median eye contact ratio")]
    engagement_score_median: Annotated[Score | None, doc("the others' median engagement score")]
    response_latency_median_s: Annotated[float | None, doc("the others' median response latency, seconds")]
    speaking_share_median: Annotated[Ratio | None, doc("the others' median speaking share")]


class CompareRow(Schema):
    application_id: uuid.UUID
    interview_id: uuid.UUID
    candidate_name: str
    interview_status: str
    interviewed_at: datetime | None
    screening_score: Annotated[Score | None, doc("the CV screening score, 0..100")]
    overall_score: Annotated[Score | None, doc("content-only interview score, 0..100, advisory")]
    skill_scores: Annotated[dict[str, float], doc("skill name -> mean content score of its questions, 0..100")]
    engagement_score: Annotated[Score | None, doc("0..100, advisory (null: hidden)")]
    eye_contact_ratio: Annotated[Ratio | None, doc("0..1 (null: hidden)")]
    fluency_score: Annotated[Ratio | None, doc("0..1 from rate, pauses and fillers (null: hidden)")]
    response_latency_s: Annotated[float | None, doc("median seconds from a question's end to its answer")]
    speaking_share: Annotated[Ratio | None, doc("0..1: the candidate's share of the talking")]


class CompareOut(Schema):
    """A job's interviewed candidates side by side. Scores are advisory; a person makes the decision."""

    job_id: uuid.UUID
    job_title: str
    skills: Annotated[list[str], doc("the skill columns: the job's skills, then any other skill asked about")]
    delivery_signals_hidden: bool
    candidates: list[CompareRow]

