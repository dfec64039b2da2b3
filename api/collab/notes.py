"""Notes on candidates and applications, visible to the company's team. Mentions name members of the company
(ids, or "@email" in the text); each mentioned member is mailed once per note. Only the author edits or deletes."""

from __future__ import annotations

import re
import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.collab.schemas import NoteIn, NoteOut
from api.common.errors import BadRequest, Forbidden, NotFound
from api.email.outbox import add_mail
from db.models import Application, Candidate, Company, CompanyMembership, Job, Note, User

MENTION = re.compile(r"@([^\s@]+@[^\s@]+\.[^\s@,;:!?)]+)")


async def company_candidate(session: AsyncSession, candidate_id: uuid.UUID, company_id: uuid.UUID) -> Candidate:
    """A candidate the company knows (applied to one of its jobs); anyone else is not found."""
    found = await session.scalar(select(Candidate).join(Application, Application.candidate_id == Candidate.id)
                                 .join(Job, Job.id == Application.job_id)
                                 .where(Candidate.id == candidate_id, Job.company_id == company_id).limit(1))
    if found is None:
        raise NotFound("candidate not found")
    return found


async def _mentioned(session: AsyncSession, company_id: uuid.UUID, data: NoteIn) -> list[uuid.UUID]:
    emails = {m.lower().rstrip(".") for m in MENTION.findall(data.body)}
    rows = (await session.execute(
        select(User.id, func.lower(User.email)).join(CompanyMembership, CompanyMembership.user_id == User.id)
        .where(CompanyMembership.company_id == company_id))).all()
    members = {uid: email for uid, email in rows}
    unknown = [str(u) for u in data.mentions if u not in members]
    if unknown:
        raise BadRequest("mentions must be members of the company", extra={"field": "mentions", "unknown": unknown})
    by_email = [uid for uid, email in members.items() if email in emails]
    return list(dict.fromkeys([*data.mentions, *by_email]))


async def add_note(session: AsyncSession, author: Principal, data: NoteIn, *, candidate_id: uuid.UUID | None,
                   application_id: uuid.UUID | None, link_url: str) -> Note:
    mentions = await _mentioned(session, author.company_id, data)  # type: ignore[arg-type]
    note = Note(company_id=author.company_id, candidate_id=candidate_id, application_id=application_id,
                author_id=author.user_id, body=data.body, mentions=[str(m) for m in mentions])
    session.add(note)
    await session.flush()
    company = await session.get(Company, author.company_id)
    for user_id, email in (await session.execute(select(User.id, User.email).where(
            User.id.in_(mentions), User.id != author.user_id, User.email.is_not(None)))).all():
        await add_mail(session, company_id=author.company_id, kind="note_mention", to=email,
                       dedupe_key=f"mention:{note.id}:{user_id}",
                       context={"author_name": author.name or "A teammate", "body": data.body[:2000],
                                "company_name": company.name if company else "", "link_url": link_url})
    return note


async def notes_of(session: AsyncSession, company_id: uuid.UUID, *, candidate_id: uuid.UUID | None = None,
                   application_id: uuid.UUID | None = None) -> list[NoteOut]:
    subject = Note.candidate_id == candidate_id if candidate_id else Note.application_id == application_id
    rows = await session.execute(select(Note, User.full_name).outerjoin(User, User.id == Note.author_id)
                                 .where(Note.company_id == company_id, subject).order_by(Note.created_at))
    return [to_out(n, name) for n, name in rows]


def to_out(n: Note, author_name: str | None) -> NoteOut:
    return NoteOut(id=n.id, candidate_id=n.candidate_id, application_id=n.application_id, author_id=n.author_id,
                   author_name=author_name, body=n.body, mentions=[uuid.UUID(m) for m in n.mentions],
                   created_at=n.created_at, updated_at=n.updated_at)


async def own_note(session: AsyncSession, principal: Principal, note_id: uuid.UUID) -> Note:
    note = await session.scalar(select(Note).where(Note.id == note_id, Note.company_id == principal.company_id))
    if note is None:
        raise NotFound("note not found")
    if note.author_id != principal.user_id:
        raise Forbidden("only its author can change or delete a note", extra={"code": "not_author"})
    return note


async def edit_note(session: AsyncSession, principal: Principal, note_id: uuid.UUID, body: str) -> Note:
    note = await own_note(session, principal, note_id)
    note.body = body
    await session.flush()
    return note


async def delete_note(session: AsyncSession, principal: Principal, note_id: uuid.UUID) -> None:
    await session.delete(await own_note(session, principal, note_id))
