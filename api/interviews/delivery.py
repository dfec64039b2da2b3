"""Leaving delivery signals (eye contact, head pose, fluency) out of what a company that hides them is served.

Delivery signals are advisory and never part of a score (agent/delivery.py); ``companies.hide_delivery_signals``
hides them entirely. Face-in-view and multiple-face notes are integrity notes, not delivery: they stay.
"""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Company

HIDDEN = {"hidden": True}
_METRIC_FIELDS = ("eye_contact", "eye_contact_30s", "head_yaw_deg", "head_pitch_deg", "speech_rate_sps",
                  "articulation_rate_sps", "pause_count", "phonation_ratio")


async def hides_delivery(session: AsyncSession, company_id: uuid.UUID | None) -> bool:
    if company_id is None:
        return False
    return bool(await session.scalar(select(Company.hide_delivery_signals).where(Company.id == company_id)))


def _flags(flags: list[Any]) -> list[Any]:
    def name(f: Any) -> str:
        return f if isinstance(f, str) else str((f or {}).get("flag") or "")

    kept = [f for f in flags if not name(f).startswith("look_away")]
    return [{**f, "signals": {k: v for k, v in (f.get("signals") or {}).items() if "look_away" not in k}}
            if isinstance(f, dict) else f for f in kept]


def report_without_delivery(report: Any) -> Any:
    return msgspec.structs.replace(report, eye_contact_summary={}, fluency_summary={}, delivery=HIDDEN,
                                   flags=_flags(report.flags))


def score_without_delivery(score: Any) -> Any:
    signals = {k: v for k, v in (score.signals or {}).items() if k != "delivery"}
    return msgspec.structs.replace(score, eye_contact_ratio=None, fluency={}, signals={**signals, "delivery": HIDDEN})


def metric_without_delivery(metric: Any) -> Any:
    return msgspec.structs.replace(metric, **dict.fromkeys(_METRIC_FIELDS), flags=_flags(metric.flags))


def summary_without_delivery(summary: Any) -> Any:
    """Interview figures (db/aggregates.py) without eye contact or fluency; face in view stays."""
    return msgspec.structs.replace(summary, eye_contact_ratio=None, speech_rate_sps=None, articulation_rate_sps=None,
                                   phonation_ratio=None, pause_count=None)
