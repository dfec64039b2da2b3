"""Applying, in the order that keeps a failure from leaving anything behind (issue 14, findings 2 and 10).

1. The CV is checked (type, size, zip guards) and parsed by the guarded parser, off the event loop; nothing is
   locked or written yet.
2. The job is read without a lock (404 or 409 now, before any upload), and the file is stored: the job's row lock
   is never held across a storage call, so applications do not queue behind storage latency.
3. The rows go in under the job's row lock and are committed here, not after the response is built, so that a
   failed commit is seen: then, as on any failure after the upload, the stored file is deleted again.

What can still leave a file behind is the process dying between the upload and the commit; its key starts with
the company and job ids, so a sweep can find it.
"""

from __future__ import annotations

import logging
import uuid

import anyio
from advanced_alchemy.exceptions import RepositoryError
from sqlalchemy.exc import SQLAlchemyError

from api.applications.schemas import ApplicantForm, StoredCV
from api.applications.services import ApplicationService
from api.common.errors import ServiceUnavailable, UnprocessableContent
from api.screening.cv_parser import CVParseError, ParsedCV
from api.storage.safe_parse import LIMIT_CODES, CVParserPool
from api.storage.services import Storage, StorageError, new_key
from api.storage.uploads import CheckedFile, check_cv
from db.models import Application

logger = logging.getLogger(__name__)


async def read_cv(parser: CVParserPool, content: bytes, filename: str | None, max_bytes: int
                  ) -> tuple[CheckedFile, ParsedCV | None]:
    """The checked file and its parsed text; None when the file is valid but unreadable (a scanned PDF, say: the
    application stands and its screening says why). A file beyond the parser's limits is refused (422)."""
    checked = await anyio.to_thread.run_sync(check_cv, content, filename, max_bytes)
    try:
        return checked, await parser.parse(content, checked.filename, checked.content_type)
    except CVParseError as exc:
        if exc.code in LIMIT_CODES:
            raise UnprocessableContent(exc.message, extra={"code": exc.code, "field": "cv"}) from exc
        return checked, None


async def submit_application(service: ApplicationService, storage: Storage, job_id: uuid.UUID, form: ApplicantForm,
                             content: bytes, cv: tuple[CheckedFile, ParsedCV | None], user_id: uuid.UUID | None
                             ) -> Application:
    checked, parsed = cv
    company_id = await service.open_job(job_id)
    key = new_key(str(company_id), str(job_id), extension=checked.extension)
    try:
        await storage.put(key, content, checked.content_type)
    except StorageError as exc:
        logger.error("CV upload failed", extra={"key": key, "error": str(exc)})
        raise ServiceUnavailable("the file store is unavailable; nothing was saved, please retry") from exc
    try:
        application = await service.apply(job_id, form, StoredCV(key, checked, parsed), user_id)
        await service.repository.session.commit()
    except BaseException as exc:
        await _forget(storage, key)
        if isinstance(exc, SQLAlchemyError | RepositoryError):
            cause = exc.__cause__ if isinstance(exc, RepositoryError) and exc.__cause__ else exc
            # the statement's parameters (the CV text) are not in it: the engines hide them
            logger.error("application not saved", extra={"error": f"{type(cause).__name__}: {cause}"[:1000]})
            raise ServiceUnavailable("the application could not be saved; nothing was kept, please retry") from exc
        raise
    return application


async def _forget(storage: Storage, key: str) -> None:
    # shielded: a request cancelled mid-way (the client left) still removes what it stored
    with anyio.CancelScope(shield=True):
        try:
            await storage.delete(key)
        except StorageError as exc:
            logger.error("a stored CV of a failed application was not deleted", extra={"key": key, "error": str(exc)})
