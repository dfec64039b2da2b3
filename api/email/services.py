"""Companies' templates, settings, the outbox list and unsubscribes (advanced-alchemy services)."""

from __future__ import annotations

import uuid

from advanced_alchemy.filters import StatementFilter
from advanced_alchemy.repository import SQLAlchemyAsyncRepository
from advanced_alchemy.service import SQLAlchemyAsyncRepositoryService
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert

from api.common.errors import BadRequest, NotFound
from api.common.keyset import Found, keyset_page
from api.email.events import DEFAULT_NOTIFY_STATUSES
from api.email.periodic import DEFAULT_REMINDER_HOURS
from api.email.schemas import EmailSettingsIO, TemplateIn, TemplateOut
from api.email.templates import DEFAULTS, KINDS, check_template
from db.models import CompanyEmailSettings, EmailOutbox, EmailTemplate, EmailUnsubscribe


class EmailTemplateService(SQLAlchemyAsyncRepositoryService[EmailTemplate]):
    class Repo(SQLAlchemyAsyncRepository[EmailTemplate]):
        model_type = EmailTemplate

    repository_type = Repo

    async def effective(self, company_id: uuid.UUID) -> list[TemplateOut]:
        own = {t.kind: t for t in await self.get_many(EmailTemplate.company_id == company_id)}
        out = []
        for kind, spec in KINDS.items():
            t = own.get(kind)
            out.append(TemplateOut(
                kind=kind, description=spec.description, to=spec.to, essential=spec.essential, customised=t is not None,
                enabled=t.enabled if t else True, subject=t.subject if t else DEFAULTS[kind]["subject"],
                text_body=t.text_body if t else DEFAULTS[kind]["text"], html_body=t.html_body if t else None))
        return out

    async def save(self, company_id: uuid.UUID, kind: str, data: TemplateIn) -> EmailTemplate:
        if kind not in KINDS:
            raise NotFound(f"no mail kind {kind!r}", extra={"kinds": sorted(KINDS)})
        problem = check_template(kind, data.subject, data.text_body, data.html_body)
        if problem:
            raise BadRequest(f"the template does not render: {problem}", extra={"kind": kind})
        return await self.upsert(
            {"company_id": company_id, "kind": kind, "subject": data.subject, "text_body": data.text_body,
             "html_body": data.html_body, "enabled": data.enabled},
            match_fields=["company_id", "kind"])

    async def reset(self, company_id: uuid.UUID, kind: str) -> None:
        if kind not in KINDS:
            raise NotFound(f"no mail kind {kind!r}", extra={"kinds": sorted(KINDS)})
        await self.delete_where(EmailTemplate.company_id == company_id, EmailTemplate.kind == kind)


class EmailSettingsService(SQLAlchemyAsyncRepositoryService[CompanyEmailSettings]):
    class Repo(SQLAlchemyAsyncRepository[CompanyEmailSettings]):
        model_type = CompanyEmailSettings

    repository_type = Repo

    async def of(self, company_id: uuid.UUID) -> EmailSettingsIO:
        row = await self.get_one_or_none(CompanyEmailSettings.company_id == company_id)
        if row is None:
            return EmailSettingsIO(notify_statuses=list(DEFAULT_NOTIFY_STATUSES),  # type: ignore[arg-type]
                                   reminder_hours=list(DEFAULT_REMINDER_HOURS))
        return EmailSettingsIO(notify_statuses=row.notify_statuses,  # type: ignore[arg-type]
                               reminder_hours=row.reminder_hours)

    async def save(self, company_id: uuid.UUID, data: EmailSettingsIO) -> EmailSettingsIO:
        await self.upsert({"company_id": company_id, "notify_statuses": sorted({s.value for s in data.notify_statuses}),
                           "reminder_hours": sorted(set(data.reminder_hours), reverse=True)},
                          match_fields=["company_id"])
        return await self.of(company_id)


class OutboxService(SQLAlchemyAsyncRepositoryService[EmailOutbox]):
    class Repo(SQLAlchemyAsyncRepository[EmailOutbox]):
        model_type = EmailOutbox

    repository_type = Repo

    async def company_page(self, company_id: uuid.UUID, filters: list[StatementFilter]) -> Found:
        """One keyset page of the company's outbox."""
        statement = select(EmailOutbox).where(EmailOutbox.company_id == company_id)
        return await keyset_page(self.repository.session, statement, EmailOutbox, filters, scalars=True)

    async def unsubscribe(self, token: str) -> tuple[str, str | None]:
        """(address, company name) of the mail the token came in; the address gets no more non-essential mail."""
        from db.models import Company

        row = (await self.repository.session.execute(
            select(EmailOutbox.company_id, EmailOutbox.to_address, Company.name)
            .outerjoin(Company, Company.id == EmailOutbox.company_id)
            .where(EmailOutbox.unsubscribe_token == token))).first()
        if row is None or row.company_id is None:
            raise NotFound("this unsubscribe link is not valid")
        await self.repository.session.execute(
            insert(EmailUnsubscribe).values(id=uuid.uuid4(), company_id=row.company_id,
                                            email=row.to_address.strip().lower())
            .on_conflict_do_nothing(index_elements=["company_id", "email"]))
        return row.to_address, row.name
