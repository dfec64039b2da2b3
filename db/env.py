"""Reading settings from the environment: the one copy the API's and the agent's settings both use.

An empty variable counts as unset; a value that does not parse is a ConfigError whose message is one line naming
the variable, meant for whoever starts the process.
"""

from __future__ import annotations

import os


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
