"""CV rewriter: the candidate's CV rewritten in one of four styles by the configured LLM, cached per
(user, CV content hash, style) so the same request never pays twice."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.candidate_tools.llm import LLMClient
from db.enums import RewriteStyle
from db.models import CVRewrite

STYLE_GUIDES: dict[RewriteStyle, str] = {
    RewriteStyle.MODERN: (
        "Modern: a confident, energetic voice; a 2-3 line professional summary at the top; a 'Skills' line grouped "
        "by theme; achievement bullets that start with strong verbs and show impact with numbers."
    ),
    RewriteStyle.MINIMAL: (
        "Minimal: as short as possible without losing facts; plain headings; one line per role; at most three "
        "terse bullets per role; no adjectives or filler."
    ),
    RewriteStyle.EXECUTIVE: (
        "Executive: senior, strategic tone; an executive summary of leadership scope (teams, budgets, revenue, "
        "transformation); selected achievements first; board-level language; concise bullets focused on outcomes."
    ),
    RewriteStyle.ATS_OPTIMIZED: (
        "ATS Optimized: plain text only, no tables, columns, icons or special characters; standard headings exactly "
        "'Summary', 'Experience', 'Education', 'Skills', 'Certifications'; spell out acronyms once with the acronym "
        "in parentheses; keep every skill keyword from the original; dates as 'MM/YYYY - MM/YYYY'."
    ),
}

SYSTEM_PROMPT = (
    "You are an expert CV writer. Rewrite the CV you are given in the requested style. Keep every fact true: never "
    "invent employers, titles, dates, degrees, numbers, skills or achievements that are not in the original, and "
    "never drop contact details. Improve wording, order and structure only. Answer with the rewritten CV as "
    "Markdown and nothing else."
)


def rewrite_messages(cv_text: str, style: RewriteStyle) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": f"Style: {STYLE_GUIDES[style]}\n\nCV to rewrite:\n\n{cv_text}"},
    ]


async def cached_rewrite(
    session: AsyncSession, user_id: uuid.UUID, cv_hash: str, style: RewriteStyle
) -> CVRewrite | None:
    return await session.scalar(
        select(CVRewrite)
        .where(CVRewrite.user_id == user_id, CVRewrite.cv_content_hash == cv_hash, CVRewrite.style == style)
        .order_by(CVRewrite.created_at.desc())
        .limit(1)
    )


async def rewrite_cv(
    session: AsyncSession, llm: LLMClient, user_id: uuid.UUID, cv_text: str, cv_hash: str, style: RewriteStyle
) -> tuple[CVRewrite, bool]:
    """(rewrite, from_cache)."""
    cached = await cached_rewrite(session, user_id, cv_hash, style)
    if cached is not None:
        return cached, True
    completion = await llm.complete(rewrite_messages(cv_text, style), temperature=0.3)
    row = CVRewrite(
        user_id=user_id, cv_content_hash=cv_hash, style=style, output=completion.text, model_name=completion.model[:100]
    )
    session.add(row)
    await session.flush()
    return row, False
