"""Erasure of a candidate: a queued, idempotent job.

A recruiter (their company's data about the person) or the candidate (everything of their account) asks; the API
stores an `erasure_requests` row and defers the job in the same transaction. The job fixes who is covered (the
target), then runs each eraser of api/privacy/erasers.py in its own transaction together with the record that it
ran: a job killed half-way is put back by api/queue/stalled.py and resumes at the first eraser not done; a second
request for the same person while one is open returns that one. The last transaction leaves the anonymous
tombstone: the request with ids and counts (no email), an ERASE row in the audit trail, and the webhook hook.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.privacy import hooks
from api.privacy.erasers import ERASERS, ErasureContext, Target
from api.queue.app import defer_in_transaction
from api.storage.services import Storage
from db.enums import InterviewStatus
from db.models import Application, AuditEvent, Candidate, ErasureRequest, Interview, Job, User

logger = logging.getLogger(__name__)

QUEUE = "privacy"
TASK_NAME = "privacy:erase"


@dataclass
class PrivacyRuntime:
    sessionmaker: async_sessionmaker
    storage: Storage
    settings: Any
    # seconds between erasers: 0 in production; a crash test sets it (ERASURE_STEP_PAUSE_SECONDS) to kill mid-way
    step_pause_seconds: float = 0.0


class InterviewRunning(Exception):
    """An interview of theirs is in progress: the agent is still writing it (erase once it is over)."""


async def _running(session: AsyncSession, candidate_id: uuid.UUID | None, user_id: uuid.UUID | None) -> bool:
    """Any interview of the person (their candidate rows by id, account or email) in progress."""
    if user_id is not None:
        email = select(func.lower(User.email)).where(User.id == user_id).scalar_subquery()
        people = select(Candidate.id).where(or_(Candidate.user_id == user_id, func.lower(Candidate.email) == email))
        theirs = or_(Interview.candidate_user_id == user_id, Interview.application_id.in_(
            select(Application.id).where(Application.candidate_id.in_(people))))
    else:
        email = select(func.lower(Candidate.email)).where(Candidate.id == candidate_id).scalar_subquery()
        people = select(Candidate.id).where(or_(Candidate.id == candidate_id, func.lower(Candidate.email) == email))
        theirs = Interview.application_id.in_(select(Application.id).where(Application.candidate_id.in_(people)))
    found = await session.scalar(select(Interview.id).where(Interview.status == InterviewStatus.IN_PROGRESS, theirs)
                                 .limit(1))
    return found is not None


async def request_erasure(session: AsyncSession, *, scope: str, requested_by: uuid.UUID, company_id: uuid.UUID | None,
                          candidate_id: uuid.UUID | None = None, user_id: uuid.UUID | None = None) -> ErasureRequest:
    """The open request for this person, or a new one with its job deferred in the caller's transaction. Raises
    InterviewRunning while one of their interviews is in progress."""
    if await _running(session, candidate_id, user_id):
        raise InterviewRunning()
    key = ErasureRequest.candidate_id == candidate_id if scope == "company" else ErasureRequest.user_id == user_id
    existing = await session.scalar(select(ErasureRequest).where(key, ErasureRequest.scope == scope,
                                                                 ErasureRequest.status == "PENDING").limit(1))
    if existing is not None:
        return existing
    request = ErasureRequest(id=uuid.uuid4(), scope=scope, company_id=company_id, candidate_id=candidate_id,
                             user_id=user_id, requested_by_id=requested_by, status="PENDING", steps={})
    session.add(request)
    await session.flush()
    await defer_in_transaction(session, queue=QUEUE, task=TASK_NAME, args={"request_id": str(request.id)},
                               lock=f"erasure:{request.id}")
    return request


async def _company_target(session: AsyncSession, request: ErasureRequest) -> Target:
    """The person as this company knows them: every candidate row of theirs in the company (same email)."""
    email = await session.scalar(select(func.lower(Candidate.email)).where(Candidate.id == request.candidate_id))
    in_company = (select(Application.candidate_id).join(Job, Job.id == Application.job_id)
                  .where(Job.company_id == request.company_id))
    candidate_ids = set((await session.scalars(select(Candidate.id).where(
        Candidate.id.in_(in_company), or_(Candidate.id == request.candidate_id,
                                          func.lower(Candidate.email) == email)))).all())
    apps = (await session.scalars(select(Application.id).join(Job, Job.id == Application.job_id).where(
        Application.candidate_id.in_(candidate_ids), Job.company_id == request.company_id))).all()
    interviews = (await session.scalars(select(Interview.id).where(Interview.application_id.in_(apps)))).all()
    return Target(scope="company", company_id=request.company_id, user_id=None, candidate_ids=sorted(candidate_ids),
                  application_ids=list(apps), interview_ids=list(interviews), emails=[email] if email else [])


async def _account_target(session: AsyncSession, request: ErasureRequest) -> Target:
    """Everything of the account: its candidate rows everywhere (linked, or with its email), practice included."""
    email = await session.scalar(select(func.lower(User.email)).where(User.id == request.user_id))
    match = [Candidate.user_id == request.user_id] + ([func.lower(Candidate.email) == email] if email else [])
    candidate_ids = list((await session.scalars(select(Candidate.id).where(or_(*match)))).all())
    apps = list((await session.scalars(select(Application.id).where(
        Application.candidate_id.in_(candidate_ids)))).all())
    interviews = (await session.scalars(select(Interview.id).where(or_(
        Interview.application_id.in_(apps), Interview.candidate_user_id == request.user_id)))).all()
    emails = sorted({e for e in [email, *(await session.scalars(select(func.lower(Candidate.email)).where(
        Candidate.id.in_(candidate_ids)))).all()] if e})
    return Target(scope="account", company_id=None, user_id=request.user_id, candidate_ids=candidate_ids,
                  application_ids=apps, interview_ids=list(interviews), emails=emails)


async def _locked(session: AsyncSession, request_id: uuid.UUID) -> ErasureRequest | None:
    return await session.scalar(select(ErasureRequest).where(ErasureRequest.id == request_id).with_for_update()
                                .execution_options(populate_existing=True))


async def _fix_target(runtime: PrivacyRuntime, request_id: uuid.UUID) -> Target | None:
    async with runtime.sessionmaker() as session, session.begin():
        request = await _locked(session, request_id)
        if request is None or request.status == "DONE":
            return None
        if request.target is None:
            resolve = _company_target if request.scope == "company" else _account_target
            request.target = (await resolve(session, request)).as_json()
        return Target.from_json(request.target)


async def run_erasure(runtime: PrivacyRuntime, request_id: uuid.UUID) -> str:
    """Run what is left of one erasure. Returns its status."""
    target = await _fix_target(runtime, request_id)
    if target is None:
        return "DONE"
    for name, eraser in ERASERS:
        async with runtime.sessionmaker() as session, session.begin():
            request = await _locked(session, request_id)
            assert request is not None
            if name in request.steps:
                continue
            count = await eraser(ErasureContext(session, runtime.storage, target,
                                                extra={"settings": runtime.settings}))
            request.steps = {**request.steps, name: count}
        logger.info("erasure %s: %s done (%d)", request_id, name, count)
        if runtime.step_pause_seconds:
            await asyncio.sleep(runtime.step_pause_seconds)
    await _finish(runtime, request_id, target)
    return "DONE"


async def _finish(runtime: PrivacyRuntime, request_id: uuid.UUID, target: Target) -> None:
    async with runtime.sessionmaker() as session, session.begin():
        request = await _locked(session, request_id)
        if request is None or request.status == "DONE":
            return
        counts = {"candidates": len(target.candidate_ids), "applications": len(target.application_ids),
                  "interviews": len(target.interview_ids)}
        # the tombstone keeps ids and counts; the emails it needed are dropped with it
        request.target = {**{k: v for k, v in target.as_json().items() if k != "emails"}, "counts": counts}
        request.status, request.completed_at = "DONE", datetime.now(UTC)
        for app_id in target.application_ids or [None]:
            session.add(AuditEvent(actor=f"user:{request.requested_by_id}" if request.requested_by_id else "system",
                                   actor_user_id=request.requested_by_id, company_id=target.company_id,
                                   application_id=app_id, entity="candidate", entity_id=str(request.candidate_id or
                                                                                            request.user_id),
                                   action="ERASE", before=None, after={"erasure_id": str(request.id),
                                                                       "scope": request.scope, "steps": request.steps,
                                                                       **counts}))
        payload = {"erasure_id": str(request.id), "candidate_id": _str(request.candidate_id),
                   "scope": request.scope, **counts}
        await hooks.candidate_erased(session, request, payload)


def _str(v: uuid.UUID | None) -> str | None:
    return str(v) if v else None
