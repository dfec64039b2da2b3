from __future__ import annotations

import asyncio

from litestar import Request, Response, get
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from api.livekit_tokens.gateway import LiveKitGateway, LiveKitUnavailable


@get(
    "/health",
    tags=["health"],
    summary="Database and LiveKit reachability (200 when both are ok, else 503)",
    cache_control=None,
    responses={503: ResponseSpec(data_container=dict[str, str], description="The database or LiveKit is unreachable",
                                 generate_examples=False)},
)
async def health(request: Request, db_engine: NamedDependency[AsyncEngine]) -> Response[dict[str, str]]:
    async def check_db() -> str:
        try:
            async with asyncio.timeout(3):
                async with db_engine.connect() as conn:
                    await conn.execute(text("SELECT 1"))
            return "ok"
        except Exception as exc:
            return f"error: {type(exc).__name__}"

    async def check_livekit() -> str:
        gateway: LiveKitGateway = request.app.state.livekit
        try:
            await gateway.ping()
            return "ok"
        except LiveKitUnavailable as exc:
            return f"error: {exc}"

    db_status, livekit_status = await asyncio.gather(check_db(), check_livekit())
    body = {"db": db_status, "livekit": livekit_status}
    return Response(body, status_code=200 if db_status == livekit_status == "ok" else 503)
