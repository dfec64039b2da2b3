"""Screening against Postgres: embeddings cached by content hash, scores stored in `screenings`, and
pgvector nearest-neighbour search for recruiters."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import anyio
from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from api.common.errors import NotFound
from api.screening.cv_parser import CVParseError, ParsedCV, parse_cv, parse_cv_text
from api.screening.disclosure import seen_by_company
from api.screening.matching import JobPosting, profile_of_job, score
from api.screening.profiles import PROFILE_MODEL, TextProfile, cv_profile
from api.screening.scoring import SCORING_METHOD
from api.screening.text import content_hash
from db.models import Application, CachedTextProfile, Candidate, Job, Screening
from nlp.embeddings import MODEL_NAME, Embedder, get_embedder

logger = logging.getLogger(__name__)


async def company_application(session: AsyncSession, application_id: uuid.UUID, company_id: uuid.UUID) -> Application:
    """The application, if it is to one of the company's jobs (another company's id is not found)."""
    application = await session.scalar(
        select(Application).join(Job, Job.id == Application.job_id)
        .where(Application.id == application_id, Job.company_id == company_id)
    )
    if application is None:
        raise NotFound("application not found")
    return application


async def company_job(session: AsyncSession, job_id: uuid.UUID, company_id: uuid.UUID) -> Job:
    job = await session.scalar(select(Job).where(Job.id == job_id, Job.company_id == company_id))
    if job is None:
        raise NotFound("job not found")
    return job


async def screening_of(session: AsyncSession, application_id: uuid.UUID) -> Screening | None:
    return await session.scalar(select(Screening).where(Screening.application_id == application_id))


class ApplicationGone(LookupError):
    """The application was deleted (or never committed) before its screening ran."""


async def embed_texts(embedder: Embedder, texts: list[str]) -> list[list[float]]:
    """The model runs in a worker thread (onnxruntime releases the GIL): the event loop keeps serving."""
    vectors = await anyio.to_thread.run_sync(embedder.embed, texts)
    return [v.tolist() for v in vectors]


def posting_of(job: Job) -> JobPosting:
    return JobPosting(job.title, job.description, job.requirements, [(s.name, s.weight) for s in job.skills])


def text_of_job(job: Job) -> str:
    return posting_of(job).text


async def cached_profile(
    session: AsyncSession, digest: str, text: str, make: Callable[[], TextProfile]
) -> tuple[TextProfile, bool]:
    """(profile, from_cache): the text's stored profile, or one made now (in a worker thread) and stored."""
    row = await session.scalar(
        select(CachedTextProfile.profile).where(
            CachedTextProfile.content_hash == digest, CachedTextProfile.model_name == PROFILE_MODEL
        )
    )
    if row is not None and (profile := TextProfile.from_json(row, text)) is not None:
        return profile, True
    profile = await anyio.to_thread.run_sync(make)
    # two screenings of one CV may race here: the first row stands, both made the same numbers
    await session.execute(
        pg_insert(CachedTextProfile)
        .values(id=uuid.uuid4(), content_hash=digest, model_name=PROFILE_MODEL, profile=profile.to_json())
        .on_conflict_do_nothing(constraint="uq_text_profiles_hash_model")
    )
    return profile, False


async def job_profile_of(
    session: AsyncSession, job: Job, embedder: Embedder | None = None
) -> tuple[JobPosting, TextProfile]:
    """The job's profile; its vector (jobs.jd_embedding, for search) follows the text's hash."""
    posting = posting_of(job)
    digest = content_hash(posting.text)
    embedder = embedder or get_embedder()
    profile, _ = await cached_profile(session, digest, posting.text, lambda: profile_of_job(embedder, posting))
    if job.jd_content_hash != digest or job.jd_embedding is None:
        job.jd_embedding = profile.vector
        job.jd_content_hash = digest
        await session.flush()
    return posting, profile


async def ensure_job_embedding(session: AsyncSession, job: Job, embedder: Embedder | None = None) -> list[float]:
    """The job's vector, recomputed only when its text (title, description, requirements, skills) changed."""
    if job.jd_content_hash == content_hash(text_of_job(job)) and job.jd_embedding is not None:
        return list(job.jd_embedding)
    _, profile = await job_profile_of(session, job, embedder)
    return profile.vector


async def parsed_cv_of(candidate: Candidate, storage) -> ParsedCV:
    """The candidate's CV text: parsed once from the stored file (PDF/DOCX/TXT), then kept on the row."""
    if candidate.cv_content_hash and candidate.cv_text:
        return parse_cv_text(candidate.cv_text)
    if candidate.cv_storage_key and storage is not None:
        data = await storage.get(candidate.cv_storage_key)
        return await anyio.to_thread.run_sync(parse_cv, data, candidate.cv_filename, candidate.cv_content_type)
    if candidate.cv_text:
        return parse_cv_text(candidate.cv_text)
    raise CVParseError("no_cv", "The application has no CV.")


async def _upsert_screening(session: AsyncSession, application: Application, **values) -> Screening:
    screening = await session.scalar(select(Screening).where(Screening.application_id == application.id))
    if screening is None:
        screening = Screening(application_id=application.id, **values)
        session.add(screening)
    else:
        for key, value in values.items():
            setattr(screening, key, value)
    await session.flush()
    return screening


