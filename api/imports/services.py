"""Import batches: upload and dry run, commit (the queue job is deferred in the same transaction), status."""

from __future__ import annotations

import hashlib
import json
import uuid

import anyio
from advanced_alchemy.repository import SQLAlchemyAsyncRepository
from advanced_alchemy.service import SQLAlchemyAsyncRepositoryService
from sqlalchemy import select

from api.auth.deps import Principal
from api.common.errors import BadRequest, Conflict, NotFound
from api.imports.cvs import CVArchive, ZipError
from api.imports.manual import ManualCandidateIn, ManualCandidateOut, add_by_hand
from api.imports.mapping import FIELDS, RowError, auto_mapping, check_mapping, records
from api.imports.process import CHUNK_ROWS, Planned, Target, plan_chunk
from api.imports.reader import Sheet, SheetError, read_sheet
from api.imports.schemas import FieldOut, ImportOut, ImportPreview, PreviewCounts, RowPlan
from api.imports.tasks import enqueue_import
from api.storage.services import Storage, new_key
from db.enums import ImportStatus, JobStatus
from db.models import Application, Candidate, ImportBatch, Job

PREVIEW_ROWS = 200
MAX_PREVIEW_ERRORS = 1000
EXPORT_HEADER: list[object] = ["full_name", "email", "phone", "status", "source", "screening_score", "applied_at"]


def parse_mapping(raw: str | dict | None) -> dict[str, str | None] | None:
    if raw is None or raw == "":
        return None
    try:
        value = json.loads(raw) if isinstance(raw, str) else raw
    except json.JSONDecodeError as exc:
        raise BadRequest("mapping must be a JSON object: field → column name") from exc
    if not isinstance(value, dict) or not all(isinstance(v, str | None) for v in value.values()):
        raise BadRequest("mapping must be a JSON object: field → column name (or null)")
    return value


def _sheet_error(exc: SheetError | ZipError, what: str) -> BadRequest:
    return BadRequest(f"{what}: {exc.message}", extra={"code": exc.code})


