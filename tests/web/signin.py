"""Signing a recruiter in as a person does: open the page, be sent to sign in, paste the session token, come back."""

from __future__ import annotations

from typing import Any


async def sign_in(page: Any, site: str, path: str, token: str) -> None:
    await page.goto(f"{site}{path}")
    if await page.evaluate("localStorage.getItem('interviewly.token')") == token:
        return  # this browser context signed in already
    await page.wait_for_url("**/recruiter/login?next=*", timeout=20_000)
    await page.fill("#token", token)
    await page.click("#token-form button[type=submit]")
    await page.wait_for_url(f"**{path}", timeout=20_000)
