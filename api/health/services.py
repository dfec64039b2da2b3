"""The health check's probes: "ok", or "error: <why>" (never raised, so one probe's failure does not hide the
other's answer)."""

from __future__ import annotations

import asyncio

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from api.livekit_tokens.gateway import LiveKitGateway, LiveKitUnavailable


async def database_status(engine: AsyncEngine) -> str:
    try:
        async with asyncio.timeout(3):
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        return "ok"
    except Exception as exc:
        return f"error: {type(exc).__name__}"


async def livekit_status(gateway: LiveKitGateway) -> str:
    try:
        await gateway.ping()
        return "ok"
    except LiveKitUnavailable as exc:
        return f"error: {exc}"
