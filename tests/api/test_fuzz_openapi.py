"""Property-based fuzzing of the whole OpenAPI schema against a running uvicorn server: no input, valid or not,
with or without credentials, may produce a 5xx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.api.server import api_env, run_api

MAX_EXAMPLES = 25


@pytest.fixture(scope="module")
def live_api(database_url: str, livekit: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    tmp = tmp_path_factory.mktemp("fuzz")
    with run_api(api_env(database_url, livekit, tmp), log=tmp / "uvicorn.log") as base:
        token = httpx.post(f"{base}/api/auth/dev/token", json={
            "sub": "fuzz-recruiter", "role": "RECRUITER", "company_name": "Fuzz Inc"}).json()["token"]
        yield {"base": base, "headers": {"Authorization": f"Bearer {token}"}, "log": tmp / "uvicorn.log"}


def test_no_server_errors(live_api: dict) -> None:
    schema = schemathesis.openapi.from_url(f"{live_api['base']}/schema/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 25
    failures: list[str] = []
    calls = 0

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def fuzz(case: Any) -> None:
            nonlocal calls
            # every case twice: as generated (anonymous unless it carries a header) and as a signed-in recruiter
            for headers in ({}, live_api["headers"]):
                calls += 1
                case.call_and_validate(base_url=live_api["base"], headers=headers, checks=[not_a_server_error],
                                       timeout=30)

        try:
            fuzz()
        except BaseException as exc:  # collect every operation's failure (hypothesis raises groups), report all
            if isinstance(exc, KeyboardInterrupt | SystemExit):
                raise
            failures.append(f"{operation.label}: {type(exc).__name__}: {str(exc)[:1500]}")
    print(f"schemathesis: {len(operations)} operations, {calls} requests, {len(failures)} failing")
    assert not failures, "\n\n".join(failures)


def test_fuzz_left_no_errors_in_the_log(live_api: dict) -> None:
    log: Path = live_api["log"]
    text = log.read_text(errors="replace") if log.exists() else ""
    assert '"level": "ERROR"' not in text, text[-4000:]
