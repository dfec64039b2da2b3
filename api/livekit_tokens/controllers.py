from __future__ import annotations

from litestar import Controller, Request, post
from litestar.di import NamedDependency, Provide
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import provide_optional_user
from api.common.errors import BadRequest, Forbidden, NotFound, Unauthorized
from api.common.ratelimit import public_rate_limit_unauthenticated
from api.config import Settings
from api.interviews.services import InterviewService, ensure_joinable, interview_visibility
from api.livekit_tokens.gateway import LiveKitGateway
from api.livekit_tokens.schemas import TokenOut, TokenRequest
from api.livekit_tokens.services import candidate_token, recruiter_token
from db.models import Application, Candidate, Interview


async def provide_interviews(db_session: NamedDependency[AsyncSession]) -> InterviewService:
    return InterviewService(session=db_session)


class LiveKitTokenController(Controller):
    path = "/api/livekit"
    tags = ["livekit"]
    dependencies = {"interviews_service": Provide(provide_interviews)}

    @post(
        "/token",
        status_code=HTTP_200_OK,
        middleware=[public_rate_limit_unauthenticated],
        security=[{}, {"BearerAuth": []}],
        summary="A LiveKit token for an interview room: by join_code (public) or interview_id (signed in)",
    )
    async def token(
        self,
        request: Request,
        settings: NamedDependency[Settings],
        interviews_service: NamedDependency[InterviewService],
        data: JSONBody[TokenRequest],
    ) -> TokenOut:
        if (data.interview_id is None) == (data.join_code is None):
            raise BadRequest("send exactly one of interview_id and join_code")
        livekit: LiveKitGateway = request.app.state.livekit
        session = interviews_service.repository.session
        if data.join_code is not None:
            interview = await session.scalar(
                select(Interview).where(Interview.join_code == data.join_code).with_for_update()
            )
            if interview is None:
                raise NotFound("unknown interview link")
            ensure_joinable(interview, settings)
            await interviews_service.ensure_dispatched(interview, settings, livekit)
            return candidate_token(interview, settings, await _candidate_name(session, interview))

        principal = await provide_optional_user(request, session)  # auth only on this path: join codes need none
        if principal is None:
            raise Unauthorized("sign in, or use the join_code from the interview link")
        if not (principal.is_recruiter or principal.is_candidate):
            raise Forbidden("choose a role first: POST /api/auth/set-role")
        interview = await session.scalar(
            select(Interview).where(Interview.id == data.interview_id, *interview_visibility(principal))
        )
        if interview is None:
            raise NotFound("interview not found")
        if principal.is_recruiter:
            ensure_joinable(interview, settings, early_ok=True)
            return recruiter_token(interview, principal.user_id, settings, principal.name)
        ensure_joinable(interview, settings)
        await session.refresh(interview, with_for_update=True)  # ensure_dispatched may write
        await interviews_service.ensure_dispatched(interview, settings, livekit)
        return candidate_token(interview, settings, await _candidate_name(session, interview))


async def _candidate_name(session: AsyncSession, interview: Interview) -> str | None:
    if interview.application_id is None:
        return None
    return await session.scalar(
        select(Candidate.full_name)
        .join(Application, Application.candidate_id == Candidate.id)
        .where(Application.id == interview.application_id)
    )
