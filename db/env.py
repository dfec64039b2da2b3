"""Reading settings from the environment: the one copy the API's and the agent's settings both use.

An empty variable counts as unset; a value that does not parse is a ConfigError whose message is one line naming
the variable, meant for whoever starts the process.
"""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any


class ConfigError(ValueError):
    """A setting is missing or invalid; the message is one line meant for the operator."""


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool) -> bool:
    value = env_str(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    raw = env_str(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as e:
        raise ConfigError(f"{name}={raw!r} is not an integer") from e


def env_float(name: str, default: float) -> float:
    raw = env_str(name)
    if raw is None:
        return default
    try:
        return float(raw)
    except ValueError as e:
        raise ConfigError(f"{name}={raw!r} is not a number") from e


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list."""
    value = env_str(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def _parse(var: str, raw: str, kind: Any) -> object:
    """One variable's value as the field's annotation says (str, int, float, bool, Path, list[str], or X | None)."""
    args = [a for a in typing.get_args(kind) if a is not type(None)]
    if typing.get_origin(kind) in (typing.Union, types.UnionType) and len(args) == 1:
        kind = args[0]
    if kind is bool:
        return env_bool(var, False)
    if kind is int:
        return env_int(var, 0)
    if kind is float:
        return env_float(var, 0.0)
    if kind is Path:
        return Path(raw)
    if typing.get_origin(kind) is list:
        return env_list(var)
    return raw


def env_fields(cls: type, *, names: Mapping[str, str] | None = None, skip: Iterable[str] = ()) -> dict[str, object]:
    """The settings dataclass's fields that are set in the environment, each parsed by its annotation: the variable
    is the field's name in capitals unless `names` says otherwise. Unset fields keep their defaults (not returned)."""
    names, skipped = names or {}, set(skip)
    hints = typing.get_type_hints(cls)
    values: dict[str, object] = {}
    for f in dataclasses.fields(cls):
        if f.name in skipped or not f.init:
            continue
        var = names.get(f.name, f.name.upper())
        raw = env_str(var)
        if raw is not None:
            values[f.name] = _parse(var, raw, hints[f.name])
    return values
