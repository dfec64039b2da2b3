"""Candidate tools (CANDIDATE role): CV analyzer, CV rewriter, career coach chat, mock interviews, plan."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from typing import Annotated

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, JSONBody
from litestar.response import ServerSentEvent, ServerSentEventMessage
from litestar.status_codes import HTTP_201_CREATED
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.candidate_tools.analyzer import analyze_cv
from api.candidate_tools.coach import coach_messages
from api.candidate_tools.llm import NOT_CONFIGURED, LLMClient, LLMError, LLMNotConfigured, LLMSettings
from api.candidate_tools.mock_interviews import start_mock_interview
from api.candidate_tools.plans import PlanLimitReached, PlanUsage, usage
from api.candidate_tools.rewriter import rewrite_cv
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
from api.common.errors import ApiError, BadRequest, NotFound, ServiceUnavailable
from api.common.openapi import BEARER
from api.config import Settings
from api.screening.cv_parser import CVParseError, parse_cv, parse_cv_text
from api.screening.service import embed_texts, text_of_job
from api.screening.text import content_hash, normalize_text
from db.enums import JobStatus
from db.models import CVAnalysis, CVRewrite, Interview, InterviewSession, Job
from nlp.embeddings import get_embedder

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
    return PlanOut(
        plan=u.plan,
        mock_interviews_used=u.mock_interviews_used,
        mock_interviews_limit=u.mock_interviews_limit,
        mock_interviews_remaining=u.remaining,
        period_start=u.period_start,
        resets_at=u.resets_at,
    )


def _cv_error(exc: CVParseError) -> UnprocessableCV:
    return UnprocessableCV(exc.message, extra={"code": exc.code, "field": "cv"})


def _analysis_out(row: CVAnalysis, cached: bool) -> AnalysisOut:
    return AnalysisOut(
        id=row.id,
        ats_score=row.ats_score,
        cv_content_hash=row.cv_content_hash,
        jd_content_hash=row.jd_content_hash,
        result=row.result,
        cached=cached,
        created_at=row.created_at,
    )


def _rewrite_out(row: CVRewrite, cached: bool) -> RewriteOut:
    return RewriteOut(
        id=row.id,
        style=row.style,
        cv_content_hash=row.cv_content_hash,
        output=row.output,
        model_name=row.model_name,
        cached=cached,
        created_at=row.created_at,
    )


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


class CandidateToolsController(Controller):
    path = "/api/candidate/v1"
    tags = ["candidate tools"]
    security = BEARER

    # --- plan ---------------------------------------------------------------------------------

    @get("/plan", summary="My plan and this month's mock interview usage")
    async def get_plan(
        self, candidate: NamedDependency[Principal], db_session: NamedDependency[AsyncSession]
    ) -> PlanOut:
        return _plan_out(await usage(db_session, candidate.user_id))

    # --- CV analyzer --------------------------------------------------------------------------

    @post(
        "/cv/analyses",
        status_code=HTTP_201_CREATED,
        request_max_body_size=ANALYZE_MAX_BODY,
        summary="Analyse a CV (file or text), optionally against a target job: ATS score, keyword coverage, "
        "missing keywords, section and formatting issues. The same CV and JD return the stored result.",
    )
    async def analyze(
        self,
        candidate: NamedDependency[Principal],
        db_session: NamedDependency[AsyncSession],
        data: Annotated[AnalyzeForm, Body(media_type=RequestEncodingType.MULTI_PART)],
    ) -> AnalysisOut:
        try:
            if data.cv is not None:
                content = await data.cv.read(MAX_CV_UPLOAD + 1)
                await data.cv.close()
                if len(content) > MAX_CV_UPLOAD:
                    raise UnprocessableCV("the CV file is larger than 5 MB", extra={"code": "too_large"})
                parsed = parse_cv(content, data.cv.filename, data.cv.content_type)
            elif data.cv_text:
                parsed = parse_cv_text(data.cv_text)
            else:
                raise BadRequest("send a CV file (field 'cv') or its text (field 'cv_text')", extra={"field": "cv"})
        except CVParseError as exc:
            raise _cv_error(exc) from exc
        jd_text = None
        if data.job_id is not None:
            job = await db_session.scalar(select(Job).where(Job.id == data.job_id, Job.status == JobStatus.OPEN))
            if job is None:
                raise NotFound("no open job with this id", extra={"field": "job_id"})
            jd_text = text_of_job(job)
        elif data.target_jd and data.target_jd.strip():
            jd_text = normalize_text(data.target_jd)
        jd_hash = content_hash(jd_text) if jd_text else None

        cached = await db_session.scalar(
            select(CVAnalysis)
            .where(
                CVAnalysis.user_id == candidate.user_id,
                CVAnalysis.cv_content_hash == parsed.content_hash,
                CVAnalysis.jd_content_hash.is_(None) if jd_hash is None else CVAnalysis.jd_content_hash == jd_hash,
            )
            .order_by(CVAnalysis.created_at.desc())
            .limit(1)
        )
        if cached is not None:
            return _analysis_out(cached, cached=True)
        cv_vec = jd_vec = None
        if jd_text:
            cv_vec, jd_vec = await embed_texts(get_embedder(), [parsed.text, jd_text])
        result = analyze_cv(parsed, jd_text, cv_vec, jd_vec)
        result["format"] = parsed.format
        row = CVAnalysis(
            user_id=candidate.user_id,
            cv_content_hash=parsed.content_hash,
            jd_content_hash=jd_hash,
            ats_score=result["ats_score"],
            result=result,
        )
        db_session.add(row)
        await db_session.flush()
        await db_session.refresh(row)
        return _analysis_out(row, cached=False)

    @get("/cv/analyses", summary="My CV analyses, newest first")
    async def list_analyses(
        self, candidate: NamedDependency[Principal], db_session: NamedDependency[AsyncSession]
    ) -> list[AnalysisOut]:
        rows = await db_session.scalars(
            select(CVAnalysis)
            .where(CVAnalysis.user_id == candidate.user_id)
            .order_by(CVAnalysis.created_at.desc())
            .limit(100)
        )
        return [_analysis_out(r, cached=False) for r in rows]

    # --- CV rewriter --------------------------------------------------------------------------

    @post(
        "/cv/rewrites",
        status_code=HTTP_201_CREATED,
        summary="Rewrite a CV in a style (MODERN, MINIMAL, EXECUTIVE, ATS_OPTIMIZED) with the configured LLM; "
        "503 when no LLM is configured; the same CV and style return the stored rewrite",
    )
    async def rewrite(
        self,
        candidate: NamedDependency[Principal],
        db_session: NamedDependency[AsyncSession],
        data: JSONBody[RewriteIn],
    ) -> RewriteOut:
        try:
            parsed = parse_cv_text(data.cv_text)
        except CVParseError as exc:
            raise _cv_error(exc) from exc
        llm = llm_client()
        try:
            row, cached = await rewrite_cv(
                db_session, llm, candidate.user_id, parsed.text, parsed.content_hash, data.style
            )
        except LLMNotConfigured as exc:
            raise _llm_unavailable() from exc
        except LLMError as exc:
            raise BadGateway(str(exc), extra={"service": "llm"}) from exc
        await db_session.refresh(row)
        return _rewrite_out(row, cached)

    @get("/cv/rewrites", summary="My CV rewrites, newest first")
    async def list_rewrites(
        self, candidate: NamedDependency[Principal], db_session: NamedDependency[AsyncSession]
    ) -> list[RewriteOut]:
        rows = await db_session.scalars(
            select(CVRewrite)
            .where(CVRewrite.user_id == candidate.user_id)
            .order_by(CVRewrite.created_at.desc())
            .limit(100)
        )
        return [_rewrite_out(r, cached=False) for r in rows]

    # --- career coach -------------------------------------------------------------------------

    @post(
        "/coach/chat",
        status_code=200,
        summary="Chat with the career coach; the answer streams as Server-Sent Events "
        '(`data: {"delta": ...}` then `event: done`); 503 when no LLM is configured',
    )
    async def coach_chat(self, candidate: NamedDependency[Principal], data: JSONBody[CoachChatIn]) -> ServerSentEvent:
        llm = llm_client()
        if not llm.settings.configured:
            raise _llm_unavailable()
        messages = coach_messages([{"role": m.role, "content": m.content} for m in data.messages], data.cv_text)

        async def events() -> AsyncIterator[ServerSentEventMessage]:
            try:
                async for delta in llm.stream(messages):
                    yield ServerSentEventMessage(data=json.dumps({"delta": delta}))
            except LLMError as exc:
                yield ServerSentEventMessage(event="error", data=json.dumps({"detail": str(exc)}))
                return
            yield ServerSentEventMessage(event="done", data="{}")

        return ServerSentEvent(events(), headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

    # --- mock interviews ----------------------------------------------------------------------

    @post(
        "/mock-interviews",
        status_code=HTTP_201_CREATED,
        summary="Start a practice interview with the AI interviewer for a target role (FREE: 3 a month, "
        "402 beyond; PRO: unlimited); returns the join link",
    )
    async def start_mock_interview(
        self,
        request: Request,
        candidate: NamedDependency[Principal],
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
        data: JSONBody[MockInterviewIn],
    ) -> MockInterviewOut:
        try:
            interview, practice, plan = await start_mock_interview(
                db_session, candidate, data.target_role, data.duration_minutes
            )
        except PlanLimitReached as exc:
            u = exc.usage
            raise PaymentRequired(
                str(exc),
                extra={
                    "code": "plan_limit_reached",
                    "plan": u.plan.value,
                    "limit": u.mock_interviews_limit,
                    "used": u.mock_interviews_used,
                    "resets_at": u.resets_at.isoformat(),
                    "upgrade_to": "PRO",
                },
            ) from exc
        await db_session.refresh(practice)
        after = PlanUsage(
            plan=plan.plan,
            mock_interviews_used=plan.mock_interviews_used + 1,
            mock_interviews_limit=plan.mock_interviews_limit,
            period_start=plan.period_start,
            resets_at=plan.resets_at,
        )
        return _mock_out(practice, interview, settings, after)

    @get("/mock-interviews", summary="My practice interviews, newest first, with the feedback when ready")
    async def list_mock_interviews(
        self,
        candidate: NamedDependency[Principal],
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
    ) -> list[MockInterviewOut]:
        rows = (
            await db_session.execute(
                select(InterviewSession, Interview)
                .outerjoin(Interview, Interview.id == InterviewSession.interview_id)
                .where(InterviewSession.user_id == candidate.user_id)
                .order_by(InterviewSession.created_at.desc())
                .limit(100)
            )
        ).all()
        return [_mock_out(s, i, settings) for s, i in rows]

    @get("/mock-interviews/{session_id:uuid}", summary="One of my practice interviews")
    async def get_mock_interview(
        self,
        candidate: NamedDependency[Principal],
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
        session_id: FromPath[uuid.UUID],
    ) -> MockInterviewOut:
        row = (
            await db_session.execute(
                select(InterviewSession, Interview)
                .outerjoin(Interview, Interview.id == InterviewSession.interview_id)
                .where(InterviewSession.id == session_id, InterviewSession.user_id == candidate.user_id)
            )
        ).first()
        if row is None:
            raise NotFound("mock interview not found")
        return _mock_out(row[0], row[1], settings)
