"""What each API key scope allows: (method, route) pairs, routes as declared with their parameter types dropped.

An API key may call only the routes listed here (default deny): everything else, sign-in, members, API keys
themselves and the candidate endpoints included, is a 403 for a key.
"""

from __future__ import annotations

import re

_ATS = "/api/ats/v1"
_INTEGRATIONS = "/api/integrations/v1"

SCOPES: dict[str, tuple[tuple[str, str], ...]] = {
    "jobs:read": (("GET", f"{_ATS}/jobs"), ("GET", f"{_ATS}/jobs/{{job_id}}")),
    "jobs:write": (("POST", f"{_ATS}/jobs"), ("PATCH", f"{_ATS}/jobs/{{job_id}}"),
                   ("POST", f"{_ATS}/jobs/{{job_id}}/close")),
    "applications:read": (("GET", f"{_ATS}/applications"), ("GET", f"{_ATS}/applications/{{application_id}}"),
                          ("GET", f"{_ATS}/jobs/{{job_id}}/applications"),
                          ("GET", f"{_ATS}/applications/{{application_id}}/history")),
    "applications:write": (("POST", f"{_ATS}/applications/{{application_id}}/status"),
                           ("POST", f"{_ATS}/jobs/{{job_id}}/candidates")),
    "interviews:read": (("GET", f"{_ATS}/interviews"), ("GET", f"{_ATS}/interviews/{{interview_id}}")),
    "interviews:write": (("POST", f"{_ATS}/applications/{{application_id}}/interviews"),
                         ("POST", f"{_ATS}/interviews/{{interview_id}}/cancel")),
    "reports:read": (("GET", f"{_ATS}/interviews/{{interview_id}}/report"),
                     ("GET", f"{_ATS}/interviews/{{interview_id}}/transcript"),
                     ("GET", f"{_ATS}/interviews/{{interview_id}}/feedback")),
    "webhooks:write": (("GET", f"{_INTEGRATIONS}/webhooks"), ("POST", f"{_INTEGRATIONS}/webhooks"),
                       ("DELETE", f"{_INTEGRATIONS}/webhooks/{{endpoint_id}}"),
                       ("POST", f"{_INTEGRATIONS}/hooks"), ("DELETE", f"{_INTEGRATIONS}/hooks/{{hook_id}}"),
                       ("GET", f"{_INTEGRATIONS}/hooks/recent/{{event_type}}")),
}

_ROUTE_SCOPE = {(method, path): scope for scope, routes in SCOPES.items() for method, path in routes}
_PARAM_TYPE = re.compile(r"\{(\w+):\w+\}")


def scope_for(method: str, path_template: str) -> str | None:
    """The scope a route needs, or None when no API key may call it."""
    path = _PARAM_TYPE.sub(r"{\1}", path_template).rstrip("/") or "/"
    return _ROUTE_SCOPE.get((method.upper(), path))
