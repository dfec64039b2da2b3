from __future__ import annotations

import html
from enum import StrEnum

from advanced_alchemy.extensions.litestar.providers import create_service_provider
from litestar import Controller, Response, delete, get, post, put
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK

from api.auth.deps import Principal
from api.common.db import READ_ONLY
from api.common.filters import Filters, keyset, listing
from api.common.keyset import KeysetPage
from api.common.openapi import BEARER
from api.email.schemas import EmailSettingsIO, OutboxItem, TemplateIn, TemplateOut
from api.email.services import EmailSettingsService, EmailTemplateService, OutboxService
from db.enums import EmailStatus

provide_templates = create_service_provider(EmailTemplateService)
provide_settings = create_service_provider(EmailSettingsService)
provide_outbox = create_service_provider(OutboxService)


class OutboxSort(StrEnum):
    created_at = "created_at"
    next_attempt_at = "next_attempt_at"


OUTBOX_LISTING = listing(sortable=OutboxSort, default_sort=OutboxSort.created_at, choices={"status": EmailStatus})


class EmailController(Controller):
    path = "/api/ats/v1/email"
    tags = ["email"]
    security = BEARER
    dependencies = {"templates": Provide(provide_templates), "email_settings": Provide(provide_settings),
                    "outbox": Provide(provide_outbox)}

    @get("/templates", operation_id="listEmailTemplates", summary="Every kind of automated mail, as it is sent")
    async def list_templates(self, recruiter: NamedDependency[Principal],
                             templates: NamedDependency[EmailTemplateService]) -> list[TemplateOut]:
        return await templates.effective(recruiter.company_id)  # type: ignore[arg-type]

    @put("/templates/{kind:str}", operation_id="saveEmailTemplate",
         summary="The company's wording for one kind of mail (Jinja; 400 when it does not render)")
    async def save_template(self, recruiter: NamedDependency[Principal],
                            templates: NamedDependency[EmailTemplateService], kind: FromPath[str],
                            data: JSONBody[TemplateIn]) -> TemplateOut:
        await templates.save(recruiter.company_id, kind, data)  # type: ignore[arg-type]
        return next(t for t in await templates.effective(recruiter.company_id) if t.kind == kind)  # type: ignore

    @delete("/templates/{kind:str}", operation_id="resetEmailTemplate", status_code=HTTP_200_OK,
            summary="Back to the default wording")
    async def reset_template(self, recruiter: NamedDependency[Principal],
                             templates: NamedDependency[EmailTemplateService], kind: FromPath[str]) -> TemplateOut:
        await templates.reset(recruiter.company_id, kind)  # type: ignore[arg-type]
        return next(t for t in await templates.effective(recruiter.company_id) if t.kind == kind)  # type: ignore

    @get("/settings", operation_id="getEmailSettings", summary="Which status changes mail the candidate; reminders")
    async def get_settings(self, recruiter: NamedDependency[Principal],
                           email_settings: NamedDependency[EmailSettingsService]) -> EmailSettingsIO:
        return await email_settings.of(recruiter.company_id)  # type: ignore[arg-type]

    @put("/settings", operation_id="saveEmailSettings", summary="Choose the status changes and reminder hours")
    async def save_settings(self, recruiter: NamedDependency[Principal],
                            email_settings: NamedDependency[EmailSettingsService],
                            data: JSONBody[EmailSettingsIO]) -> EmailSettingsIO:
        return await email_settings.save(recruiter.company_id, data)  # type: ignore[arg-type]

    @get("/outbox", operation_id="listOutbox", dependencies=OUTBOX_LISTING, opt=READ_ONLY,
         summary="The company's automated mail and its delivery state")
    async def list_outbox(self, recruiter: NamedDependency[Principal], outbox: NamedDependency[OutboxService],
                          filters: Filters) -> KeysetPage[OutboxItem]:
        found = await outbox.company_page(recruiter.company_id, filters)  # type: ignore[arg-type]
        return keyset(outbox.to_schema(found.rows, schema_type=OutboxItem).items, found, filters)


def _page(title: str, body: str, status_code: int = 200) -> Response[str]:
    return Response(
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{html.escape(title)}</title>"
        f'<link rel="stylesheet" href="/static/app.css"></head><body><main class="card">'
        f"<h1>{html.escape(title)}</h1>{body}</main></body></html>",
        media_type="text/html", status_code=status_code)


class UnsubscribeController(Controller):
    """The link in non-essential mail. Opening it asks; only the button (or a mail program's one-click POST,
    RFC 8058) unsubscribes, so a link checker that opens every URL unsubscribes nobody."""

    path = "/email/unsubscribe"
    include_in_schema = False
    dependencies = {"outbox": Provide(provide_outbox)}

    @get("/{token:str}")
    async def ask(self, token: FromPath[str]) -> Response[str]:
        safe = html.escape(token, quote=True)
        return _page("Unsubscribe", "<p>Stop receiving non-essential emails (application updates) from this "
                     "company? Interview invitations and reminders still reach you.</p>"
                     f'<form method="post" action="/email/unsubscribe/{safe}">'
                     '<button type="submit" id="unsubscribe">Unsubscribe</button></form>')

    @post("/{token:str}", status_code=HTTP_200_OK)
    async def confirm(self, outbox: NamedDependency[OutboxService], token: FromPath[str]) -> Response[str]:
        address, company = await outbox.unsubscribe(token)
        return _page("Unsubscribed", f"<p>{html.escape(address)} will get no more non-essential emails from "
                     f"{html.escape(company or 'this company')}.</p>")
