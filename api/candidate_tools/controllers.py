"""Candidate tools (CANDIDATE role): CV analyzer, CV rewriter, career coach chat, mock interviews, plan."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from typing import Annotated, Any, TypeVar

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency, Provide
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, JSONBody
from litestar.response import ServerSentEvent, ServerSentEventMessage
from litestar.status_codes import HTTP_201_CREATED
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.candidate_tools.coach import coach_messages
from api.candidate_tools.llm import NOT_CONFIGURED, LLMClient, LLMError, LLMNotConfigured, LLMSettings
from api.candidate_tools.plans import PlanLimitReached, PlanUsage
from api.candidate_tools.schemas import (
    AnalysisOut,
    AnalyzeForm,
    CoachChatIn,
    MockInterviewIn,
    MockInterviewOut,
    PlanOut,
    RewriteIn,
    RewriteOut,
)
from api.candidate_tools.services import CandidateTools
from api.common.errors import ApiError, BadRequest, ServiceUnavailable
from api.common.openapi import BAD_GATEWAY, BEARER, PAYMENT_REQUIRED, UNPROCESSABLE_CV
from api.common.ratelimit import COACH, CV_ANALYSIS, CV_REWRITE, MOCK_INTERVIEW, rate_limited
from api.config import Settings
from api.screening.cv_parser import CVParseError, ParsedCV
from api.storage.safe_parse import CVParserPool, parse_pasted
from db.models import CVAnalysis, CVRewrite, Interview, InterviewSession

LLM_SETTINGS = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "LLM_MODEL"]
MAX_CV_UPLOAD = 5 * 1024 * 1024
ANALYZE_MAX_BODY = 8 * 1024 * 1024


class PaymentRequired(ApiError):
    status_code = 402


class UnprocessableCV(ApiError):
    status_code = 422


class BadGateway(ApiError):
    status_code = 502


def llm_client() -> LLMClient:
    """Read per request, so setting the environment and restarting is all it takes."""
    return LLMClient(LLMSettings.from_env())


def _llm_unavailable() -> ServiceUnavailable:
    return ServiceUnavailable(NOT_CONFIGURED, extra={"settings": LLM_SETTINGS})


def _plan_out(u: PlanUsage) -> PlanOut:
    return _from_row(u, PlanOut, mock_interviews_remaining=u.remaining)


def _cv_error(exc: CVParseError) -> UnprocessableCV:
    return UnprocessableCV(exc.message, extra={"code": exc.code, "field": "cv"})


S = TypeVar("S")


def _from_row(row: Any, schema: type[S], **extra: Any) -> S:
    """The schema's fields read from the row's attributes of the same names, and `extra` for the rest."""
    return schema(**{name: getattr(row, name) for name in schema.__struct_fields__ if name not in extra}, **extra)


def _analysis_out(row: CVAnalysis, cached: bool) -> AnalysisOut:
    return _from_row(row, AnalysisOut, cached=cached)


def _rewrite_out(row: CVRewrite, cached: bool) -> RewriteOut:
    return _from_row(row, RewriteOut, cached=cached)


def _mock_out(
    practice: InterviewSession,
    interview: Interview | None,
    settings: NamedDependency[Settings],
    plan: PlanUsage | None = None,
) -> MockInterviewOut:
    join_url = (
        f"{settings.public_base_url}/interview/{interview.join_code}"
        if interview is not None and interview.join_code
        else None
    )
    return MockInterviewOut(
        id=practice.id,
        interview_id=practice.interview_id,
        target_role=practice.target_role,
        status=interview.status if interview else None,
        join_url=join_url,
        room_name=interview.room_name if interview else None,
        scheduled_at=interview.scheduled_at if interview else None,
        duration_minutes=interview.duration_minutes if interview else None,
        feedback=practice.feedback,
        created_at=practice.created_at,
        plan=_plan_out(plan) if plan else None,
    )


def provide_tools(candidate: NamedDependency[Principal], db_session: NamedDependency[AsyncSession]
                  ) -> CandidateTools:
    return CandidateTools(db_session, candidate.user_id)


def _plan_limit(exc: PlanLimitReached) -> PaymentRequired:
    u = exc.usage
    return PaymentRequired(str(exc), extra={
        "code": "plan_limit_reached", "plan": u.plan.value, "limit": u.mock_interviews_limit,
        "used": u.mock_interviews_used, "resets_at": u.resets_at.isoformat(), "upgrade_to": "PRO",
    })


async def _read_cv(parser: CVParserPool, data: AnalyzeForm) -> ParsedCV:
    """The upload goes through the same guarded parser as an application's CV (api/storage/safe_parse.py)."""
    try:
        if data.cv is not None:
            content = await data.cv.read(MAX_CV_UPLOAD + 1)
            await data.cv.close()
            if len(content) > MAX_CV_UPLOAD:
                raise UnprocessableCV("the CV file is larger than 5 MB", extra={"code": "too_large"})
            return await parser.parse(content, data.cv.filename, data.cv.content_type)
        if data.cv_text:
            return await parse_pasted(data.cv_text)
    except CVParseError as exc:
        raise _cv_error(exc) from exc
    raise BadRequest("send a CV file (field 'cv') or its text (field 'cv_text')", extra={"field": "cv"})


