"""What a configuration may not combine (issue 14, finding 4). Development settings are an opt-in (ENV=development
or ENV=test, nothing else: `prod`, `staging` and `Production` are all production) and never run where others can
reach them: with a PUBLIC_BASE_URL that is not this machine's, the app refuses to start.

Every problem is one line; start-up fails naming all of them at once, so a deployment is fixed in one round.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from api.config import Settings

DEVELOPMENT_ENVS = frozenset({"development", "test"})
# names nobody outside this machine (or its link) can resolve: RFC 6761 (localhost, test) and RFC 6762 (local)
LOCAL_SUFFIXES = (".localhost", ".test", ".local")
RATE_LIMIT_FIELDS = ("apply_rate_limit_per_minute", "public_rate_limit_per_minute", "join_rate_limit_per_minute",
                     "costly_rate_limit_per_minute", "costly_rate_limit_per_ip_per_minute",
                     "booking_rate_limit_per_minute", "booking_rate_limit_per_ip_per_minute")


class SettingsError(ValueError):
    """The configuration is refused; one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(f"configuration refused: {p}" for p in problems))
        self.problems = problems


def is_local_url(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not host:
        return False
    if host == "localhost" or host.endswith(LOCAL_SUFFIXES):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def development_problems(s: Settings) -> list[str]:
    problems: list[str] = []
    development = s.env in DEVELOPMENT_ENVS
    local = is_local_url(s.public_base_url)
    if s.dev_auth and not development:
        problems.append(f"DEV_AUTH is on with ENV={s.env!r}: the dev issuer signs anyone in as anyone; it runs only "
                        "with ENV=development or ENV=test")
    if s.dev_auth and not local:
        problems.append(f"DEV_AUTH is on with the non-local PUBLIC_BASE_URL={s.public_base_url!r}: the dev issuer "
                        "runs only on this machine (127.0.0.1, localhost, *.localhost, *.test, *.local)")
    if development and not local:
        problems.append(f"ENV={s.env} with the non-local PUBLIC_BASE_URL={s.public_base_url!r}: a deployment others "
                        "can reach runs with ENV=production")
    return problems


def production_problems(s: Settings) -> list[str]:
    from api.config import DEV_LIVEKIT_API_KEY, DEV_LIVEKIT_API_SECRET

    if s.env in DEVELOPMENT_ENVS:
        return []
    problems: list[str] = []
    if s.livekit_api_key == DEV_LIVEKIT_API_KEY:
        problems.append(f"LIVEKIT_API_KEY is the public development key with ENV={s.env!r}: set your LiveKit "
                        "server's key (or ENV=development for a local stack)")
    if s.sign_in_url and not s.sign_in_url.startswith("https://"):
        problems.append(f"SIGN_IN_URL must be an https:// address with ENV={s.env!r}: session tokens come back from it")
    if s.livekit_api_secret == DEV_LIVEKIT_API_SECRET:
        problems.append(f"LIVEKIT_API_SECRET is the public development secret with ENV={s.env!r}: set your LiveKit "
                        "server's secret (or ENV=development for a local stack)")
    return problems


def limit_problems(s: Settings) -> list[str]:
    problems: list[str] = []
    if not 1 <= s.lifecycle_tick_seconds <= 3600:
        problems.append(f"LIFECYCLE_TICK_SECONDS must be in [1, 3600], not {s.lifecycle_tick_seconds}")
    if s.storage_backend not in {"local", "s3"}:
        problems.append(f"STORAGE_BACKEND must be 'local' or 's3', not {s.storage_backend!r}")
    if s.storage_backend == "s3" and not s.s3_bucket:
        problems.append("STORAGE_BACKEND=s3 needs S3_BUCKET")
    if not 1 <= s.cv_parse_workers <= 64:
        problems.append(f"CV_PARSE_WORKERS must be in [1, 64], not {s.cv_parse_workers}")
    for field in RATE_LIMIT_FIELDS:
        if getattr(s, field) < 1:
            problems.append(f"{field.upper()} must be at least 1, not {getattr(s, field)}")
    if not 64 <= s.cv_parse_memory_mb <= 16384:
        problems.append(f"CV_PARSE_MEMORY_MB must be in [64, 16384], not {s.cv_parse_memory_mb}")
    if s.rate_limit_store not in {"postgres", "memory"}:
        problems.append(f"RATE_LIMIT_STORE must be 'postgres' or 'memory', not {s.rate_limit_store!r}")
    return problems


def problems(s: Settings) -> list[str]:
    return [*development_problems(s), *production_problems(s), *limit_problems(s)]
