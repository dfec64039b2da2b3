"""HTTP errors with a reason. Litestar renders them as {"status_code", "detail", "extra"}."""

from __future__ import annotations

from typing import Any

from litestar.exceptions import HTTPException


class ApiError(HTTPException):
    status_code = 400

    def __init__(self, detail: str, *, extra: dict[str, Any] | None = None, status_code: int | None = None) -> None:
        super().__init__(detail=detail, extra=extra, status_code=status_code or self.status_code)


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


class ServiceUnavailable(ApiError):
    status_code = 503
