"""The interview a token is asked for, read and locked, and what asking does: the hiring team's token, or the
candidate's arrival (consent on record, the interview in line). Kept apart from services.py (the token builders),
which takeover.py imports."""

from __future__ import annotations

from litestar import Request
from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.common.errors import NotFound
from api.config import Settings
from api.interviews.lifecycle import arrive, ensure_joinable
from api.livekit_tokens.schemas import TokenOut, TokenRequest
from api.livekit_tokens.services import candidate_token, panelist_token, recruiter_token
from api.livekit_tokens.takeover import refuse_second_join
from api.privacy.consent import record_or_require
from db.enums import InterviewKind
from db.models import Application, Candidate, Interview


async def hiring_team_token(session: AsyncSession, principal: Principal, settings: Settings, data: TokenRequest,
                            *where: ColumnElement[bool]) -> TokenOut:
    # read without a row lock: this path writes nothing, and a lock would queue every watcher of one interview
    # behind each other (and behind the candidate's arrival) for no change in what they are given
    interview = await session.scalar(select(Interview).where(*where))
    if interview is None:
        raise NotFound("interview not found")
    ensure_joinable(interview, settings, early_ok=True)
    # in a HUMAN interview the recruiter is the interviewer (visible); otherwise a hidden watcher
    visible = interview.kind == InterviewKind.HUMAN if data.as_panelist is None else data.as_panelist
    if visible:
        return panelist_token(interview, principal.user_id, settings, principal.name)
    return recruiter_token(interview, principal.user_id, settings, principal.name)


async def _candidates_interview(request: Request, session: AsyncSession, data: TokenRequest,
                                *where: ColumnElement[bool]) -> Interview | None:
    """The interview a candidate token is asked for, locked; a second join while the candidate is connected is
    refused first (takeover.py), without the lock: LiveKit is never called while the row is held."""
    found = await session.scalar(select(Interview).where(*where))
    if found is None:
        return None
    await refuse_second_join(request.app.state.livekit, found, data.current_token, request.app.state.settings)
    return await session.scalar(
        select(Interview).where(Interview.id == found.id).with_for_update().execution_options(populate_existing=True)
    )


async def _candidate_name(session: AsyncSession, interview: Interview) -> str | None:
    if interview.application_id is None:
        return None
    return await session.scalar(
        select(Candidate.full_name)
        .join(Application, Application.candidate_id == Candidate.id)
        .where(Application.id == interview.application_id)
    )


async def candidate_arrival(request: Request, session: AsyncSession, settings: Settings, data: TokenRequest,
                            *where: ColumnElement[bool], missing: str) -> tuple[TokenOut, bool]:
    """The candidate's token, and whether this arrival put the interview in line (404 `missing` when no interview
    matches)."""
    interview = await _candidates_interview(request, session, data, *where)
    if interview is None:
        raise NotFound(missing)
    ensure_joinable(interview, settings)
    # no consent on record, no token (and none of the arrival below happens: the refusal rolls it all back)
    await record_or_require(session, request, interview, data.consent, settings.consent_text)
    joins_line = arrive(interview)
    # declining video analysis makes an AI interview audio only; people interviewing still see the candidate (the
    # note-taker then leaves the camera alone)
    audio_only = interview.video_analysis_off_reason == "declined" and interview.kind == InterviewKind.AI
    token = candidate_token(interview, settings, await _candidate_name(session, interview), camera=not audio_only)
    return token, joins_line
