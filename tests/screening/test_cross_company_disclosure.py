"""The embedding cache is shared by every company, but a screening's explanation may not tell a recruiter that an
identical CV was already submitted to another company (issue 14, finding 9)."""

from __future__ import annotations

import pytest

from api.screening.services import screen_application
from tests.screening.conftest import make_application, make_company, make_job

pytestmark = pytest.mark.asyncio(loop_scope="session")


def _spec(labelled, job_id: str) -> dict:
    return next(j for j in labelled[0] if j["id"] == job_id)


async def test_another_companys_screening_of_the_same_cv_is_not_revealed(clean_db, embedder, labelled) -> None:
    cv = next(c for c in labelled[1] if c["id"] == "backend_1")["text"]
    async with clean_db() as session, session.begin():
        company_a, company_b = await make_company(session, "Alpha"), await make_company(session, "Beta")
        job_a = await make_job(session, company_a, _spec(labelled, "backend"))
        job_b = await make_job(session, company_b, _spec(labelled, "backend"))
        at_a = await make_application(session, job_a, "Marta Kowalski", cv_text=cv)
        first = await screen_application(session, at_a.id, embedder=embedder)
        assert first.explanation["embedding_cached"] is False

        # the same CV at another company: the shared cache saves the model call, and says nothing about it
        at_b = await make_application(session, job_b, "Marta K.", cv_text=cv)
        before = embedder.stats.texts
        elsewhere = await screen_application(session, at_b.id, embedder=embedder)
        assert embedder.stats.texts == before, "the same job text and CV: both come from the shared cache"
        assert elsewhere.explanation["embedding_cached"] is False
        assert elsewhere.cv_content_hash == first.cv_content_hash and elsewhere.score == pytest.approx(first.score)

        # what company B itself has seen, it may be told
        again_at_b = await make_application(session, job_b, "Marta Kowalska", cv_text=cv)
        assert (await screen_application(session, again_at_b.id, embedder=embedder)).explanation[
            "embedding_cached"] is True
