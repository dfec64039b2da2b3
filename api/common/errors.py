"""HTTP errors with a reason. Litestar renders them as {"status_code", "detail", "extra"}."""

from __future__ import annotations

import logging
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException


class ApiError(HTTPException):
    status_code = 400

    def __init__(self, detail: str, *, extra: dict[str, Any] | None = None, status_code: int | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail=detail, extra=extra, status_code=status_code or self.status_code, headers=headers)


class BadRequest(ApiError):
    status_code = 400


class Unauthorized(ApiError):
    status_code = 401

    def __init__(self, detail: str = "authentication required", **kwargs: Any) -> None:
        super().__init__(detail, **kwargs)
        self.headers = {"WWW-Authenticate": 'Bearer realm="interviewly"'}


class Forbidden(ApiError):
    status_code = 403


class NotFound(ApiError):
    status_code = 404

    def __init__(self, detail: str = "not found", **kwargs: Any) -> None:
        super().__init__(detail, **kwargs)


class Conflict(ApiError):
    status_code = 409


class Gone(ApiError):
    status_code = 410


class PayloadTooLarge(ApiError):
    status_code = 413


class UnsupportedMedia(ApiError):
    status_code = 415


class UnprocessableContent(ApiError):
    status_code = 422


class ServiceUnavailable(ApiError):
    status_code = 503


def undecodable_body_handler(request: Request, exc: UnicodeDecodeError) -> Response:
    """Litestar's multipart parser decodes a non-file part as UTF-8 and lets the error escape (a 500); it is the
    client's bad input, so answer 400 with the reason."""
    return Response(
        {"status_code": 400, "detail": "a form field is not valid UTF-8 text (send files as file parts)"},
        status_code=400,
    )


EXCEPTION_HANDLERS = {UnicodeDecodeError: undecodable_body_handler}


def log_unexpected(exc: Exception, scope: Any) -> None:
    """after_exception hook: log what became a 5xx (client errors are answered, not logged as errors)."""
    from advanced_alchemy.exceptions import DuplicateKeyError, ForeignKeyError, IntegrityError, NotFoundError

    if isinstance(exc, HTTPException) and exc.status_code < 500:
        return
    if isinstance(exc, ApiError):  # a 5xx we answer on purpose (a service down, LLM not configured): said where raised
        return
    if isinstance(exc, (*EXCEPTION_HANDLERS, NotFoundError, DuplicateKeyError, ForeignKeyError, IntegrityError)):
        return
    logging.getLogger("api").error("unhandled error", exc_info=exc, extra={"path": scope.get("path")})
