"""A person with a footprint in every place the product keeps data about candidates, and the scan that looks for
them in every table (information_schema: every schema but the catalogs, each row as text, so every column of every
type) and every stored file (ZIPs such as .xlsx and .docx opened)."""

from __future__ import annotations

import io
import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text

from api.email.outbox import add_mail
from api.screening.services import screen_application
from db.enums import ConsentDecision, ConsentMethod, Speaker
from db.models import (
    CandidateDemographics,
    InterviewConsent,
    InterviewFeedback,
    InterviewMetric,
    InterviewReport,
    QuestionScore,
    TranscriptSegment,
)
from nlp.embeddings import get_embedder
from tests.api.conftest import User, create_job, in_minutes


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    cv_phrase: str  # words only in their CV
    said: str  # words only in their transcript

    @property
    def needles(self) -> dict[str, str]:
        return {"name": self.name, "email": self.email, "cv text": self.cv_phrase, "transcript": self.said}

    def cv(self) -> bytes:
        return (f"{self.name}\n{self.email}\nSummary\nBackend engineer. {self.cv_phrase}.\nSkills\nPython, "
                "PostgreSQL, distributed systems.\nExperience\nSenior engineer at Example Ltd, 2019-2024.\n").encode()


def unique(person: Person) -> Person:
    """The same person with a word of their own in each needle: the session's storage folder outlives each test's
    tables, so an earlier test's files must not match this test's scan."""
    tag = uuid.uuid4().hex[:8]
    user, domain = person.email.split("@")
    return Person(f"{person.name}-{tag}", f"{user}.{tag}@{domain}", f"{person.cv_phrase} {tag}",
                  f"{person.said} {tag}")


ZEPHYRINE = Person("Zephyrine Quillfeather", "zephyrine.quill@erasure.test",
                   "Built lighthouse telemetry for narwhal migrations", "calibrated the cryogenic kombucha reactor")
OTHER = Person("Barnaby Otterbrook", "barnaby.otter@erasure.test", "Tuned marmalade pipelines for glaciers",
               "rebalanced the sourdough quorum")


async def apply_with_cv(client: Any, job_id: str, person: Person, headers: dict[str, str] | None = None) -> str:
    r = await client.post(f"/api/ats/v1/jobs/{job_id}/apply",
                          data={"full_name": person.name, "email": person.email,
                                "cover_letter": f"Dear team, I am {person.name}."},
                          files={"cv": ("cv.txt", person.cv(), "text/plain")}, headers=headers or {})
    assert r.status_code == 201, r.text
    return r.json()["application_id"]


async def footprint(client: Any, sessionmaker: Any, recruiter: User, job_id: str, person: Person,
                    headers: dict[str, str] | None = None) -> dict[str, str]:
    """Apply, be screened, change status with a reason naming them, take an interview with everything the agent
    writes, get rated, self-report demographics, and be named in an imported sheet."""
    app_id = await apply_with_cv(client, job_id, person, headers)
    async with sessionmaker() as s, s.begin():
        await screen_application(s, uuid.UUID(app_id), storage=client.app.state.storage, embedder=get_embedder())
    r = await client.post(f"/api/ats/v1/applications/{app_id}/status", headers=recruiter.headers,
                          json={"status": "SCREENING", "reason": f"{person.name} looks promising"})
    assert r.status_code == 200, r.text
    r = await client.post(f"/api/ats/v1/applications/{app_id}/interviews", headers=recruiter.headers,
                          json={"kind": "AI", "scheduled_at": in_minutes(30), "duration_minutes": 30})
    assert r.status_code == 201, r.text
    interview_id = uuid.UUID(r.json()["id"])
    now = datetime.now(UTC)
    async with sessionmaker() as s, s.begin():  # what the agent writes while the interview runs
        s.add(InterviewConsent(interview_id=interview_id, method=ConsentMethod.PAGE, decision=ConsentDecision.GIVEN,
                               text_sha256="0" * 64, scopes=["ai_interviewer"], ip="203.0.113.7",
                               user_agent="Mozilla/5.0 (Erasure Test)", recorded_at=now))
        s.add(TranscriptSegment(interview_id=interview_id, segment_uid=uuid.uuid4(), speaker=Speaker.CANDIDATE,
                                text=f"Yes. I {person.said} last spring.", start_s=12.0, end_s=18.0,
                                question_index=0, words=[{"w": w, "s": 12.0} for w in person.said.split()]))
        s.add(InterviewMetric(interview_id=interview_id, t_s=1, recorded_at=now, face_present=True, num_faces=1,
                              eye_contact=0.8, frames_analyzed=5, frames_dropped=0, flags=[]))
        s.add(QuestionScore(interview_id=interview_id, question_index=0, question="Tell me about a hard bug.",
                            answer_text=f"I {person.said}.", score=71.0, signals={"quote": person.said}))
        s.add(InterviewReport(interview_id=interview_id, overall_score=71.0,
                              summary=f"{person.name} explained how they {person.said}."))
        s.add(InterviewFeedback(interview_id=interview_id, rating=4, notes=f"{person.name} was clear"))
        s.add(CandidateDemographics(application_id=uuid.UUID(app_id), gender="woman", age_band="25-34"))
        # the hiring team's mail about them (an interview's completion): addressed to a recruiter, naming them
        await add_mail(s, company_id=recruiter_company(recruiter), kind="interview_completed",
                       to=recruiter.me["email"], context={"application_id": app_id, "interview_id": str(interview_id),
                                                           "candidate_name": person.name})
    sheet = f"email,full name\n{person.email},{person.name}\n".encode()
    r = await client.post(f"/api/ats/v1/jobs/{job_id}/imports", headers=recruiter.headers,
                          files={"file": ("people.csv", sheet, "text/csv")})
    assert r.status_code in (200, 201), r.text
    return {"application_id": app_id, "interview_id": str(interview_id)}


