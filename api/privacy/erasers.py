"""What erasure removes, one eraser per kind of data, in the order they run (api/privacy/erasure.py runs them, each
in its own transaction with the record that it ran, so a crash resumes at the first one not done).

To erase another kind of data (issue 21's recordings), add one line at the end of the module:
    register_eraser("recordings", erase_candidate_recordings)
An eraser gets the ErasureContext and returns how many things it removed; it must be idempotent (a step killed
before its commit runs again) and delete stored files before the rows that name them are cleared.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, text, update
from sqlalchemy import false as sa_false
from sqlalchemy import true as sa_true
from sqlalchemy.ext.asyncio import AsyncSession

from api.storage.services import Storage, StorageError
from db.models import (
    Application,
    ApplicationStatusChange,
    CachedTextProfile,
    Candidate,
    CandidateDemographics,
    CVAnalysis,
    CVRewrite,
    EmailOutbox,
    EmailUnsubscribe,
    ImportBatch,
    Interview,
    InterviewConsent,
    InterviewFeedback,
    InterviewMetric,
    InterviewReport,
    InterviewSession,
    Note,
    QuestionScore,
    ScheduleChange,
    Screening,
    TranscriptSegment,
    User,
)

ERASED_NAME = "Erased candidate"


@dataclass
class Target:
    """Who is erased: fixed when the job first runs (stored with the request until it is done)."""

    scope: str  # company | account
    company_id: uuid.UUID | None
    user_id: uuid.UUID | None
    candidate_ids: list[uuid.UUID]
    application_ids: list[uuid.UUID]
    interview_ids: list[uuid.UUID]
    emails: list[str]  # lower-cased; dropped from the request once it is done

    def as_json(self) -> dict[str, Any]:
        return {"scope": self.scope, "company_id": _s(self.company_id), "user_id": _s(self.user_id),
                "candidate_ids": [str(i) for i in self.candidate_ids],
                "application_ids": [str(i) for i in self.application_ids],
                "interview_ids": [str(i) for i in self.interview_ids], "emails": self.emails}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Target:
        return cls(scope=d["scope"], company_id=_u(d.get("company_id")), user_id=_u(d.get("user_id")),
                   candidate_ids=[uuid.UUID(i) for i in d["candidate_ids"]],
                   application_ids=[uuid.UUID(i) for i in d["application_ids"]],
                   interview_ids=[uuid.UUID(i) for i in d["interview_ids"]], emails=list(d["emails"]))


def _s(v: uuid.UUID | None) -> str | None:
    return str(v) if v else None


def _u(v: str | None) -> uuid.UUID | None:
    return uuid.UUID(v) if v else None


@dataclass
class ErasureContext:
    session: AsyncSession
    storage: Storage
    target: Target
    extra: dict[str, Any] = field(default_factory=dict)


Eraser = Callable[[ErasureContext], Awaitable[int]]
ERASERS: list[tuple[str, Eraser]] = []


def register_eraser(name: str, eraser: Eraser) -> None:
    if any(n == name for n, _ in ERASERS):
        raise ValueError(f"an eraser named {name!r} is already registered")
    ERASERS.append((name, eraser))


async def _delete_objects(storage: Storage, keys: list[str]) -> None:
    for key in keys:
        # a missing object is fine (a retried step deletes again); a store that is down fails the step, and the
        # queued job runs it again later
        await storage.delete(key)


async def erase_cv_files(ctx: ErasureContext) -> int:
    t = ctx.target
    keys = list((await ctx.session.scalars(select(Candidate.cv_storage_key).where(
        Candidate.id.in_(t.candidate_ids), Candidate.cv_storage_key.is_not(None)))).all())
    await _delete_objects(ctx.storage, keys)
    await ctx.session.execute(update(Candidate).where(Candidate.id.in_(t.candidate_ids)).values(
        cv_storage_key=None, cv_filename=None, cv_content_type=None))
    return len(keys)


async def erase_cv_text(ctx: ErasureContext) -> int:
    """CV text, its hash-keyed profile (sentences of the CV) when no one else's CV has the same text, screenings
    (their explanations quote the CV; the embedding is the CV's). The application's screening score stays: a
    number for pipeline statistics."""
    s, t = ctx.session, ctx.target
    hashes = set((await s.scalars(select(Candidate.cv_content_hash).where(
        Candidate.id.in_(t.candidate_ids), Candidate.cv_content_hash.is_not(None)))).all())
    if t.scope == "account" and t.user_id is not None:  # their CV analyses profiled their CVs too
        analysed = select(CVAnalysis.cv_content_hash).where(CVAnalysis.user_id == t.user_id)
        hashes |= set((await s.scalars(analysed)).all())
    await s.execute(update(Candidate).where(Candidate.id.in_(t.candidate_ids)).values(cv_text=None,
                                                                                      cv_content_hash=None))
    screenings = await s.execute(delete(Screening).where(Screening.application_id.in_(t.application_ids)))
    if hashes:
        still_used = select(Candidate.id).where(Candidate.cv_content_hash == CachedTextProfile.content_hash)
        others_analysis = select(CVAnalysis.id).where(CVAnalysis.cv_content_hash == CachedTextProfile.content_hash,
                                                      CVAnalysis.user_id != t.user_id if t.user_id else sa_true())
        await s.execute(delete(CachedTextProfile).where(CachedTextProfile.content_hash.in_(hashes),
                                                        ~still_used.exists(), ~others_analysis.exists()))
    return int(screenings.rowcount or 0) + len(hashes)  # type: ignore[attr-defined]


async def erase_interview_content(ctx: ErasureContext) -> int:
    """Transcripts, per-second metrics, scores, reports, the hiring team's ratings and notes; the interview rows
    stay (status and times: pipeline statistics) without anything personal."""
    s, ids = ctx.session, ctx.target.interview_ids
    removed = 0
    for model in (TranscriptSegment, InterviewMetric, QuestionScore, InterviewReport, InterviewFeedback):
        result = await s.execute(delete(model).where(model.interview_id.in_(ids)))
        removed += int(result.rowcount or 0)  # type: ignore[attr-defined]
    await s.execute(update(InterviewConsent).where(InterviewConsent.interview_id.in_(ids)).values(
        ip=None, user_agent=None))
    await s.execute(update(ScheduleChange).where(ScheduleChange.interview_id.in_(ids)).values(reason=None))
    await s.execute(update(InterviewSession).where(InterviewSession.interview_id.in_(ids)).values(feedback=None))
    await s.execute(update(Interview).where(Interview.id.in_(ids)).values(gaze_calibration=None))
    return removed


async def erase_application_text(ctx: ErasureContext) -> int:
    s, ids = ctx.session, ctx.target.application_ids
    await s.execute(update(Application).where(Application.id.in_(ids)).values(cover_letter=None))
    await s.execute(update(ApplicationStatusChange).where(ApplicationStatusChange.application_id.in_(ids))
                    .values(reason=None))
    result = await s.execute(delete(CandidateDemographics).where(CandidateDemographics.application_id.in_(ids)))
    return len(ids) + int(result.rowcount or 0)  # type: ignore[attr-defined]


async def erase_team_notes(ctx: ErasureContext) -> int:
    """The hiring team's notes on the person or their applications (free text that names them)."""
    t = ctx.target
    result = await ctx.session.execute(delete(Note).where(or_(Note.candidate_id.in_(t.candidate_ids),
                                                              Note.application_id.in_(t.application_ids))))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _scoped(column: Any, t: Target) -> list[Any]:
    return [column == t.company_id] if t.scope == "company" else []


async def erase_email(ctx: ErasureContext) -> int:
    """Mail to them, and mail about them to the hiring team (its context names their application or interview)."""
    s, t = ctx.session, ctx.target
    about = or_(EmailOutbox.context["application_id"].as_string().in_([str(i) for i in t.application_ids]),
                EmailOutbox.context["interview_id"].as_string().in_([str(i) for i in t.interview_ids]))
    to_them = func.lower(EmailOutbox.to_address).in_(t.emails) if t.emails else sa_false()
    sent = await s.execute(delete(EmailOutbox).where(or_(about, and_(to_them, *_scoped(EmailOutbox.company_id, t)))))
    await s.execute(delete(EmailUnsubscribe).where(func.lower(EmailUnsubscribe.email).in_(t.emails),
                                                   *_scoped(EmailUnsubscribe.company_id, t)))
    return int(sent.rowcount or 0)  # type: ignore[attr-defined]


def _mentions(data: bytes, needles: list[str]) -> bool:
    """Whether an uploaded sheet (CSV in any of the encodings imports read, or an .xlsx) names one of the emails."""
    blobs = [data]
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                blobs = [z.read(n) for n in z.namelist() if n.endswith(".xml")]
        except zipfile.BadZipFile:
            pass
    for blob in blobs:
        low = blob.lower()
        for needle in needles:
            if needle.encode() in low or needle.encode("utf-16-le") in low:
                return True
    return False


async def erase_import_files(ctx: ErasureContext) -> int:
    """An imported sheet (and its ZIP of CVs) that names the candidate is deleted once its import is over, and the
    import's bad-row list loses the rows that name them."""
    s, t = ctx.session, ctx.target
    if not t.emails:
        return 0
    companies = select(func.distinct(Interview.company_id)).where(Interview.id.in_(t.interview_ids))
    where = [ImportBatch.company_id == t.company_id] if t.scope == "company" else [
        or_(ImportBatch.company_id.in_(companies), ImportBatch.job_id.in_(
            select(Application.job_id).where(Application.id.in_(t.application_ids))))]
    removed = 0
    for batch in (await s.scalars(select(ImportBatch).where(*where).with_for_update())).all():
        batch.errors = [e for e in batch.errors or [] if not _mentions(str(e).encode(), t.emails)]
        if not batch.file_key:
            continue
        try:
            data = await ctx.storage.get(batch.file_key)
        except StorageError:
            continue  # already gone
        if _mentions(data, t.emails):
            await _delete_objects(ctx.storage, [k for k in (batch.file_key, batch.zip_key) if k])
            batch.zip_key = None
            removed += 1
    return removed


async def erase_candidate_tools(ctx: ErasureContext) -> int:
    """The candidate's own CV analyses, rewrites and practice sessions (their account's erasure only)."""
    s, user_id = ctx.session, ctx.target.user_id
    if ctx.target.scope != "account" or user_id is None:
        return 0
    removed = 0
    for model in (CVAnalysis, CVRewrite, InterviewSession):
        result = await s.execute(delete(model).where(model.user_id == user_id))
        removed += int(result.rowcount or 0)  # type: ignore[attr-defined]
    return removed


async def erase_identity(ctx: ErasureContext) -> int:
    """The candidate rows stay as anonymous tombstones (their applications count in the pipeline statistics)."""
    s, t = ctx.session, ctx.target
    await s.execute(update(Candidate).where(Candidate.id.in_(t.candidate_ids)).values(
        full_name=ERASED_NAME, email=func.concat("erased-", Candidate.id, "@erased.invalid"), phone=None,
        erased_at=func.now()))
    if t.scope == "account" and t.user_id is not None:
        await s.execute(update(User).where(User.id == t.user_id).values(email=None, full_name=None))
    return len(t.candidate_ids)


async def redact_audit_trail(ctx: ErasureContext) -> int:
    """The trail keeps who changed which score or status when, with the numbers; free text (a report's summary) is
    blanked. The trail's trigger allows this one change, in this transaction only."""
    s, t = ctx.session, ctx.target
    await s.execute(text("SELECT set_config('interviewly.erasure', 'on', true)"))
    result = await s.execute(text("""
        UPDATE audit_log SET
          before = CASE WHEN before ? 'summary' THEN jsonb_set(before, '{summary}', '"[erased]"') ELSE before END,
          after = CASE WHEN after ? 'summary' THEN jsonb_set(after, '{summary}', '"[erased]"') ELSE after END
        WHERE (application_id = ANY(:apps) OR interview_id = ANY(:ivs))
          AND (before ? 'summary' OR after ? 'summary')"""),
        {"apps": t.application_ids, "ivs": t.interview_ids})
    await s.execute(text("SELECT set_config('interviewly.erasure', 'off', true)"))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


register_eraser("cv_files", erase_cv_files)
register_eraser("import_files", erase_import_files)
register_eraser("cv_text", erase_cv_text)
register_eraser("interview_content", erase_interview_content)
register_eraser("application_text", erase_application_text)
register_eraser("team_notes", erase_team_notes)
register_eraser("email", erase_email)
register_eraser("candidate_tools", erase_candidate_tools)
register_eraser("identity", erase_identity)
register_eraser("audit_trail", redact_audit_trail)


async def erase_recordings(ctx: ErasureContext) -> int:
    """Issue 21's recordings of every interview on their applications (in the recordings' own store)."""
    from api.recordings.services import erase_candidate_recordings
    from api.storage.services import make_recording_storage

    storage = ctx.extra.get("recording_storage") or make_recording_storage(ctx.extra["settings"])
    return sum([await erase_candidate_recordings(ctx.session, storage, cid) for cid in ctx.target.candidate_ids])


register_eraser("recordings", erase_recordings)
