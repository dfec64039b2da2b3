"""The recorder participant end to end: a scripted interview in a real room (a candidate with a real face and
espeak-ng speech, an interviewer speaking in another voice), the recorder started by the launcher as its own
process, and the file it uploads decoded and checked: its length matches the interview's, its picture is the
candidate's camera, and its sound holds both voices where they spoke (and silence between them).

Then SIGKILL: a recorder killed mid-interview leaves a file that decodes up to about the kill."""

from __future__ import annotations

import asyncio
import os
import signal
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sqlalchemy as sa

from api.config import Settings
from api.recordings.job import spool_dir
from api.recordings.launcher import recover_dead_recorders, start_due_recordings
from api.storage.services import make_recording_storage
from db.enums import InterviewStatus, RecordingStatus
from db.models import Interview, Recording
from tests.agent.sim import Candidate, wav_frames
from tests.faces import blank_rgb, frontal_face_rgb
from tests.media import espeak_wav
from tests.recordings.helpers import decode, recordable_interview, rms_between

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]


@pytest.fixture
def recorder_env(monkeypatch: pytest.MonkeyPatch, livekit: Any, database_url: str, tmp_path: Path,
                 storage_settings_env: dict[str, str]) -> Settings:
    env = {"ENV": "test", "DATABASE_URL": database_url, "LIVEKIT_URL": livekit.url,
           "LIVEKIT_API_KEY": livekit.api_key, "LIVEKIT_API_SECRET": livekit.api_secret,
           "RECORDING_SPOOL_DIR": str(tmp_path / "spool"), "RECORDING_FPS": "15", **storage_settings_env}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    return Settings.from_env()


async def _row(sm: Any, interview_id: uuid.UUID) -> Recording | None:
    async with sm() as s:
        return await s.scalar(sa.select(Recording).where(Recording.interview_id == interview_id))


async def _until(sm: Any, interview_id: uuid.UUID, check: Any, within: float) -> Recording:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        row = await _row(sm, interview_id)
        if row is not None and check(row):
            return row
        await asyncio.sleep(0.2)
    raise AssertionError(f"recording row never got there: {await _row(sm, interview_id)!r}")


async def _set_status(sm: Any, interview_id: uuid.UUID, status: InterviewStatus) -> datetime:
    now = datetime.now(UTC)
    values: dict[str, Any] = {"status": status}
    values["started_at" if status == InterviewStatus.IN_PROGRESS else "ended_at"] = now
    async with sm() as s, s.begin():
        await s.execute(sa.update(Interview).where(Interview.id == interview_id).values(**values))
    return now


async def _room_with_recorder(sm: Any, livekit: Any, settings: Settings,
                              interview_id: uuid.UUID) -> tuple[Candidate, Candidate]:
    room = f"interview-{interview_id}"
    candidate = Candidate(livekit, room, f"candidate-{interview_id}")
    interviewer = Candidate(livekit, room, "interviewer-recording-test")
    for p in (candidate, interviewer):
        await p.connect()
    await candidate.publish(frontal_face_rgb(), "face")
    await interviewer.publish(blank_rgb(value=40), "interviewer")  # its picture must not be in the recording
    async with sm() as s, s.begin():
        await s.execute(sa.update(Interview).where(Interview.id == interview_id)
                        .values(candidate_arrived_at=datetime.now(UTC)))
    async with sm() as s:
        assert await start_due_recordings(s, settings) == [str(interview_id)]
    await _until(sm, interview_id, lambda r: r.recorder_host is not None, 30)  # it joined the room
    return candidate, interviewer


async def test_recording_of_a_scripted_interview(db_sessionmaker: Any, livekit: Any, recorder_env: Settings,
                                                 tmp_path: Path) -> None:
    sm = db_sessionmaker
    interview_id = await recordable_interview(sm)
    question = wav_frames(espeak_wav("Tell me about a service you built and how you tested it.", 170,
                                     tmp_path / "q.wav", voice="en-gb"))
    answer = wav_frames(espeak_wav("I built a billing service in Python and tested it with pytest.", 170,
                                   tmp_path / "a.wav"))
    candidate, interviewer = await _room_with_recorder(sm, livekit, recorder_env, interview_id)
    try:
        started = await _set_status(sm, interview_id, InterviewStatus.IN_PROGRESS)
        row = await _until(sm, interview_id, lambda r: r.media_started_at is not None, 10)
        await asyncio.sleep(1.0)
        t_q0 = time.time()
        await interviewer.say(question)
        t_q1 = time.time()
        await asyncio.sleep(3.0)
        t_a0 = time.time()
        await candidate.say(answer)
        t_a1 = time.time()
        await asyncio.sleep(1.5)
        ended = await _set_status(sm, interview_id, InterviewStatus.COMPLETED)
        row = await _until(sm, interview_id, lambda r: r.status in (RecordingStatus.READY, RecordingStatus.FAILED),
                           90)
    finally:
        await candidate.disconnect()
        await interviewer.disconnect()
    assert row.status == RecordingStatus.READY, row.error
    path = tmp_path / "got.mp4"
    path.write_bytes(await make_recording_storage(recorder_env).get(row.storage_key))
    assert row.size_bytes == path.stat().st_size
    d = decode(path)
    interview_s = (ended - started).total_seconds()
    assert abs(d.duration_s - interview_s) <= 2.0, (d.duration_s, interview_s)
    assert d.errors == 0

    # the picture: the candidate's face (not black, not the interviewer's grey), from the first seconds on
    face = frontal_face_rgb()
    shown = [(t, rgb) for t, rgb in d.video if t > 1.5]
    diff = [float(np.abs(rgb.astype(np.int16) - face.astype(np.int16)).mean()) for _, rgb in shown]
    assert len(shown) > 10 and np.median(diff) < 20, diff[:10]
    assert float(np.abs(shown[-1][1].astype(np.int16) - 40).mean()) > 30

    # the sound: the interviewer's question, the candidate's answer, silence in between (file time = wall time -
    # media start). A sender's AudioSource queues up to a second ahead of what it sends, so each sound is heard up
    # to ~1 s after its frames were handed over: the windows allow for that.
    zero = row.media_started_at.timestamp()
    question_rms = rms_between(d, t_q0 - zero + 1.2, t_q1 - zero + 0.4)
    answer_rms = rms_between(d, t_a0 - zero + 1.2, t_a1 - zero + 0.4)
    gap_rms = rms_between(d, t_q1 - zero + 1.3, t_a0 - zero + 0.4)
    envelope = [round(rms_between(d, t / 4, t / 4 + 0.25), 3) for t in range(int(d.duration_s * 4))]
    where = f"question {t_q0 - zero:.2f}-{t_q1 - zero:.2f} answer {t_a0 - zero:.2f}-{t_a1 - zero:.2f} {envelope}"
    assert question_rms > 0.02 and answer_rms > 0.02, (question_rms, answer_rms, where)
    assert gap_rms < min(question_rms, answer_rms) / 5, (gap_rms, question_rms, answer_rms, where)
    print(f"recording: {d.duration_s:.2f}s for a {interview_s:.2f}s interview, {path.stat().st_size} bytes, "
          f"rms question {question_rms:.3f} answer {answer_rms:.3f} gap {gap_rms:.4f}")


