"""A CV rewrite (Markdown, as the LLM writes it) as a Word document or as plain text, for download."""

from __future__ import annotations

import io
import re
import uuid

from docx import Document
from docx.shared import Pt
from litestar import Controller, Response, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.common.errors import NotFound
from api.common.openapi import BEARER
from db.models import CVRewrite

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*•+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_INLINE = re.compile(r"(\*\*|__|`)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


def _add_runs(paragraph, text: str) -> None:
    """Text with **bold** spans kept bold; other Markdown marks dropped."""
    text = _LINK.sub(r"\1 (\2)", text)
    pos = 0
    for m in _BOLD.finditer(text):
        if m.start() > pos:
            paragraph.add_run(_INLINE.sub("", text[pos:m.start()]))
        paragraph.add_run(m.group(1) or m.group(2)).bold = True
        pos = m.end()
    if pos < len(text):
        paragraph.add_run(_INLINE.sub("", text[pos:]))


def markdown_to_docx(markdown: str) -> bytes:
    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    for raw in markdown.splitlines():
        line = raw.rstrip()
        if not line.strip() or set(line.strip()) <= {"-", "*", "_"}:  # blank lines and rules
            continue
        if m := _HEADING.match(line):
            doc.add_heading(_INLINE.sub("", m.group(2)), level=min(len(m.group(1)) - 1, 3) if len(m.group(1)) > 1
                            else 0)
        elif m := _BULLET.match(line):
            _add_runs(doc.add_paragraph(style="List Bullet"), m.group(1))
        elif m := _NUMBERED.match(line):
            _add_runs(doc.add_paragraph(style="List Number"), m.group(1))
        else:
            _add_runs(doc.add_paragraph(), line.strip())
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def markdown_to_text(markdown: str) -> str:
    lines = []
    for raw in markdown.splitlines():
        line = raw.rstrip()
        if m := _HEADING.match(line):
            title = _INLINE.sub("", m.group(2))
            line = title.upper() if len(m.group(1)) <= 2 else title
        elif m := _BULLET.match(line):
            line = "- " + m.group(1)
        lines.append(_INLINE.sub("", _LINK.sub(r"\1 (\2)", line)))
    return "\n".join(lines).strip() + "\n"


def _filename(row: CVRewrite, ext: str) -> str:
    return f"cv-{row.style.value.lower().replace('_', '-')}.{ext}"


class RewriteFilesController(Controller):
    path = "/api/candidate/v1/cv/rewrites/{rewrite_id:uuid}"
    tags = ["candidate tools"]
    security = BEARER

    async def _mine(self, session: AsyncSession, candidate: Principal, rewrite_id: uuid.UUID) -> CVRewrite:
        row = await session.scalar(select(CVRewrite).where(CVRewrite.id == rewrite_id,
                                                           CVRewrite.user_id == candidate.user_id))
        if row is None:
            raise NotFound("rewrite not found")
        return row

    @get("/docx", operation_id="downloadMyRewriteDocx", media_type=DOCX_TYPE,
         summary="My CV rewrite as a Word document")
    async def docx(self, candidate: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                   rewrite_id: FromPath[uuid.UUID]) -> Response[bytes]:
        row = await self._mine(db_session, candidate, rewrite_id)
        return Response(markdown_to_docx(row.output), media_type=DOCX_TYPE, headers={
            "Content-Disposition": f'attachment; filename="{_filename(row, "docx")}"'})

    @get("/txt", operation_id="downloadMyRewriteText", media_type="text/plain",
         summary="My CV rewrite as plain text")
    async def txt(self, candidate: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                  rewrite_id: FromPath[uuid.UUID]) -> Response[str]:
        row = await self._mine(db_session, candidate, rewrite_id)
        return Response(markdown_to_text(row.output), media_type="text/plain; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="{_filename(row, "txt")}"'})
