"""An interview's life on the clock: when its room opens, when a candidate counts as arrived, what their link says.

- Booking touches nothing outside Postgres. The room and the agent come when the candidate arrives: a room token
  asked for inside the join window (``arrive``). The queue's lifecycle job then dispatches the waiting candidates
  first come, first served, as workers have free slots (``api/interviews/dispatcher.py``).
- A candidate who has not arrived by the scheduled time + JOIN_GRACE_SECONDS is a no-show, decided by the clock
  (``api/interviews/tasks.py``), with no agent involved.
- A candidate who arrived keeps their slot until its scheduled end, however long they waited for an interviewer.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.common.errors import Conflict, Gone
from api.config import Settings
from db.enums import TERMINAL_INTERVIEW_STATUSES, InterviewKind, InterviewStatus
from db.models import Interview, ScheduleChange


@dataclass(frozen=True)
class Window:
    opens_at: datetime  # the room opens (JOIN_EARLY_SECONDS before the scheduled time)
    start_by: datetime  # the last moment to arrive; later, a candidate who never came is a no-show
    ends_at: datetime  # the end of the booked slot: a candidate who arrived in time may start until then


def join_window(interview: Interview, settings: Settings) -> Window:
    start = interview.scheduled_at
    slot_end = start + timedelta(minutes=interview.duration_minutes)
    start_by = start + timedelta(seconds=settings.join_grace_seconds)
    return Window(
        opens_at=start - timedelta(seconds=settings.join_early_seconds),
        start_by=start_by,
        ends_at=max(slot_end, start_by),
    )


def has_room(interview: Interview) -> bool:
    return interview.room_name is not None


def needs_agent(interview: Interview) -> bool:
    """AI interviews, and HUMAN ones with the note-taker, get an agent when the candidate arrives."""
    return interview.kind == InterviewKind.AI or (interview.kind == InterviewKind.HUMAN and interview.note_taker)


def _at(t: datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


@dataclass(frozen=True)
class LinkState:
    """What the candidate's link says: a state name, and the same in words. ``position`` is their place in line."""

    state: str
    message: str
    position: int | None = None


_ENDED = {
    InterviewStatus.CANCELLED: ("cancelled", "This interview was cancelled."),
    InterviewStatus.COMPLETED: ("completed", "This interview is over. Thank you!"),
    InterviewStatus.NO_SHOW: ("no_show", "This interview has ended: nobody joined it in time."),
    InterviewStatus.DECLINED: ("declined", "This interview has ended: you chose not to go ahead with it."),
    InterviewStatus.INTERRUPTED: ("interrupted", "This interview was interrupted. Your recruiter has been told."),
}


def link_state(interview: Interview, settings: Settings, now: datetime | None = None,
               position: int | None = None) -> LinkState:
    """For the join page and the token endpoint. ``position`` (the candidate's place in line) comes from
    ``waiting_position`` when the candidate is waiting."""
    now = now or datetime.now(UTC)
    status = interview.status
    if status in _ENDED:
        return LinkState(*_ENDED[status])
    if status in TERMINAL_INTERVIEW_STATUSES:
        return LinkState("over", f"This interview has ended ({status.value.lower().replace('_', ' ')}).")
    if not has_room(interview):
        return LinkState("unavailable", "This interview does not take place in an online room.")
    if status == InterviewStatus.IN_PROGRESS:
        return LinkState("in_progress", "Your interview is under way. If you dropped out, join again to continue.")
    window = join_window(interview, settings)
    if now < window.opens_at:
        return LinkState("not_open_yet", f"Your interview is at {_at(interview.scheduled_at)}. "
                                         f"The room opens at {_at(window.opens_at)}.")
    arrived = interview.candidate_arrived_at is not None
    if now > (window.ends_at if arrived else window.start_by):
        return LinkState("over", "The time for this interview has passed. Your recruiter can book a new time.")
    if interview.waiting_since is not None and needs_agent(interview):
        if interview.dispatched_at is not None and interview.dispatched_at >= interview.waiting_since:
            return LinkState("starting", "Your interviewer is joining the room now.")
        if position is not None:
            ahead = "you are next" if position == 1 else f"you are number {position} in line"
            return LinkState("waiting", f"All interviewers are busy right now: {ahead}. Please stay on this page; "
                                        f"the interview starts as soon as one is free.", position)
        return LinkState("waiting", "Your interviewer is on the way. Please stay on this page.")
    if interview.wait_expired_at is not None:
        minutes = max(1, round(settings.wait_limit_seconds / 60))
        return LinkState("wait_over", f"No interviewer became free within {minutes} minutes, sorry. You can try "
                                      f"again until {_at(window.ends_at)}, or your recruiter will book a new time.")
    if interview.kind == InterviewKind.HUMAN and not interview.note_taker:
        return LinkState("open", "The interview room is open. Your interviewer joins you there.")
    return LinkState("open", "The interview room is open. The interviewer joins as soon as you do.")


