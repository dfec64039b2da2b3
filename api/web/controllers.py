"""HTML pages. Every page is a shell: data comes from the JSON API with the user's token, so the
API's authorization is the only one there is (a page never shows what its API call would refuse)."""

from __future__ import annotations

import re
from pathlib import Path

from litestar import Controller, Request, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.static_files import create_static_files_router

from api.config import Settings

WEB_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"


# the recruiter's pages that are only a shell for their script: path -> template
RECRUITER_SHELLS = {
    "/recruiter": "recruiter_home.html",
    "/recruiter/invitation": "invitation.html",
    "/recruiter/analytics": "dashboard.html",
    "/recruiter/jobs/{job_id:uuid}": "job_pipeline.html",
    "/recruiter/jobs/{job_id:uuid}/compare": "job_compare.html",
    "/recruiter/interviews/{interview_id:uuid}": "recruiter_live.html",
    "/recruiter/interviews/{interview_id:uuid}/report": "report.html",
}
# the router names a request's route by its path without the parameters' types
_SHELL_BY_ROUTE = {re.sub(r":\w+}", "}", path): template for path, template in RECRUITER_SHELLS.items()}


class WebController(Controller):
    include_in_schema = False

    @get("/")
    async def root(self) -> Redirect:
        # the sign-in page sends a signed-in person on to their role's pages (recruiter or candidate)
        return Redirect("/sign-in")

    @get("/interview/{join_code:str}")
    async def candidate_join(self, join_code: FromPath[str]) -> Template:
        return Template("candidate_join.html", context={"join_code": join_code})

    @get("/recruiter/login")
    async def login(self, dev_auth: NamedDependency[bool], settings: NamedDependency[Settings]) -> Template:
        return Template("login.html", context={"dev_auth": dev_auth, "sign_in_url": settings.sign_in_url})

    @get(list(RECRUITER_SHELLS))
    async def recruiter_page(self, request: Request) -> Template:
        """One of the recruiter's shell pages; its path's ids are its template's context."""
        context = {name: str(value) for name, value in request.path_params.items()}
        return Template(_SHELL_BY_ROUTE[request.scope["path_template"]], context=context)


static_files_router = create_static_files_router(path="/static", directories=[STATIC_DIR], include_in_schema=False)
