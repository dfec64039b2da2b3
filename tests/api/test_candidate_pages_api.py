"""What the candidate's pages call beyond the tools' own endpoints: the coach's kept conversation (streamed from a
real OpenAI-compatible HTTP server), the rewrite as a DOCX python-docx opens and as plain text, a practice
interview's report for its own candidate only, and what a practising candidate is sent live (their own pace,
pauses and eye contact, nothing more)."""

from __future__ import annotations

import asyncio
import io
import json
import threading
from collections.abc import Iterator
from typing import Any

import msgspec
import pytest
from docx import Document

from db.contract import (
    SELF_TOPIC,
    EyeContactLive,
    FluencyLive,
    FrameCounts,
    HeadPose,
    LiveMessage,
    decode_self_feedback,
    page_contract,
    self_feedback_of,
)
from tests.agent.fake_openai import FakeOpenAI
from tests.api.conftest import dev_user

pytestmark = pytest.mark.asyncio(loop_scope="session")

CV = """Jane Doe
jane@example.test · +44 20 7946 0000

Experience
Responsible for the billing service at Acme (2019 - 2024). Wrote Python and SQL.
Helped the team move to PostgreSQL.

Education
BSc Computer Science, 2018

Skills
Python, SQL, PostgreSQL
"""


def rewrite_reply(messages: list[dict[str, Any]]) -> str:
    """A CV writer that keeps every fact: Markdown headings, bullets and a bold role (as the real prompt asks)."""
    cv = messages[-1]["content"].split("CV to rewrite:", 1)[1].strip().splitlines()
    out = [f"# {cv[0]}", "", "## Summary", "**Backend engineer** with five years of Python and SQL.", ""]
    for line in cv[1:]:
        if line.strip() in ("Experience", "Education", "Skills"):
            out += ["", f"## {line.strip()}"]
        elif line.strip():
            out.append("- " + line.strip().replace("Responsible for", "Led"))
    return "\n".join(out)


def coach_reply(messages: list[dict[str, Any]]) -> str:
    users = [m["content"] for m in messages if m["role"] == "user"]
    return f"Turn {len(users)}: about '{users[-1]}', prepare three short stories with a result each."


def reply(messages: list[dict[str, Any]]) -> str:
    return rewrite_reply(messages) if "CV to rewrite:" in messages[-1]["content"] else coach_reply(messages)


@pytest.fixture
def llm(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAI]:
    """The server on its own thread and loop: the in-process app's test client holds the test's loop while a
    response streams."""
    fake = FakeOpenAI(reply=reply)
    loop = asyncio.new_event_loop()
    started = threading.Event()

    def serve() -> None:
        loop.run_until_complete(fake.start())
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert started.wait(10)
    monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
    monkeypatch.setenv("LLM_MODEL", "fake-coach-1")
    try:
        yield fake
    finally:
        asyncio.run_coroutine_threadsafe(fake.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)


def sse(text: str) -> list[tuple[str, dict]]:
    events = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [ln for ln in block.split("\n") if ln]
        if not lines:
            continue
        name = next((ln[6:].strip() for ln in lines if ln.startswith("event:")), "message")
        data = "".join(ln[5:].strip() for ln in lines if ln.startswith("data:"))
        events.append((name, json.loads(data or "{}")))
    return events


async def test_coach_without_an_llm_names_the_setting_and_keeps_nothing(api, monkeypatch) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "LLM_BASE_URL", "LLM_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    cand = await dev_user(api, "dev|coach-nollm", "CANDIDATE")
    r = await api.post("/api/candidate/v1/coach/messages", json={"content": "Hello?"}, headers=cand.headers)
    assert r.status_code == 503 and "OPENAI_API_KEY" in r.json()["detail"], r.text
    assert (await api.get("/api/candidate/v1/coach/messages", headers=cand.headers)).json() == []
    status = (await api.get("/api/candidate/v1/coach/messages/llm", headers=cand.headers)).json()
    assert status["configured"] is False and "OPENAI_API_KEY" in status["message"]


