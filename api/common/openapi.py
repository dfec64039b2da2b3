from __future__ import annotations

from litestar.handlers import HTTPRouteHandler
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.plugins import ScalarRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme
from litestar.types import Method

BEARER = [{"BearerAuth": []}]


def operation_id(route_handler: HTTPRouteHandler, http_method: Method, path_components: list) -> str:
    """Every operation is named after its handler, in camelCase (``list_interviews`` -> ``listInterviews``), so a
    generated client reads like the API; a handler may still give its own ``operation_id``."""
    head, *rest = route_handler.handler_name.split("_")
    return head + "".join(word.title() for word in rest)


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Interviewly API",
        version="0.1.0",
        description="ATS, interviews and LiveKit tokens. Authenticate with `Authorization: Bearer <session JWT>`.",
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
