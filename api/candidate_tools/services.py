"""What a candidate's tools do, for one signed-in candidate: their plan, CV analyses and rewrites (each cached per
content), and practice interviews. The controller validates and calls these; every query lives here."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import anyio
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.candidate_tools.analyzer import analyze_cv
from api.candidate_tools.llm import LLMClient
from api.candidate_tools.mock_interviews import start_mock_interview
from api.candidate_tools.plans import PlanUsage, usage
from api.candidate_tools.rewriter import rewrite_cv
from api.common.errors import NotFound
from api.screening.cv_parser import ParsedCV
from api.screening.services import embed_texts, text_of_job
from api.screening.text import content_hash, normalize_text
from db.enums import JobStatus, RewriteStyle
from db.models import CVAnalysis, CVRewrite, Interview, InterviewSession, Job
from nlp.embeddings import get_embedder

LIST_LIMIT = 100


@dataclass
class CandidateTools:
    session: AsyncSession
    user_id: uuid.UUID

    async def plan(self) -> PlanUsage:
        return await usage(self.session, self.user_id)

    # --- CV analyzer ------------------------------------------------------------------------------------

    async def target_text(self, job_id: uuid.UUID | None, target_jd: str | None) -> str | None:
        """The job description to analyse against: an open job's text, or what the candidate pasted."""
        if job_id is not None:
            job = await self.session.scalar(select(Job).where(Job.id == job_id, Job.status == JobStatus.OPEN))
            if job is None:
                raise NotFound("no open job with this id", extra={"field": "job_id"})
            return text_of_job(job)
        if target_jd and target_jd.strip():
            return normalize_text(target_jd)
        return None

    async def analyze(self, parsed: ParsedCV, jd_text: str | None) -> tuple[CVAnalysis, bool]:
        """The analysis of this CV against this JD; the stored one when the same pair was analysed before."""
        jd_hash = content_hash(jd_text) if jd_text else None
        cached = await self.session.scalar(
            select(CVAnalysis)
            .where(
                CVAnalysis.user_id == self.user_id,
                CVAnalysis.cv_content_hash == parsed.content_hash,
                CVAnalysis.jd_content_hash.is_(None) if jd_hash is None else CVAnalysis.jd_content_hash == jd_hash,
            )
            .order_by(CVAnalysis.created_at.desc())
            .limit(1)
        )
        if cached is not None:
            return cached, True
        cv_vec = jd_vec = None
        if jd_text:
            cv_vec, jd_vec = await embed_texts(get_embedder(), [parsed.text, jd_text])
        # rules over the whole text (which a large upload makes long): in a worker thread, not on the event loop
        result = await anyio.to_thread.run_sync(analyze_cv, parsed, jd_text, cv_vec, jd_vec)
        result["format"] = parsed.format
        row = CVAnalysis(user_id=self.user_id, cv_content_hash=parsed.content_hash, jd_content_hash=jd_hash,
                         ats_score=result["ats_score"], result=result)
        self.session.add(row)
        await self.session.flush()
        await self.session.refresh(row)
        return row, False

    async def analyses(self) -> list[CVAnalysis]:
        rows = await self.session.scalars(
            select(CVAnalysis).where(CVAnalysis.user_id == self.user_id)
            .order_by(CVAnalysis.created_at.desc()).limit(LIST_LIMIT))
        return list(rows)

    # --- CV rewriter ------------------------------------------------------------------------------------

    async def rewrite(self, llm: LLMClient, parsed: ParsedCV, style: RewriteStyle) -> tuple[CVRewrite, bool]:
        row, cached = await rewrite_cv(self.session, llm, self.user_id, parsed.text, parsed.content_hash, style)
        await self.session.refresh(row)
        return row, cached

    async def rewrites(self) -> list[CVRewrite]:
        rows = await self.session.scalars(
            select(CVRewrite).where(CVRewrite.user_id == self.user_id)
            .order_by(CVRewrite.created_at.desc()).limit(LIST_LIMIT))
        return list(rows)

    # --- practice interviews ----------------------------------------------------------------------------

    async def start_practice(self, principal: Principal, target_role: str, duration_minutes: int
                             ) -> tuple[Interview, InterviewSession, PlanUsage]:
        """Returns the interview, its practice session and the plan's usage counting this one."""
        interview, practice, before = await start_mock_interview(self.session, principal, target_role,
                                                                 duration_minutes)
        await self.session.refresh(practice)
        after = PlanUsage(plan=before.plan, mock_interviews_used=before.mock_interviews_used + 1,
                          mock_interviews_limit=before.mock_interviews_limit, period_start=before.period_start,
                          resets_at=before.resets_at)
        return interview, practice, after

    async def practices(self, session_id: uuid.UUID | None = None
                        ) -> list[tuple[InterviewSession, Interview | None]]:
        query = (select(InterviewSession, Interview)
                 .outerjoin(Interview, Interview.id == InterviewSession.interview_id)
                 .where(InterviewSession.user_id == self.user_id))
        if session_id is not None:
            query = query.where(InterviewSession.id == session_id)
        rows = (await self.session.execute(query.order_by(InterviewSession.created_at.desc()).limit(LIST_LIMIT)))
        return [(s, i) for s, i in rows.all()]

    async def practice(self, session_id: uuid.UUID) -> tuple[InterviewSession, Interview | None]:
        rows = await self.practices(session_id)
        if not rows:
            raise NotFound("mock interview not found")
        return rows[0]