async def test_coach_keeps_the_conversation_server_side(api, llm: FakeOpenAI) -> None:
    cand = await dev_user(api, "dev|coach-a", "CANDIDATE")
    other = await dev_user(api, "dev|coach-b", "CANDIDATE")
    recruiter = await dev_user(api, "dev|coach-r", "RECRUITER", "Coach Corp")
    r = await api.post("/api/candidate/v1/coach/messages", json={"content": "How do I prepare?"},
                       headers=cand.headers)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream"), r.text
    events = sse(r.text)
    assert events[-1][0] == "done", events[-3:]
    streamed = "".join(d["delta"] for name, d in events if name == "message")
    assert len([e for e in events if e[0] == "message"]) > 5  # word by word, as written
    assert streamed.startswith("Turn 1: about 'How do I prepare?'")
    status = (await api.get("/api/candidate/v1/coach/messages/llm", headers=cand.headers)).json()
    assert status == {"configured": True, "message": None, "settings": ["OPENAI_API_KEY", "OPENAI_BASE_URL",
                                                                         "LLM_MODEL"]}

    # the next message is answered with the kept history (the page sends only the new message)
    r = await api.post("/api/candidate/v1/coach/messages", json={"content": "And for salary?"}, headers=cand.headers)
    assert "Turn 2: about 'And for salary?'" in "".join(d.get("delta", "") for _, d in sse(r.text))
    sent = [m for m in llm.requests[-1][1]["messages"] if m["role"] != "system"]
    assert [m["role"] for m in sent] == ["user", "assistant", "user"] and sent[1]["content"] == streamed

    history = (await api.get("/api/candidate/v1/coach/messages", headers=cand.headers)).json()
    assert [(m["role"], m["content"][:7]) for m in history] == [
        ("user", "How do "), ("assistant", "Turn 1:"), ("user", "And for"), ("assistant", "Turn 2:")]
    assert (await api.get("/api/candidate/v1/coach/messages", headers=other.headers)).json() == []
    assert (await api.get("/api/candidate/v1/coach/messages", headers=recruiter.headers)).status_code == 403
    assert (await api.post("/api/candidate/v1/coach/messages", json={"content": ""},
                           headers=cand.headers)).status_code == 400

    assert (await api.delete("/api/candidate/v1/coach/messages", headers=cand.headers)).status_code == 204
    assert (await api.get("/api/candidate/v1/coach/messages", headers=cand.headers)).json() == []


