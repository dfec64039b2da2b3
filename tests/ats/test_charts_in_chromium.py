"""The pipeline charts and the import page in a real Chromium (Debian's, driven by Playwright): the charts draw
from a seeded pipeline, show their numbers on hover, and a CSV import goes from preview to a full progress bar."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import numpy as np
import pytest
from PIL import Image

from tests.api.server import api_env, run_api
from tests.ats.conftest import NO_LIVEKIT
from tests.ats.files import csv_bytes, people
from tests.ats.test_dashboards import seed
from tests.web.signin import sign_in

pytestmark = [pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def assert_not_blank(path: Path) -> None:
    pixels = np.asarray(Image.open(path).convert("L"), dtype=np.float32)
    assert pixels.std() > 10, f"{path.name} looks blank (std {pixels.std():.1f})"


def assert_chart_drawn(path: Path) -> None:
    """A chart canvas with bars: more than background and axes."""
    pixels = np.asarray(Image.open(path).convert("RGB"), dtype=np.int16)
    bar = (np.abs(pixels - np.array([0x30, 0x56, 0xD3])).sum(axis=2) < 120) | (
        np.abs(pixels - np.array([0x98, 0xAB, 0xE9])).sum(axis=2) < 60)
    assert bar.sum() > 200, f"{path.name}: no bars drawn"


async def test_charts_and_import_in_chromium(database_url, db_sessionmaker, artifacts_dir, tmp_path) -> None:
    from playwright.async_api import async_playwright

    out = artifacts_dir / "web"
    out.mkdir(exist_ok=True)
    env = api_env(database_url, NO_LIVEKIT, tmp_path, QUEUE_WORKER="1", PRINCIPAL_CACHE_SECONDS="0",
                  EMAIL_TICK_SECONDS="3600", LIFECYCLE_TICK_SECONDS="3600")
    with run_api(env, log=artifacts_dir / "charts-api.log") as base:
        async with httpx.AsyncClient(base_url=base, timeout=30) as api:
            recruiter, job = await seed(api, db_sessionmaker)
        token = recruiter.headers["Authorization"].split(" ", 1)[1]
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = await browser.new_page(viewport={"width": 1300, "height": 1000})
            await sign_in(page, base, "/recruiter/analytics", token)
            await page.wait_for_selector("#dashboard[data-loaded='1']", timeout=20_000)
            assert await page.locator(".bar-chart[data-ready='1'] canvas").count() == 6
            assert "5 applications" in await page.inner_text(".dash-total")
            # hover the first bar (Applied), where uPlot draws it, for its figures
            x, y = await page.evaluate("""() => { const u = document.querySelector('#chart-funnel').uplot;
                const r = u.over.getBoundingClientRect();
                return [r.left + u.valToPos(0, 'x'), r.top + r.height * 0.8]; }""")
            await page.mouse.move(x, y, steps=5)
            tip = page.locator("#chart-funnel .chart-tip")
            await tip.wait_for(state="visible", timeout=5_000)
            assert "Applied: 5 reached" in await tip.inner_text()
            await page.screenshot(path=out / "dashboard-company.png", full_page=True)
            assert_not_blank(out / "dashboard-company.png")
            await page.locator("#chart-funnel").screenshot(path=out / "dashboard-funnel.png")
            assert_chart_drawn(out / "dashboard-funnel.png")

            # the job page: its charts, then an import from preview to a full progress bar
            await page.goto(f"{base}/recruiter/jobs/{job['id']}")
            await page.wait_for_selector("#dashboard[data-loaded='1']", timeout=20_000)
            sheet = tmp_path / "people.csv"
            sheet.write_bytes(csv_bytes(people(40)))
            await page.click("#import summary")  # folded away until a recruiter wants it
            await page.set_input_files("#import-form input[name=file]", str(sheet))
            await page.click("#import-form button[type=submit]")
            await page.wait_for_selector("#import-counts", timeout=20_000)
            assert "40 to create" in await page.inner_text("#import-counts")
            await page.select_option("#import-preview select[name=phone]", "")  # change the mapping: no phones
            await page.wait_for_function(
                "!document.querySelector('#import-preview select[name=phone]').value", timeout=10_000)
            await page.screenshot(path=out / "import-preview.png", full_page=True)
            await page.click("#import-confirm")
            await page.wait_for_function(
                "document.querySelector('#import-progress .progress-bar').getAttribute('aria-valuenow') === '100'",
                timeout=60_000)
            assert "completed" in await page.inner_text("#import-status")
            # the board and the charts take the new candidates in
            # (the board shows all 45 of the job's; the charts' default range leaves out one from 200 days ago)
            await page.wait_for_function("document.querySelectorAll('.app-card').length === 45", timeout=20_000)
            await page.wait_for_function(
                "document.querySelector('.dash-total').textContent.startsWith('44 applications')", timeout=20_000)
            await page.wait_for_timeout(500)  # the progress bar's width transition
            await page.screenshot(path=out / "dashboard-job.png", full_page=True)
            assert_not_blank(out / "dashboard-job.png")
            await browser.close()
