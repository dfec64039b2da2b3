"""The join page's consent, as a test sends it with a candidate token request (api/privacy/consent.py)."""

from __future__ import annotations

from typing import Any

from api.config import DEFAULT_CONSENT_TEXT
from api.privacy.consent import AI_INTERVIEWER, VIDEO_ANALYSIS, Offer

# what a company that does not record offers with the default text: the interviewer, and (optional) video analysis
DEFAULT_OFFER = Offer(DEFAULT_CONSENT_TEXT, (AI_INTERVIEWER, VIDEO_ANALYSIS), None)


def consent(*, video: bool = True, offer: Offer = DEFAULT_OFFER) -> dict[str, Any]:
    return {"version": offer.version, "scopes": [AI_INTERVIEWER, *([VIDEO_ANALYSIS] if video else [])]}


async def accepted(client: Any, code: str, *, video: bool = True, **extra: Any) -> dict[str, Any]:
    """A token request by join code accepting what the join page offers for this interview (any kind)."""
    offer = (await client.get(f"/api/interview-links/{code}")).json()["consent"]
    scopes = [s["scope"] for s in offer["scopes"] if s["required"] or (video and s["scope"] == VIDEO_ANALYSIS)]
    return {"join_code": code, "consent": {"version": offer["version"], "scopes": scopes}, **extra}


def join_body(code: str, **extra: Any) -> dict[str, Any]:
    """A candidate's token request by join code, with the consent accepted."""
    return {"join_code": code, "consent": consent(), **extra}