async def test_rewrite_downloads_as_docx_and_text(api, llm: FakeOpenAI) -> None:
    cand = await dev_user(api, "dev|rewrite-a", "CANDIDATE")
    other = await dev_user(api, "dev|rewrite-b", "CANDIDATE")
    r = await api.post("/api/candidate/v1/cv/rewrites", json={"cv_text": CV, "style": "MODERN"}, headers=cand.headers)
    assert r.status_code == 201, r.text
    rewrite = r.json()

    r = await api.get(f"/api/candidate/v1/cv/rewrites/{rewrite['id']}/docx", headers=cand.headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument")
    assert 'filename="cv-modern.docx"' in r.headers["content-disposition"]
    doc = Document(io.BytesIO(r.content))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    assert ("Title", "Jane Doe") in paragraphs
    assert ("Heading 1", "Experience") in paragraphs and ("Heading 1", "Skills") in paragraphs
    assert any(s == "List Bullet" and t.startswith("Led the billing service") for s, t in paragraphs)
    summary = next(p for p in doc.paragraphs if p.text.startswith("Backend engineer"))
    assert summary.runs[0].bold and summary.runs[0].text == "Backend engineer"
    assert not any("#" in t or "**" in t for _, t in paragraphs)

    r = await api.get(f"/api/candidate/v1/cv/rewrites/{rewrite['id']}/txt", headers=cand.headers)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    assert "EXPERIENCE" in r.text and "- Led the billing service" in r.text and "**" not in r.text

    for kind in ("docx", "txt"):
        r = await api.get(f"/api/candidate/v1/cv/rewrites/{rewrite['id']}/{kind}", headers=other.headers)
        assert r.status_code == 404


async def test_a_practice_report_is_its_candidates_only(api) -> None:
    cand = await dev_user(api, "dev|practice-a", "CANDIDATE")
    other = await dev_user(api, "dev|practice-b", "CANDIDATE")
    r = await api.post("/api/candidate/v1/mock-interviews", json={"target_role": "Data analyst"},
                       headers=cand.headers)
    assert r.status_code == 201, r.text
    practice = r.json()
    base = f"/api/candidate/v1/mock-interviews/{practice['id']}"
    r = await api.get(f"{base}/report", headers=cand.headers)
    assert r.status_code == 200, r.text
    assert r.json()["report"] is None and r.json()["interview_id"] == practice["interview_id"]
    assert (await api.get(f"{base}/metrics", headers=cand.headers)).json()["items"] == []
    assert (await api.get(f"{base}/transcript", headers=cand.headers)).json() == []
    for path in ("report", "metrics", "transcript"):
        assert (await api.get(f"{base}/{path}", headers=other.headers)).status_code == 404


async def test_a_practising_candidate_is_sent_pace_pauses_and_eye_contact_only() -> None:
    msg = LiveMessage(
        interview_id="x", seq=12, t_s=12, t=12.0, ts=0.0, question_index=1, question_count=3,
        eye_contact=EyeContactLive(last_1s=1.0, rolling_30s=0.8), face_present=True, num_faces=1,
        head=HeadPose(yaw_deg=3.0, pitch_deg=-2.0), flags=["looking_away"], speaking="candidate",
        fluency=FluencyLive(speech_rate_sps=3.5, pause_count=4, mean_pause_s=0.6, longest_pause_s=1.4,
                            speaking_seconds=20.0, words_per_minute=142.0, fillers_per_100_words=3.0),
        frames=FrameCounts(analyzed=5, dropped=0), frame=None)
    sent = json.loads(self_feedback_of(msg).encode())
    assert set(sent) == {"type", "v", "t_s", "speaking", "words_per_minute", "speech_rate_sps", "pause_count",
                         "mean_pause_s", "longest_pause_s", "eye_contact_30s", "face_in_view"}
    assert sent["words_per_minute"] == 142.0 and sent["eye_contact_30s"] == 0.8 and sent["pause_count"] == 4
    assert decode_self_feedback(json.dumps(sent).encode()).speaking is True
    # before the candidate has spoken there is no pace to show (not a zero)
    quiet = msgspec.structs.replace(msg, fluency=FluencyLive(), speaking="agent")
    assert self_feedback_of(quiet).words_per_minute is None and self_feedback_of(quiet).mean_pause_s is None
    assert page_contract()["selfTopic"] == SELF_TOPIC != page_contract()["liveTopic"]


async def test_with_a_clerk_key_the_sign_in_page_mounts_clerks_component(tmp_path) -> None:
    """Clerk itself cannot be reached from the tests; what is ours: the page carries the key for the vendored
    clerk-js, whose bundle (and the sign-in chunk it loads) build_web.sh put beside it, and the dev form is gone."""
    from litestar import Litestar
    from litestar.di import Provide
    from litestar.testing import AsyncTestClient

    from api.app import templates
    from api.config import Settings
    from api.web.candidate_pages import CandidatePagesController
    from api.web.controllers import STATIC_DIR

    settings = Settings(clerk_publishable_key="pk_test_Y2xlcmsuZXhhbXBsZS50ZXN0JA")
    app = Litestar(route_handlers=[CandidatePagesController], template_config=templates(),
                   dependencies={"settings": Provide(lambda: settings, sync_to_thread=False),
                                 "dev_auth": Provide(lambda: False, sync_to_thread=False)})
    async with AsyncTestClient(app) as client:
        page = (await client.get("/sign-in")).text
    assert 'data-publishable-key="pk_test_Y2xlcmsuZXhhbXBsZS50ZXN0JA"' in page and 'id="dev-form"' not in page
    clerk = STATIC_DIR / "vendor" / "clerk"
    assert "mountSignIn" in (clerk / "clerk.browser.js").read_text()
    assert list(clerk.glob("signin_clerk.browser_*.js")), "the sign-in component's chunk is not vendored"