class CandidateToolsController(Controller):
    path = "/api/candidate/v1"
    tags = ["candidate tools"]
    security = BEARER
    dependencies = {"tools": Provide(provide_tools, sync_to_thread=False)}

    # --- plan ---------------------------------------------------------------------------------

    @get("/plan", operation_id="getMyPlan", summary="My plan and this month's mock interview usage")
    async def get_plan(self, tools: NamedDependency[CandidateTools]) -> PlanOut:
        return _plan_out(await tools.plan())

    # --- CV analyzer --------------------------------------------------------------------------

    @post("/cv/analyses", operation_id="analyzeCv", status_code=HTTP_201_CREATED, raises=[UNPROCESSABLE_CV],
          middleware=[rate_limited(CV_ANALYSIS)], request_max_body_size=ANALYZE_MAX_BODY,
          summary="Analyse a CV (file or text), optionally against a target job: ATS score, keyword coverage, "
          "missing keywords, section and formatting issues. The same CV and JD return the stored result.")
    async def analyze(self, request: Request, tools: NamedDependency[CandidateTools],
                      data: Annotated[AnalyzeForm, Body(media_type=RequestEncodingType.MULTI_PART)]) -> AnalysisOut:
        parsed = await _read_cv(request.app.state.cv_parser, data)
        row, cached = await tools.analyze(parsed, await tools.target_text(data.job_id, data.target_jd))
        return _analysis_out(row, cached=cached)

    @get("/cv/analyses", operation_id="listMyCvAnalyses", summary="My CV analyses, newest first")
    async def list_analyses(self, tools: NamedDependency[CandidateTools]) -> list[AnalysisOut]:
        return [_analysis_out(r, cached=False) for r in await tools.analyses()]

    # --- CV rewriter --------------------------------------------------------------------------

    @post("/cv/rewrites", operation_id="rewriteCv", status_code=HTTP_201_CREATED,
          middleware=[rate_limited(CV_REWRITE)], raises=[UNPROCESSABLE_CV, BAD_GATEWAY],
          summary="Rewrite a CV in a style (MODERN, MINIMAL, EXECUTIVE, ATS_OPTIMIZED) with the configured LLM; "
          "503 when no LLM is configured; the same CV and style return the stored rewrite")
    async def rewrite(self, tools: NamedDependency[CandidateTools], data: JSONBody[RewriteIn]) -> RewriteOut:
        try:
            parsed = await parse_pasted(data.cv_text)
        except CVParseError as exc:
            raise _cv_error(exc) from exc
        try:
            row, cached = await tools.rewrite(llm_client(), parsed, data.style)
        except LLMNotConfigured as exc:
            raise _llm_unavailable() from exc
        except LLMError as exc:
            raise BadGateway(str(exc), extra={"service": "llm"}) from exc
        return _rewrite_out(row, cached)

    @get("/cv/rewrites", operation_id="listMyCvRewrites", summary="My CV rewrites, newest first")
    async def list_rewrites(self, tools: NamedDependency[CandidateTools]) -> list[RewriteOut]:
        return [_rewrite_out(r, cached=False) for r in await tools.rewrites()]

    # --- career coach -------------------------------------------------------------------------

    @post("/coach/chat", operation_id="chatWithCoach", status_code=200, middleware=[rate_limited(COACH)],
          summary="Chat with the career coach; the answer streams as Server-Sent Events "
          '(`data: {"delta": ...}` then `event: done`); 503 when no LLM is configured')
    async def coach_chat(self, candidate: NamedDependency[Principal], data: JSONBody[CoachChatIn]) -> ServerSentEvent:
        llm = llm_client()
        if not llm.settings.configured:
            raise _llm_unavailable()
        messages = coach_messages([{"role": m.role, "content": m.content} for m in data.messages], data.cv_text)
        return ServerSentEvent(_coach_events(llm, messages),
                               headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

    # --- mock interviews ----------------------------------------------------------------------

    @post("/mock-interviews", operation_id="startPracticeInterview", status_code=HTTP_201_CREATED,
          middleware=[rate_limited(MOCK_INTERVIEW)], raises=[PAYMENT_REQUIRED],
          summary="Start a practice interview with the AI interviewer for a target role (FREE: 3 a month, "
          "402 beyond; PRO: unlimited); returns the join link")
    async def start_mock_interview(self, candidate: NamedDependency[Principal], tools: NamedDependency[CandidateTools],
                                   settings: NamedDependency[Settings], data: JSONBody[MockInterviewIn]
                                   ) -> MockInterviewOut:
        try:
            interview, practice, plan = await tools.start_practice(candidate, data.target_role, data.duration_minutes)
        except PlanLimitReached as exc:
            raise _plan_limit(exc) from exc
        return _mock_out(practice, interview, settings, plan)

    @get("/mock-interviews", operation_id="listMyPracticeInterviews",
         summary="My practice interviews, newest first, with the feedback when ready")
    async def list_mock_interviews(
        self, tools: NamedDependency[CandidateTools], settings: NamedDependency[Settings]
    ) -> list[MockInterviewOut]:
        return [_mock_out(s, i, settings) for s, i in await tools.practices()]

    @get("/mock-interviews/{session_id:uuid}", operation_id="getMyPracticeInterview",
         summary="One of my practice interviews")
    async def get_mock_interview(
        self, tools: NamedDependency[CandidateTools], settings: NamedDependency[Settings],
        session_id: FromPath[uuid.UUID],
    ) -> MockInterviewOut:
        return _mock_out(*await tools.practice(session_id), settings)


async def _coach_events(llm: LLMClient, messages: list[dict[str, str]]) -> AsyncIterator[ServerSentEventMessage]:
    try:
        async for delta in llm.stream(messages):
            yield ServerSentEventMessage(data=json.dumps({"delta": delta}))
    except LLMError as exc:
        yield ServerSentEventMessage(event="error", data=json.dumps({"detail": str(exc)}))
        return
    yield ServerSentEventMessage(event="done", data="{}")
