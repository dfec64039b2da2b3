from __future__ import annotations

import logging
import uuid
from collections.abc import Hashable
from typing import Any
from urllib.parse import quote

from advanced_alchemy.filters import StatementFilter
from advanced_alchemy.repository import SQLAlchemyAsyncRepository
from advanced_alchemy.service import SQLAlchemyAsyncRepositoryService
from litestar import Response
from sqlalchemy import ColumnElement, Row, Select, bindparam, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.applications.schemas import ApplicantForm, ApplicationListItem, ApplicationOut, CandidateOut, StoredCV
from api.auth.deps import Principal
from api.common.errors import Conflict, NotFound, ServiceUnavailable
from api.common.filters import keyset
from api.common.keyset import Found, KeysetPage, keyset_page
from api.email import events as email_events
from api.screening.scoring import SCORING_METHOD
from api.screening.tasks import enqueue_screening
from api.storage.services import Storage, StorageError
from db.enums import ApplicationStatus, JobStatus
from db.models import Application, ApplicationStatusChange, Candidate, Job, Screening

logger = logging.getLogger(__name__)

S = ApplicationStatus
WORKFLOW: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    S.APPLIED: frozenset({S.SCREENING, S.REJECTED}),
    S.SCREENING: frozenset({S.SHORTLISTED, S.REJECTED}),
    S.SHORTLISTED: frozenset({S.INTERVIEW_SCHEDULED, S.REJECTED}),
    S.INTERVIEW_SCHEDULED: frozenset({S.OFFERED, S.REJECTED}),
    S.OFFERED: frozenset({S.HIRED, S.REJECTED}),
    S.REJECTED: frozenset(),
    S.HIRED: frozenset(),
}
OPEN_STATUSES = frozenset(s for s, moves in WORKFLOW.items() if moves)


def allowed_moves(status: ApplicationStatus) -> list[str]:
    return sorted(s.value for s in WORKFLOW[status])


def not_archived(include_archived: bool) -> list[ColumnElement[bool]]:
    """Archived applications (closed jobs, old: api/privacy/retention.py) leave list queries unless asked for."""
    return [] if include_archived else [Application.archived_at.is_(None)]


def visibility(principal: Principal) -> list[ColumnElement[bool]]:
    """Where-clauses limiting applications to what this user may see."""
    if principal.is_recruiter:
        return [Application.job_id.in_(select(Job.id).where(Job.company_id == principal.company_id))]
    if principal.is_candidate:
        return [Application.candidate_id.in_(select(Candidate.id).where(Candidate.user_id == principal.user_id))]
    return [Application.id.is_(None)]


class StatusHistoryService(SQLAlchemyAsyncRepositoryService[ApplicationStatusChange]):
    class Repo(SQLAlchemyAsyncRepository[ApplicationStatusChange]):
        model_type = ApplicationStatusChange

    repository_type = Repo


LIST_COLUMNS = (
    Application.id,
    Application.job_id,
    Application.status,
    Application.screening_score,
    Application.created_at,
    Application.updated_at,
    Candidate.id.label("candidate_id"),
    Candidate.full_name,
    Candidate.email,
    Candidate.phone,
    Candidate.cv_filename,
    Candidate.cv_content_type,
    # whether the score was made by this version's scoring method (None: not screened yet): one lookup by the
    # unique application_id for each row of the page
    select(Screening.scoring_method.is_not_distinct_from(SCORING_METHOD))
    .where(Screening.application_id == Application.id).scalar_subquery().label("screening_current"),
)


# a job's list, its values bound (job_id, company_id) so that its statements are built once (keyset_page's shape).
# Isolation in the same query: an uncorrelated EXISTS, evaluated once
OWNED_JOB = exists(select(Job.id).where(Job.id == bindparam("job_id"), Job.company_id == bindparam("company_id")))
JOB_LIST = {archived: select(*LIST_COLUMNS).join(Candidate, Candidate.id == Application.candidate_id)
            .where(Application.job_id == bindparam("job_id"), OWNED_JOB, *not_archived(archived))
            for archived in (False, True)}


