"""Shared by the recording tests: an interview that may be recorded, and reading a recording back."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import av
import numpy as np
import sqlalchemy as sa

from db.enums import ConsentDecision, ConsentMethod
from db.models import Company, Interview, InterviewConsent
from tests.agent.sim import create_interview


async def recordable_interview(sessionmaker: Any, *, enabled: bool = True,
                               scopes: tuple[str, ...] = ("recording",)) -> uuid.UUID:
    """An AI interview whose company records and whose candidate consented (issue 17 writes this row for real)."""
    interview_id = await create_interview(sessionmaker)
    async with sessionmaker() as s, s.begin():
        company_id = await s.scalar(sa.select(Interview.company_id).where(Interview.id == interview_id))
        await s.execute(sa.update(Company).where(Company.id == company_id).values(recording_enabled=enabled))
        s.add(InterviewConsent(interview_id=interview_id, method=ConsentMethod.PAGE, decision=ConsentDecision.GIVEN,
                               text_sha256="0" * 64, scopes=list(scopes), recorded_at=datetime.now(UTC)))
    return interview_id


@dataclass
class Decoded:
    duration_s: float
    video: list[tuple[float, np.ndarray]]  # (time, rgb)
    audio: np.ndarray  # mono float32
    audio_rate: int
    errors: int  # packets that failed to decode (a file cut by a kill may end in a partial one)


def decode(path: Path, *, every_nth_frame: int = 5) -> Decoded:
    video: list[tuple[float, np.ndarray]] = []
    chunks: list[np.ndarray] = []
    rate, errors, last_t = 48000, 0, 0.0
    with av.open(str(path)) as c:
        vs, aus = c.streams.video[0], c.streams.audio[0]
        n = 0
        for packet in c.demux(vs, aus):
            try:
                frames = packet.decode()
            except av.error.InvalidDataError:
                errors += 1
                continue
            for frame in frames:
                t = float(frame.pts * frame.time_base) if frame.pts is not None else last_t
                if isinstance(frame, av.VideoFrame):
                    last_t = max(last_t, t + 1 / float(vs.average_rate or 15))
                    if n % every_nth_frame == 0:
                        video.append((t, frame.to_ndarray(format="rgb24")))
                    n += 1
                else:
                    rate = frame.sample_rate
                    chunks.append(frame.to_ndarray().reshape(-1).astype(np.float32))
    audio = np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
    return Decoded(max(last_t, audio.size / rate), video, audio, rate, errors)


def rms_between(d: Decoded, t0: float, t1: float) -> float:
    x = d.audio[int(max(0.0, t0) * d.audio_rate):int(t1 * d.audio_rate)]
    return float(np.sqrt(np.mean(x * x))) if x.size else 0.0
