"""Who gets a recorder: only an interview whose company records, whose candidate's latest consent includes
"recording", and whose candidate is in the room (an AI interview waiting for its interviewer, or any interview
IN_PROGRESS, HUMAN ones included); one recorder per interview however often the launcher runs."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from api.config import Settings
from api.recordings.launcher import start_due_recordings
from db.enums import ConsentDecision, ConsentMethod, InterviewKind, InterviewStatus
from db.models import Interview, InterviewConsent, Recording
from tests.recordings.helpers import recordable_interview


async def _arrive(sm: Any, interview_id: uuid.UUID, **values: Any) -> None:
    async with sm() as s, s.begin():
        await s.execute(sa.update(Interview).where(Interview.id == interview_id)
                        .values(candidate_arrived_at=datetime.now(UTC), **values))


async def test_only_consented_interviews_of_recording_companies_get_one_recorder(db_sessionmaker: Any) -> None:
    sm = db_sessionmaker
    settings = Settings.from_env(env="test", database_url="postgresql://unused")
    started: list[uuid.UUID] = []
    due = await recordable_interview(sm)
    off = await recordable_interview(sm, enabled=False)
    no_scope = await recordable_interview(sm, scopes=("video_analysis",))
    withdrawn = await recordable_interview(sm)
    not_here = await recordable_interview(sm)  # booked, the candidate has not arrived
    human = await recordable_interview(sm)
    async with sm() as s, s.begin():
        s.add(InterviewConsent(interview_id=withdrawn, method=ConsentMethod.SPOKEN, decision=ConsentDecision.DECLINED,
                               text_sha256="1" * 64, scopes=[], recorded_at=datetime.now(UTC) + timedelta(seconds=1)))
    for interview_id in (due, off, no_scope, withdrawn):
        await _arrive(sm, interview_id)
    await _arrive(sm, human, kind=InterviewKind.HUMAN, status=InterviewStatus.IN_PROGRESS,
                  started_at=datetime.now(UTC))
    async with sm() as s:
        claimed = await start_due_recordings(s, settings, spawn=started.append)
    assert sorted(claimed) == sorted([str(due), str(human)])
    assert len(started) == 2
    async with sm() as s:
        assert await start_due_recordings(s, settings, spawn=started.append) == []  # already claimed
        rows = (await s.scalars(sa.select(Recording.interview_id))).all()
    assert sorted(rows) == sorted([due, human]) and len(started) == 2
    assert not_here not in rows
