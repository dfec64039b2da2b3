from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import PathParameter
from sqlalchemy.ext.asyncio import AsyncSession

from api.common.ratelimit import PUBLIC, rate_limited
from api.config import Settings
from api.interview_links.services import link_view
from api.interviews.schemas import InterviewLinkOut


class InterviewLinkController(Controller):
    path = "/api/interview-links"
    tags = ["interviews"]

    @get(
        "/{join_code:str}",
        middleware=[rate_limited(PUBLIC)],
        summary="What the candidate's join page shows (public; the code is the capability)",
    )
    async def get_link(
        self,
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
        join_code: Annotated[str, PathParameter(min_length=1, max_length=64)],
    ) -> InterviewLinkOut:
        return await link_view(db_session, settings, join_code)
