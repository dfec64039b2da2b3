"""Property-based fuzzing of the whole OpenAPI schema against a running uvicorn server, as an anonymous caller, a
candidate and a recruiter (issue 14, finding 11): no input, valid or not, may produce a 5xx, and every response must
have a status the schema documents for that operation and a body that matches the schema documented for it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance, status_code_conformance

from tests.api.server import api_env, run_api
from tests.screening.fake_llm import FakeLLM

MAX_EXAMPLES = 25
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


def _token(base: str, **body: Any) -> dict[str, str]:
    token = httpx.post(f"{base}/api/auth/dev/token", json=body, timeout=30).json()["token"]
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def live_api(database_url: str, livekit: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    tmp = tmp_path_factory.mktemp("fuzz")
    # an OpenAI-compatible server on loopback: the coach and the rewriter answer, rather than 503 "not configured"
    with FakeLLM() as llm, run_api(api_env(database_url, livekit, tmp, OPENAI_BASE_URL=llm.base_url,
                                           OPENAI_API_KEY="sk-fuzz", LLM_MODEL="fake-model-1"),
                                   log=tmp / "uvicorn.log") as base:
        actors = {
            "anonymous": {},
            "candidate": _token(base, sub="fuzz-candidate", role="CANDIDATE"),
            "recruiter": _token(base, sub="fuzz-recruiter", role="RECRUITER", company_name="Fuzz Inc"),
        }
        yield {"base": base, "actors": actors, "log": tmp / "uvicorn.log"}


def test_no_server_errors_and_no_undocumented_responses(live_api: dict) -> None:
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
            # every case three times: as generated (anonymous unless it carries a header), as a candidate and as a
            # recruiter
            for headers in live_api["actors"].values():
                calls += 1
                case.call_and_validate(base_url=live_api["base"], headers=headers, checks=CHECKS, timeout=30)

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
