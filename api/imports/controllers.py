from __future__ import annotations

import csv
import io
import os
import uuid

from advanced_alchemy.extensions.litestar.providers import create_service_provider
from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody, MultipartBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_202_ACCEPTED

from api.auth.deps import Principal
from api.common.errors import PayloadTooLarge
from api.common.openapi import BEARER
from api.imports.manual import ManualCandidateIn, ManualCandidateOut
from api.imports.mapping import export_cell
from api.imports.schemas import ImportOut, ImportPreview, ImportUpload, MappingIn
from api.imports.services import ImportService, import_out, parse_mapping

provide_import_service = create_service_provider(ImportService)

MAX_FILE_BYTES = int(os.environ.get("IMPORT_MAX_FILE_BYTES") or 20 * 1024 * 1024)
MAX_ZIP_BYTES = int(os.environ.get("IMPORT_MAX_ZIP_BYTES") or 100 * 1024 * 1024)


async def _read_limited(upload, limit: int, what: str) -> bytes:
    data = await upload.read(limit + 1)
    await upload.close()
    if len(data) > limit:
        raise PayloadTooLarge(f"the {what} is larger than {limit // (1024 * 1024)} MB")
    return data


def _csv_response(rows: list[list[object]], filename: str) -> Response[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([export_cell(v) for v in row])
    return Response(buffer.getvalue().encode("utf-8-sig"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"})


class ImportController(Controller):
    path = "/api/ats/v1"
    tags = ["imports"]
    security = BEARER
    dependencies = {"imports": Provide(provide_import_service)}

    @post("/jobs/{job_id:uuid}/imports", operation_id="uploadImport", status_code=HTTP_201_CREATED,
          request_max_body_size=MAX_FILE_BYTES + MAX_ZIP_BYTES + 1024 * 1024,
          summary="Upload a CSV/XLSX (and optionally a ZIP of CVs): the dry-run preview, nothing imported yet")
    async def upload(self, request: Request, recruiter: NamedDependency[Principal],
                     imports: NamedDependency[ImportService], job_id: FromPath[uuid.UUID],
                     data: MultipartBody[ImportUpload]) -> ImportPreview:
        content = await _read_limited(data.file, MAX_FILE_BYTES, "file")
        cvs = await _read_limited(data.cvs, MAX_ZIP_BYTES, "ZIP of CVs") if data.cvs is not None else None
        return await imports.upload(job_id, recruiter, request.app.state.storage, data=content,
                                    file_name=data.file.filename, cvs=cvs,
                                    cvs_name=data.cvs.filename if data.cvs is not None else None,
                                    mapping=parse_mapping(data.mapping))

    @post("/jobs/{job_id:uuid}/candidates", operation_id="addCandidateByHand", status_code=HTTP_201_CREATED,
          summary="Add one candidate to a job by hand (screened like an applicant; 409 if already applied)")
    async def add_candidate(self, request: Request, recruiter: NamedDependency[Principal],
                            imports: NamedDependency[ImportService], job_id: FromPath[uuid.UUID],
                            data: JSONBody[ManualCandidateIn]) -> ManualCandidateOut:
        return await imports.add_by_hand(recruiter, job_id, data, request.app.state.storage)

    @get("/jobs/{job_id:uuid}/imports", operation_id="listImports", summary="A job's imports, newest first")
    async def list_imports(self, recruiter: NamedDependency[Principal], imports: NamedDependency[ImportService],
                           job_id: FromPath[uuid.UUID]) -> list[ImportOut]:
        return [import_out(b) for b in await imports.job_imports(job_id, recruiter)]

    @post("/imports/{import_id:uuid}/preview", operation_id="previewImport", status_code=200,
          summary="The dry run again, with another column mapping")
    async def preview(self, request: Request, recruiter: NamedDependency[Principal],
                      imports: NamedDependency[ImportService], import_id: FromPath[uuid.UUID],
                      data: JSONBody[MappingIn]) -> ImportPreview:
        batch = await imports.get_for_company(import_id, recruiter)
        return await imports.preview(batch, request.app.state.storage, data.mapping)

    @post("/imports/{import_id:uuid}/commit", operation_id="commitImport", status_code=HTTP_202_ACCEPTED,
          summary="Run the import on the queue (idempotent); follow it at GET /imports/{id}")
    async def commit(self, request: Request, recruiter: NamedDependency[Principal],
                     imports: NamedDependency[ImportService], import_id: FromPath[uuid.UUID],
                     data: JSONBody[MappingIn | None] = None) -> ImportOut:
        batch = await imports.get_for_company(import_id, recruiter)
        batch = await imports.commit(batch, request.app.state.storage, data.mapping if data else None)
        return import_out(batch)

    @get("/imports/{import_id:uuid}", operation_id="getImport", summary="An import's progress and outcome")
    async def get_import(self, recruiter: NamedDependency[Principal], imports: NamedDependency[ImportService],
                         import_id: FromPath[uuid.UUID]) -> ImportOut:
        return import_out(await imports.get_for_company(import_id, recruiter))

    @get("/imports/{import_id:uuid}/errors.csv", operation_id="importErrorsCsv", media_type="text/csv",
         summary="The bad rows as CSV (values that look like formulas are escaped)")
    async def errors_csv(self, recruiter: NamedDependency[Principal], imports: NamedDependency[ImportService],
                         import_id: FromPath[uuid.UUID]) -> Response[bytes]:
        batch = await imports.get_for_company(import_id, recruiter)
        rows: list[list[object]] = [["line", "column", "code", "reason", "email"]]
        rows += [[e.get("line"), e.get("column"), e.get("code"), e.get("reason"), e.get("email")]
                 for e in batch.errors]
        return _csv_response(rows, f"import-{batch.id}-errors.csv")

    @get("/jobs/{job_id:uuid}/applications.csv", operation_id="exportApplicationsCsv", media_type="text/csv",
         summary="A job's candidates as CSV (values that look like formulas are escaped)")
    async def export_csv(self, recruiter: NamedDependency[Principal], imports: NamedDependency[ImportService],
                         job_id: FromPath[uuid.UUID]) -> Response[bytes]:
        rows = await imports.applications_table(job_id, recruiter)
        return _csv_response(rows, f"job-{job_id}-candidates.csv")
