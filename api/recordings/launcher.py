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

from sqlalchemy import and_, cast, exists, or_, select
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


def spawn_recorder(recording_id: uuid.UUID) -> int | None:
    """A detached process (its own session: it outlives an API restart and finishes its upload)."""
    from api.recordings.job import spool_dir

    log = spool_dir() / f"{recording_id}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "api.recordings.job", "--recording-id", str(recording_id)],
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
