"""Text normalisation and the content hash that keys every embedding and analysis cache."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_BULLETS = re.compile(r"^[\u2022\u25cf\u25aa\u25a0\u2023\u2043\u2219\u00b7\u2013\u2014*•▪◦-]\s*", re.MULTILINE)


def normalize_text(text: str) -> str:
    """NFKC, unified newlines and spaces, bullets as '- ', no trailing spaces, at most one blank line."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    if not text.replace("\n", "").replace("\t", "").isprintable():  # isprintable: no control or format chars
        text = "".join(ch for ch in text if ch == "\n" or ch == "\t" or unicodedata.category(ch)[0] != "C")
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BULLETS.sub("- ", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def content_hash(text: str) -> str:
    """sha256 of the normalised text, case-folded and with all whitespace collapsed: a re-upload of
    the same CV (other file format, other line wrapping) hits the cache."""
    canon = " ".join(normalize_text(text).casefold().split())
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


def job_text(title: str, description: str, requirements: str, skills: list[str] | None = None) -> str:
    """The text a job is embedded and analysed from."""
    parts = [title.strip(), (description or "").strip(), (requirements or "").strip()]
    if skills:
        parts.append("Skills: " + ", ".join(skills))
    return normalize_text("\n\n".join(p for p in parts if p))
