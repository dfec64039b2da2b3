"""HTML pages. Every page is a shell: data comes from the JSON API with the user's token, so the
API's authorization is the only one there is (a page never shows what its API call would refuse)."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template
from litestar.static_files import create_static_files_router

from api.config import Settings

WEB_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"


class WebController(Controller):
    include_in_schema = False

    @get("/")
    async def root(self) -> Redirect:
        return Redirect("/recruiter")

    @get("/interview/{join_code:str}")
    async def candidate_join(self, join_code: FromPath[str]) -> Template:
        return Template("candidate_join.html", context={"join_code": join_code})

    @get("/recruiter/login")
    async def login(self, dev_auth: NamedDependency[bool], settings: NamedDependency[Settings]) -> Template:
        return Template("login.html", context={"dev_auth": dev_auth, "sign_in_url": settings.sign_in_url})

    @get("/recruiter")
    async def recruiter_home(self) -> Template:
        return Template("recruiter_home.html")

    @get("/recruiter/invitation")
    async def invitation(self) -> Template:
        return Template("invitation.html")

    @get("/recruiter/analytics")
    async def company_dashboard(self) -> Template:
        return Template("dashboard.html")

    @get("/recruiter/jobs/{job_id:uuid}")
    async def job_pipeline(self, job_id: FromPath[UUID]) -> Template:
        return Template("job_pipeline.html", context={"job_id": str(job_id)})

    @get("/recruiter/jobs/{job_id:uuid}/compare")
    async def job_compare(self, job_id: FromPath[UUID]) -> Template:
        return Template("job_compare.html", context={"job_id": str(job_id)})

    @get("/recruiter/interviews/{interview_id:uuid}")
    async def live(self, interview_id: FromPath[UUID]) -> Template:
        return Template("recruiter_live.html", context={"interview_id": str(interview_id)})

    @get("/recruiter/interviews/{interview_id:uuid}/report")
    async def report(self, interview_id: FromPath[UUID]) -> Template:
        return Template("report.html", context={"interview_id": str(interview_id)})


static_files_router = create_static_files_router(path="/static", directories=[STATIC_DIR], include_in_schema=False)
