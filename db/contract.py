"""What the API and the interviewer worker must agree on. They never import each other: they meet in LiveKit and
Postgres, and this module (importable by both, like the models) is the one place their shared names live.

The web pages get the same values from the API (templates render ``page_contract()``), never their own copies.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

import msgspec


def _doc(text: str) -> msgspec.Meta:
    return msgspec.Meta(description=text)


DEFAULT_AGENT_NAME = "interviewer"

# data messages
LIVE_TOPIC = "interviewly.live"  # per-second live scores, to the hiring team only

# participant identities: what someone is, from their identity alone
CANDIDATE_PREFIX = "candidate-"
RECRUITER_PREFIX = "recruiter-"  # hidden, subscribe-only watchers from the hiring team
PANELIST_PREFIX = "panelist-"  # a visible interviewer from the hiring team (HUMAN interviews)
AGENT_PREFIX = "interviewer-"  # the agent: "interviewer-<job id>"

# the agent's participant attributes: where the interview stands (everyone in the room may read them: never scores)
ATTR_PHASE = "interviewly.phase"  # calibration | consent | question | closing | note_taking
ATTR_CALIBRATION = "interviewly.calibration"  # done | skipped: the gaze calibration's outcome
ATTR_QUESTION_INDEX = "interviewly.question_index"
ATTR_QUESTION_TOTAL = "interviewly.question_total"

# a metrics row's flag when the candidate's camera is not analysed (video analysis declined, or the company analyses
# shortlisted applications only): its video figures are NULL because they were not collected, never 0, and no
# "no camera picture" note is made of them
VIDEO_NOT_COLLECTED = "video_not_collected"


def agent_name() -> str:
    """The name workers register under and dispatches target: one setting (AGENT_NAME) read by both sides."""
    return (os.environ.get("AGENT_NAME") or DEFAULT_AGENT_NAME).strip()


def room_name_for(interview_id: uuid.UUID) -> str:
    return f"interview-{interview_id}"


def candidate_identity(interview_id: uuid.UUID) -> str:
    return f"{CANDIDATE_PREFIX}{interview_id}"


def dispatch_metadata(interview_id: uuid.UUID) -> str:
    return json.dumps({"interview_id": str(interview_id)})


def interview_id_from_metadata(metadata: str | None) -> uuid.UUID | None:
    try:
        data = json.loads(metadata or "{}")
        return uuid.UUID(str(data["interview_id"]))
    except (ValueError, KeyError, TypeError):
        return None


def page_contract() -> dict[str, Any]:
    """The subset the browser pages need."""
    return {
        "liveTopic": LIVE_TOPIC,
        "agentPrefix": AGENT_PREFIX,
        "candidatePrefix": CANDIDATE_PREFIX,
        "recruiterPrefix": RECRUITER_PREFIX,
        "panelistPrefix": PANELIST_PREFIX,
        "attrPhase": ATTR_PHASE,
        "attrQuestionIndex": ATTR_QUESTION_INDEX,
        "attrQuestionTotal": ATTR_QUESTION_TOTAL,
        "attrCalibration": ATTR_CALIBRATION,
    }


# --- the live message: one a second to the hiring team, and the interview_metrics row it becomes ----------------
#
# The agent composes a LiveMessage every LIVE_INTERVAL_SECONDS, sends it as JSON on LIVE_TOPIC and stores its
# MetricRow; the API serves MetricRow from the table. Every ratio is 0..1, every rate in syllables per second.

LIVE_MESSAGE_TYPE = "live_scores"
LIVE_MESSAGE_VERSION = 2


class EyeContactLive(msgspec.Struct, kw_only=True):
    last_1s: float | None  # share of the last second's analysed frames with eye contact
    rolling_30s: float | None


class HeadPose(msgspec.Struct, kw_only=True):
    yaw_deg: float | None
    pitch_deg: float | None


class FluencyLive(msgspec.Struct, kw_only=True):
    """The candidate's speech so far in the interview (running values: each covers everything up to now)."""

    speech_rate_sps: float = 0.0  # syllables / time while the candidate had the floor
    articulation_rate_sps: float = 0.0  # syllables / time actually speaking
    pause_count: int = 0  # pauses inside the candidate's speech so far
    mean_pause_s: float = 0.0
    total_pause_s: float = 0.0
    longest_pause_s: float = 0.0
    phonation_ratio: float = 0.0  # speaking time / time with the floor
    speaking_seconds: float = 0.0
    duration_s: float = 0.0  # time the candidate had the floor
    syllables: int = 0
    words_per_minute: float | None = None
    fillers_per_100_words: float | None = None
    filler_count: int | None = None
    repetitions: int | None = None
    word_count: int | None = None


