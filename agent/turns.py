"""Who spoke when, and which question each piece of the candidate's speech answers.

Every transcript segment of the candidate carries the question the interviewer had asked last when the candidate
*started* speaking. A segment that *ended* while the interviewer was still speaking (a "yes" during the greeting, a
"mm-hmm" over a question) overlaps: it is kept in the transcript, but never becomes an answer by itself. Times are
seconds since the interview started. Pure bookkeeping: no I/O.
"""

from __future__ import annotations

import uuid
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

# the candidate hears the interviewer a little after we play it, and VAD ends a segment a little late
OVERLAP_TOLERANCE_S = 0.3


@dataclass
class Segment:
    speaker_is_candidate: bool
    start_s: float
    end_s: float
    text: str
    question_index: int | None
    overlap: bool
    words: list[dict[str, Any]] | None = None
    uid: uuid.UUID = field(default_factory=uuid.uuid4)


@dataclass
class Turn:
    """The candidate's speech since their previous turn, split by the question it answers."""

    text: str  # for the question being asked now
    earlier: dict[int, str]  # began before the current question was asked: by question index
    overlap_only: bool  # everything in it overlapped the interviewer: not an answer
    segments: list[Segment]


class TurnTracker:
    def __init__(self) -> None:
        self._agent: list[list[float | None]] = []  # [start, end] of each interviewer utterance; end None: speaking
        self._ask_times: list[float] = []  # when the interviewer started asking each question, in order
        self._ask_index: list[int | None] = []
        self._pending_ask: tuple[int | None] | None = None
        self._unclaimed: list[Segment] = []
        self.segments: list[Segment] = []  # every candidate segment, in the order heard (engagement reads them)

    # --- the interviewer --------------------------------------------------------------------------------------

    def will_ask(self, question_index: int | None) -> None:
        """The next utterance asks this question (None: the consent question, before any)."""
        self._pending_ask = (question_index,)

    def agent_started(self, t: float) -> None:
        if self._agent and self._agent[-1][1] is None:
            return
        self._agent.append([t, None])
        if self._pending_ask is not None:
            self._ask_times.append(t)
            self._ask_index.append(self._pending_ask[0])
            self._pending_ask = None

    def agent_stopped(self, t: float) -> None:
        if self._agent and self._agent[-1][1] is None:
            self._agent[-1][1] = t

    def agent_speaking_at(self, t: float) -> bool:
        for start, end in reversed(self._agent):
            if start <= t and (end is None or t <= end + OVERLAP_TOLERANCE_S):
                return True
            if end is not None and end + OVERLAP_TOLERANCE_S < t:
                return False
        return False

    def agent_intervals(self, until_s: float) -> list[tuple[float, float]]:
        """When the interviewer spoke; an utterance still going is taken to ``until_s``."""
        return [(start, until_s if end is None else end) for start, end in self._agent]  # type: ignore[misc]

    def asks(self, until_s: float) -> list[tuple[int, float, float]]:
        """(question index, start, end) of each utterance that asked a question, follow-ups and repeats included,
        in order (the consent question is left out)."""
        ends = {start: end for start, end in self.agent_intervals(until_s)}
        return [(index, t, ends.get(t, t)) for index, t in zip(self._ask_index, self._ask_times, strict=True)
                if index is not None]

    def asked_at(self, t: float) -> int | None:
        """The question the interviewer had asked last at time ``t`` (None: none yet)."""
        i = bisect_right(self._ask_times, t)
        return self._ask_index[i - 1] if i else None

    # --- the candidate (or, for the note-taker, anyone) ------------------------------------------------------

    def candidate_segment(self, start_s: float, end_s: float, text: str,
                          words: list[dict[str, Any]] | None = None) -> Segment:
        seg = Segment(True, start_s, end_s, text, self.asked_at(start_s), self.agent_speaking_at(end_s), words)
        self._unclaimed.append(seg)
        self.segments.append(seg)
        return seg

    def take_turn(self, current_index: int | None, fallback_text: str = "") -> Turn:
        """The segments since the last turn. ``fallback_text`` stands in when no segment was seen (text input)."""
        segs, self._unclaimed = self._unclaimed, []
        if not segs:
            return Turn(fallback_text, {}, False, [])
        answering = [s for s in segs if not s.overlap]
        now, earlier = [], {}
        for s in answering:
            if s.question_index is not None and current_index is not None and s.question_index < current_index:
                earlier[s.question_index] = f"{earlier.get(s.question_index, '')} {s.text}".strip()
            else:
                now.append(s.text)
        return Turn(" ".join(now).strip(), earlier, not answering, segs)
