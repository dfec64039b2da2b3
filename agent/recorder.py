"""Straight to Postgres, nothing lost: a batched writer with a bounded buffer that survives outages.

Everything the interview produces is queued here and written in one transaction per flush (every second):
per-second metrics, transcript segments, per-question scores, usage, the report, status changes and the
heartbeat. A failed flush keeps its rows and is retried on the next tick; the interview never waits for
the database. The buffer is bounded (DB_MAX_BUFFERED_ROWS): past it the oldest metrics are dropped and
counted. Metric, score, usage and report writes are upserts and transcript segments carry their own unique
id, so a retry (say, after a commit whose acknowledgement was lost) never duplicates anything.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections import deque
from datetime import UTC, datetime
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from agent import metrics as agent_metrics
from db.contract import MetricRow
from db.enums import InterviewStatus
from db.models import (
    Interview,
    InterviewConsent,
    InterviewMetric,
    InterviewReport,
    InterviewSession,
    InterviewUsage,
    QuestionScore,
    TranscriptSegment,
)

logger = logging.getLogger("interviewly.recorder")

WORKER_LOST = "worker lost"  # the lifecycle job's end_reason for an interview whose heartbeats stopped


def utcnow() -> datetime:
    return datetime.now(UTC)


# The two statements of every one-second flush, built once so SQLAlchemy compiles them once (table-level Core
# statements: no ORM bookkeeping on the hot path).
_interviews = Interview.__table__
_HEARTBEAT = (
    sa.update(_interviews)
    .where(_interviews.c.id == sa.bindparam("iid"))
    .where(_interviews.c.resumes == sa.bindparam("generation"))  # not one another host has taken over since
    .where(sa.or_(
        _interviews.c.status == InterviewStatus.IN_PROGRESS,
        sa.and_(_interviews.c.status == InterviewStatus.INTERRUPTED, _interviews.c.end_reason == WORKER_LOST),
    ))
    .values(last_heartbeat_at=sa.bindparam("now"), status=InterviewStatus.IN_PROGRESS, end_reason=None,
            ended_at=None)
)
_metrics = InterviewMetric.__table__
_metrics_insert = pg_insert(_metrics)
_METRICS_UPSERT = _metrics_insert.on_conflict_do_update(
    constraint="uq_interview_metrics_interview_t",
    set_={c.name: _metrics_insert.excluded[c.name] for c in _metrics.columns if c.name not in ("id", "interview_id",
                                                                                              "t_s")},
)
_SEGMENTS_INSERT = pg_insert(TranscriptSegment).on_conflict_do_nothing(constraint="uq_transcript_segment_uid")
_CONSENTS_INSERT = pg_insert(InterviewConsent).on_conflict_do_nothing(index_elements=["id"])


class Recorder:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        interview_id: uuid.UUID,
        *,
        flush_interval_s: float = 1.0,
        max_buffered_rows: int = 3600,
        write_timeout_s: float = 5.0,
        generation: int = 0,
    ) -> None:
        self._sessionmaker = sessionmaker
        self.interview_id = interview_id
        self.flush_interval_s = flush_interval_s
        self.max_buffered_rows = max_buffered_rows
        self.write_timeout_s = write_timeout_s
        # interviews.resumes when this run took the interview: a host presumed lost whose interview went to another
        # host (and was resumed there) writes no heartbeat and no final status over its successor's
        self.generation = generation
        # (sequence number, row): a flush removes exactly what it wrote, even if rows were dropped meanwhile
        self._metrics: deque[tuple[int, dict[str, Any]]] = deque()
        self._segments: deque[tuple[int, dict[str, Any]]] = deque()
        self._seq = 0
        self._scores: dict[int, dict[str, Any]] = {}
        self._usage: dict[str, Any] | None = None
        self._report: dict[str, Any] | None = None
        self._feedback: tuple[uuid.UUID, dict[str, Any]] | None = None
        self._consents: list[dict[str, Any]] = []
        self._interview: dict[str, Any] = {}
        self.heartbeat = False
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._stopping = False
        # counters, for logs, tests and benchmarks
        self.flushes = 0
        self.failed_flushes = 0
        self.dropped_metrics = 0
        self.rows_written = 0
        self.last_error: str | None = None
        self._pending_since: float | None = None  # when the oldest row still buffered was queued (monotonic)
        agent_metrics.track_recorder(self)

    # --- queueing (never blocks, never raises) -------------------------------------------------------

    @property
    def pending_rows(self) -> int:
        return len(self._metrics) + len(self._segments)

    def _bound(self) -> None:
        while self.pending_rows > self.max_buffered_rows and self._metrics:
            self._metrics.popleft()
            self.dropped_metrics += 1
            agent_metrics.DB_DROPPED_ROWS.inc()
        while self.pending_rows > self.max_buffered_rows and self._segments:
            self._segments.popleft()

    def add_metric(self, row: MetricRow) -> None:
        self._seq += 1
        self._metrics.append((self._seq, {**msgspec.structs.asdict(row), "interview_id": self.interview_id}))
        self._pending_since = self._pending_since or time.monotonic()
        self._bound()

    def add_segment(self, row: dict[str, Any]) -> None:
        self._seq += 1
        self._segments.append((self._seq, {"segment_uid": uuid.uuid4(), **row, "interview_id": self.interview_id}))
        self._pending_since = self._pending_since or time.monotonic()
        self._bound()

    def add_consent(self, row: dict[str, Any]) -> None:
        """The candidate's answer to the consent question (a row of interview_consents)."""
        self._consents.append({"id": uuid.uuid4(), **row, "interview_id": self.interview_id})

    def set_question_score(self, row: dict[str, Any]) -> None:
        self._scores[int(row["question_index"])] = {**row, "interview_id": self.interview_id}

    def set_usage(self, row: dict[str, Any]) -> None:
        self._usage = {**row, "interview_id": self.interview_id}

    def set_report(self, row: dict[str, Any]) -> None:
        self._report = {**row, "interview_id": self.interview_id}

    def set_practice_feedback(self, session_id: uuid.UUID, feedback: dict[str, Any]) -> None:
        self._feedback = (session_id, feedback)

    def update_interview(self, **fields: Any) -> None:
        """Columns of the interviews row; the newest value of each wins (status only moves forward)."""
        self._interview.update(fields)

    # --- writing -------------------------------------------------------------------------------------

    async def flush(self) -> bool:
        """Write everything queued in one transaction; on failure keep it for the next try."""
        async with self._lock:
            taken_seq = self._seq
            metrics = [row for _, row in self._metrics]
            segments = [row for _, row in self._segments]
            scores, usage, report = dict(self._scores), self._usage, self._report
            feedback, interview, heartbeat = self._feedback, dict(self._interview), self.heartbeat
            consents = list(self._consents)
            if not (metrics or segments or scores or usage or report or feedback or interview or heartbeat
                    or consents):
                return True
            try:
                async with asyncio.timeout(self.write_timeout_s):
                    async with self._sessionmaker() as session, session.begin():
                        await self._write(session, metrics, segments, scores, usage, report, feedback,
                                          interview, heartbeat)
                        if consents:
                            await session.execute(_CONSENTS_INSERT, consents)
            except Exception as e:  # any database/network failure: keep the rows, retry next tick
                self.failed_flushes += 1
                agent_metrics.DB_FAILED_WRITES.inc()
                self.last_error = f"{type(e).__name__}: {e}"[:300]
                if self.failed_flushes == 1 or self.failed_flushes % 10 == 0:
                    logger.warning("database write failed (%d so far, %d rows buffered): %s",
                                   self.failed_flushes, self.pending_rows, self.last_error)
                return False
            # written: drop exactly what was taken (new rows may have arrived meanwhile)
            while self._metrics and self._metrics[0][0] <= taken_seq:
                self._metrics.popleft()
            while self._segments and self._segments[0][0] <= taken_seq:
                self._segments.popleft()
            for k, v in scores.items():
                if self._scores.get(k) is v:
                    del self._scores[k]
            if self._usage is usage:
                self._usage = None
            if self._report is report:
                self._report = None
            if self._feedback is feedback:
                self._feedback = None
            del self._consents[:len(consents)]
            for k, v in interview.items():
                if k in self._interview and self._interview[k] is v:
                    del self._interview[k]
            self.flushes += 1
            self.rows_written += len(metrics) + len(segments)
            if metrics or segments:
                agent_metrics.db_written(self._pending_since)
                self._pending_since = time.monotonic() if self.pending_rows else None
            return True

    async def _write(self, session: AsyncSession, metrics, segments, scores, usage, report, feedback,
                     interview, heartbeat) -> None:
        iid = self.interview_id
        now = utcnow()
        if heartbeat:
            # a worker the sweeper declared lost during a database outage is alive after all: take it back
            await session.execute(_HEARTBEAT, {"iid": iid, "now": now, "generation": self.generation})
        if metrics:
            await session.execute(_METRICS_UPSERT, metrics)
        if segments:
            # a batch whose commit went through but whose acknowledgement was lost comes back on the next try
            await session.execute(_SEGMENTS_INSERT, segments)
        if scores:
            rows = list(scores.values())
            stmt = pg_insert(QuestionScore).values(rows)
            cols = {c: stmt.excluded[c] for c in rows[0] if c not in ("interview_id", "question_index")}
            await session.execute(stmt.on_conflict_do_update(
                constraint="uq_question_scores_interview_q", set_=cols))
        if usage:
            stmt = pg_insert(InterviewUsage).values(usage)
            cols = {c: stmt.excluded[c] for c in usage if c != "interview_id"}
            await session.execute(stmt.on_conflict_do_update(
                index_elements=[InterviewUsage.interview_id], set_={**cols, "updated_at": now}))
        if report:
            stmt = pg_insert(InterviewReport).values(report)
            cols = {c: stmt.excluded[c] for c in report if c != "interview_id"}
            await session.execute(stmt.on_conflict_do_update(
                index_elements=[InterviewReport.interview_id], set_={**cols, "updated_at": now}))
        if feedback:
            session_id, body = feedback
            await session.execute(
                sa.update(InterviewSession).where(InterviewSession.id == session_id).values(feedback=body))
        if interview:
            values = dict(interview)
            stmt = sa.update(Interview).where(Interview.id == iid, Interview.resumes == self.generation)
            status = values.get("status")
            if status is not None and status != InterviewStatus.IN_PROGRESS:
                # a final status never overwrites another final one (e.g. a recruiter's CANCELLED),
                # except the sweeper's "worker lost" guess while this worker was alive
                stmt = stmt.where(sa.or_(
                    Interview.status.in_([InterviewStatus.SCHEDULED, InterviewStatus.IN_PROGRESS]),
                    sa.and_(Interview.status == InterviewStatus.INTERRUPTED, Interview.end_reason == WORKER_LOST),
                ))
            await session.execute(stmt.values(**values))

    # --- lifecycle -----------------------------------------------------------------------------------

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=f"recorder-{self.interview_id}")

    def kick(self) -> None:
        """Flush now instead of at the next tick (e.g. right after a metric row is queued)."""
        self._wake.set()

    async def _run(self) -> None:
        while not self._stopping:
            # no asyncio.wait_for here: on 3.11 it can swallow a cancellation that races a wake-up
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.flush_interval_s):
                    await self._wake.wait()
            self._wake.clear()
            if self._stopping:
                return
            await self.flush()

    async def close(self, *, timeout_s: float = 30.0) -> bool:
        """Stop the loop and flush what is left, retrying until written or ``timeout_s`` runs out."""
        if self._task is not None:
            task, self._task = self._task, None
            self._stopping = True
            self._wake.set()
            # let a flush in progress finish rather than cancelling it halfway through a transaction
            done, _ = await asyncio.wait({task}, timeout=self.write_timeout_s + 1.0)
            if not done:
                task.cancel()
                await asyncio.wait({task}, timeout=1.0)
        self.heartbeat = False
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_s
        while True:
            if await self.flush():
                return True
            if loop.time() >= deadline:
                logger.error("giving up on %d unwritten rows for interview %s: %s",
                             self.pending_rows, self.interview_id, self.last_error)
                return False
            await asyncio.sleep(min(1.0, max(0.0, deadline - loop.time())))