class ImportService(SQLAlchemyAsyncRepositoryService[ImportBatch]):
    class Repo(SQLAlchemyAsyncRepository[ImportBatch]):
        model_type = ImportBatch

    repository_type = Repo

    async def get_for_company(self, batch_id: uuid.UUID, recruiter: Principal) -> ImportBatch:
        batch = await self.get_one_or_none(ImportBatch.id == batch_id, ImportBatch.company_id == recruiter.company_id)
        if batch is None:
            raise NotFound("import not found")
        return batch

    async def upload(self, job_id: uuid.UUID, recruiter: Principal, storage: Storage, *, data: bytes,
                     file_name: str, cvs: bytes | None, cvs_name: str | None,
                     mapping: dict[str, str | None] | None) -> ImportPreview:
        job = await self.repository.session.scalar(
            select(Job).where(Job.id == job_id, Job.company_id == recruiter.company_id))
        if job is None:
            raise NotFound("job not found")
        if job.status == JobStatus.CLOSED:
            raise Conflict("this job is closed: reopen it to import candidates into it")
        sheet = await self._read(data, file_name)
        if cvs is not None:
            try:
                CVArchive(cvs)
            except ZipError as exc:
                raise _sheet_error(exc, "the CVs") from exc
        mapping = self._mapping(sheet, mapping)
        company = str(recruiter.company_id)
        file_key = new_key(company, str(job_id), "imports", extension="." + sheet.kind)
        await storage.put(file_key, data, "application/octet-stream")
        zip_key = None
        if cvs is not None:
            zip_key = new_key(company, str(job_id), "imports", extension=".zip")
            await storage.put(zip_key, cvs, "application/zip")
        batch = await self.create(ImportBatch(
            company_id=recruiter.company_id, job_id=job_id, created_by_id=recruiter.user_id,
            status=ImportStatus.PREVIEW, file_name=(file_name or "upload")[:255], file_kind=sheet.kind,
            file_sha256=hashlib.sha256(data).hexdigest(), file_key=file_key, zip_name=(cvs_name or None),
            zip_key=zip_key, encoding=sheet.encoding, columns=sheet.columns, mapping=mapping,
            total_rows=len(sheet.rows)))
        return await self._preview(batch, sheet, cvs)

    async def _read(self, data: bytes, file_name: str | None) -> Sheet:
        try:
            return await anyio.to_thread.run_sync(read_sheet, data, file_name)
        except SheetError as exc:
            raise _sheet_error(exc, "the file cannot be imported") from exc

    @staticmethod
    def _mapping(sheet: Sheet, mapping: dict[str, str | None] | None) -> dict[str, str | None]:
        effective = {**auto_mapping(sheet.columns), **(mapping or {})}
        problems = check_mapping(effective, sheet.columns)
        if problems:
            raise BadRequest("the column mapping cannot be used: " + "; ".join(problems),
                             extra={"columns": sheet.columns, "mapping": effective, "problems": problems})
        return effective

    async def preview(self, batch: ImportBatch, storage: Storage, mapping: dict[str, str | None] | None
                      ) -> ImportPreview:
        sheet = await self._read(await storage.get(batch.file_key), batch.file_name)
        if mapping is not None and batch.status == ImportStatus.PREVIEW:
            batch.mapping = self._mapping(sheet, {**batch.mapping, **mapping})
            batch = await self.update(batch)
        cvs = await storage.get(batch.zip_key) if batch.zip_key else None
        return await self._preview(batch, sheet, cvs)

    async def _preview(self, batch: ImportBatch, sheet: Sheet, cvs: bytes | None) -> ImportPreview:
        """The dry run: every row planned exactly as the import job will, nothing written."""
        items = records(sheet, batch.mapping)
        archive = CVArchive(cvs) if cvs is not None else None
        target = Target(batch.company_id, batch.job_id, batch.id, batch.created_by_id, batch.file_name)
        total = Planned()
        for start in range(0, len(items), CHUNK_ROWS):
            planned = await plan_chunk(self.repository.session, target, items[start:start + CHUNK_ROWS], archive,
                                       batch.mapping.get("cv_file"))
            total.decisions += planned.decisions
            total.errors += planned.errors
        actions = [d.action for d in total.decisions]
        return ImportPreview(
            id=batch.id, job_id=batch.job_id, status=batch.status, file_name=batch.file_name,
            file_kind=batch.file_kind, encoding=batch.encoding, has_cvs=batch.zip_key is not None,
            total_rows=len(items), columns=sheet.columns, mapping=batch.mapping,
            fields=[FieldOut(name=f.name, label=f.label, required=f.required) for f in FIELDS.values()],
            counts=PreviewCounts(create=actions.count("create"), update=actions.count("update"),
                                 skip=actions.count("skip"), error=len(total.errors)),
            rows=[RowPlan(line=d.record.line, action=d.action, email=d.record.email, full_name=d.record.full_name,
                          changes=d.changes) for d in total.decisions[:PREVIEW_ROWS]],
            errors=[e.as_dict() for e in total.errors[:MAX_PREVIEW_ERRORS]],
            errors_truncated=len(total.errors) > MAX_PREVIEW_ERRORS)

    async def commit(self, batch: ImportBatch, storage: Storage, mapping: dict[str, str | None] | None
                     ) -> ImportBatch:
        """Queue the import (idempotent: committing a batch that is already queued or done changes nothing)."""
        await self.repository.session.refresh(batch, with_for_update=True)  # two clicks: one queues, one sees it
        if batch.status != ImportStatus.PREVIEW:
            return batch
        if mapping is not None:
            sheet = await self._read(await storage.get(batch.file_key), batch.file_name)
            batch.mapping = self._mapping(sheet, {**batch.mapping, **mapping})
        batch.status = ImportStatus.QUEUED
        batch = await self.update(batch)
        await enqueue_import(self.repository.session, batch.id)
        return batch


    async def job_imports(self, job_id: uuid.UUID, recruiter: Principal) -> list[ImportBatch]:
        """The job's latest 50 imports, newest first."""
        batches = await self.get_many(ImportBatch.job_id == job_id, ImportBatch.company_id == recruiter.company_id,
                                      order_by=[(ImportBatch.created_at, True)])
        return batches[:50]

    async def add_by_hand(self, recruiter: Principal, job_id: uuid.UUID, data: ManualCandidateIn, storage: Storage
                          ) -> ManualCandidateOut:
        return await add_by_hand(self.repository.session, recruiter, job_id, data, storage)

    async def applications_table(self, job_id: uuid.UUID, recruiter: Principal) -> list[list[object]]:
        """The job's candidates for the CSV export, a header row first (404 for another company's job)."""
        session = self.repository.session
        if not await session.scalar(select(Job.id).where(Job.id == job_id, Job.company_id == recruiter.company_id)):
            raise NotFound("job not found")
        result = await session.execute(
            select(Candidate.full_name, Candidate.email, Candidate.phone, Application.status, Application.source,
                   Application.screening_score, Application.created_at)
            .join(Candidate, Candidate.id == Application.candidate_id)
            .where(Application.job_id == job_id).order_by(Application.created_at))
        rows: list[list[object]] = [EXPORT_HEADER]
        rows += [[r.full_name, r.email, r.phone, r.status.value, r.source.value, r.screening_score,
                  r.created_at.isoformat()] for r in result]
        return rows


def import_out(batch: ImportBatch) -> ImportOut:
    total = batch.total_rows or 0
    return ImportOut(
        id=batch.id, job_id=batch.job_id, status=batch.status, file_name=batch.file_name, file_kind=batch.file_kind,
        total_rows=total, processed_rows=batch.processed_rows,
        progress=round(batch.processed_rows / total, 4) if total else 0.0,
        created_count=batch.created_count, updated_count=batch.updated_count, skipped_count=batch.skipped_count,
        error_count=batch.error_count, errors=batch.errors[:200], failure=batch.failure,
        created_at=batch.created_at, started_at=batch.started_at, finished_at=batch.finished_at)


__all__ = ["ImportService", "RowError", "import_out", "parse_mapping"]
