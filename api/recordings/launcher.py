"""Starts a recorder process for each interview that should be recorded and has none yet.

Run on every lifecycle tick and right after a candidate's arrival (api/interviews/tasks.py), so the recorder is in
the room before the interview begins. Who is recorded: an interview whose candidate is in the room (waiting for
the interviewer, or already IN_PROGRESS), whose company has `recording_enabled`, and whose candidate's latest
consent was GIVEN with the "recording" scope. The recorder is a separate process (api/recordings/job.py), so the
agent never pays for encoding and a recorder crash touches nothing else; inserting the `recordings` row (unique per
interview) is the claim, so two API processes never start two recorders."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import and_, cast, exists, or_, select, update
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from api.config import Settings
from db.enums import ConsentDecision, InterviewStatus, RecordingStatus
from db.models import Company, Interview, InterviewConsent, Recording

logger = logging.getLogger(__name__)

RECORDING_SCOPE = "recording"

Spawner = Callable[[uuid.UUID], int | None]


def consent_to_record(interview_id: object):
    """The interview's latest consent row is GIVEN and includes the "recording" scope."""
    given, later = aliased(InterviewConsent), aliased(InterviewConsent)
    return (
        select(given.id)
        .where(given.interview_id == interview_id, given.decision == ConsentDecision.GIVEN,
               cast(given.scopes, JSONB).contains([RECORDING_SCOPE]),
               ~select(later.id).where(later.interview_id == given.interview_id,
                                       later.recorded_at > given.recorded_at).exists())
        .exists()
    )


def spawn_recorder(recording_id: uuid.UUID, *flags: str) -> int | None:
    """A detached process (its own session: it outlives an API restart and finishes its upload)."""
    from api.recordings.job import spool_dir

    log = spool_dir() / f"{recording_id}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "api.recordings.job", "--recording-id", str(recording_id),
                                 *flags],
                                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True, env=os.environ.copy(),
                                cwd=str(Path(__file__).resolve().parents[2]))
    return proc.pid


async def start_due_recordings(session: AsyncSession, settings: Settings,
                               spawn: Spawner = spawn_recorder) -> list[str]:
    """Claims and starts recorders; returns the interview ids. Commits."""
    due = (await session.execute(
        select(Interview.id, Interview.company_id)
        .join(Company, Company.id == Interview.company_id)
        .where(Company.recording_enabled.is_(True), Interview.room_name.is_not(None),
               or_(Interview.status == InterviewStatus.IN_PROGRESS,
                   and_(Interview.status == InterviewStatus.SCHEDULED, Interview.candidate_arrived_at.is_not(None))),
               ~exists().where(Recording.interview_id == Interview.id),
               consent_to_record(Interview.id))
    )).all()
    claimed: list[tuple[uuid.UUID, uuid.UUID]] = []
    for interview_id, company_id in due:
        recording_id = uuid.uuid4()
        inserted = await session.scalar(
            insert(Recording).values(id=recording_id, interview_id=interview_id, company_id=company_id,
                                     status=RecordingStatus.RECORDING, content_type="video/mp4")
            .on_conflict_do_nothing(index_elements=["interview_id"]).returning(Recording.id))
        if inserted is not None:
            claimed.append((interview_id, recording_id))
    await session.commit()
    for interview_id, recording_id in claimed:
        try:
            spawn(recording_id)
        except OSError as exc:
            logger.error("could not start the recorder for interview %s: %s", interview_id, exc)
    return [str(i) for i, _ in claimed]


def _recorder_alive(pid: int | None, recording_id: uuid.UUID) -> bool:
    import psutil

    try:
        return pid is not None and str(recording_id) in " ".join(psutil.Process(pid).cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return False


async def recover_dead_recorders(session: AsyncSession, spawn: Spawner | None = None) -> list[str]:
    """A recorder of this host that died (SIGKILL, OOM) left its file in the spool, playable up to the crash: a new
    process uploads it as the recording. An uploader that died too (the row stuck in UPLOADING with nobody behind
    it) is started again: the spooled file stays until an upload finishes. Each row is claimed once (its pid cleared
    in the claim, then set to the new uploader's). Returns the interview ids."""
    import socket

    rows = (await session.scalars(
        select(Recording).where(Recording.status.in_((RecordingStatus.RECORDING, RecordingStatus.UPLOADING)),
                                Recording.recorder_host == socket.gethostname(), Recording.recorder_pid.is_not(None))
    )).all()
    claimed = []
    for rec in rows:
        if _recorder_alive(rec.recorder_pid, rec.id):
            continue
        why = ("the recorder died: kept up to where it stopped" if rec.status == RecordingStatus.RECORDING
               else "the upload was interrupted: uploading again")
        won = await session.execute(
            update(Recording).where(Recording.id == rec.id, Recording.status == rec.status,
                                    Recording.recorder_pid == rec.recorder_pid)
            .values(status=RecordingStatus.UPLOADING, recorder_pid=None, error=why))
        if won.rowcount:
            claimed.append((rec.interview_id, rec.id))
    await session.commit()
    for _, recording_id in claimed:
        try:
            pid = (spawn or spawn_uploader)(recording_id)
        except OSError as exc:
            pid, error = None, f"could not start the uploader: {exc}"[:400]
            await session.execute(update(Recording).where(Recording.id == recording_id)
                                  .values(status=RecordingStatus.FAILED, error=error))
        if pid is not None:  # the uploader's liveness is what the next tick checks
            await session.execute(update(Recording).where(Recording.id == recording_id,
                                                          Recording.status == RecordingStatus.UPLOADING)
                                  .values(recorder_pid=pid))
    await session.commit()
    return [str(i) for i, _ in claimed]


def spawn_uploader(recording_id: uuid.UUID) -> int | None:
    return spawn_recorder(recording_id, "--recover")
