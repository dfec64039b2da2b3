"""The OpenAPI document, with every error status an operation can answer (issue 14, finding 11).

Clients generate SDKs from `/schema`, so an error the document does not list is one they cannot handle. The
statuses every operation shares follow from what it is made of, and `document_errors` adds them to each handler
once the app is built:

- it reads a bearer token (any of the auth dependencies): 401, and 503 while the identity provider's keys cannot
  be fetched; 403 too (an API key's scope, or an `X-Company-Id` the user is not a member of: issue 20), and 400
  (a malformed `X-Company-Id`);
- it needs a role (recruiter, candidate, member): 403;
- it takes parameters or a body: 400 (validation), and 413 for a body;
- it names a resource (path parameters, or ids in its body): 404;
- it writes (POST, PUT, PATCH, DELETE): 409 when the resource's state does not allow the change (a closed job, an
  interview that has started, a role already chosen, a reused Idempotency-Key), and 503 when the database refuses
  the commit (api/common/db.py);
- it is rate limited (api/common/ratelimit.py): 429 with Retry-After.

What only some operations answer (402, 410, 415, 422, 502, a 503 of their own) is declared on the handler
with `raises=[...]`. Every error body has the same shape: `{"status_code", "detail", "extra"}`.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable

from litestar import Litestar
from litestar.exceptions import HTTPException, ValidationException
from litestar.handlers import HTTPRouteHandler
from litestar.middleware import DefineMiddleware
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.plugins import ScalarRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme
from litestar.routes import HTTPRoute
from litestar.types import Method

BEARER = [{"BearerAuth": []}]
AUTH_DEPENDENCIES = frozenset({"optional_user", "current_user", "recruiter", "candidate", "member"})
ROLE_DEPENDENCIES = frozenset({"recruiter", "candidate", "member"})
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def documented(status: int, description: str) -> type[HTTPException]:
    """An exception class for `raises=[...]`: only its status and description are used (the document's)."""
    return type(f"Documented{status}", (HTTPException,), {"status_code": status, "detail": description})


# Litestar's own (it adds it to operations with parameters): one class per status, or the schema is a `oneOf` of
# two identical schemas, which no body can match exactly once
BAD_REQUEST = ValidationException
UNAUTHORIZED = documented(401, "No valid session token (missing, expired, forged, or for another issuer)")
FORBIDDEN = documented(403, "Signed in, but this operation is for another role (or choose a role first)")
NOT_FOUND = documented(404, "No such resource, or not one this user may see")
CONFLICT = documented(409, "The resource's state does not allow this now (`extra` says what would)")
TOO_LARGE = documented(413, "The request body is larger than this endpoint accepts")
RATE_LIMITED = documented(429, "Too many requests from this address or account: retry after `Retry-After` seconds")
UNAVAILABLE = documented(503, "A service this needs is unavailable (or the change could not be saved): retry")
# what only some operations answer, for their `raises=[...]`
PAYMENT_REQUIRED = documented(402, "The plan's limit is reached (`extra` has the limit, the usage and the reset date)")
GONE = documented(410, "The interview is over (or was cancelled): its link no longer opens a room")
INVITATION_GONE = documented(410, "The invitation was used already, withdrawn, or has expired")
UNSUPPORTED_MEDIA = documented(415, "The file is not a PDF, DOCX or plain text (judged by its content)")
UNPROCESSABLE_CV = documented(422, "The CV cannot be read (`extra.code` says why and the detail what to do)")
BAD_GATEWAY = documented(502, "The language model answered with an error")


def operation_id(route_handler: HTTPRouteHandler, http_method: Method, path_components: list) -> str:
    """Every operation is named after its handler, in camelCase (``list_interviews`` -> ``listInterviews``), so a
    generated client reads like the API; a handler may still give its own ``operation_id``."""
    head, *rest = route_handler.handler_name.split("_")
    return head + "".join(word.title() for word in rest)


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Interviewly API",
        version="0.1.0",
        description="ATS, interviews and LiveKit tokens. Authenticate with `Authorization: Bearer <session JWT>`. "
        "Every error answers `{status_code, detail, extra}`; 429 and some 503s carry `Retry-After`.",
        path="/schema",
        operation_id_creator=operation_id,
        render_plugins=[ScalarRenderPlugin(), SwaggerRenderPlugin(path="/swagger")],
        components=Components(
            security_schemes={
                "BearerAuth": SecurityScheme(
                    type="http",
                    scheme="bearer",
                    bearer_format="JWT",
                    description="Clerk session token (or the dev issuer's)",
                ),
            }
        ),
    )


# what Litestar hands a handler or dependency by name, not read from the client
RESERVED_KWARGS = frozenset({"request", "socket", "state", "scope", "headers", "cookies", "query", "body", "self"})


def _dependencies_and_inputs(handler: HTTPRouteHandler) -> tuple[set[str], bool]:
    """The dependencies a handler's signature pulls in (directly or through other dependencies), and whether any of
    them or the handler reads a parameter from the request (path, query, header, cookie or body)."""
    provided = handler.resolve_dependencies()
    seen: set[str] = set()
    todo = list(handler.parsed_fn_signature.parameters)
    reads_input = False
    while todo:
        name = todo.pop()
        if name in seen or name in RESERVED_KWARGS:
            continue
        if name not in provided:
            reads_input = True
            continue
        seen.add(name)
        try:
            parameters = inspect.signature(provided[name].dependency).parameters
        except (TypeError, ValueError):
            continue
        todo.extend(parameters)
    return seen, reads_input


def _rate_limited(handler: HTTPRouteHandler) -> bool:
    from api.common.ratelimit import RateLimitMiddleware

    return any(isinstance(m, DefineMiddleware) and m.middleware is RateLimitMiddleware
               for m in handler.resolve_middleware())


def error_statuses(route: HTTPRoute, handler: HTTPRouteHandler) -> list[type[HTTPException]]:
    dependencies, reads_input = _dependencies_and_inputs(handler)
    body = "data" in handler.parsed_fn_signature.parameters
    errors: list[type[HTTPException]] = []
    if dependencies & AUTH_DEPENDENCIES:
        errors += [UNAUTHORIZED, UNAVAILABLE, FORBIDDEN, BAD_REQUEST]
    if dependencies & ROLE_DEPENDENCIES:
        errors.append(FORBIDDEN)
    if reads_input:
        errors.append(BAD_REQUEST)
    if body:
        errors.append(TOO_LARGE)
    if body or route.path_parameters:
        errors.append(NOT_FOUND)
    if handler.http_methods & WRITES:
        errors += [CONFLICT, UNAVAILABLE]
    if _rate_limited(handler):
        errors.append(RATE_LIMITED)
    return errors


def _merge(declared: Iterable[type[HTTPException]] | None, inferred: list[type[HTTPException]]
           ) -> list[type[HTTPException]]:
    """The handler's own declarations win for a status they name (their description is the more precise)."""
    declared = list(declared or [])
    statuses = {e.status_code for e in declared}
    return declared + [e for e in dict.fromkeys(inferred) if e.status_code not in statuses]


def document_errors(app: Litestar) -> None:
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            if handler.include_in_schema:
                handler.raises = _merge(handler.raises, error_statuses(route, handler))