async def list_job_applications(session: AsyncSession, job_id: uuid.UUID, recruiter: Principal,
                                 filters: list[StatementFilter], include_archived: bool
                                 ) -> KeysetPage[ApplicationListItem]:
    """A job's applications; 404 when the job is not the recruiter's company's. (A plain function of the request's
    session: the hot list path builds no service or repository.)"""
    params = {"job_id": job_id, "company_id": recruiter.company_id}
    items, found = await _list_rows(session, filters, JOB_LIST[include_archived], params=params,
                                    shape=("job applications", include_archived))
    if not items and not await session.scalar(select(OWNED_JOB), params):
        raise NotFound("job not found")
    return keyset(items, found, filters)


async def list_visible_applications(session: AsyncSession, principal: Principal, filters: list[StatementFilter],
                                    include_archived: bool) -> KeysetPage[ApplicationListItem]:
    statement = select(*LIST_COLUMNS).join(Candidate, Candidate.id == Application.candidate_id).where(
        *visibility(principal), *not_archived(include_archived))
    items, found = await _list_rows(session, filters, statement)
    return keyset(items, found, filters)


async def _list_rows(
    session: AsyncSession, filters: list[StatementFilter], statement: Select, params: dict[str, Any] | None = None,
    shape: Hashable | None = None,
) -> tuple[list[ApplicationListItem], Found]:
    """The hot list path (10,000+ applications per job): a keyset page of `statement` (LIST_COLUMNS, already
    restricted to what the caller may see; no ORM objects are built), read along the index of its sort;
    counted only when asked. `params` and `shape`: see `keyset_page`."""
    found = await keyset_page(session, statement, Application, filters, params=params, shape=shape)
    items = [
        ApplicationListItem(
            id=r.id,
            job_id=r.job_id,
            status=r.status,
            screening_score=r.screening_score,
            screening_current=r.screening_current,
            created_at=r.created_at,
            updated_at=r.updated_at,
            candidate=CandidateOut(
                id=r.candidate_id,
                full_name=r.full_name,
                email=r.email,
                phone=r.phone,
                cv_filename=r.cv_filename,
                cv_content_type=r.cv_content_type,
            ),
        )
        for r in found.rows
    ]
    return items, found