def recruiter_company(recruiter: User) -> uuid.UUID:
    return uuid.UUID(recruiter.me["company"]["id"])


async def second_job(client: Any, recruiter: User) -> str:
    return (await create_job(client, recruiter, title="Data Engineer"))["id"]


async def tables(sessionmaker: Any) -> list[tuple[str, str]]:
    async with sessionmaker() as s:
        rows = await s.execute(text("""SELECT table_schema, table_name FROM information_schema.tables
                                       WHERE table_type = 'BASE TABLE'
                                         AND table_schema NOT IN ('pg_catalog', 'information_schema')"""))
        return [(r[0], r[1]) for r in rows]


async def scan_tables(sessionmaker: Any, person: Person) -> dict[str, list[str]]:
    """{what: [schema.table, ...]} for every needle still found in some row (each row cast to text: all columns)."""
    found: dict[str, list[str]] = {}
    async with sessionmaker() as s:
        for schema, table in await tables(sessionmaker):
            for what, needle in person.needles.items():
                hit = await s.scalar(text(
                    f'SELECT EXISTS (SELECT 1 FROM "{schema}"."{table}" t '
                    "WHERE strpos(lower(t::text), lower(:needle)) > 0)"), {"needle": needle})
                if hit:
                    found.setdefault(what, []).append(f"{schema}.{table}")
    return found


def _blobs(data: bytes) -> list[bytes]:
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                return [data, *(z.read(n) for n in z.namelist())]
        except zipfile.BadZipFile:
            pass
    return [data]


def scan_files(root: Path, person: Person) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        for blob in _blobs(path.read_bytes()):
            low = blob.lower()
            for what, needle in person.needles.items():
                n = needle.lower()
                if n.encode() in low or n.encode("utf-16-le") in low:
                    found.setdefault(what, []).append(str(path.relative_to(root)))
    return found


def scan_bucket(minio: Any, bucket: str, prefixes: list[str], person: Person) -> dict[str, list[str]]:
    """scan_files for an S3 bucket: every object under the prefixes, fetched through the S3 API (ZIPs opened)."""
    from minio import Minio

    client = Minio(f"127.0.0.1:{minio.port}", access_key=minio.access_key, secret_key=minio.secret_key, secure=False)
    found: dict[str, list[str]] = {}
    for prefix in prefixes:
        for obj in client.list_objects(bucket, prefix=prefix, recursive=True):
            response = client.get_object(bucket, obj.object_name)
            try:
                data = response.read()
            finally:
                response.close()
                response.release_conn()
            for blob in _blobs(data):
                low = blob.lower()
                for what, needle in person.needles.items():
                    n = needle.lower()
                    if n.encode() in low or n.encode("utf-16-le") in low:
                        found.setdefault(what, []).append(obj.object_name)
    return found