def ensure_joinable(interview: Interview, settings: Settings, *, early_ok: bool = False) -> LinkState:
    state = link_state(interview, settings)
    if state.state in {"open", "waiting", "starting", "in_progress", "wait_over"} or (
        state.state == "not_open_yet" and early_ok
    ):
        return state
    extra = {"state": state.state, "interview_status": interview.status.value}
    if state.state in {"cancelled", "completed", "over", "no_show", "declined", "interrupted"}:
        raise Gone(state.message, extra=extra)
    raise Conflict(state.message, extra=extra)


def arrive(interview: Interview, now: datetime | None = None) -> bool:
    """The candidate is here (a room token inside the join window). Returns True when they join the line for an
    interviewer (the dispatcher should run once this commits)."""
    now = now or datetime.now(UTC)
    if interview.status != InterviewStatus.SCHEDULED:
        return False
    if interview.candidate_arrived_at is None:
        interview.candidate_arrived_at = now
    if interview.kind == InterviewKind.HUMAN and not interview.note_taker:
        # no agent to wait for: the interview runs as soon as the candidate is in the room
        interview.status = InterviewStatus.IN_PROGRESS
        interview.started_at = now
        return False
    if interview.waiting_since is None:
        interview.waiting_since = now
        interview.wait_expired_at = None
        interview.dispatched_at = None
    return True


async def waiting_position(session: AsyncSession, interview: Interview) -> int | None:
    """1 for the first in line. None when the candidate is not waiting for a dispatch."""
    if interview.waiting_since is None or (
        interview.dispatched_at is not None and interview.dispatched_at >= interview.waiting_since
    ):
        return None
    ahead = await session.scalar(
        select(func.count()).select_from(Interview).where(
            Interview.status == InterviewStatus.SCHEDULED,
            Interview.waiting_since.is_not(None),
            Interview.waiting_since < interview.waiting_since,
            (Interview.dispatched_at.is_(None)) | (Interview.dispatched_at < Interview.waiting_since),
        )
    )
    return int(ahead or 0) + 1


def reschedule(interview: Interview, *, scheduled_at: datetime, duration_minutes: int | None, reason: str | None,
               changed_by: uuid.UUID | None, now: datetime | None = None) -> ScheduleChange:
    """Move an interview that has not started; the change is kept as history. The candidate's arrival and place
    in line belong to the old time, so they are reset."""
    now = now or datetime.now(UTC)
    if interview.status != InterviewStatus.SCHEDULED:
        raise Conflict(f"only a SCHEDULED interview can be moved (this one is {interview.status.value})",
                       extra={"interview_status": interview.status.value})
    change = ScheduleChange(
        interview_id=interview.id,
        changed_by=changed_by,
        old_scheduled_at=interview.scheduled_at,
        new_scheduled_at=scheduled_at,
        old_duration_minutes=interview.duration_minutes,
        new_duration_minutes=duration_minutes or interview.duration_minutes,
        reason=reason,
        changed_at=now,
    )
    interview.scheduled_at = scheduled_at
    interview.duration_minutes = duration_minutes or interview.duration_minutes
    interview.candidate_arrived_at = None
    interview.waiting_since = None
    interview.wait_expired_at = None
    interview.dispatched_at = None
    return change
