"""LiveKit: least-privilege access tokens; a candidate's token is their arrival (the interviewer is sent then)."""

from __future__ import annotations

from litestar import Controller, Request, Response, post
from litestar.background_tasks import BackgroundTask
from litestar.di import NamedDependency
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import provide_optional_user
from api.common.errors import BadRequest, Forbidden, Unauthorized
from api.common.openapi import CONFLICT, FORBIDDEN, GONE, UNAUTHORIZED, UNAVAILABLE
from api.common.ratelimit import JOIN, rate_limited
from api.config import Settings
from api.interviews.services import interview_visibility
from api.interviews.tasks import dispatch_now
from api.livekit_tokens.access import candidate_arrival, hiring_team_token
from api.livekit_tokens.schemas import TokenOut, TokenRequest
from db.models import Interview


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
            token, joins_line = await candidate_arrival(request, db_session, settings, data,
                                                        Interview.join_code == data.join_code,
                                                        missing="unknown interview link")
            return _arrived(request, token, joins_line)

        principal = await provide_optional_user(request, db_session)  # auth only on this path: codes need none
        if principal is None:
            raise Unauthorized("sign in, or use the join_code from the interview link")
        if not (principal.is_recruiter or principal.is_candidate):
            raise Forbidden("choose a role first: POST /api/auth/set-role")
        visible = (Interview.id == data.interview_id, *interview_visibility(principal))
        if principal.is_recruiter:
            return Response(await hiring_team_token(db_session, principal, settings, data, *visible))
        token, joins_line = await candidate_arrival(request, db_session, settings, data, *visible,
                                                    missing="interview not found")
        return _arrived(request, token, joins_line)


def _arrived(request: Request, token: TokenOut, joins_line: bool) -> Response[TokenOut]:
    # the dispatch reads the arrival, so it runs once this request's transaction has committed
    background = BackgroundTask(dispatch_now, request.app.state.lifecycle) if joins_line else None
    return Response(token, background=background)
