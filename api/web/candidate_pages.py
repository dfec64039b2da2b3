"""The candidate's pages (sign-in, role choice, home, CV tools, coach, practice) and what makes the site an
installable app (manifest, icons, the service worker). Like every page, each is a shell: its data comes from the
JSON API with the user's token."""

from __future__ import annotations

import io
from functools import lru_cache
from uuid import UUID

from litestar import Controller, Response, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Template
from PIL import Image, ImageDraw

from api.common.errors import NotFound
from api.config import Settings
from api.web.controllers import STATIC_DIR

THEME_COLOR = "#1d2330"
ICON_SIZES = (192, 512)


def _page(name: str, **context: object) -> Template:
    return Template(name, context=context)


@lru_cache(maxsize=len(ICON_SIZES) * 2)
def app_icon(size: int, maskable: bool = False) -> bytes:
    """The app's icon: the brand's "I" on its colour. Drawn here rather than shipped as a binary; a maskable icon
    keeps the mark inside the safe zone (the inner 80%)."""
    scale = 4  # drawn large and scaled down for smooth edges
    big = size * scale
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0) if not maskable else THEME_COLOR)
    d = ImageDraw.Draw(img)
    if not maskable:
        d.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=THEME_COLOR)
    inset = big * (0.30 if maskable else 0.22)
    w = big * 0.12
    cx = big / 2
    d.rectangle((cx - w / 2, inset, cx + w / 2, big - inset), fill="#ffffff")
    d.rectangle((cx - w * 1.6, inset, cx + w * 1.6, inset + w * 0.8), fill="#ffffff")
    d.rectangle((cx - w * 1.6, big - inset - w * 0.8, cx + w * 1.6, big - inset), fill="#ffffff")
    d.ellipse((big * 0.62, inset, big * 0.62 + w * 1.1, inset + w * 1.1), fill="#7c9cff")
    out = io.BytesIO()
    img.resize((size, size), Image.Resampling.LANCZOS).save(out, format="PNG")
    return out.getvalue()


class CandidatePagesController(Controller):
    include_in_schema = False

    @get("/sign-in")
    async def sign_in(self, dev_auth: NamedDependency[bool], settings: NamedDependency[Settings]) -> Template:
        return _page("sign_in.html", dev_auth=dev_auth, clerk_publishable_key=settings.clerk_publishable_key)

    @get("/onboarding/role")
    async def onboarding_role(self) -> Template:
        return _page("onboarding_role.html")

    @get("/candidate")
    async def home(self) -> Template:
        return _page("candidate_home.html")

    @get("/candidate/cv/analyze")
    async def analyzer(self) -> Template:
        return _page("cv_analyzer.html")

    @get("/candidate/cv/rewrite")
    async def rewriter(self) -> Template:
        return _page("cv_rewriter.html")

    @get("/candidate/coach")
    async def coach(self) -> Template:
        return _page("coach.html")

    @get("/candidate/practice")
    async def practice(self) -> Template:
        return _page("practice.html")

    @get("/candidate/practice/{session_id:uuid}")
    async def practice_report(self, session_id: FromPath[UUID]) -> Template:
        return _page("report.html", interview_id=None, practice_session_id=str(session_id))

    @get("/offline")
    async def offline(self) -> Template:
        return _page("offline.html")

    # --- installable app ------------------------------------------------------------------------------------

    @get("/manifest.webmanifest", media_type="application/manifest+json")
    async def manifest(self) -> dict:
        icons = [{"src": f"/icons/{s}.png", "sizes": f"{s}x{s}", "type": "image/png", "purpose": "any"}
                 for s in ICON_SIZES]
        icons += [{"src": f"/icons/{s}-maskable.png", "sizes": f"{s}x{s}", "type": "image/png",
                   "purpose": "maskable"} for s in ICON_SIZES]
        return {
            "name": "Interviewly", "short_name": "Interviewly", "id": "/sign-in",
            "description": "Practice interviews with live feedback, CV tools and a career coach.",
            "start_url": "/sign-in", "scope": "/", "display": "standalone", "orientation": "any",
            "background_color": "#f6f7f9", "theme_color": THEME_COLOR, "icons": icons,
        }

    @get("/icons/{name:str}", media_type="image/png")
    async def icon(self, name: FromPath[str]) -> Response[bytes]:
        stem = name.removesuffix(".png")
        size_text, _, kind = stem.partition("-")
        if not size_text.isdigit() or int(size_text) not in ICON_SIZES or kind not in ("", "maskable"):
            raise NotFound("no such icon")
        return Response(app_icon(int(size_text), kind == "maskable"), media_type="image/png",
                        headers={"Cache-Control": "public, max-age=86400"})

    @get("/sw.js", media_type="text/javascript")
    async def service_worker(self) -> Response[bytes]:
        # served from the root so its scope is the whole site; never cached by HTTP, so a new version takes over
        return Response((STATIC_DIR / "js" / "sw.js").read_bytes(), media_type="text/javascript",
                        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"})
