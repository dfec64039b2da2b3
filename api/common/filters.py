"""Pagination and sorting as dependencies that yield advanced-alchemy filters.

advanced-alchemy's generated filter providers accept any `orderBy` field and any page size; these take an enum of
sortable fields and a bounded page size, so a bad query parameter is a 400 rather than a 500 or a huge page.
"""

from __future__ import annotations

from typing import Annotated, Literal

from advanced_alchemy.filters import LimitOffset
from litestar.di import Provide
from litestar.params import Parameter

MAX_PAGE_SIZE = 100
SortOrder = Literal["asc", "desc"]


def provide_limit_offset(
    current_page: Annotated[int, Parameter(ge=1, le=100_000, description="1-based page number")] = 1,
    page_size: Annotated[int, Parameter(ge=1, le=MAX_PAGE_SIZE, description="items per page")] = 20,
) -> LimitOffset:
    return LimitOffset(limit=page_size, offset=page_size * (current_page - 1))


PAGINATION = {"limit_offset": Provide(provide_limit_offset, sync_to_thread=False)}
