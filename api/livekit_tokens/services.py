"""Least-privilege LiveKit access tokens.

candidate-<interview_id>: joins only that room (each token carries its own `grant` attribute: see
    api/livekit_tokens/takeover.py), publishes camera and microphone only, subscribes (to hear the
    interviewer), no data publishing, cannot change its own metadata.
recruiter-<user_id>: hidden, subscribe-only (receives tracks and the agent's data messages), publishes nothing.
panelist-<user_id>: a visible interviewer from the hiring team (HUMAN interviews): camera and microphone.
TTL: the interview's length plus a margin.
"""

from __future__ import annotations

import json
import secrets
import uuid
from datetime import UTC, datetime, timedelta

from livekit import api as lk

from api.config import Settings
from api.livekit_tokens.schemas import TokenOut
from db.contract import PANELIST_PREFIX, RECRUITER_PREFIX, candidate_identity
from db.models import Interview

# a candidate token's own id, seen in the connected participant's attributes (takeover.py)
GRANT_ATTRIBUTE = "grant"


def _ttl(interview: Interview, settings: Settings) -> timedelta:
    return timedelta(minutes=interview.duration_minutes + settings.token_ttl_margin_minutes)


def _finish(token: lk.AccessToken, interview: Interview, identity: str, settings: Settings) -> TokenOut:
    ttl = _ttl(interview, settings)
    expires_at = datetime.now(UTC).replace(microsecond=0) + ttl
    return TokenOut(
        token=token.with_ttl(ttl).to_jwt(),
        url=settings.livekit_url,
        room=interview.room_name or "",
        identity=identity,
        expires_at=expires_at,
    )


def _issue(
    interview: Interview, settings: Settings, *, identity: str, name: str, role: str,
    attributes: dict[str, str] | None = None, **grants: object
) -> TokenOut:
    """A token for this interview's room only; what differs between roles is in `grants`."""
    info = {"role": role, "interview_id": str(interview.id)}
    token = (
        lk.AccessToken(settings.livekit_api_key, settings.livekit_api_secret)
        .with_identity(identity)
        .with_name(name)
        .with_metadata(json.dumps(info))
        .with_attributes({**info, **(attributes or {})})
        .with_grants(
            lk.VideoGrants(
                room_join=True,
                room=interview.room_name or "",
                can_subscribe=True,
                can_publish_data=False,
                can_update_own_metadata=False,
                **grants,
            )
        )
    )
    return _finish(token, interview, identity, settings)


def candidate_token(interview: Interview, settings: Settings, name: str | None = None, *, camera: bool = True
                    ) -> TokenOut:
    """camera=False: the candidate declined video analysis, and LiveKit itself refuses a camera track from them."""
    out = _issue(interview, settings, identity=candidate_identity(interview.id), name=name or "Candidate",
                 role="candidate", attributes={GRANT_ATTRIBUTE: secrets.token_urlsafe(12)}, can_publish=True,
                 can_publish_sources=["camera", "microphone"] if camera else ["microphone"])
    out.camera = camera
    return out


def recruiter_token(interview: Interview, user_id: uuid.UUID, settings: Settings, name: str | None = None) -> TokenOut:
    # hidden and subscribe-only: the candidate never sees who watches
    return _issue(interview, settings, identity=f"{RECRUITER_PREFIX}{user_id}", name=name or "Recruiter",
                  role="recruiter", hidden=True, can_publish=False)


def panelist_token(interview: Interview, user_id: uuid.UUID, settings: Settings, name: str | None = None) -> TokenOut:
    return _issue(interview, settings, identity=f"{PANELIST_PREFIX}{user_id}", name=name or "Interviewer",
                  role="panelist", can_publish=True, can_publish_sources=["camera", "microphone"])
