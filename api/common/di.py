"""Dependencies resolved one after another (issue 22: API CPU per request).

Litestar resolves the dependencies of one level of a handler's graph concurrently: a task of an anyio task group
each, seven per list request (the session, four filter providers, then the user and the filters). Ours gain nothing
from that: they parse the query or read through the request's one database session, which runs one statement at a
time anyway. Starting, scheduling and joining the tasks cost about a tenth of a list request's CPU, so each level is
resolved in the order Litestar would have started its tasks, in the request's own task. What a dependency sees and
returns is unchanged; when one fails, its exception is raised as before (Litestar re-raised the task group's first).
"""

from __future__ import annotations

from typing import Any

from litestar._kwargs.cleanup import DependencyCleanupGroup
from litestar._kwargs.dependencies import resolve_dependency
from litestar._kwargs.kwargs_model import KwargsModel
from litestar.connection import ASGIConnection


async def _resolve_in_order(self: KwargsModel, connection: ASGIConnection, kwargs: dict[str, Any]
                            ) -> DependencyCleanupGroup:
    cleanup_group = DependencyCleanupGroup()
    for batch in self.dependency_batches:
        for dependency in batch:
            await resolve_dependency(dependency, connection, kwargs, cleanup_group)
    return cleanup_group


def resolve_dependencies_in_order() -> None:
    """Installs the sequential resolution for every handler (idempotent; called by the app factory)."""
    KwargsModel.resolve_dependencies = _resolve_in_order  # type: ignore[method-assign]
