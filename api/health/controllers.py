from __future__ import annotations

import asyncio

from litestar import Request, Response, get
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from sqlalchemy.ext.asyncio import AsyncEngine

from api.health.services import database_status, livekit_status


@get(
    "/health",
    tags=["health"],
    summary="Database and LiveKit reachability (200 when both are ok, else 503)",
    cache_control=None,
    responses={503: ResponseSpec(data_container=dict[str, str], description="The database or LiveKit is unreachable",
                                 generate_examples=False)},
)
async def health(request: Request, db_engine: NamedDependency[AsyncEngine]) -> Response[dict[str, str]]:
    db, livekit = await asyncio.gather(database_status(db_engine), livekit_status(request.app.state.livekit))
    return Response({"db": db, "livekit": livekit}, status_code=200 if db == livekit == "ok" else 503)
