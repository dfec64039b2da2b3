"""Every operation in the OpenAPI document has its own readable id, for clients generated from /schema."""

from __future__ import annotations

import re


async def test_every_operation_has_a_unique_camel_case_id(api) -> None:
    schema = (await api.get("/schema/openapi.json")).json()
    ids = [op.get("operationId") for item in schema["paths"].values() for method, op in item.items()
           if method in {"get", "post", "put", "patch", "delete"}]
    assert ids and all(ids), "an operation without an id"
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert all(re.fullmatch(r"[a-z][A-Za-z0-9]*", i) for i in ids), ids
    assert {"schedule", "listInterviews", "reschedule", "roomToken", "analyzeCv"} <= set(ids)
