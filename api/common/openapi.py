from __future__ import annotations

from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.plugins import ScalarRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme

BEARER = [{"BearerAuth": []}]


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Interviewly API",
        version="0.1.0",
        description="ATS, interviews and LiveKit tokens. Authenticate with `Authorization: Bearer <session JWT>`.",
        path="/schema",
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
