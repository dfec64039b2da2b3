"""The web bed: API (uvicorn) + agent worker as processes on the session's Postgres and livekit-server,
and a headless Debian Chromium whose fake camera and microphone play a real face and real speech."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import numpy as np
import pytest
import pytest_asyncio

from tests.agent.conftest import E2E_ENV
from tests.agent.sim import start_worker, worker_env
from tests.api.conftest import apply, create_job, dev_user, in_minutes
from tests.api.server import api_env, run_api
from tests.faces import frontal_face_rgb, jittered
from tests.media import espeak_wav, read_wav, resample, write_wav, write_y4m

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CONSENT = "Yes, I am happy to go ahead."
WEB_AGENT = "interviewer-web"
ANSWER = (
    "In my last job I built a billing service in Python with PostgreSQL. I designed the schema, wrote the "
    "migrations and tuned the slow queries with explain analyze, and I added tests for every endpoint."
)


@pytest.fixture(scope="session")
def web_artifacts(artifacts_dir: Path) -> Path:
    out = artifacts_dir / "web"
    out.mkdir(exist_ok=True)
    return out


@pytest.fixture(scope="session")
def fake_media(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """FACE.y4m (a real photo, slightly jittered like a live camera) and SPEECH.wav ("yes" to the consent
    question, an answer, each followed by a pause that ends the turn; looped by Chromium)."""
    tmp = tmp_path_factory.mktemp("fake-media")
    video = write_y4m(jittered(frontal_face_rgb(640, 480), 30), 15, tmp / "face.y4m")
    parts = []
    for name, text in (("consent", CONSENT), ("answer", ANSWER)):
        speech, rate = read_wav(espeak_wav(text, 170, tmp / f"{name}.wav"))
        parts += [resample(speech, rate, 48000), np.zeros(48000 * 4, np.float32)]
    return video, write_wav(np.concatenate(parts), 48000, tmp / "speech.wav")


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def web_worker(database_url: str, livekit, artifacts_dir: Path) -> AsyncIterator[None]:
    """The browser tests' interviewer worker, shared by every page test that runs an interview."""
    # its own agent name: the session's other workers (tests/agent, tests/stack) share this livekit-server
    worker = start_worker(
        worker_env(livekit, database_url, **{**E2E_ENV, "INTERVIEW_MAX_MINUTES": 3}, AGENT_NAME=WEB_AGENT),
        artifacts_dir / "web-agent-worker.log",
    )
    try:
        await worker.wait_registered()
        yield
    finally:
        worker.stop()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def web_stack(web_worker: None, database_url: str, livekit, artifacts_dir: Path, tmp_path_factory
                    ) -> AsyncIterator[str]:
    tmp = tmp_path_factory.mktemp("web-api")
    # the queue worker runs in the API as in production: arrivals are dispatched, and retried, by it
    env = api_env(database_url, livekit, tmp, QUEUE_WORKER="1", LIFECYCLE_TICK_SECONDS="2", AGENT_NAME=WEB_AGENT)
    with run_api(env, log=artifacts_dir / "web-api.log") as base_url:
        yield base_url


@asynccontextmanager
async def launch_chromium(video: Path, audio: Path) -> AsyncIterator:
    """Headless Debian Chromium whose fake camera plays `video` (y4m) and fake microphone `audio` (wav)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic", "--disable-sync",
                "--disable-background-networking", "--disable-component-update",
                "--autoplay-policy=no-user-gesture-required",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                f"--use-file-for-fake-video-capture={video}", f"--use-file-for-fake-audio-capture={audio}",
            ],
        )
        try:
            yield browser
        finally:
            await browser.close()


async def book_ai_interview(api: httpx.AsyncClient, recruiter_sub: str, organisation: str, full_name: str,
                            skills: list[dict] | None = None) -> tuple:
    """A recruiter's job (with these skills, or the default ones), one application to it and an AI interview
    starting now: (recruiter, job, interview as the API gives it)."""
    recruiter = await dev_user(api, recruiter_sub, "RECRUITER", organisation)
    job = await create_job(api, recruiter, **({"skills": skills} if skills is not None else {}))
    application_id = (await apply(api, job["id"], full_name=full_name)).json()["application_id"]
    r = await api.post(f"/api/ats/v1/applications/{application_id}/interviews", headers=recruiter.headers,
                       json={"kind": "AI", "scheduled_at": in_minutes(0), "duration_minutes": 15})
    assert r.status_code == 201, r.text
    return recruiter, job, r.json()


async def book_ai_interview_now(base_url: str, recruiter_sub: str, organisation: str, full_name: str) -> dict:
    """``book_ai_interview`` on its own client: the interview as the API gives it."""
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as api:
        return (await book_ai_interview(api, recruiter_sub, organisation, full_name))[2]


async def join_as_candidate(browser, join_url: str, init_script: str | None = None) -> tuple:
    """Open the join page in a new context, agree to the interview and to video analysis, and join: (context, page)
    once the page says it is in the room. `init_script` runs in the page before its own scripts."""
    ctx = await browser.new_context(viewport={"width": 1200, "height": 900})
    if init_script:
        await ctx.add_init_script(init_script)
    page = await ctx.new_page()
    await page.goto(join_url)
    await page.wait_for_selector("#device-status.ok", timeout=20_000)
    await page.check("#consent")
    await page.check("#consent-video-analysis")  # opt-in: the camera is analysed
    await page.click("#join")
    await page.wait_for_function("document.body.dataset.state === 'in-room'", timeout=30_000)
    return ctx, page


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def chromium(fake_media: tuple[Path, Path]) -> AsyncIterator:
    async with launch_chromium(*fake_media) as browser:
        yield browser
