"""An interview's figures, defined once: the API's summary, the report and the pages all take them from here.

The agent writes one metrics row a second (``db/contract.py`` MetricRow). Eye contact, face in view and the number
of faces describe that second; the fluency columns are running values for the interview so far (the last row
covers all of it). From those rows:

- **face in view**: the share of the seconds with analysed video in which the face was in view;
- **eye contact**: the mean of the per-second eye contact over the seconds the face was in view (a second without
  the face says nothing about where the candidate looked);
- **speech rate, articulation rate, phonation ratio, pauses**: the last row's running values, never a sum or a
  mean of them (each row already covers everything before it);
- **frames**: sums of the per-second counts;
- **integrity notes**: runs of seconds without the face, with more than one face, looking away, or without video,
  with their times; notes for a reviewer, never verdicts.

The agent computes the report's figures with these functions over the rows it wrote; the API computes the summary
over the rows it reads back. Both import this module (it imports nothing of either).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from statistics import fmean
from typing import Annotated, Any, Literal, Protocol

import msgspec

from db.contract import VIDEO_NOT_COLLECTED

Ratio = Annotated[float, msgspec.Meta(ge=0.0, le=1.0)]
NOTE_MIN_SECONDS = {"no_face": 3, "multiple_faces": 1, "look_away": 3, "no_video": 3}
LOOKING_AWAY_BELOW = 0.5  # a second with the face in view and less eye contact than this is looking away
NoteKind = Literal["no_face", "multiple_faces", "look_away", "no_video"]


class MetricLike(Protocol):
    """What the figures read of a row: a MetricRow (agent) or an InterviewMetric (API)."""

    t_s: int
    face_present: bool | None
    num_faces: int | None
    eye_contact: float | None
    speech_rate_sps: float | None
    articulation_rate_sps: float | None
    pause_count: int | None
    phonation_ratio: float | None
    frames_analyzed: int
    frames_dropped: int


def _doc(text: str, **bounds: Any) -> msgspec.Meta:
    return msgspec.Meta(description=text, **bounds)


class InterviewFigures(msgspec.Struct, kw_only=True):
    """The interview's figures over its per-second metrics rows (db/aggregates.py says how each is defined)."""

    seconds: Annotated[int, _doc("seconds recorded: one metrics row each", ge=0)]
    duration_s: Annotated[int, _doc("seconds since the start of the last recorded second", ge=0)]
    video_seconds: Annotated[int, _doc("seconds with analysed camera frames", ge=0)]
    face_in_view_seconds: Annotated[int, _doc("seconds with the candidate's face in view", ge=0)]
    face_in_view_ratio: Annotated[float | None, _doc(
        "0..1: seconds with the face in view / seconds with analysed video (null without video)")]
    eye_contact_ratio: Annotated[float | None, _doc(
        "0..1: mean per-second eye contact over the seconds the face was in view (null: none, or hidden)")]
    multiple_faces_seconds: Annotated[int, _doc("seconds with more than one face in view", ge=0)]
    speech_rate_sps: Annotated[float | None, _doc(
        "syllables per second while the candidate had the floor, over the whole interview (null: hidden)")]
    articulation_rate_sps: Annotated[float | None, _doc(
        "syllables per second of actual speaking, over the whole interview (null: hidden)")]
    phonation_ratio: Annotated[float | None, _doc(
        "0..1: speaking time / time the candidate had the floor (null: hidden)")]
    pause_count: Annotated[int | None, _doc("pauses inside the candidate's speech, whole interview (null: hidden)")]
    frames_analyzed: Annotated[int, _doc("camera frames analysed", ge=0)]
    frames_dropped: Annotated[int, _doc("camera frames dropped because analysis fell behind", ge=0)]


class IntegrityNote(msgspec.Struct, kw_only=True):
    """A stretch of the interview a reviewer may want to look at; a note, never a verdict."""

    kind: Annotated[NoteKind, _doc(
        "no_face: face out of view; multiple_faces: more than one face; look_away: face in view, not looking at the "
        "screen (a delivery signal); no_video: camera off or no frames")]
    start_s: Annotated[int, _doc("seconds since the interview started", ge=0)]
    end_s: Annotated[int, _doc("seconds since the interview started", ge=0)]
    seconds: Annotated[int, _doc("length of the stretch in seconds", ge=1)]


def _r(x: float | None, digits: int) -> float | None:
    return None if x is None else round(float(x), digits)


def _last(rows: Sequence[MetricLike], field: str) -> Any:
    for row in reversed(rows):
        value = getattr(row, field)
        if value is not None:
            return value
    return None


