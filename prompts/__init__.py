"""Interviewer prompts and question banks, as data.

Everything the interviewer says by default lives in this folder as Markdown or YAML, so wording can be
changed (or translated) without touching code. ``load_yaml`` / ``load_text`` read a file relative to this
folder; ``render`` fills ``{placeholders}`` and leaves unknown ones untouched.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

PROMPTS_DIR = Path(__file__).resolve().parent
QUESTIONS_DIR = PROMPTS_DIR / "questions"


@lru_cache(maxsize=64)
def load_yaml(relative: str) -> Any:
    with (PROMPTS_DIR / relative).open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@lru_cache(maxsize=64)
def load_text(relative: str) -> str:
    return (PROMPTS_DIR / relative).read_text(encoding="utf-8").strip()


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(template: str, **values: Any) -> str:
    """``str.format`` that tolerates placeholders without a value (they stay as written)."""
    formatter = string.Formatter()
    return formatter.vformat(template, (), _Keep({k: v for k, v in values.items() if v is not None}))


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.strip().lower()).strip("-")


def question_bank_names() -> list[str]:
    return sorted(p.stem for p in QUESTIONS_DIR.glob("*.yaml") if not p.stem.startswith("_"))


def bank_for_skill(skill: str) -> str | None:
    """The question bank for a job skill name (through aliases), or None when there is none."""
    key = slug(skill)
    aliases: dict[str, str] = load_yaml("questions/_aliases.yaml") or {}
    key = aliases.get(key, key)
    return key if (QUESTIONS_DIR / f"{key}.yaml").exists() else None


def load_bank(name: str) -> dict[str, Any]:
    return load_yaml(f"questions/{name}.yaml")
