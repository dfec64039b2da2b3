"""Production refuses development settings (issue 14, finding 4): the dev issuer and ENV=development only on this
machine and only when asked for, no public development LiveKit secret outside development, `azp` always checked in
production; start-up fails with one line naming each problem."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from api.app import create_app
from api.config import DEV_LIVEKIT_API_KEY, DEV_LIVEKIT_API_SECRET, Settings
from api.config_checks import SettingsError, is_local_url

REPO = Path(__file__).resolve().parents[2]
PROD_LIVEKIT = {"LIVEKIT_API_KEY": "APIaBcD1234", "LIVEKIT_API_SECRET": "s" * 40}
READ_BY_SETTINGS = ("ENV", "DEV_AUTH", "PUBLIC_BASE_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "CLERK_ISSUER",
                    "CLERK_JWKS_URL", "CLERK_AUTHORIZED_PARTIES", "CORS_ALLOW_ORIGINS")


def _from_env(monkeypatch: pytest.MonkeyPatch, **env: str) -> Settings:
    for name in READ_BY_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return Settings.from_env(database_url="postgresql://unused")


@pytest.mark.parametrize("env", ["production", "prod", "staging", "Production", "Development", "qa"])
def test_the_dev_issuer_runs_only_in_development_or_test(monkeypatch, env: str) -> None:
    with pytest.raises(SettingsError) as refused:
        _from_env(monkeypatch, ENV=env, DEV_AUTH="1", **PROD_LIVEKIT)
    assert refused.value.problems == [
        f"DEV_AUTH is on with ENV={env!r}: the dev issuer signs anyone in as anyone; it runs only with "
        "ENV=development or ENV=test"]
    # and it is off unless asked for
    assert _from_env(monkeypatch, ENV=env, **PROD_LIVEKIT).dev_auth is False


def test_development_on_a_public_address_is_refused_naming_each_problem(monkeypatch) -> None:
    with pytest.raises(SettingsError) as refused:
        _from_env(monkeypatch, ENV="development", PUBLIC_BASE_URL="https://interviews.example.com")
    lines = str(refused.value).splitlines()
    assert len(lines) == 2 and all(line.startswith("configuration refused: ") for line in lines)
    assert "DEV_AUTH is on with the non-local PUBLIC_BASE_URL='https://interviews.example.com'" in lines[0]
    assert "ENV=development with the non-local PUBLIC_BASE_URL" in lines[1]


def test_the_public_development_livekit_credentials_are_refused_in_production(monkeypatch) -> None:
    with pytest.raises(SettingsError) as refused:
        _from_env(monkeypatch, ENV="production", PUBLIC_BASE_URL="https://interviews.example.com")
    assert [p.split(" is ")[0] for p in refused.value.problems] == ["LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"]
    with pytest.raises(SettingsError):
        _from_env(monkeypatch, ENV="staging", LIVEKIT_API_KEY="mine", LIVEKIT_API_SECRET=DEV_LIVEKIT_API_SECRET)
    ok = _from_env(monkeypatch, ENV="production", PUBLIC_BASE_URL="https://interviews.example.com", **PROD_LIVEKIT)
    assert ok.livekit_api_key != DEV_LIVEKIT_API_KEY


def test_the_local_dev_stack_still_starts(monkeypatch) -> None:
    """What `interviewly up` sets: ENV=development and a 127.0.0.1 PUBLIC_BASE_URL, the dev LiveKit key."""
    s = _from_env(monkeypatch, ENV="development", PUBLIC_BASE_URL="http://127.0.0.1:8000",
                  LIVEKIT_API_KEY=DEV_LIVEKIT_API_KEY, LIVEKIT_API_SECRET=DEV_LIVEKIT_API_SECRET)
    assert s.dev_auth is True
    assert _from_env(monkeypatch, ENV="test", PUBLIC_BASE_URL="http://testserver.local").dev_auth is False


@pytest.mark.parametrize(("url", "local"), [
    ("http://127.0.0.1:8000", True), ("http://[::1]:8000", True), ("http://localhost", True),
    ("http://app.localhost:8000", True), ("http://testserver.local", True), ("http://api.test", True),
    ("https://interviews.example.com", False), ("http://10.0.0.5:8000", False), ("http://0.0.0.0:8000", False),
    ("http://127.0.0.1.nip.io", False), ("not a url", False),
])
def test_what_counts_as_local(url: str, local: bool) -> None:
    assert is_local_url(url) is local


def test_an_empty_authorized_parties_list_still_checks_azp_in_production(monkeypatch) -> None:
    s = _from_env(monkeypatch, ENV="production", PUBLIC_BASE_URL="https://interviews.example.com/",
                  CLERK_ISSUER="https://clerk.example.com", **PROD_LIVEKIT)
    assert s.clerk_authorized_parties == [] and s.authorized_parties == ["https://interviews.example.com"]
    app = create_app(s)
    assert app.state.verifier.issuers["https://clerk.example.com"].authorized_parties == [
        "https://interviews.example.com"]
    explicit = _from_env(monkeypatch, ENV="production", CLERK_AUTHORIZED_PARTIES="https://a.example,https://b.example",
                         **PROD_LIVEKIT)
    assert explicit.authorized_parties == ["https://a.example", "https://b.example"]


def test_start_up_fails_with_one_line_per_problem() -> None:
    env = {k: v for k, v in os.environ.items() if k not in READ_BY_SETTINGS}
    env.update(ENV="staging", DEV_AUTH="1", PUBLIC_BASE_URL="https://interviews.example.com",
               DATABASE_URL="postgresql://unused@127.0.0.1:9/none", LIFECYCLE_TICK_SECONDS="0")
    done = subprocess.run([sys.executable, "-m", "uvicorn", "--factory", "api.app:create_app", "--port", "9"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    refused = [line for line in done.stderr.splitlines() if line.startswith("configuration refused: ")]
    assert [line.split(": ", 1)[1].split(" ")[0] for line in refused] == [
        "DEV_AUTH", "DEV_AUTH", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "LIFECYCLE_TICK_SECONDS"], done.stderr
    assert "Traceback" not in done.stderr, done.stderr


def test_every_setting_is_read_from_its_variable_by_its_type(monkeypatch) -> None:
    from db.env import ConfigError

    got = _from_env(monkeypatch, ENV="test", MAX_PAGE_SIZE="50", WEBHOOK_ALLOW_PRIVATE_URLS="yes",
                    SENTRY_TRACES_SAMPLE_RATE="0.25", STORAGE_LOCAL_DIR="/srv/cv", S3_BUCKET="cvs",
                    CLERK_AUTHORIZED_PARTIES="https://a.test, https://b.test", JOIN_EARLY_MINUTES="3")
    assert (got.max_page_size, got.webhook_allow_private_urls, got.sentry_traces_sample_rate) == (50, True, 0.25)
    assert got.storage_local_dir == Path("/srv/cv") and got.s3_bucket == "cvs"
    assert got.clerk_authorized_parties == ["https://a.test", "https://b.test"] and got.join_early_seconds == 180
    with pytest.raises(ConfigError, match="WEBHOOK_TICK_SECONDS='soon' is not an integer"):
        _from_env(monkeypatch, ENV="test", WEBHOOK_TICK_SECONDS="soon")
