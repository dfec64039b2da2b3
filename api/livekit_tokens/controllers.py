"""LiveKit: least-privilege access tokens; a candidate's token is their arrival (the interviewer is sent then)."""

from __future__ import annotations

from litestar import Controller, Request, Response, post
from litestar.background_tasks import BackgroundTask
from litestar.di import NamedDependency
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK
from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal, provide_optional_user
from api.common.errors import BadRequest, Forbidden, NotFound, Unauthorized
from api.common.openapi import CONFLICT, FORBIDDEN, GONE, UNAUTHORIZED, UNAVAILABLE
from api.common.ratelimit import JOIN, rate_limited
from api.config import Settings
from api.interviews.lifecycle import arrive, ensure_joinable
from api.interviews.services import interview_visibility
from api.interviews.tasks import dispatch_now
from api.livekit_tokens.schemas import TokenOut, TokenRequest
from api.livekit_tokens.services import candidate_token, panelist_token, recruiter_token
from api.livekit_tokens.takeover import refuse_second_join
from api.privacy.consent import record_or_require
from db.enums import InterviewKind
from db.models import Application, Candidate, Interview


class LiveKitTokenController(Controller):
    path = "/api/livekit"
    tags = ["livekit"]

    @post(
        "/token",
        status_code=HTTP_200_OK,
        middleware=[rate_limited(JOIN)],
        security=[{}, {"BearerAuth": []}],
        # auth is read in the handler (a join code needs none); 409: not open yet, or open on another device
        raises=[UNAUTHORIZED, FORBIDDEN, CONFLICT, GONE, UNAVAILABLE],
        summary="A LiveKit token for an interview room: by join_code (public) or interview_id (signed in). A "
        "candidate's token inside the join window is their arrival: the interviewer is sent to the room then.",
    )
    async def room_token(
        self,
        request: Request,
        settings: NamedDependency[Settings],
        db_session: NamedDependency[AsyncSession],
        data: JSONBody[TokenRequest],
    ) -> Response[TokenOut]:
        if (data.interview_id is None) == (data.join_code is None):
            raise BadRequest("send exactly one of interview_id and join_code")
        if data.join_code is not None:
            interview = await _candidates_interview(request, db_session, data, Interview.join_code == data.join_code)
            if interview is None:
                raise NotFound("unknown interview link")
            return await _candidate_arrives(request, db_session, interview, settings, data)

        principal = await provide_optional_user(request, db_session)  # auth only on this path: codes need none
        if principal is None:
            raise Unauthorized("sign in, or use the join_code from the interview link")
        if not (principal.is_recruiter or principal.is_candidate):
            raise Forbidden("choose a role first: POST /api/auth/set-role")
        visible = (Interview.id == data.interview_id, *interview_visibility(principal))
        if principal.is_recruiter:
            interview = await db_session.scalar(select(Interview).where(*visible).with_for_update())
            if interview is None:
                raise NotFound("interview not found")
            return Response(_hiring_team_token(interview, principal, settings, data.as_panelist))
        interview = await _candidates_interview(request, db_session, data, *visible)
        if interview is None:
            raise NotFound("interview not found")
        return await _candidate_arrives(request, db_session, interview, settings, data)


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


def _hiring_team_token(interview: Interview, principal: Principal, settings: Settings, as_panelist: bool | None
                       ) -> TokenOut:
    ensure_joinable(interview, settings, early_ok=True)
    # in a HUMAN interview the recruiter is the interviewer (visible); otherwise a hidden watcher
    visible = interview.kind == InterviewKind.HUMAN if as_panelist is None else as_panelist
    if visible:
        return panelist_token(interview, principal.user_id, settings, principal.name)
    return recruiter_token(interview, principal.user_id, settings, principal.name)


async def _candidate_arrives(request: Request, session: AsyncSession, interview: Interview, settings: Settings,
                             data: TokenRequest) -> Response[TokenOut]:
    ensure_joinable(interview, settings)
    # no consent on record, no token (and none of the arrival below happens: the refusal rolls it all back)
    await record_or_require(session, request, interview, data.consent, settings.consent_text)
    joins_line = arrive(interview)
    # declining video analysis makes an AI interview audio only; people interviewing still see the candidate (the
    # note-taker then leaves the camera alone)
    audio_only = interview.video_analysis_off_reason == "declined" and interview.kind == InterviewKind.AI
    token = candidate_token(interview, settings, await _candidate_name(session, interview), camera=not audio_only)
    # the dispatch reads the arrival, so it runs once this request's transaction has committed
    background = BackgroundTask(dispatch_now, request.app.state.lifecycle) if joins_line else None
    return Response(token, background=background)


async def _candidate_name(session: AsyncSession, interview: Interview) -> str | None:
    if interview.application_id is None:
        return None
    return await session.scalar(
        select(Candidate.full_name)
        .join(Application, Application.candidate_id == Candidate.id)
        .where(Application.id == interview.application_id)
    )
