"""The join page in a real browser (issue 17): the consent's scopes are shown, video analysis is opt-in (unticked),
joining needs the required agreement, and a candidate who leaves video analysis unticked joins with the microphone
only (no camera is published) after the server stored their consent."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.api.conftest import apply, create_job, dev_user, in_minutes

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


async def test_join_page_consent_and_audio_only(web_stack: str, chromium, web_artifacts: Path) -> None:
    async with httpx.AsyncClient(base_url=web_stack, timeout=30) as api:
        recruiter = await dev_user(api, "dev|web-consent", "RECRUITER", "Consent Corp")
        job = await create_job(api, recruiter)
        application_id = (await apply(api, job["id"], full_name="Audio Only")).json()["application_id"]
        r = await api.post(f"/api/ats/v1/applications/{application_id}/interviews", headers=recruiter.headers,
                           json={"kind": "AI", "scheduled_at": in_minutes(0), "duration_minutes": 15})
        assert r.status_code == 201, r.text
        interview = r.json()

        ctx = await chromium.new_context(viewport={"width": 1200, "height": 900})
        page = await ctx.new_page()
        try:
            await page.goto(interview["join_url"])
            await page.wait_for_selector("#device-status.ok", timeout=30_000)
            assert "AI interviewer" in await page.inner_text("#consent-required-text")
            assert not await page.is_checked("#consent-video-analysis"), "video analysis is opt-in"
            assert "eye contact" in await page.inner_text("#consent-optional")
            assert await page.is_disabled("#join")
            await page.screenshot(path=web_artifacts / "candidate-consent.png", full_page=True)
            await page.check("#consent")
            await page.click("#join")
            await page.wait_for_function("document.body.dataset.state === 'in-room'", timeout=30_000)
            assert await page.evaluate("document.body.dataset.camera") == "off"
            published = await page.evaluate("""() => [...window.interviewlyCandidate.room.localParticipant
                .trackPublications.values()].map((p) => p.source)""")
            assert published == ["microphone"], published
            await page.click("#leave")
        finally:
            await ctx.close()
        detail = (await api.get(f"/api/ats/v1/interviews/{interview['id']}", headers=recruiter.headers)).json()
        assert (detail["video_analysis"], detail["video_analysis_off_reason"]) == (False, "declined")
