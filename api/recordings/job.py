"""One recorder process: `python -m api.recordings.job --recording-id ID` (started by api/recordings/launcher.py).

It joins the interview's room hidden before the interview begins, writes from the moment the interview is
IN_PROGRESS until it is over (or SIGTERM), then uploads the file and marks the recording READY. The file is
spooled on local disk meanwhile (RECORDING_SPOOL_DIR); a SIGKILL leaves it playable up to the kill."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import socket
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import anyio
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import async_sessionmaker

from api.config import Settings
from api.recordings.recorder import RECORDER_PREFIX, RoomRecorder, recorder_token
from api.recordings.upload import upload_with_retry
from api.storage.services import make_recording_storage, new_key
from db import contract
from db.engine import make_engine, make_sessionmaker
from db.enums import InterviewStatus, RecordingStatus
from db.models import Interview, Recording

logger = logging.getLogger("interviewly.recorder")

POLL_S = 0.25
WAIT_FOR_START_S = 30 * 60  # the candidate arrived; an interview that has not begun by then will not


def spool_dir() -> Path:
    from devstack.paths import DATA_DIR

    return Path(os.environ.get("RECORDING_SPOOL_DIR", DATA_DIR / "recordings-spool"))


async def _status(sm: async_sessionmaker, interview_id: uuid.UUID) -> InterviewStatus | None:
    async with sm() as s:
        return await s.scalar(select(Interview.status).where(Interview.id == interview_id))


async def _set(sm: async_sessionmaker, recording_id: uuid.UUID, **values: object) -> int:
    """Returns 0 when the row is gone: the candidate's recordings were erased meanwhile."""
    async with sm() as s, s.begin():
        return (await s.execute(update(Recording).where(Recording.id == recording_id).values(**values))).rowcount


async def _wait_for(sm: async_sessionmaker, interview_id: uuid.UUID, stop: asyncio.Event, *, running: bool,
                    within: float) -> bool:
    """Until the interview runs (running=True) or no longer does; False when ``stop`` or the time came first."""
    deadline = time.monotonic() + within
    while not stop.is_set() and time.monotonic() < deadline:
        status = await _status(sm, interview_id)
        if running:
            if status == InterviewStatus.IN_PROGRESS:
                return True
            if status != InterviewStatus.SCHEDULED:
                return False
        elif status != InterviewStatus.IN_PROGRESS:
            return True
        try:
            await asyncio.wait_for(stop.wait(), POLL_S)
        except TimeoutError:
            pass
    return False


async def run(recording_id: uuid.UUID, settings: Settings) -> RecordingStatus:
    engine = make_engine(settings.database_url)
    sm = make_sessionmaker(engine)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set)
    try:
        async with sm() as s:
            rec = await s.get(Recording, recording_id)
            interview = await s.get(Interview, rec.interview_id) if rec else None
        if rec is None or interview is None or not interview.room_name:
            return RecordingStatus.FAILED
        out = spool_dir() / f"{recording_id}.mp4"
        out.parent.mkdir(parents=True, exist_ok=True)
        recorder = RoomRecorder(out, contract.candidate_identity(interview.id), fps=settings.recording_fps,
                                height=settings.recording_max_height)
        await recorder.join(settings.livekit_url, recorder_token(
            settings.livekit_api_key, settings.livekit_api_secret, interview.room_name,
            f"{RECORDER_PREFIX}{interview.id}"))
        await _set(sm, recording_id, recorder_host=socket.gethostname(), recorder_pid=os.getpid())  # in the room
        try:
            if not await _wait_for(sm, interview.id, stop, running=True, within=WAIT_FOR_START_S):
                await _set(sm, recording_id, status=RecordingStatus.FAILED, error="the interview did not run")
                return RecordingStatus.FAILED
            await _set(sm, recording_id, media_started_at=datetime.now(UTC))
            ended = asyncio.create_task(_wait_for(sm, interview.id, stop, running=False,
                                                  within=interview.duration_minutes * 60 + 600))
            ended.add_done_callback(lambda _: stop.set())
            stats = await recorder.record(stop)
            ended.cancel()
        finally:
            await recorder.leave()
        return await _upload(sm, settings, recording_id, rec.company_id, interview.id, out, stats.seconds)
    finally:
        await engine.dispose()


async def _upload(sm: async_sessionmaker, settings: Settings, recording_id: uuid.UUID, company_id: uuid.UUID,
                  interview_id: uuid.UUID, out: Path, seconds: float | None) -> RecordingStatus:
    storage = make_recording_storage(settings)
    if not await _set(sm, recording_id, status=RecordingStatus.UPLOADING, duration_s=seconds):
        await anyio.Path(out).unlink(missing_ok=True)  # erased while it recorded: nothing may be kept
        return RecordingStatus.FAILED
    key = new_key(str(company_id), str(interview_id), extension=".mp4")
    try:
        await upload_with_retry(storage, key, out)
    except Exception as exc:  # the spooled file stays for an operator; the row says why
        await _set(sm, recording_id, status=RecordingStatus.FAILED, error=f"upload failed: {exc}"[:400])
        return RecordingStatus.FAILED
    size = (await anyio.Path(out).stat()).st_size
    kept = await _set(sm, recording_id, status=RecordingStatus.READY, storage_key=key, size_bytes=size)
    await anyio.Path(out).unlink(missing_ok=True)
    if not kept:  # erased during the upload: the file goes too
        await storage.delete(key)
        return RecordingStatus.FAILED
    return RecordingStatus.READY


async def recover(recording_id: uuid.UUID, settings: Settings) -> RecordingStatus:
    """A dead recorder's file, as far as it got (api/recordings/launcher.py: recover_dead_recorders)."""
    engine = make_engine(settings.database_url)
    sm = make_sessionmaker(engine)
    try:
        async with sm() as s:
            rec = await s.get(Recording, recording_id)
        out = spool_dir() / f"{recording_id}.mp4"
        if rec is None:
            return RecordingStatus.FAILED
        if not await anyio.Path(out).exists():
            await _set(sm, recording_id, status=RecordingStatus.FAILED, error="the recorder died before writing")
            return RecordingStatus.FAILED
        return await _upload(sm, settings, recording_id, rec.company_id, rec.interview_id, out, await _duration(out))
    finally:
        await engine.dispose()


async def _duration(path: Path) -> float | None:
    def probe() -> float | None:
        import av

        try:
            with av.open(str(path)) as c:
                stream = c.streams.video[0]
                last = max((p.pts + (p.duration or 0) for p in c.demux(stream) if p.pts is not None), default=0)
                return float(last * stream.time_base)
        except av.error.FFmpegError:
            return None

    return await anyio.to_thread.run_sync(probe)


def main() -> None:
    parser = argparse.ArgumentParser(description="record one interview's room")
    parser.add_argument("--recording-id", required=True, type=uuid.UUID)
    parser.add_argument("--recover", action="store_true", help="upload what a dead recorder left in the spool")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    status = asyncio.run((recover if args.recover else run)(args.recording_id, Settings.from_env()))
    raise SystemExit(0 if status == RecordingStatus.READY else 1)


if __name__ == "__main__":
    main()
