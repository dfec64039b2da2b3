"""A recruiter books an interview from the pipeline and moves it from the dashboard, in real Chromium: a double
click on "Book" books once (the dialog's Idempotency-Key), and the move is kept in the schedule history."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import apply, create_job, dev_user
from tests.web.signin import sign_in
from tests.web.test_pages_in_chromium import assert_not_blank

pytestmark = [pytest.mark.browser]


async def test_book_with_a_double_click_then_move(web_stack: str, chromium, db_sessionmaker,
                                                  web_artifacts: Path) -> None:
    async with httpx.AsyncClient(base_url=web_stack, timeout=30) as api:
        recruiter = await dev_user(api, "dev|booking-recruiter", "RECRUITER", "Booking Corp")
        job = await create_job(api, recruiter)
        application_id = (await apply(api, job["id"], full_name="Grace Hopper")).json()["application_id"]
        token = recruiter.headers["Authorization"].split(" ", 1)[1]

        ctx = await chromium.new_context(viewport={"width": 1300, "height": 900})
        page = await ctx.new_page()
        await sign_in(page, web_stack, f"/recruiter/jobs/{job['id']}", token)
        await page.wait_for_function("document.body.dataset.pipeline === 'ready'", timeout=20_000)
        await page.click(f".app-card[data-application='{application_id}'] button.book")
        await page.wait_for_selector("dialog#booking[open]")
        booked_day, moved_day = date.today() + timedelta(days=20), date.today() + timedelta(days=21)
        await page.fill("#booking-when", f"{booked_day.isoformat()}T10:30")
        await page.select_option("#booking-kind", "AI")
        await page.dblclick("#booking-submit")  # an impatient double click
        await page.wait_for_selector("#booking-message:not([hidden])", timeout=20_000)
        said = await page.inner_text("#booking-message")
        assert "ok" in (await page.get_attribute("#booking-message", "class")) and "Booked" in said, said
        await page.screenshot(path=web_artifacts / "booking.png", full_page=True)
        listed = (await api.get(f"/api/ats/v1/interviews?application_id={application_id}&count=true",
                                headers=recruiter.headers)).json()
        assert listed["total"] == 1, listed  # booked once
        interview = listed["items"][0]
        assert interview["scheduled_at"].startswith(booked_day.isoformat()) and interview["duration_minutes"] == 30

        await page.goto(f"{web_stack}/recruiter")
        await page.click(f"tr[data-interview='{interview['id']}'] button.move")
        await page.wait_for_selector("dialog#booking[open]")
        await page.fill("#booking-when", f"{moved_day.isoformat()}T09:00")
        await page.fill("#booking-reason", "the panel moved")
        await page.click("#booking-submit")
        await page.wait_for_selector("#booking-message.ok", timeout=20_000)
        history = (await api.get(f"/api/ats/v1/interviews/{interview['id']}/schedule-history",
                                 headers=recruiter.headers)).json()
        assert len(history) == 1 and history[0]["reason"] == "the panel moved"
        assert history[0]["new_scheduled_at"].startswith(moved_day.isoformat())
        await ctx.close()
    assert_not_blank(web_artifacts / "booking.png")