def sorted_rows(rows: Iterable[MetricLike]) -> list[MetricLike]:
    return sorted(rows, key=lambda r: r.t_s)


def eye_contact_ratio(rows: Iterable[MetricLike]) -> float | None:
    """Mean per-second eye contact over the seconds with the face in view (None: no such second)."""
    values = [float(r.eye_contact) for r in rows if r.face_present and r.eye_contact is not None]
    return round(fmean(values), 4) if values else None


def interview_figures(rows: Iterable[MetricLike]) -> InterviewFigures | None:
    """The figures of an interview (or of any part of it) from its rows; None without a row."""
    ordered = sorted_rows(rows)
    if not ordered:
        return None
    video = [r for r in ordered if r.face_present is not None]
    face = sum(1 for r in video if r.face_present)
    pauses = _last(ordered, "pause_count")
    return InterviewFigures(
        seconds=len(ordered),
        duration_s=int(ordered[-1].t_s),
        video_seconds=len(video),
        face_in_view_seconds=face,
        face_in_view_ratio=round(face / len(video), 4) if video else None,
        eye_contact_ratio=eye_contact_ratio(ordered),
        multiple_faces_seconds=sum(1 for r in ordered if (r.num_faces or 0) > 1),
        speech_rate_sps=_r(_last(ordered, "speech_rate_sps"), 3),
        articulation_rate_sps=_r(_last(ordered, "articulation_rate_sps"), 3),
        phonation_ratio=_r(_last(ordered, "phonation_ratio"), 4),
        pause_count=None if pauses is None else int(pauses),
        frames_analyzed=sum(int(r.frames_analyzed or 0) for r in ordered),
        frames_dropped=sum(int(r.frames_dropped or 0) for r in ordered),
    )


def _second_kind(row: MetricLike) -> NoteKind | None:
    if row.face_present is None:
        # video that was never to be analysed is not missing: no note (db/contract.py VIDEO_NOT_COLLECTED)
        return None if VIDEO_NOT_COLLECTED in (getattr(row, "flags", None) or ()) else "no_video"
    if not row.face_present:
        return "no_face"
    if (row.num_faces or 0) > 1:
        return "multiple_faces"
    if row.eye_contact is not None and row.eye_contact < LOOKING_AWAY_BELOW:
        return "look_away"
    return None


def integrity_notes(rows: Iterable[MetricLike], *, include_look_away: bool = True) -> list[IntegrityNote]:
    """Runs of consecutive seconds of one kind, long enough to note (NOTE_MIN_SECONDS), in time order.

    Row ``t_s = k`` covers the second (k-1, k], so a run of rows k1..k2 is the stretch k1-1 .. k2."""
    notes: list[IntegrityNote] = []
    run: tuple[NoteKind, int, int] | None = None  # kind, first t_s, last t_s

    def close() -> None:
        if run is not None:
            kind, first, last = run
            if last - first + 1 >= NOTE_MIN_SECONDS[kind] and (include_look_away or kind != "look_away"):
                notes.append(IntegrityNote(kind=kind, start_s=max(0, first - 1), end_s=last,
                                           seconds=last - first + 1))

    for row in sorted_rows(rows):
        kind = _second_kind(row)
        if run is not None and kind == run[0] and row.t_s == run[2] + 1:
            run = (run[0], run[1], row.t_s)
            continue
        close()
        run = (kind, row.t_s, row.t_s) if kind is not None else None
    close()
    return notes


NOTE_WORDS: dict[str, str] = {"no_face": "Face out of view", "multiple_faces": "More than one face in view",
                              "look_away": "Looking away from the screen", "no_video": "No camera picture"}


def clock(seconds: float) -> str:
    """m:ss, as the pages show times."""
    s = max(0, round(seconds))
    return f"{s // 60}:{s % 60:02d}"


def describe_note(note: IntegrityNote) -> str:
    """What a reviewer reads: "Face out of view 1:00–1:15"."""
    return f"{NOTE_WORDS[note.kind]} {clock(note.start_s)}–{clock(note.end_s)}"


def skill_scores(scores: Iterable[tuple[str | None, float | None]]) -> dict[str, float]:
    """Each skill's advisory score: the mean content score of the questions on it (unscored questions left out);
    questions without a skill count as "General"."""
    by_skill: dict[str, list[float]] = {}
    for skill, score in scores:
        if score is not None:
            by_skill.setdefault(skill or "General", []).append(float(score))
    return {skill: round(fmean(values), 1) for skill, values in by_skill.items()}