@pytest.mark.parametrize("backend", ["local"])  # the kill happens before any upload: one backend is enough
async def test_sigkill_leaves_a_playable_file(db_sessionmaker: Any, livekit: Any, recorder_env: Settings) -> None:
    sm = db_sessionmaker
    interview_id = await recordable_interview(sm)
    candidate, interviewer = await _room_with_recorder(sm, livekit, recorder_env, interview_id)
    try:
        await _set_status(sm, interview_id, InterviewStatus.IN_PROGRESS)
        row = await _until(sm, interview_id, lambda r: r.media_started_at is not None, 10)
        await asyncio.sleep(6.0)
        killed_after = time.time() - row.media_started_at.timestamp()
        os.kill(row.recorder_pid, signal.SIGKILL)
    finally:
        await candidate.disconnect()
        await interviewer.disconnect()
    spooled = spool_dir() / f"{row.id}.mp4"
    d = decode(spooled)
    # fragments are a second long: at most the last one (and the audio latency) is lost
    assert killed_after - 2.5 <= d.duration_s <= killed_after + 0.5, (d.duration_s, killed_after)
    face = frontal_face_rgb()
    last = d.video[-1][1]
    assert float(np.abs(last.astype(np.int16) - face.astype(np.int16)).mean()) < 20
    print(f"killed after {killed_after:.2f}s: {d.duration_s:.2f}s playable, {d.errors} bad packets")

    # the next lifecycle tick sees the dead recorder and uploads what it left (once, however many ticks)
    async with sm() as s:
        assert await recover_dead_recorders(s) == [str(interview_id)]
        assert await recover_dead_recorders(s) == []
    row = await _until(sm, interview_id, lambda r: r.status in (RecordingStatus.READY, RecordingStatus.FAILED), 60)
    assert row.status == RecordingStatus.READY, row.error
    assert row.duration_s == pytest.approx(d.duration_s, abs=0.5)
    stored = await make_recording_storage(recorder_env).get(row.storage_key)
    assert len(stored) == row.size_bytes and not spooled.exists()


async def test_an_uploader_that_died_is_started_again(db_sessionmaker, recorder_env: Settings) -> None:
    """A row left in UPLOADING by an uploader that died (its process gone, the spooled file still there) is
    uploaded by a new process on the next lifecycle tick, once however many ticks see it."""
    import socket

    sm = db_sessionmaker
    interview_id = await recordable_interview(sm)
    gone = await asyncio.create_subprocess_exec("true")
    await gone.wait()
    recording_id = uuid.uuid4()
    async with sm() as s, s.begin():
        company_id = (await s.get(Interview, interview_id)).company_id
        s.add(Recording(id=recording_id, interview_id=interview_id, company_id=company_id,
                        status=RecordingStatus.UPLOADING, content_type="video/mp4",
                        recorder_host=socket.gethostname(), recorder_pid=gone.pid))
    spooled = spool_dir() / f"{recording_id}.mp4"
    spooled.parent.mkdir(parents=True, exist_ok=True)
    content = os.urandom(64 * 1024)  # not a playable file: the upload must not depend on it being one
    spooled.write_bytes(content)
    async with sm() as s:
        assert await recover_dead_recorders(s) == [str(interview_id)]
        assert await recover_dead_recorders(s) == []
    row = await _until(sm, interview_id, lambda r: r.status in (RecordingStatus.READY, RecordingStatus.FAILED), 60)
    assert row.status == RecordingStatus.READY, row.error
    assert await make_recording_storage(recorder_env).get(row.storage_key) == content
    assert not spooled.exists()
