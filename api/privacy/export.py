"""A candidate's own data as one ZIP (GDPR Art. 15 and 20): data.json and their CV files.

What they sent and what happened to it: applications (as sent, status and its dates), interviews with their
transcripts and consents, practice interviews with the feedback meant for them, their CV analyses and rewrites.
The hiring team's evaluation (screening, interview scores and reports, recruiters' ratings and notes, reasons
given for status changes) is left out unless the company chose to share its scores (share_scores_with_candidates).
"""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.storage.services import Storage, StorageError
from db.models import (
    Application,
    ApplicationStatusChange,
    Candidate,
    Company,
    CVAnalysis,
    CVRewrite,
    Interview,
    InterviewConsent,
    InterviewReport,
    InterviewSession,
    Job,
    QuestionScore,
    TranscriptSegment,
    User,
)


def _iso(v: datetime | None) -> str | None:
    return v.isoformat() if v else None


async def _transcript(session: AsyncSession, interview_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = await session.scalars(select(TranscriptSegment).where(TranscriptSegment.interview_id == interview_id)
                                 .order_by(TranscriptSegment.start_s))
    return [{"speaker": r.speaker.value, "text": r.text, "start_s": r.start_s, "end_s": r.end_s} for r in rows]


async def _scores(session: AsyncSession, interview_id: uuid.UUID) -> dict[str, Any]:
    report = await session.scalar(select(InterviewReport).where(InterviewReport.interview_id == interview_id))
    questions = await session.scalars(select(QuestionScore).where(QuestionScore.interview_id == interview_id)
                                      .order_by(QuestionScore.question_index))
    return {"overall_score": report.overall_score if report else None, "summary": report.summary if report else None,
            "questions": [{"question": q.question, "score": q.score} for q in questions]}


async def _interview(session: AsyncSession, i: Interview, share_scores: bool) -> dict[str, Any]:
    consents = await session.scalars(select(InterviewConsent).where(InterviewConsent.interview_id == i.id))
    out: dict[str, Any] = {
        "id": str(i.id), "kind": i.kind.value, "mode": i.mode.value, "status": i.status.value,
        "scheduled_at": _iso(i.scheduled_at), "started_at": _iso(i.started_at), "ended_at": _iso(i.ended_at),
        "video_analysis": i.video_analysis,
        "consents": [{"method": c.method.value, "decision": c.decision.value, "scopes": c.scopes,
                      "text_sha256": c.text_sha256, "recorded_at": _iso(c.recorded_at), "ip": c.ip,
                      "user_agent": c.user_agent} for c in consents],
        "transcript": await _transcript(session, i.id),
    }
    if share_scores:
        out["scores"] = await _scores(session, i.id)
    return out


async def _applications(session: AsyncSession, user_id: uuid.UUID) -> tuple[list[dict[str, Any]], list[Any]]:
    rows = (await session.execute(
        select(Application, Candidate, Job.title, Company)
        .join(Candidate, Candidate.id == Application.candidate_id).join(Job, Job.id == Application.job_id)
        .join(Company, Company.id == Job.company_id).where(Candidate.user_id == user_id)
        .order_by(Application.created_at))).all()
    out = []
    for app, cand, title, company in rows:
        history = await session.scalars(select(ApplicationStatusChange).where(
            ApplicationStatusChange.application_id == app.id).order_by(ApplicationStatusChange.id))
        interviews = await session.scalars(select(Interview).where(Interview.application_id == app.id)
                                           .order_by(Interview.scheduled_at))
        out.append({
            "id": str(app.id), "job": title, "company": company.name, "status": app.status.value,
            "created_at": _iso(app.created_at), "updated_at": _iso(app.updated_at),
            "sent": {"full_name": cand.full_name, "email": cand.email, "phone": cand.phone,
                     "cover_letter": app.cover_letter, "cv_filename": cand.cv_filename, "cv_text": cand.cv_text},
            "status_history": [{"from": h.from_status.value if h.from_status else None, "to": h.to_status.value,
                                "at": _iso(h.changed_at)} for h in history],
            "interviews": [await _interview(session, i, company.share_scores_with_candidates) for i in interviews],
            **({"screening_score": app.screening_score} if company.share_scores_with_candidates else {}),
        })
    return out, [(app.id, cand) for app, cand, _, _ in rows]


async def _practice(session: AsyncSession, user_id: uuid.UUID) -> list[dict[str, Any]]:
    rows = (await session.execute(select(InterviewSession, Interview).outerjoin(
        Interview, Interview.id == InterviewSession.interview_id).where(InterviewSession.user_id == user_id))).all()
    return [{"target_role": s.target_role, "created_at": _iso(s.created_at), "feedback": s.feedback,
             "interview": await _interview(session, i, share_scores=True) if i else None} for s, i in rows]


async def export_data(session: AsyncSession, user_id: uuid.UUID) -> tuple[dict[str, Any], list[Any]]:
    user = await session.get(User, user_id)
    applications, cvs = await _applications(session, user_id)
    analyses = await session.scalars(select(CVAnalysis).where(CVAnalysis.user_id == user_id))
    rewrites = await session.scalars(select(CVRewrite).where(CVRewrite.user_id == user_id))
    # (NOT IN over a column with NULLs is never true: sessions without an interview are left out of the list)
    practice_ids = select(InterviewSession.interview_id).where(InterviewSession.user_id == user_id,
                                                               InterviewSession.interview_id.is_not(None))
    other = await session.scalars(select(Interview).where(
        Interview.candidate_user_id == user_id, Interview.application_id.is_(None), Interview.id.not_in(practice_ids)))
    data = {
        "exported_at": datetime.now(UTC).isoformat(),
        "account": {"email": user.email if user else None, "full_name": user.full_name if user else None,
                    "created_at": _iso(user.created_at) if user else None},
        "applications": applications,
        "practice_interviews": await _practice(session, user_id),
        "other_interviews": [await _interview(session, i, share_scores=False) for i in other],
        "cv_analyses": [{"created_at": _iso(a.created_at), "ats_score": a.ats_score, "result": a.result}
                        for a in analyses],
        "cv_rewrites": [{"created_at": _iso(r.created_at), "style": r.style.value, "output": r.output}
                        for r in rewrites],
        "note": "The hiring companies' own evaluations are included only where a company shares its scores.",
    }
    return data, cvs


async def export_zip(session: AsyncSession, storage: Storage, user_id: uuid.UUID) -> bytes:
    data, cvs = await export_data(session, user_id)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False, default=str))
        for app_id, cand in cvs:
            if not cand.cv_storage_key:
                continue
            try:
                content = await storage.get(cand.cv_storage_key)
            except StorageError:
                continue  # gone (retention): data.json says what it was called
            name = (cand.cv_filename or "cv").replace("/", "_")
            z.writestr(f"cv/{app_id}-{name}", content)
    return buf.getvalue()
