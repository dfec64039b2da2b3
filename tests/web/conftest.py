"""The web bed: API (uvicorn) + agent worker as processes on the session's Postgres and livekit-server,
and a headless Debian Chromium whose fake camera and microphone play a real face and real speech."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import numpy as np
import pytest
import pytest_asyncio

from tests.agent.conftest import E2E_ENV
from tests.agent.sim import start_worker, worker_env
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


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def chromium(fake_media: tuple[Path, Path]) -> AsyncIterator:
    from playwright.async_api import async_playwright

    video, audio = fake_media
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
        yield browser
        await browser.close()