async def update_interview(sessionmaker: async_sessionmaker[AsyncSession], interview_id: uuid.UUID,
                           only_if: InterviewStatus, **values: Any) -> bool:
    """One guarded UPDATE of the interviews row, retried through a short database outage."""
    for attempt in range(10):
        try:
            async with sessionmaker() as session, session.begin():
                result = await session.execute(
                    sa.update(Interview).where(Interview.id == interview_id, Interview.status == only_if)
                    .values(**values).returning(Interview.id))
                return result.first() is not None
        except Exception as e:
            logger.warning("updating interview %s failed (attempt %d): %s", interview_id, attempt + 1, e)
            await asyncio.sleep(1.0)
    return False


async def unanswer_dispatch(sessionmaker: async_sessionmaker[AsyncSession], interview_id: uuid.UUID,
                            taken_at: datetime, *, redispatch_now: bool = False) -> None:
    """Take back this agent's "dispatch answered" mark (it never got into the room, or its host is going away),
    unless another took it since. ``redispatch_now``: the dispatch is forgotten too, so a waiting candidate is sent
    another interviewer at the next tick rather than after the dispatch's grace."""
    values: dict[str, Any] = {"agent_joined_at": None}
    if redispatch_now:
        values["dispatched_at"] = None
    async with sessionmaker() as session, session.begin():
        await session.execute(
            sa.update(Interview).where(Interview.id == interview_id, Interview.status == InterviewStatus.SCHEDULED,
                                       Interview.agent_joined_at == taken_at)
            .values(**values))
