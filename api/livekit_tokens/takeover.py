"""A second join with the identity of a connected candidate is refused (issue 14, finding 7).

LiveKit lets a participant who joins with an identity already in the room replace the one there: with the join
code alone, anyone could push the real candidate out of their interview, silently. So while `candidate-<id>` is
connected, the API gives out no other candidate token for that interview: it answers 409
`candidate_already_connected`, and the page says the interview is open elsewhere. The connected page itself may
ask again (to wait in line again): it proves it is that connection by sending the token it joined with, whose
`grant` attribute is the connected participant's.

What this does not cover: a token handed out *before* the candidate connected stays valid for the interview's
length, so whoever asked for one then (with the code) can still join with it later. The code is the invitation;
sharing it shares the interview.
"""

from __future__ import annotations

import logging

from livekit import api as lk

from api.common.errors import Conflict
from api.config import Settings
from api.livekit_tokens.gateway import LiveKitGateway, LiveKitUnavailable
from api.livekit_tokens.services import GRANT_ATTRIBUTE
from db.contract import candidate_identity
from db.models import Interview

logger = logging.getLogger(__name__)


def _grant_of(token: str, settings: Settings) -> str | None:
    try:
        claims = lk.TokenVerifier(settings.livekit_api_key, settings.livekit_api_secret).verify(token)
    except Exception:  # any unreadable, forged or expired token proves nothing
        return None
    return (claims.attributes or {}).get(GRANT_ATTRIBUTE)


async def refuse_second_join(livekit: LiveKitGateway, interview: Interview, current_token: str | None,
                             settings: Settings) -> None:
    if not interview.room_name:
        return
    try:
        connected = await livekit.participant_attributes(interview.room_name, candidate_identity(interview.id))
    except LiveKitUnavailable as exc:
        # nobody reaches the room through an unreachable LiveKit either; the arrival still counts
        logger.info("could not check who is in the room", extra={"room": interview.room_name, "reason": str(exc)})
        return
    if connected is None:
        return
    grant = connected.get(GRANT_ATTRIBUTE)
    if current_token and grant and _grant_of(current_token, settings) == grant:
        return
    raise Conflict(
        "this interview is already open on another device or browser tab: continue there, or close it and try "
        "again in a few seconds",
        extra={"code": "candidate_already_connected"},
    )
