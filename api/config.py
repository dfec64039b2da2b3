"""Settings from the environment. Secrets come only from the environment; nothing secret has a production default.

The LiveKit defaults duplicate devstack.livekit_server's dev key and secret on purpose: `api` must not import
`devstack`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from db.contract import agent_name
from db.env import ConfigError, env_bool, env_fields, env_int, env_list, env_str

REPO_ROOT = Path(__file__).resolve().parent.parent

DEV_LIVEKIT_API_KEY = "devkey"
DEV_LIVEKIT_API_SECRET = "interviewly-dev-secret-not-for-production"

DEFAULT_CONSENT_TEXT = (
    "This interview is conducted by an AI interviewer. The conversation is transcribed, your answers are scored "
    "against the job's questions and your speech fluency is measured; if you agree below, your camera is also "
    "analysed for eye contact and face in view. These signals are advisory: a person at the hiring company reviews "
    "them and makes every decision. The transcript, the per-second measurements and the report are stored with your "
    "application for the company's retention period; you can ask for them, or for their erasure."
)


def http_url_from_ws(url: str) -> str:
    parts = urlsplit(url)
    scheme = {"ws": "http", "wss": "https"}.get(parts.scheme, parts.scheme)
    return urlunsplit((scheme, parts.netloc, parts.path, parts.query, parts.fragment))


@dataclass(frozen=True)
class Settings:
    env: str = "production"
    database_url: str | None = None
    db_pool_size: int = 10
    db_max_overflow: int = 10
    public_base_url: str = "http://127.0.0.1:8000"
    cors_allow_origins: list[str] = field(default_factory=list)
    # auth: Clerk
    clerk_issuer: str | None = None
    clerk_jwks_url: str | None = None
    clerk_authorized_parties: list[str] = field(default_factory=list)
    clerk_secret_key: str | None = None
    clerk_api_url: str = "https://api.clerk.com/v1"
    jwks_cache_seconds: int = 3600
    jwks_min_refresh_seconds: int = 30
    # a JWKS fetch waits this long; after a failed one, requests needing a fetch get a 503 for the backoff
    jwks_timeout_seconds: float = 5.0
    jwks_failure_backoff_seconds: int = 10
    jwt_leeway_seconds: int = 5
    principal_cache_seconds: int = 30
    # the web sign-in page's "Sign in" button: an identity provider's page (or a bridge in front of it) that sends
    # the person back to /recruiter/login#token=<session token>&state=<the state it was given> (api/web login.js)
    sign_in_url: str | None = None
    # the sign-in page mounts Clerk's own sign-in component (vendored @clerk/clerk-js) when this is set
    clerk_publishable_key: str | None = None
    # auth: offline dev issuer
    dev_auth: bool = False
    dev_issuer_key_path: Path = REPO_ROOT / ".data" / "dev-issuer-key.pem"
    dev_token_ttl_seconds: int = 12 * 3600
    # LiveKit
    livekit_url: str = "ws://127.0.0.1:7880"
    livekit_http_url: str = "http://127.0.0.1:7880"
    livekit_api_key: str = DEV_LIVEKIT_API_KEY
    livekit_api_secret: str = DEV_LIVEKIT_API_SECRET
    livekit_timeout_seconds: float = 5.0
    agent_name: str = field(default_factory=agent_name)
    token_ttl_margin_minutes: int = 15
    room_empty_timeout_seconds: int = 600
    room_max_participants: int = 6
    # the interview lifecycle (api/interviews/lifecycle.py): the room opens JOIN_EARLY_SECONDS before the scheduled
    # time; a candidate who has not arrived JOIN_GRACE_SECONDS after it is a no-show
    join_early_seconds: int = 15 * 60
    join_grace_seconds: int = 15 * 60
    # a candidate waits this long for a free interviewer, then is told so and may try again or be rescheduled
    wait_limit_seconds: int = 10 * 60
    # how often the queue's lifecycle job runs: no-shows, stale interviews, expired waits, waiting dispatches
    lifecycle_tick_seconds: int = 2
    # an IN_PROGRESS interview whose agent has not written a heartbeat (every second) for this long lost its worker
    stale_after_seconds: int = 6
    # a worker whose registry row is older than this is gone (workers refresh it every 2 s)
    worker_stale_seconds: int = 6
    # an interview whose agent host was lost goes to another host (which resumes it) if the candidate is still in
    # the room within this long after its last heartbeat, at most this many times
    resume_within_seconds: int = 120
    resume_max_times: int = 2
    # a registered worker joins within a second or two of a dispatch; a dispatch older than this with no agent
    # is retried
    dispatch_join_grace_seconds: float = 10.0
    # storage
    storage_backend: str = "local"  # local | s3
    storage_local_dir: Path = REPO_ROOT / ".data" / "uploads"
    s3_bucket: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str = "us-east-1"
    s3_access_key_id: str | None = None
    s3_secret_access_key: str | None = None
    s3_prefix: str = "cv"
    # recordings (issue 21): kept under their own prefix (S3) or folder (local); links to them are signed and short
    s3_recordings_prefix: str = "recordings"
    recording_url_seconds: int = 300
    # signs the local backend's recording links (HMAC); unset: derived from LIVEKIT_API_SECRET, which outside
    # development must be a real secret
    storage_url_secret: str | None = None
    # the recorder participant's process (api/recordings/recorder.py): video frame rate and longest side
    recording_fps: int = 15
    recording_max_height: int = 480
    # a "now" offset for recordings' retention (tests move the clock by configuration)
    retention_clock_offset_days: float = 0.0
    # limits
    max_upload_bytes: int = 5 * 1024 * 1024
    # CV files are parsed in this many processes at most, each with this much memory beyond its own, and this long
    # (api/storage/safe_parse.py)
    cv_parse_workers: int = 2
    cv_parse_memory_mb: int = 384
    cv_parse_timeout_seconds: float = 20.0
    max_request_body_bytes: int = 1024 * 1024
    # rate limits a minute (api/common/ratelimit.py): per client address, and per signed-in user where it says so
    apply_rate_limit_per_minute: int = 10
    public_rate_limit_per_minute: int = 120
    join_rate_limit_per_minute: int = 30  # the join-code token endpoint, per address and per user
    costly_rate_limit_per_minute: int = 10  # coach, CV rewrites and analyses, practice interviews: per user
    costly_rate_limit_per_ip_per_minute: int = 60  # the same, per address
    booking_rate_limit_per_minute: int = 60  # booking interviews, per recruiter
    booking_rate_limit_per_ip_per_minute: int = 240
    # where the counts live: "postgres" (shared by every API process) or "memory" (this process only)
    rate_limit_store: str = "postgres"
    # the issuers' keys (JWKS) kept in Postgres too, so every process fetches them once and agrees on them
    jwks_shared_cache: bool = True
    # Prometheus /metrics (api/common/metrics.py); with a token, a scrape must send it as a bearer token
    metrics_enabled: bool = True
    metrics_token: str | None = None
    sentry_dsn: str | None = None  # errors to Sentry when set (api/common/sentry.py)
    sentry_traces_sample_rate: float = 0.0
    max_page_size: int = 100
    # privacy (api/privacy/): the daily retention run, and the clock it measures expiry against, moved ahead by this
    # many seconds (tests); a pause between erasure steps (0; the crash test sets it to kill an erasure half-way)
    retention_cron: str = "17 3 * * *"
    retention_clock_offset_seconds: int = 0
    erasure_step_pause_seconds: float = 0.0
    # webhooks (api/webhooks/): loopback, private, link-local, multicast, reserved and metadata addresses are refused
    # unless this is on (development, tests, or a receiver on a private network you trust)
    webhook_allow_private_urls: bool = False
    webhook_timeout_seconds: float = 10.0
    # a failed delivery waits base * 2^(attempt-1) seconds, at most max_backoff, and is retried for retry_window;
    # an endpoint without a success for retry_window is disabled (and its admins are told)
    webhook_retry_base_seconds: float = 30.0
    webhook_max_backoff_seconds: float = 6 * 3600.0
    webhook_retry_window_seconds: float = 3 * 24 * 3600.0
    # a sender that claimed a delivery and died leaves it to another after this
    webhook_lease_seconds: float = 60.0
    webhook_tick_seconds: int = 10
    # misc
    consent_text: str = DEFAULT_CONSENT_TEXT
    log_level: str = "INFO"
    access_log: bool = True

    @property
    def is_development(self) -> bool:
        return self.env == "development"

    @property
    def authorized_parties(self) -> list[str]:
        """The `azp` values a Clerk token may carry. Outside development an empty CLERK_AUTHORIZED_PARTIES does not
        turn the check off: it means the origin of PUBLIC_BASE_URL, where the web pages that hold the tokens live."""
        from api.config_checks import DEVELOPMENT_ENVS, origin_of

        if self.clerk_authorized_parties or self.env in DEVELOPMENT_ENVS:
            return list(self.clerk_authorized_parties)
        return [origin_of(self.public_base_url)]

    @property
    def dev_issuer(self) -> str:
        return self.public_base_url.rstrip("/") + "/api/auth/dev"

    @property
    def dev_jwks_url(self) -> str:
        return self.dev_issuer + "/.well-known/jwks.json"

    @property
    def effective_clerk_jwks_url(self) -> str | None:
        if self.clerk_jwks_url:
            return self.clerk_jwks_url
        if self.clerk_issuer:
            return self.clerk_issuer.rstrip("/") + "/.well-known/jwks.json"
        return None

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Every field from its variable in capitals (DATABASE_URL, WEBHOOK_TICK_SECONDS, ...), except those
        derived here from others."""
        env = env_str("ENV", "production") or "production"
        livekit_url = env_str("LIVEKIT_URL", cls.livekit_url) or ""
        public_base_url = (env_str("PUBLIC_BASE_URL", cls.public_base_url) or "").rstrip("/")
        derived: dict[str, object] = {
            "env": env, "livekit_url": livekit_url, "public_base_url": public_base_url,
            # minutes, as these were first named, or seconds (compressed clocks in tests)
            "join_early_seconds": env_int("JOIN_EARLY_SECONDS", 60 * env_int("JOIN_EARLY_MINUTES", 15)),
            "join_grace_seconds": env_int("JOIN_GRACE_SECONDS", 60 * env_int("JOIN_LATE_MINUTES", 15)),
            "cors_allow_origins": env_list("CORS_ALLOW_ORIGINS", [public_base_url] if env == "development" else []),
            "dev_auth": env_bool("DEV_AUTH", env == "development"),
            "livekit_http_url": env_str("LIVEKIT_HTTP_URL", http_url_from_ws(livekit_url)),
            "storage_backend": (env_str("STORAGE_BACKEND", cls.storage_backend) or cls.storage_backend).lower(),
            "rate_limit_store": (env_str("RATE_LIMIT_STORE", cls.rate_limit_store) or cls.rate_limit_store).lower(),
            "log_level": (env_str("LOG_LEVEL", cls.log_level) or cls.log_level).upper(),
        }
        values = {**env_fields(cls, skip=derived), **derived, **overrides}
        settings = cls(**values)  # type: ignore[arg-type]
        settings.validate()
        return settings

    def validate(self) -> None:
        """Raises SettingsError naming every problem, one a line (api/config_checks.py)."""
        from api.config_checks import SettingsError, problems

        found = problems(self)
        if found:
            raise SettingsError(found)


def settings_or_exit() -> Settings:
    """The settings from the environment; a refused configuration stops start-up with one line per problem (and no
    traceback to dig them out of)."""
    from api.config_checks import SettingsError

    try:
        return Settings.from_env()
    except SettingsError as exc:
        print(exc, file=sys.stderr, flush=True)
        raise SystemExit(2) from None
    except ConfigError as exc:  # a value that does not parse (db/env.py): one line too
        print(f"configuration refused: {exc}", file=sys.stderr, flush=True)
        raise SystemExit(2) from None