async def screen_application(
    session: AsyncSession, application_id: uuid.UUID, *, storage=None, embedder: Embedder | None = None
) -> Screening:
    """Score one application and store it (screenings row + applications.screening_score). Idempotent."""
    application = await session.scalar(
        select(Application)
        .where(Application.id == application_id)
        .options(selectinload(Application.candidate))
        .with_for_update(of=Application)
    )
    if application is None:
        raise ApplicationGone(str(application_id))
    job = await session.scalar(select(Job).where(Job.id == application.job_id).options(selectinload(Job.skills)))
    candidate = application.candidate
    try:
        parsed = await parsed_cv_of(candidate, storage)
    except CVParseError as exc:
        logger.info("CV not readable", extra={"application_id": str(application_id), "code": exc.code})
        application.screening_score = None
        return await _upsert_screening(
            session,
            application,
            score=0.0,
            skill_score=None,
            semantic_score=None,
            cv_embedding=None,
            cv_content_hash=None,
            model_name=MODEL_NAME,
            scoring_method=SCORING_METHOD,  # reading the CV again is all a new method could change here
            explanation={
                "error": {"code": exc.code, "message": exc.message},
                "summary": f"the CV could not be read: {exc.message}",
            },
        )
    candidate.cv_text = parsed.text
    candidate.cv_content_hash = parsed.content_hash

    embedder = embedder or get_embedder()
    posting, jd_profile = await job_profile_of(session, job, embedder)
    cv, from_cache = await cached_profile(session, parsed.content_hash, parsed.text,
                                          lambda: cv_profile(embedder, parsed))
    result = score(parsed, cv, posting, jd_profile)
    explanation = {
        **result.explanation,
        "cv_sections": parsed.section_names,
        # the cache is shared by every company; what this company reads may not reveal that (disclosure.py)
        "embedding_cached": from_cache and await seen_by_company(session, job.company_id, parsed.content_hash),
        "model": SCORING_METHOD,
    }
    application.screening_score = result.score
    return await _upsert_screening(
        session,
        application,
        score=result.score,
        skill_score=result.skill_score,
        semantic_score=result.semantic_score,
        explanation=explanation,
        cv_embedding=cv.vector,
        cv_content_hash=parsed.content_hash,
        model_name=MODEL_NAME,
        scoring_method=SCORING_METHOD,
    )


# --- semantic search ----------------------------------------------------------------------------


@dataclass
class CandidateHit:
    candidate_id: uuid.UUID
    full_name: str
    email: str
    application_id: uuid.UUID
    job_id: uuid.UUID
    job_title: str
    similarity: float
    screening_score: float | None


_NEAREST = text("""
    SELECT c.id AS candidate_id, c.full_name, c.email, a.id AS application_id, a.job_id, j.title AS job_title,
           1 - (s.cv_embedding <=> CAST(:q AS vector)) AS similarity, a.screening_score
    FROM screenings s
    JOIN applications a ON a.id = s.application_id
    JOIN jobs j ON j.id = a.job_id
    JOIN candidates c ON c.id = a.candidate_id
    WHERE j.company_id = :company_id AND s.cv_embedding IS NOT NULL
    ORDER BY s.cv_embedding <=> CAST(:q AS vector)
    LIMIT :k
""")


async def nearest_candidates(
    session: AsyncSession, company_id: uuid.UUID, vector: list[float], limit: int = 20
) -> list[CandidateHit]:
    """The company's candidates nearest to a vector (HNSW index, cosine), one row per candidate."""
    k = max(limit * 4, 40)  # a candidate with several applications has several rows; dedupe after
    # with a filter (this company only) HNSW must keep scanning until it has k matching rows (pgvector ≥ 0.8)
    await session.execute(text("SET LOCAL hnsw.iterative_scan = relaxed_order"))
    await session.execute(text(f"SET LOCAL hnsw.ef_search = {min(1000, max(40, k))}"))
    rows = (await session.execute(_NEAREST, {"q": _vec(vector), "company_id": company_id, "k": k})).mappings()
    best: dict[uuid.UUID, CandidateHit] = {}
    for row in rows:
        hit = CandidateHit(**{**row, "similarity": round(float(row["similarity"]), 4)})
        if hit.candidate_id not in best or hit.similarity > best[hit.candidate_id].similarity:
            best[hit.candidate_id] = hit
    return sorted(best.values(), key=lambda h: -h.similarity)[:limit]


async def candidates_like_job(
    session: AsyncSession, job: Job, limit: int = 20, embedder: Embedder | None = None
) -> list[CandidateHit]:
    vector = await ensure_job_embedding(session, job, embedder)
    return await nearest_candidates(session, job.company_id, vector, limit)


async def candidates_like_text(
    session: AsyncSession, company_id: uuid.UUID, query: str, limit: int = 20, embedder: Embedder | None = None
) -> list[CandidateHit]:
    (vector,) = await embed_texts(embedder or get_embedder(), [query])
    return await nearest_candidates(session, company_id, vector, limit)


def _vec(vector: list[float]) -> str:
    return "[" + ",".join(f"{x:.7g}" for x in vector) + "]"
