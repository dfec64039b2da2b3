"""The batched Postgres writer on a real server: batches, upserts, a real outage (a proxy that goes away)."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from agent.recorder import WORKER_LOST, Recorder
from api.config import Settings
from api.interviews.tasks import mark_stale
from db.contract import MetricRow
from db.engine import make_engine, make_sessionmaker
from db.enums import InterviewStatus, Speaker
from db.models import Interview, InterviewMetric, InterviewReport, QuestionScore, TranscriptSegment
from tests.agent.sim import create_interview


def metric(t_s: int, **extra) -> MetricRow:
    row = {"t_s": t_s, "recorded_at": datetime.now(UTC), "question_index": 0, "face_present": True,
           "num_faces": 1, "eye_contact": 0.8, "eye_contact_30s": 0.75, "head_yaw_deg": 1.0, "head_pitch_deg": 2.0,
           "speaking": "candidate", "speech_rate_sps": 3.5, "articulation_rate_sps": 4.0, "pause_count": 2,
           "phonation_ratio": 0.7, "frames_analyzed": 5, "frames_dropped": 0, "flags": []}
    row.update(extra)
    return MetricRow(**row)


class TcpProxy:
    """A loopback TCP proxy to Postgres that can be taken down (connections cut) and brought back."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.server: asyncio.base_events.Server | None = None
        self.port = 0
        self._conns: set[asyncio.StreamWriter] = set()
        self.lose_commit_acks = 0  # this many COMMITs reach Postgres, then the connection dies unanswered
        self.commits_lost = 0
        self._mute = False

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *,
                    upstream: bool = False) -> None:
        try:
            while data := await reader.read(65536):
                losing = upstream and b"COMMIT" in data and self.lose_commit_acks > 0
                if losing:
                    self.lose_commit_acks -= 1
                    self._mute = True  # from now on Postgres' answers are not passed back
                if not upstream and self._mute:
                    continue
                writer.write(data)
                await writer.drain()
                if losing:
                    await asyncio.sleep(0.5)  # Postgres commits; its answer never comes back
                    self.commits_lost += 1
                    for w in list(self._conns):
                        w.transport.abort()
                    self._mute = False
                    return
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.target)
        self._conns |= {writer, up_writer}
        await asyncio.gather(self._pipe(reader, up_writer, upstream=True), self._pipe(up_reader, writer))

    async def up(self) -> None:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)
        self.port = self.server.sockets[0].getsockname()[1]

    async def down(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        for w in self._conns:
            w.transport.abort()
        self._conns.clear()


async def proxied_engine(database_url: str) -> tuple[TcpProxy, Any]:
    """An engine that reaches Postgres through a TcpProxy (one connection, short connect timeout)."""
    url = make_url(database_url)
    proxy = TcpProxy(url.host, url.port)
    await proxy.up()
    engine = make_engine(url.set(port=proxy.port).render_as_string(hide_password=False),
                         pool_size=1, max_overflow=0, connect_args={"timeout": 2})
    return proxy, engine


async def test_flush_writes_everything_in_batches_and_upserts(db_sessionmaker) -> None:
    interview_id = await create_interview(db_sessionmaker)
    rec = Recorder(db_sessionmaker, interview_id)
    for t in range(1, 4):
        rec.add_metric(metric(t))
    rec.add_segment({"speaker": Speaker.AGENT, "text": "Hello", "start_s": 0.0, "end_s": 1.0,
                     "question_index": None, "words": None})
    rec.set_question_score({"question_index": 0, "question": "Q?", "skill": "Python", "answer_text": "A",
                            "score": 50.0, "eye_contact_ratio": 0.8, "fluency": {}, "signals": {"x": 1},
                            "started_s": 1.0, "ended_s": 5.0})
    assert await rec.flush()
    assert rec.pending_rows == 0
    # the same second again (a retry after an unacknowledged commit) and a new score: upserts, no duplicates
    rec.add_metric(metric(3, eye_contact=0.1))
    rec.set_question_score({"question_index": 0, "question": "Q?", "skill": "Python", "answer_text": "A longer",
                            "score": 70.0, "eye_contact_ratio": 0.8, "fluency": {}, "signals": {},
                            "started_s": 1.0, "ended_s": 6.0})
    rec.set_report({"overall_score": 70.0, "summary": "ok", "strengths": [], "weaknesses": [],
                    "eye_contact_summary": {}, "fluency_summary": {}, "flags": []})
    rec.update_interview(status=InterviewStatus.COMPLETED, end_reason="completed")
    assert await rec.close(timeout_s=5)
    async with db_sessionmaker() as s:
        rows = (await s.execute(sa.select(InterviewMetric).where(InterviewMetric.interview_id == interview_id)
                                .order_by(InterviewMetric.t_s))).scalars().all()
        score = (await s.execute(sa.select(QuestionScore))).scalar_one()
        report = (await s.execute(sa.select(InterviewReport))).scalar_one()
        interview = await s.get(Interview, interview_id)
        segs = (await s.execute(sa.select(TranscriptSegment))).scalars().all()
    assert [r.t_s for r in rows] == [1, 2, 3] and rows[2].eye_contact == 0.1
    assert score.score == 70.0 and score.answer_text == "A longer"
    assert report.overall_score == 70.0
    assert interview.status == InterviewStatus.COMPLETED and len(segs) == 1


async def test_database_outage_is_buffered_and_retried(db_sessionmaker, database_url: str) -> None:
    """Postgres goes away for a few seconds mid-interview: nothing is lost, nothing blocks."""
    interview_id = await create_interview(db_sessionmaker)
    proxy, engine = await proxied_engine(database_url)
    rec = Recorder(make_sessionmaker(engine), interview_id, flush_interval_s=0.2, write_timeout_s=2.0)
    rec.start()
    try:
        for t in range(1, 6):
            rec.add_metric(metric(t))
            await asyncio.sleep(0.25)
        assert rec.failed_flushes == 0
        await proxy.down()
        for t in range(6, 16):  # the interview goes on: queueing never blocks nor raises
            started = asyncio.get_running_loop().time()
            rec.add_metric(metric(t))
            assert asyncio.get_running_loop().time() - started < 0.01
            await asyncio.sleep(0.25)
        assert rec.failed_flushes > 0 and rec.pending_rows >= 5
        await proxy.up()
        rec.update_interview(status=InterviewStatus.COMPLETED)
        assert await rec.close(timeout_s=20)
    finally:
        await proxy.down()
        await engine.dispose()
    async with db_sessionmaker() as s:
        ts = (await s.execute(sa.select(InterviewMetric.t_s).where(InterviewMetric.interview_id == interview_id)
                              .order_by(InterviewMetric.t_s))).scalars().all()
        interview = await s.get(Interview, interview_id)
    assert ts == list(range(1, 16))
    assert interview.status == InterviewStatus.COMPLETED


async def test_a_commit_whose_acknowledgement_is_lost_is_retried_without_duplicates(
    db_sessionmaker, database_url: str
) -> None:
    """The batch is committed but the connection dies before the answer: the retry must not add rows twice."""
    interview_id = await create_interview(db_sessionmaker)
    proxy, engine = await proxied_engine(database_url)
    rec = Recorder(make_sessionmaker(engine), interview_id, write_timeout_s=3.0)
    try:
        for i in range(3):
            rec.add_segment({"speaker": Speaker.CANDIDATE, "text": f"answer {i}", "start_s": float(i),
                             "end_s": i + 0.9, "question_index": 0, "words": None})
        rec.add_metric(metric(1))
        proxy.lose_commit_acks = 1
        assert not await rec.flush()  # from here it looks like a failed write
        assert proxy.commits_lost == 1 and rec.pending_rows == 4
        rec.add_segment({"speaker": Speaker.AGENT, "text": "next question", "start_s": 3.0, "end_s": 4.0,
                         "question_index": 1, "words": None})
        assert await rec.flush()
    finally:
        await proxy.down()
        await engine.dispose()
    async with db_sessionmaker() as s:
        texts = (await s.execute(sa.select(TranscriptSegment.text).where(TranscriptSegment.interview_id == interview_id)
                                 .order_by(TranscriptSegment.start_s))).scalars().all()
        metrics = (await s.execute(sa.select(sa.func.count()).select_from(InterviewMetric)
                                   .where(InterviewMetric.interview_id == interview_id))).scalar_one()
    assert texts == ["answer 0", "answer 1", "answer 2", "next question"]
    assert metrics == 1


async def test_buffer_is_bounded_and_drops_oldest_metrics(db_sessionmaker) -> None:
    rec = Recorder(db_sessionmaker, uuid.uuid4(), max_buffered_rows=10)
    for t in range(25):
        rec.add_metric(metric(t))
    assert rec.pending_rows == 10 and rec.dropped_metrics == 15


def _settings() -> Settings:
    return Settings.from_env(env="test", database_url="postgresql://unused", stale_after_seconds=15)


async def test_heartbeat_takes_back_an_interview_the_sweeper_declared_lost(db_sessionmaker) -> None:
    interview_id = await create_interview(db_sessionmaker)
    long_ago = datetime.now(UTC) - timedelta(minutes=5)
    async with db_sessionmaker() as s, s.begin():
        await s.execute(sa.update(Interview).where(Interview.id == interview_id).values(
            status=InterviewStatus.IN_PROGRESS, started_at=long_ago, last_heartbeat_at=long_ago,
            agent_joined_at=long_ago))
    async with db_sessionmaker() as s:
        assert await mark_stale(s, _settings(), datetime.now(UTC)) == [str(interview_id)]
    async with db_sessionmaker() as s:
        lost = await s.get(Interview, interview_id)
    assert lost.status == InterviewStatus.INTERRUPTED and lost.end_reason == WORKER_LOST
    rec = Recorder(db_sessionmaker, interview_id)
    rec.heartbeat = True
    assert await rec.flush()
    async with db_sessionmaker() as s:
        back = await s.get(Interview, interview_id)
    assert back.status == InterviewStatus.IN_PROGRESS and back.end_reason is None
    with contextlib.suppress(Exception):
        await rec.close(timeout_s=1)


@pytest.mark.parametrize("age_s, swept", [(60, 1), (2, 0)])
async def test_sweep_only_touches_stale_in_progress_interviews(db_sessionmaker, age_s: int, swept: int) -> None:
    interview_id = await create_interview(db_sessionmaker)
    other = await create_interview(db_sessionmaker)  # SCHEDULED: never touched
    beat = datetime.now(UTC) - timedelta(seconds=age_s)
    async with db_sessionmaker() as s, s.begin():
        await s.execute(sa.update(Interview).where(Interview.id == interview_id).values(
            status=InterviewStatus.IN_PROGRESS, started_at=beat, last_heartbeat_at=beat, agent_joined_at=beat))
    async with db_sessionmaker() as s:
        assert len(await mark_stale(s, _settings(), datetime.now(UTC))) == swept
    async with db_sessionmaker() as s:
        assert (await s.get(Interview, other)).status == InterviewStatus.SCHEDULED
        status = (await s.get(Interview, interview_id)).status
    assert status == (InterviewStatus.INTERRUPTED if swept else InterviewStatus.IN_PROGRESS)