class FrameCounts(msgspec.Struct, kw_only=True):
    analyzed: int  # in the last interval
    dropped: int


class FrameRef(msgspec.Struct, kw_only=True):
    """Which published frame the latest observation came from (when the publisher attaches frame metadata)."""

    id: int | None
    user_ts_us: int | None
    received_at: float


class MetricRow(msgspec.Struct, kw_only=True):
    """One interview second, as the agent measured it and the recruiters saw it live: the interview_metrics row,
    served as it is by the API (its descriptions are the API's documentation of each unit)."""

    t_s: Annotated[int, _doc("seconds since the interview started (this row covers the second before)")]
    recorded_at: datetime
    question_index: Annotated[int | None, _doc("0-based question being asked (null: before the first)")]
    face_present: Annotated[bool | None, _doc("the face was in view for most of the second (null: no video)")]
    num_faces: Annotated[int | None, _doc("faces in view")]
    eye_contact: Annotated[float | None, _doc("0..1: share of the second's analysed frames with eye contact")]
    eye_contact_30s: Annotated[float | None, _doc("0..1: the same over the last 30 s")]
    head_yaw_deg: Annotated[float | None, _doc("degrees, head turned sideways")]
    head_pitch_deg: Annotated[float | None, _doc("degrees, head up (-) or down (+)")]
    speaking: Annotated[str | None, _doc("agent | candidate | both | none")]
    speech_rate_sps: Annotated[float | None, _doc("syllables per second of floor time, the interview so far")]
    articulation_rate_sps: Annotated[float | None, _doc("syllables per second of speaking, the interview so far")]
    pause_count: Annotated[int | None, _doc("pauses so far in the interview (a running total, not per second)")]
    phonation_ratio: Annotated[float | None, _doc("0..1: speaking time / floor time, the interview so far")]
    frames_analyzed: Annotated[int, _doc("camera frames analysed in this second")]
    frames_dropped: Annotated[int, _doc("camera frames dropped in this second")]
    flags: list[str]


class LiveMessage(msgspec.Struct, kw_only=True):
    type: str = LIVE_MESSAGE_TYPE
    v: int = LIVE_MESSAGE_VERSION
    interview_id: str
    seq: int
    t_s: int  # whole seconds since the interview started (the metrics row's key)
    t: float
    ts: float  # wall clock when composed
    question_index: int | None
    question_count: int
    eye_contact: EyeContactLive
    face_present: bool | None
    num_faces: int | None
    head: HeadPose
    flags: list[str]
    fluency: FluencyLive
    speaking: str
    frames: FrameCounts
    frame: FrameRef | None

    def encode(self) -> bytes:
        return _ENCODER.encode(self)

    def metric_row(self) -> MetricRow:
        fl = self.fluency
        return MetricRow(
            t_s=self.t_s,
            recorded_at=datetime.fromtimestamp(self.ts, UTC),
            question_index=self.question_index,
            face_present=self.face_present,
            num_faces=self.num_faces,
            eye_contact=self.eye_contact.last_1s,
            eye_contact_30s=self.eye_contact.rolling_30s,
            head_yaw_deg=self.head.yaw_deg,
            head_pitch_deg=self.head.pitch_deg,
            speaking=self.speaking,
            speech_rate_sps=fl.speech_rate_sps,
            articulation_rate_sps=fl.articulation_rate_sps,
            pause_count=fl.pause_count,
            phonation_ratio=fl.phonation_ratio,
            frames_analyzed=self.frames.analyzed,
            frames_dropped=self.frames.dropped,
            flags=self.flags,
        )


_ENCODER = msgspec.json.Encoder()


def decode_live_message(payload: bytes) -> LiveMessage:
    return msgspec.json.decode(payload, type=LiveMessage)
