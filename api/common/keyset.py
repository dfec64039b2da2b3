"""Keyset (cursor) pages for the list endpoints (issue 22).

A page is asked for by `?cursor=` (the `next_cursor` of the page before) and found by a range condition on the
sort column and the id, `(sort, id) < (last sort, last id)`, which an index on `(scope, sort, id)` answers by reading
only the page's rows: page 500 costs what page 1 costs, and rows inserted meanwhile never shift a page. The old
`?current_page=` (LIMIT/OFFSET) still works and also answers a `next_cursor`. The whole list is counted only when
asked (`?count=true`); otherwise `total` is null.

A nullable sort column (the screening score) keeps its nulls last in both directions: the page is read from the
rows with a value first and, once they run out, from the null rows by id, so each part is one index range.
"""

from __future__ import annotations

import base64
import enum
import json
import uuid
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from advanced_alchemy.filters import BeforeAfter, CollectionFilter, LimitOffset, OnBeforeAfter, OrderBy, StatementFilter
from litestar.exceptions import ValidationException
from sqlalchemy import Integer, Select, bindparam, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

T = TypeVar("T")
MAX_CURSOR_LENGTH = 512
# a page's statements, by the caller's `shape` and the page's own (sort, direction, which part): built with bind
# parameters for every value, so one statement object serves every request of its shape and SQLAlchemy keys and
# compiles it once (building and keying a list query was about a third of a list request's CPU)
_BUILT: dict[Hashable, Select] = {}
_MAX_BUILT = 1024
LIMIT, OFFSET = bindparam("keyset_limit", type_=Integer), bindparam("keyset_offset", type_=Integer)


@dataclass
class Paging(LimitOffset):
    """LIMIT/OFFSET as advanced-alchemy knows it, plus where to continue from and whether to count."""

    cursor: str | None = None
    count: bool = False


@dataclass
class KeysetPage(Generic[T]):
    """One page of a list: `next_cursor` asks for the next one (null on the last page); `total` only with
    `?count=true`."""

    items: list[T]
    limit: int
    offset: int
    total: int | None
    next_cursor: str | None


@dataclass(frozen=True)
class Found:
    rows: list[Any]
    total: int | None
    next_cursor: str | None


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def encode_cursor(field: str, order: str, value: Any, row_id: uuid.UUID) -> str:
    raw = json.dumps([field, order, _plain(value), str(row_id)], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _typed(column: InstrumentedAttribute, value: Any) -> Any:
    if value is None:
        return None
    python_type = column.type.python_type
    if issubclass(python_type, datetime):
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:  # ours always carry their offset
            raise ValueError("a cursor's time without an offset")
        return moment
    if issubclass(python_type, enum.Enum):
        return python_type(value)
    return python_type(value)


def decode_cursor(cursor: str, field: str, order: str, column: InstrumentedAttribute) -> tuple[Any, uuid.UUID]:
    """The last row's sort value and id; a cursor of another sort, or not one of ours, is a 400."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        c_field, c_order, value, row_id = json.loads(raw)
        if (c_field, c_order) != (field, order):
            raise ValidationException(
                f"this cursor continues a list sorted by {c_field} {c_order}; ask again without it to sort by "
                f"{field} {order}")
        return _typed(column, value), uuid.UUID(row_id)
    except ValidationException:
        raise
    except Exception as exc:  # whatever a made-up cursor holds (wrong types, shapes, encodings): the caller's 400
        raise ValidationException("invalid cursor: pass the next_cursor of the page before, unchanged") from exc


def _split(filters: list[StatementFilter]) -> tuple[Paging, OrderBy, list[StatementFilter]]:
    paging = next((f for f in filters if isinstance(f, LimitOffset)), None)
    order = next((f for f in filters if isinstance(f, OrderBy)), None)
    if order is None:
        raise TypeError("a keyset list needs an OrderBy filter")
    if not isinstance(paging, Paging):
        paging = Paging(limit=paging.limit, offset=paging.offset) if paging else Paging(limit=100, offset=0)
    rest = [f for f in filters if not isinstance(f, LimitOffset | OrderBy)]
    return paging, order, rest


def _inert(f: StatementFilter) -> bool:
    """A filter the request did not ask for (advanced-alchemy passes an empty date range even then)."""
    if isinstance(f, BeforeAfter | OnBeforeAfter):
        return f.before is None and f.after is None
    return isinstance(f, CollectionFilter) and f.values is None


def _builder(shape: Hashable | None) -> Callable[[Hashable, Callable[[], Select]], Select]:
    """`built(key, make)`: the statement `make` builds, made once per (shape, key) when `shape` is given."""
    def built(key: Hashable, make: Callable[[], Select]) -> Select:
        if shape is None:
            return make()
        statement = _BUILT.get((shape, key))
        if statement is None:
            if len(_BUILT) >= _MAX_BUILT:
                _BUILT.clear()
            statement = _BUILT[(shape, key)] = make()
        return statement
    return built


def _ordered(statement: Select, sort: InstrumentedAttribute, ident: InstrumentedAttribute, desc: bool,
             nulls: str | None) -> Select:
    first = sort.desc() if desc else sort.asc()
    if nulls:
        first = first.nulls_last() if nulls == "last" else first.nulls_first()
    return statement.order_by(first, ident.desc() if desc else ident.asc())


async def keyset_page(
    session: AsyncSession,
    statement: Select,
    model: Any,
    filters: list[StatementFilter],
    *,
    scalars: bool = False,
    params: dict[str, Any] | None = None,
    shape: Hashable | None = None,
) -> Found:
    """Runs `statement` (already restricted to what the caller may see) as one page of `filters`' order.
    `scalars`: the statement selects an ORM entity (rows are objects), else columns named like the model's.
    `params`: the values of the statement's bind parameters. `shape`: names a statement that differs between
    requests only by those values, so the page's statements are built once (a request with filters of its own
    builds them anew)."""
    paging, order, rest = _split(filters)
    rest = [f for f in rest if not _inert(f)]
    for f in rest:
        statement = f.append_to_statement(statement, model)
    sort: InstrumentedAttribute = getattr(model, order.field_name)
    ident: InstrumentedAttribute = model.id
    desc = order.sort_order == "desc"
    nullable = bool(sort.property.columns[0].nullable)
    want = paging.limit + 1
    built = _builder((shape, order.field_name, desc) if shape is not None and not rest else None)
    bound = {**(params or {}), "keyset_limit": want, "keyset_offset": paging.offset}

    async def run(stmt: Select, limit: int = want) -> list[Any]:
        if scalars:
            return list((await session.scalars(stmt, {**bound, "keyset_limit": limit})).all())
        # rows of columns need none of the ORM's result handling (about a fifth of a list request's CPU): the
        # session's own connection runs them as Core statements, in the same transaction
        connection = await session.connection()
        return list((await connection.execute(stmt, {**bound, "keyset_limit": limit})).all())

    if paging.cursor is not None:
        after, after_id = decode_cursor(paging.cursor, order.field_name, order.sort_order, sort)
        bound.update(keyset_after=after, keyset_after_id=after_id)
        rows = await _after(run, built, statement, sort, ident, desc, nullable, want, (after, after_id))
    elif nullable and paging.offset == 0:
        rows = await _after(run, built, statement, sort, ident, desc, nullable, want, None)
    else:
        # a LIMIT/OFFSET page (the old `current_page`)
        nulls = "last" if nullable else None
        rows = await run(built("offset", lambda: _ordered(statement, sort, ident, desc, nulls).limit(LIMIT)
                               .offset(OFFSET)))

    total = None
    if paging.count:
        counting = built("count", lambda: select(func.count()).select_from(statement.order_by(None).subquery()))
        total = int(await session.scalar(counting, bound) or 0)
    more = len(rows) > paging.limit
    rows = rows[: paging.limit]
    cursor = None
    if more and rows:
        last = rows[-1]
        cursor = encode_cursor(order.field_name, order.sort_order, getattr(last, order.field_name), last.id)
    return Found(rows=rows, total=total, next_cursor=cursor)


async def _after(run: Any, built: Any, statement: Select, sort: InstrumentedAttribute, ident: InstrumentedAttribute,
                 desc: bool, nullable: bool, want: int, after: tuple[Any, uuid.UUID] | None) -> list[Any]:
    """The rows past `after` (None: from the start), valued ones first, then (nullable sort) the nulls by id.
    The values past which to read are the bind parameters `keyset_after` and `keyset_after_id`."""
    beyond = (lambda a, b: a < b) if desc else (lambda a, b: a > b)
    rows: list[Any] = []
    in_nulls = after is not None and after[0] is None
    after_id = bindparam("keyset_after_id", type_=ident.type)

    def valued() -> Select:
        stmt = statement
        if after is not None:
            last = tuple_(bindparam("keyset_after", type_=sort.type), after_id)
            stmt = stmt.where(beyond(tuple_(sort, ident), last))
        if nullable:
            stmt = stmt.where(sort.is_not(None))
        # with the nulls left out their place does not matter: ask for the one the (sort DESC NULLS LAST, id DESC)
        # index is read in, forwards or backwards
        nulls = ("last" if desc else "first") if nullable else None
        return _ordered(stmt, sort, ident, desc, nulls).limit(LIMIT)

    def null_rows() -> Select:
        stmt = statement.where(sort.is_(None))
        if in_nulls:
            stmt = stmt.where(beyond(ident, after_id))
        return stmt.order_by(ident.desc() if desc else ident.asc()).limit(LIMIT)

    if not in_nulls:
        rows = await run(built(("valued", after is not None, nullable), valued))
    if nullable and len(rows) < want:
        rows += await run(built(("nulls", in_nulls), null_rows), want - len(rows))
    return rows
