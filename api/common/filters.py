"""List endpoints' filters, sorting and paging as advanced-alchemy filter dependencies.

``listing(...)`` asks advanced-alchemy for its generated providers (choice filters such as ``?status=A&status=B``,
the ``created_after``/``created_before`` range, paging, ordering) and the aggregate ``filters`` dependency that
collects them, then replaces two of them: paging is bounded (1..100 items a page, ``?cursor=`` keyset pages and
``?count=true``: `api/common/keyset.py`) and ``order_by`` takes only the fields a list declares sortable, so a bad
query parameter is a 400 rather than a 500 or a huge page.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from advanced_alchemy.extensions.litestar.providers import DEPENDENCY_DEFAULTS, create_filter_dependencies
from advanced_alchemy.filters import FilterTypes, LimitOffset, OrderBy
from advanced_alchemy.service import OffsetPagination
from advanced_alchemy.utils.dependencies import FieldNameType
from litestar.di import NamedDependency, Provide
from litestar.exceptions import ValidationException
from litestar.params import QueryParameter, SkipValidation

from api.common.keyset import MAX_CURSOR_LENGTH, Found, KeysetPage, Paging

MAX_PAGE_SIZE = 100
SortOrder = Literal["asc", "desc"]
# what a list handler receives: advanced-alchemy's filter objects, built by the providers below (not validated again)
Filters = NamedDependency[SkipValidation[list[FilterTypes]]]


def provide_limit_offset(
    current_page: Annotated[int, QueryParameter(ge=1, le=100_000, description="1-based page number")] = 1,
    page_size: Annotated[int, QueryParameter(ge=1, le=MAX_PAGE_SIZE, description="items per page")] = 20,
) -> LimitOffset:
    return LimitOffset(limit=page_size, offset=page_size * (current_page - 1))


def provide_paging(
    current_page: Annotated[int, QueryParameter(ge=1, le=100_000, description="1-based page number (LIMIT/OFFSET; "
                                                "prefer cursor)")] = 1,
    page_size: Annotated[int, QueryParameter(ge=1, le=MAX_PAGE_SIZE, description="items per page")] = 20,
    cursor: Annotated[str | None, QueryParameter(max_length=MAX_CURSOR_LENGTH, description="the next_cursor of the "
                                                 "page before: the page after it, in the same order")] = None,
    count: Annotated[bool, QueryParameter(description="also count the whole list (total)")] = False,
) -> LimitOffset:
    if cursor is not None and current_page != 1:
        raise ValidationException("ask for a page by cursor or by current_page, not both")
    return Paging(limit=page_size, offset=page_size * (current_page - 1), cursor=cursor, count=count)


def _order_by(sortable: type[StrEnum], default: StrEnum, nulls_last: frozenset[str]) -> Any:
    def provide_order_by(order_by: Any = default, sort_order: Any = "desc") -> OrderBy:
        field = sortable(order_by).value
        return OrderBy(field_name=field, sort_order=sort_order, nulls="last" if field in nulls_last else None)

    # the list's own enum of sortable fields, so Litestar validates ?order_by= against it (400 otherwise)
    provide_order_by.__annotations__ = {
        "order_by": Annotated[sortable, QueryParameter(description="the field to sort by")],
        "sort_order": Annotated[SortOrder, QueryParameter(description="asc or desc")],
        "return": OrderBy,
    }
    return provide_order_by


def listing(*, sortable: type[StrEnum], default_sort: StrEnum, choices: dict[str, type] | None = None,
            created_at: bool = False, nulls_last: frozenset[str] = frozenset()) -> dict[str, Provide]:
    """The dependencies of one list endpoint; the handler takes ``filters: Filters``."""
    deps = create_filter_dependencies({
        "pagination_type": "limit_offset",
        "sort_field": default_sort.value,
        "created_at": created_at,
        "choice_fields": [FieldNameType(name=name, type_hint=hint) for name, hint in (choices or {}).items()],
        "alias_generator": "snake_case",
    })
    return {
        **deps,
        DEPENDENCY_DEFAULTS.LIMIT_OFFSET_FILTER_DEPENDENCY_KEY: Provide(provide_paging, sync_to_thread=False),
        DEPENDENCY_DEFAULTS.ORDER_BY_FILTER_DEPENDENCY_KEY: Provide(_order_by(sortable, default_sort, nulls_last),
                                                                    sync_to_thread=False),
    }


def page(items: list[Any], total: int, filters: list[FilterTypes]) -> OffsetPagination[Any]:
    paging = next((f for f in filters if isinstance(f, LimitOffset)), LimitOffset(MAX_PAGE_SIZE, 0))
    return OffsetPagination(items=items, limit=paging.limit, offset=paging.offset, total=total)


def keyset(items: list[Any], found: Found, filters: list[FilterTypes]) -> KeysetPage[Any]:
    paging = next((f for f in filters if isinstance(f, LimitOffset)), LimitOffset(MAX_PAGE_SIZE, 0))
    return KeysetPage(items=items, limit=paging.limit, offset=paging.offset, total=found.total,
                      next_cursor=found.next_cursor)


PAGINATION = {"limit_offset": Provide(provide_limit_offset, sync_to_thread=False)}