class ApplicationService(SQLAlchemyAsyncRepositoryService[Application]):
    class Repo(SQLAlchemyAsyncRepository[Application]):
        model_type = Application

    repository_type = Repo

    async def get_visible(
        self, application_id: uuid.UUID, principal: Principal, for_update: bool = False
    ) -> Application:
        statement = select(Application).with_for_update(of=Application) if for_update else None
        application = await self.get_one_or_none(
            Application.id == application_id, *visibility(principal), statement=statement
        )
        if application is None:
            raise NotFound("application not found")
        return application

    async def out(self, application: Application) -> ApplicationOut:
        """The read of one application, with whether its screening score is this version's method's."""
        current = await self.repository.session.scalar(
            select(Screening.scoring_method.is_not_distinct_from(SCORING_METHOD))
            .where(Screening.application_id == application.id))
        out = self.to_schema(application, schema_type=ApplicationOut)
        out.screening_current = current
        return out

    async def history(self, application_id: uuid.UUID, principal: Principal) -> list[ApplicationStatusChange]:
        """Every status change of an application this user may see, oldest first."""
        await self.get_visible(application_id, principal)
        history = StatusHistoryService(session=self.repository.session)
        return list(await history.get_many(ApplicationStatusChange.application_id == application_id,
                                           order_by=[(ApplicationStatusChange.id, False)]))

    async def _record(
        self,
        application: Application,
        from_status: ApplicationStatus | None,
        to_status: ApplicationStatus,
        by: uuid.UUID | None,
        reason: str | None,
    ) -> None:
        history = StatusHistoryService(session=self.repository.session)
        await history.create(
            ApplicationStatusChange(
                application_id=application.id,
                from_status=from_status,
                to_status=to_status,
                changed_by_id=by,
                reason=reason,
            )
        )

    async def open_job(self, job_id: uuid.UUID) -> uuid.UUID:
        """The company of an open job (404, 409 otherwise), read without a lock: the file goes to storage before
        any row is locked, and the locked re-check in `apply` has the last word."""
        job = (await self.repository.session.execute(select(Job.company_id, Job.status).where(Job.id == job_id))
               ).first()
        _check_open(job)
        return job.company_id  # type: ignore[union-attr]

    async def apply(self, job_id: uuid.UUID, form: ApplicantForm, cv: StoredCV, user_id: uuid.UUID | None
                    ) -> Application:
        """The rows of an application whose CV is already stored, under the job's row lock (held only for these
        few statements, never across a storage call)."""
        session = self.repository.session
        job = (await session.execute(select(Job.status).where(Job.id == job_id).with_for_update())).first()
        _check_open(job)
        duplicate = await session.scalar(
            select(func.count())
            .select_from(Application)
            .join(Candidate, Candidate.id == Application.candidate_id)
            .where(Application.job_id == job_id, func.lower(Candidate.email) == form.email.lower())
        )
        if duplicate:
            raise Conflict("an application with this email already exists for this job")
        candidate = Candidate(
            user_id=user_id,
            full_name=form.full_name.strip(),
            email=form.email.strip(),
            phone=form.phone,
            cv_storage_key=cv.key,
            cv_filename=cv.checked.filename,
            cv_content_type=cv.checked.content_type,
            # the guarded parse's text and hash (screening then needs no second parse), else the sniffer's text
            cv_text=cv.parsed.text if cv.parsed else cv.checked.text,
            cv_content_hash=cv.parsed.content_hash if cv.parsed else None,
        )
        application = Application(
            job_id=job_id, candidate=candidate, status=ApplicationStatus.APPLIED, cover_letter=form.cover_letter
        )
        application = await self.create(application)
        await self._record(application, None, ApplicationStatus.APPLIED, user_id, "applied")
        await enqueue_screening(session, application.id)  # screened in the background, in this transaction
        await email_events.application_received(session, application.id)  # the outbox, in this transaction
        return application

    async def change_status(
        self, application: Application, to_status: ApplicationStatus, by: uuid.UUID, reason: str | None
    ) -> Application:
        current = application.status
        if to_status not in WORKFLOW[current]:
            raise Conflict(
                f"an application cannot move from {current.value} to {to_status.value}",
                extra={"from": current.value, "to": to_status.value, "allowed": allowed_moves(current)},
            )
        application.status = to_status
        application = await self.update(application)
        await self._record(application, current, to_status, by, reason)
        await email_events.status_changed(self.repository.session, application.id, current, to_status)
        return application


def _check_open(job: Row | None) -> None:
    if job is None:
        raise NotFound("job not found")
    if job.status != JobStatus.OPEN:
        raise Conflict(
            f"this job does not accept applications (it is {job.status.value})",
            extra={"job_status": job.status.value},
        )


async def cv_download(storage: Storage, candidate: Candidate) -> Response[bytes]:
    """The stored CV as an attachment, exactly as it was uploaded."""
    if not candidate.cv_storage_key:
        raise NotFound("this application has no CV")
    try:
        content = await storage.get(candidate.cv_storage_key)
    except StorageError as exc:
        raise ServiceUnavailable("the file store is unavailable") from exc
    filename = (candidate.cv_filename or "cv").replace('"', "")
    return Response(
        content,
        media_type=candidate.cv_content_type or "application/octet-stream",
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename, safe='')}",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )
