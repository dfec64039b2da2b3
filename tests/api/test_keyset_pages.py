"""Keyset pages on the list endpoints (issue 22): walking `next_cursor` visits every row once in the order asked
(ties broken by id, the screening score's nulls last both ways), rows added meanwhile shift nothing, the list is
counted only with `?count=true`, and each sort of a job's applications is read along its own index (no sort)."""

from __future__ import annotations

import base64
import json
import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from advanced_alchemy.filters import OrderBy
from sqlalchemy import insert, select, text

from api.common.keyset import Paging, keyset_page
from db.models import Application, Candidate
from tests.api.conftest import create_job, dev_user

N = 137


async def _seed(sessionmaker: Any, job_id: str, n: int = N, seed: int = 3) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    candidates, applications = [], []
    for i in range(n):
        cid = uuid.uuid4()
        # few distinct times and scores: many ties, which the id must break
        created = start + timedelta(minutes=rng.randrange(20))
        candidates.append({"id": cid, "full_name": f"A{i}", "email": f"a{i}@keyset.test", "created_at": created,
                           "updated_at": created})
        applications.append({
            "id": uuid.uuid4(), "job_id": uuid.UUID(job_id), "candidate_id": cid,
            "status": rng.choice(["APPLIED", "SCREENING", "SHORTLISTED", "REJECTED"]),
            "screening_score": rng.choice([None, 10.0, 20.5, 20.5, 55.0, 90.0]),
            "created_at": created, "updated_at": created + timedelta(seconds=rng.randrange(5)),
        })
    async with sessionmaker() as s:
        await s.execute(insert(Candidate), candidates)
        await s.execute(insert(Application), applications)
        await s.commit()
    return applications




def _expected(rows: list[dict[str, Any]], field: str, order: str) -> list[str]:
    def key(r: dict[str, Any]) -> Any:
        v = r[field]
        return v

    valued = sorted((r for r in rows if r[field] is not None), key=lambda r: (key(r), r["id"]),
                    reverse=order == "desc")
    nulls = sorted((r for r in rows if r[field] is None), key=lambda r: r["id"], reverse=order == "desc")
    return [str(r["id"]) for r in valued + nulls]


async def _walk(api: Any, url: str, headers: dict[str, str], **params: Any) -> tuple[list[str], int]:
    seen: list[str] = []
    pages = 0
    cursor = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        body = (await api.get(url, params=query, headers=headers)).json()
        assert body["total"] is None, body  # not counted unless asked
        seen += [a["id"] for a in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            return seen, pages


async def test_cursor_pages_visit_every_row_once_in_order(api, db_sessionmaker) -> None:
    recruiter = await dev_user(api, "rec-keyset", "RECRUITER", "Keyset Co")
    job = await create_job(api, recruiter)
    rows = await _seed(db_sessionmaker, job["id"])
    url = f"/api/ats/v1/jobs/{job['id']}/applications"
    for field in ("created_at", "updated_at", "screening_score", "status"):
        for order in ("desc", "asc"):
            seen, pages = await _walk(api, url, recruiter.headers, order_by=field, sort_order=order, page_size=10)
            assert seen == _expected(rows, field, order), (field, order)
            assert pages == -(-N // 10)
    # the company-wide list pages the same way
    seen, _ = await _walk(api, "/api/ats/v1/applications", recruiter.headers, order_by="screening_score",
                          page_size=25)
    assert seen == _expected(rows, "screening_score", "desc")


async def test_count_cursor_errors_and_rows_added_meanwhile(api, db_sessionmaker) -> None:
    recruiter = await dev_user(api, "rec-keyset2", "RECRUITER", "Keyset Two")
    job = await create_job(api, recruiter)
    rows = await _seed(db_sessionmaker, job["id"], n=30, seed=5)
    url = f"/api/ats/v1/jobs/{job['id']}/applications"
    first = (await api.get(url, params={"page_size": 10, "count": "true"}, headers=recruiter.headers)).json()
    assert first["total"] == 30 and len(first["items"]) == 10 and first["next_cursor"]
    # newer applications arrive: the next page continues where the first stopped, nothing seen twice
    await _seed(db_sessionmaker, job["id"], n=5, seed=6)
    cursor, following = first["next_cursor"], []
    while cursor:
        body = (await api.get(url, params={"page_size": 10, "cursor": cursor}, headers=recruiter.headers)).json()
        following += [a["id"] for a in body["items"]]
        cursor = body["next_cursor"]
    expected_first = _expected(rows, "created_at", "desc")[:10]
    assert [a["id"] for a in first["items"]] == expected_first and not set(following) & set(expected_first)
    # the old paging still works, and also hands out a cursor
    old = (await api.get(url, params={"page_size": 10, "current_page": 2}, headers=recruiter.headers)).json()
    assert old["offset"] == 10 and len(old["items"]) == 10 and old["next_cursor"] and old["total"] is None
    bad = [
        {"cursor": "not-a-cursor"},
        {"cursor": first["next_cursor"], "order_by": "screening_score"},  # a cursor of another order
        {"cursor": first["next_cursor"], "current_page": 2},
        {"cursor": "x" * 600},
        # well-formed but made up: wrong types, a time without its offset, a status that does not exist
        {"cursor": _made_up(["created_at", "desc", 5, 7])},
        {"cursor": _made_up(["created_at", "desc", "2026-01-01T00:00:00", str(uuid.uuid4())])},
        {"cursor": _made_up(["status", "desc", "NOPE", str(uuid.uuid4())]), "order_by": "status"},
    ]
    for params in bad:
        r = await api.get(url, params=params, headers=recruiter.headers)
        assert r.status_code == 400, (params, r.text)
    # another company's recruiter learns nothing from a cursor
    other = await dev_user(api, "rec-keyset3", "RECRUITER", "Other Co")
    r = await api.get(url, params={"cursor": first["next_cursor"]}, headers=other.headers)
    assert r.status_code == 404


def _made_up(parts: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode().rstrip("=")


class _Explaining:
    """A session that EXPLAINs every page query before running it (index scans only where the planner can)."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.plans: list[str] = []

    async def execute(self, statement: Any, params: dict[str, Any] | None = None) -> Any:
        statement = statement.params(params or {})  # keyset_page binds its values (limit, cursor) as parameters
        sql = statement.compile(dialect=self.session.bind.dialect, compile_kwargs={"literal_binds": True})
        plan = await self.session.execute(text(f"EXPLAIN {sql}"))
        self.plans.append("\n".join(r[0] for r in plan))
        return await self.session.execute(statement)

    async def scalar(self, statement: Any, params: dict[str, Any] | None = None) -> Any:
        return await self.session.scalar(statement, params)

    async def connection(self) -> _Explaining:
        """keyset_page runs rows of columns on the session's connection: explained the same way."""
        return self


async def test_every_sort_is_read_along_an_index(api, db_sessionmaker) -> None:
    recruiter = await dev_user(api, "rec-keyset4", "RECRUITER", "Index Co")
    job = await create_job(api, recruiter)
    await _seed(db_sessionmaker, job["id"], n=60, seed=8)
    statement = select(Application.id, Application.created_at, Application.updated_at, Application.status,
                       Application.screening_score).where(Application.job_id == uuid.UUID(job["id"]))
    async with db_sessionmaker() as s:
        # with sequential scans priced out, a plan with a Sort node means no index matches the order
        await s.execute(text("SET LOCAL enable_seqscan = off"))
        await s.execute(text("SET LOCAL enable_bitmapscan = off"))
        for field in ("created_at", "updated_at", "screening_score", "status"):
            for order in ("desc", "asc"):
                explaining = _Explaining(s)
                found = await keyset_page(explaining, statement, Application,  # type: ignore[arg-type]
                                          [OrderBy(field, order), Paging(limit=10, offset=0)])
                page2 = await keyset_page(explaining, statement, Application,  # type: ignore[arg-type]
                                          [OrderBy(field, order), Paging(limit=10, offset=0,
                                                                         cursor=found.next_cursor)])
                assert len(page2.rows) == 10
                valued = explaining.plans[-1]  # the second page's (valued) part
                nodes = [line.strip().removeprefix("->").strip() for line in valued.splitlines()]
                assert not any(n.startswith(("Sort", "Incremental Sort")) for n in nodes), (field, order, valued)
                assert "Index Scan" in valued and "ix_applications_job_" in valued, (field, order, valued)


async def test_interviews_and_the_outbox_page_by_cursor(api, db_sessionmaker) -> None:
    from db.enums import EmailStatus, InterviewKind
    from db.models import EmailOutbox, Interview

    recruiter = await dev_user(api, "rec-keyset5", "RECRUITER", "Lists Co")
    company = uuid.UUID((await create_job(api, recruiter))["company_id"])
    start = datetime(2026, 3, 1, tzinfo=UTC)
    rng = random.Random(9)
    async with db_sessionmaker() as s:
        interviews = [Interview(company_id=company, kind=InterviewKind.AI, duration_minutes=30,
                                scheduled_at=start + timedelta(hours=rng.randrange(6))) for _ in range(23)]
        mails = [EmailOutbox(company_id=company, kind="status_changed", to_address=f"m{i}@keyset.test",
                             message_id=f"<{i}@keyset.test>", status=EmailStatus.PENDING, context={})
                 for i in range(17)]
        s.add_all([*interviews, *mails])
        await s.commit()
        by_time = [str(i.id) for i in sorted(interviews, key=lambda i: (i.scheduled_at, i.id))]
        by_created = [str(m.id) for m in sorted(mails, key=lambda m: (m.created_at, m.id), reverse=True)]
    seen, pages = await _walk(api, "/api/ats/v1/interviews", recruiter.headers, order_by="scheduled_at",
                              sort_order="asc", page_size=5)
    assert seen == by_time and pages == 5
    seen, pages = await _walk(api, "/api/ats/v1/email/outbox", recruiter.headers, page_size=4)
    assert seen == by_created and pages == 5
