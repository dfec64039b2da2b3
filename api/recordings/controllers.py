"""The hiring team's access to recordings: a fresh short-lived link per request, and (local folder backend) the
file itself behind that link's signature. No link is public or outlives RECORDING_URL_SECONDS."""

from __future__ import annotations

import re
import uuid

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery
from litestar.response import Stream
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.common.errors import Forbidden, NotFound
from api.common.openapi import BEARER
from api.config import Settings
from api.interviews.controllers import provide_interview_service
from api.interviews.services import InterviewService
from api.recordings.links import LINK_PATH, LinkSigner
from api.recordings.schemas import RecordingOut
from api.recordings.services import recording_view
from api.storage.services import FileStorage, LocalStorage, StorageKeyError

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 256 * 1024


class RecordingController(Controller):
    path = "/api/ats/v1"
    tags = ["recordings"]
    security = BEARER
    dependencies = {"interviews_service": Provide(provide_interview_service)}

    @get("/interviews/{interview_id:uuid}/recording", operation_id="getInterviewRecording",
         summary="The interview's recording: status, where it sits on the report's timeline, and a short-lived "
                 "link to play it (404 when the interview was not recorded)")
    async def get_recording(self, request: Request, recruiter: NamedDependency[Principal],
                            interviews_service: NamedDependency[InterviewService],
                            db_session: NamedDependency[AsyncSession], settings: NamedDependency[Settings],
                            interview_id: FromPath[uuid.UUID]) -> RecordingOut:
        interview = await interviews_service.get_visible(interview_id, recruiter)
        storage: FileStorage = request.app.state.recording_storage
        out = await recording_view(db_session, storage, settings, interview)
        if out is None:
            raise NotFound("this interview has no recording")
        return out


def _byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    match = _RANGE.match(header or "")
    if not match or (not match[1] and not match[2]):
        return None
    if not match[1]:
        return max(0, size - int(match[2])), size - 1
    start = int(match[1])
    return start, min(size - 1, int(match[2])) if match[2] else size - 1


def _chunks(path, start: int, end: int):  # type: ignore[no-untyped-def]
    with open(path, "rb") as f:
        f.seek(start)
        left = end - start + 1
        while left > 0:
            data = f.read(min(CHUNK, left))
            if not data:
                return
            left -= len(data)
            yield data


@get(f"{LINK_PATH}/{{key:path}}", include_in_schema=False, sync_to_thread=True)
def serve_signed_recording(request: Request, key: FromPath[str], expires: FromQuery[str | None] = None,
                           signature: FromQuery[str | None] = None) -> Response | Stream:
    """The local backend's signed links (S3 links go to the store). Ranges served, so the player can seek."""
    storage = request.app.state.recording_storage
    if not isinstance(storage, LocalStorage) or storage.signer is None:
        raise NotFound("no such file")
    key = key.lstrip("/")
    signer: LinkSigner = storage.signer  # type: ignore[assignment]
    why = signer.check(key, expires, signature)
    if why is not None:
        raise Forbidden(why)
    try:
        path = storage.file_path(key)
        size = path.stat().st_size
    except (StorageKeyError, FileNotFoundError) as exc:
        raise NotFound("no such file") from exc
    headers = {"Accept-Ranges": "bytes", "Cache-Control": "private, no-store", "Content-Type": "video/mp4"}
    rng = _byte_range(request.headers.get("range"), size)
    if rng is None:
        return Stream(_chunks(path, 0, size - 1), headers={**headers, "Content-Length": str(size)})
    start, end = rng
    if start >= size or start > end:
        return Response(b"", status_code=416, headers={"Content-Range": f"bytes */{size}"})
    return Stream(_chunks(path, start, end), status_code=206, headers={
        **headers, "Content-Range": f"bytes {start}-{end}/{size}", "Content-Length": str(end - start + 1)})
