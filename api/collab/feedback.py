"""Team feedback: each interviewer's rating, notes and per-criterion scores (the job's scorecard, 1-5), one row per
author per interview, shown side by side. Only its author changes a row."""

from __future__ import annotations

import uuid
from statistics import fmean

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.collab.schemas import CriterionOut, FeedbackRow, MyFeedbackIn, ScorecardIn, ScorecardOut, TeamFeedbackOut
from api.common.errors import BadRequest, Forbidden, NotFound
from db.models import Application as App
from db.models import Interview, InterviewFeedback, JobScorecard, User


async def scorecard(session: AsyncSession, job_id: uuid.UUID) -> ScorecardOut:
    row = await session.scalar(select(JobScorecard).where(JobScorecard.job_id == job_id))
    return ScorecardOut(job_id=job_id, criteria=[CriterionOut(**c) for c in (row.criteria if row else [])])


async def save_scorecard(session: AsyncSession, job_id: uuid.UUID, data: ScorecardIn) -> ScorecardOut:
    names = [c.name.strip() for c in data.criteria]
    if len({n.lower() for n in names}) != len(names):
        raise BadRequest("criteria names must differ", extra={"field": "criteria"})
    criteria = [{"name": c.name.strip(), "description": c.description} for c in data.criteria]
    row = await session.scalar(select(JobScorecard).where(JobScorecard.job_id == job_id).with_for_update())
    if row is None:
        session.add(JobScorecard(job_id=job_id, criteria=criteria))
    else:
        row.criteria = criteria
    await session.flush()
    return await scorecard(session, job_id)


async def _job_of(session: AsyncSession, interview: Interview) -> uuid.UUID | None:
    if interview.application_id is None:
        return None
    return await session.scalar(select(App.job_id).where(App.id == interview.application_id))


async def save_mine(session: AsyncSession, principal: Principal, interview: Interview, data: MyFeedbackIn
                    ) -> InterviewFeedback:
    job_id = await _job_of(session, interview)
    card = await scorecard(session, job_id) if job_id else None
    allowed = {c.name for c in card.criteria} if card else set()
    unknown = sorted(set(data.scores) - allowed)
    if unknown:
        raise BadRequest("scores must name the job's scorecard criteria", extra={"field": "scores",
                                                                                 "unknown": unknown,
                                                                                 "criteria": sorted(allowed)})
    row = await session.scalar(select(InterviewFeedback).where(
        InterviewFeedback.interview_id == interview.id, InterviewFeedback.author_id == principal.user_id)
        .order_by(InterviewFeedback.created_at.desc()).limit(1).with_for_update())
    if row is None:
        row = InterviewFeedback(interview_id=interview.id, author_id=principal.user_id, rating=data.rating,
                                notes=data.notes, scores=dict(data.scores))
        session.add(row)
    else:
        row.rating, row.notes, row.scores = data.rating, data.notes, dict(data.scores)
    await session.flush()
    return row


async def own_feedback(session: AsyncSession, principal: Principal, interview_id: uuid.UUID,
                       feedback_id: uuid.UUID) -> InterviewFeedback:
    row = await session.scalar(select(InterviewFeedback).where(InterviewFeedback.id == feedback_id,
                                                               InterviewFeedback.interview_id == interview_id))
    if row is None:
        raise NotFound("feedback not found")
    if row.author_id != principal.user_id:
        raise Forbidden("feedback is changed only by its author", extra={"code": "not_author"})
    return row


async def delete_own_feedback(session: AsyncSession, principal: Principal, interview_id: uuid.UUID,
                              feedback_id: uuid.UUID) -> None:
    await session.delete(await own_feedback(session, principal, interview_id, feedback_id))


async def team_feedback(session: AsyncSession, principal: Principal, interview: Interview) -> TeamFeedbackOut:
    job_id = await _job_of(session, interview)
    criteria = (await scorecard(session, job_id)).criteria if job_id else []
    rows = (await session.execute(
        select(InterviewFeedback, User.full_name).outerjoin(User, User.id == InterviewFeedback.author_id)
        .where(InterviewFeedback.interview_id == interview.id).order_by(InterviewFeedback.created_at))).all()
    feedback = [FeedbackRow(id=f.id, author_id=f.author_id, author_name=name, rating=f.rating, notes=f.notes,
                            scores=dict(f.scores or {}), updated_at=f.updated_at,
                            mine=f.author_id == principal.user_id) for f, name in rows]
    means = {c.name: round(fmean(vals), 2) for c in criteria
             if (vals := [f.scores[c.name] for f in feedback if c.name in f.scores])}
    return TeamFeedbackOut(interview_id=interview.id, criteria=criteria, feedback=feedback, criterion_means=means,
                           mean_rating=round(fmean([f.rating for f in feedback]), 2) if feedback else None)
