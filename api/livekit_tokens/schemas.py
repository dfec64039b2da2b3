from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec

from api.common.schemas import Input, Schema
from api.privacy.consent import ConsentIn


class TokenRequest(Input):
    """Either `interview_id` (with a bearer token: the candidate or a recruiter of the company) or `join_code`
    (no account needed: the code from the candidate's link is the capability)."""

    interview_id: uuid.UUID | None = None
    join_code: Annotated[str, msgspec.Meta(min_length=1, max_length=64)] | None = None
    # recruiters only: join visibly, camera and microphone on (default: visible in HUMAN interviews, a hidden
    # watcher in AI ones)
    as_panelist: bool | None = None
    # candidates: the LiveKit token this page already joined with, when it asks again from inside the room (to wait
    # in line again): it shows the request comes from the connected candidate, not from a second device
    current_token: Annotated[str, msgspec.Meta(max_length=4096)] | None = None
    # candidates: the consent accepted on the join page (`version` and `scopes` from the link's `consent`); needed
    # once per interview before any candidate token (api/privacy/consent.py)
    consent: ConsentIn | None = None


class TokenOut(Schema):
    token: str
    url: str
    room: str
    identity: str
    expires_at: datetime
    # False: the candidate declined video analysis; the token publishes the microphone only (audio interview)
    camera: bool = True
