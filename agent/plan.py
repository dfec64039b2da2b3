"""What the interviewer will ask: the interview, its job and skills from Postgres, questions from prompts/.

A plan is built once per interview and stored in ``interviews.question_plan`` (so the recruiter sees what
was asked); when the API already put a plan there, it is used as is.
"""

from __future__ import annotations

import hashlib
import itertools
import random
import re
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

import prompts
from agent.scoring.rubric import Rubric, bank_rubric
from db.enums import ConsentDecision, ConsentMethod, InterviewKind, InterviewMode, InterviewStatus
from db.models import (
    Application,
    Candidate,
    Company,
    Interview,
    InterviewConsent,
    InterviewSession,
    Job,
    JobSkill,
    User,
)


@dataclass(frozen=True)
class PlannedQuestion:
    index: int
    text: str
    skill: str | None = None
    weight: float = 1.0
    keywords: tuple[str, ...] = ()
    probes: tuple[str, ...] = ()
    rubric: Rubric | None = None  # what a strong answer covers (prompts/questions/*.yaml); None: no rubric

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["keywords"] = list(self.keywords)
        d["probes"] = list(self.probes)
        d["rubric"] = self.rubric.as_dict() if self.rubric else None
        return d


@dataclass(frozen=True)
class InterviewPlan:
    questions: tuple[PlannedQuestion, ...]
    source: str = "prompts"  # "prompts" (built here) or "stored" (interviews.question_plan)

    def as_json(self) -> dict[str, Any]:
        return {"version": 1, "source": self.source, "questions": [q.as_dict() for q in self.questions]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> InterviewPlan:
        raw = data.get("questions") if isinstance(data, dict) else None
        if not isinstance(raw, list) or not raw:
            raise ValueError("question_plan has no questions")
        questions = []
        for i, q in enumerate(raw):
            if isinstance(q, str):
                q = {"text": q}
            text = str(q.get("text") or "").strip()
            if not text:
                raise ValueError(f"question_plan question {i} has no text")
            questions.append(PlannedQuestion(
                index=i,
                text=text,
                skill=q.get("skill"),
                weight=float(q.get("weight") or 1.0),
                keywords=tuple(str(k).lower() for k in q.get("keywords") or ()),
                probes=tuple(str(p) for p in q.get("probes") or ()),
                # a stored rubric (e.g. one a recruiter reviewed) wins; plans stored before rubrics find the bank's
                rubric=Rubric.from_dict(q["rubric"]) if q.get("rubric") else bank_rubric(text),
            ))
        return cls(questions=tuple(questions), source=str(data.get("source") or "stored"))


@dataclass
class InterviewContext:
    interview_id: uuid.UUID
    status: InterviewStatus
    mode: InterviewMode
    company_name: str
    job_title: str
    candidate_name: str
    duration_minutes: int
    plan: InterviewPlan
    skills: list[tuple[str, float]] = field(default_factory=list)
    practice_session_id: uuid.UUID | None = None
    room_name: str | None = None
    kind: InterviewKind = InterviewKind.AI
    note_taker: bool = False
    hide_delivery_signals: bool = False  # the company's setting: no eye contact or fluency in its reports
    # False: the candidate's camera is not analysed (declined on the join page, or the company analyses shortlisted
    # applications only): no calibration, no frames, video metrics stored as not collected
    video_analysis: bool = True
    video_analysis_off_reason: str | None = None
    # what the candidate agreed to on the join page (api/privacy/consent.py): "recording" is spoken of, and stays in
    # the spoken consent's scopes, only when they agreed to it there
    page_scopes: tuple[str, ...] = ()
    # set when another host ran this interview until it was lost: this run resumes it (agent/resume.py)
    resumed_from: datetime | None = None  # the interview's original start (its clock goes on from there)
    resumes: int = 0  # interviews.resumes when this run took it

    @property
    def first_name(self) -> str:
        return self.candidate_name.split()[0] if self.candidate_name.strip() else "there"

    @property
    def is_practice(self) -> bool:
        return self.mode == InterviewMode.PRACTICE

    def template_values(self, minutes: float) -> dict[str, Any]:
        return {
            "candidate_name": self.candidate_name,
            "first_name": self.first_name,
            "job_title": self.job_title,
            "company": self.company_name,
            "minutes": max(1, round(minutes)),
            "question_count": len(self.plan.questions),
            # the spoken consent notice says what is analysed: the camera only when the candidate agreed to it
            "video_clause": (", how you speak and whether you look at the camera" if self.video_analysis
                             else " and how you speak; your camera is not analysed")
            + ("; and, as you agreed, it is recorded" if "recording" in self.page_scopes else ""),
        }


def _allocate(skills: list[tuple[str, float]], n: int) -> list[tuple[str, int]]:
    """Split n questions over skills in proportion to their weight (largest remainder), heaviest first."""
    skills = sorted(skills, key=lambda s: (-s[1], s[0].lower()))[:n]
    total = sum(max(w, 0.0) for _, w in skills) or 1.0
    quotas = [(name, n * max(w, 0.0) / total) for name, w in skills]
    counts = {name: int(q) for name, q in quotas}
    # stable sort: equal remainders keep the heavier skill first
    by_remainder = sorted(quotas, key=lambda q: -(q[1] - int(q[1])))
    for name, _ in by_remainder[: n - sum(counts.values())]:
        counts[name] += 1
    return [(name, counts[name]) for name, _ in skills if counts[name] > 0]


def _bank_questions(skill: str | None) -> list[dict[str, Any]]:
    if skill is None:
        return list(prompts.load_yaml("questions/_behavioral.yaml")["questions"])
    bank = prompts.bank_for_skill(skill)
    if bank is not None:
        return list(prompts.load_bank(bank)["questions"])
    generic = prompts.load_yaml("questions/_generic.yaml")["questions"]
    return [{**q, "text": prompts.render(q["text"], skill=skill), "skill_name": skill} for q in generic]


def build_plan(skills: list[tuple[str, float]], n_questions: int, *, seed: str = "") -> InterviewPlan:
    """Pick n questions from the banks of the job's skills (behavioural ones when there are no skills).

    The pick is deterministic for a given seed (the interview id), varied across interviews.
    """
    rng = random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:16], 16))
    weights = {name: w for name, w in skills}
    allocation = _allocate(skills, n_questions) if skills else [(None, n_questions)]
    questions: list[PlannedQuestion] = []
    for skill, count in allocation:
        pool = _bank_questions(skill)
        rng.shuffle(pool)
        if skill is not None and len(pool) < count:
            pool += _bank_questions(None)
        for q in pool[:count]:
            questions.append(PlannedQuestion(
                index=len(questions),
                text=q["text"].strip(),
                skill=skill or "Behavioral",
                weight=float(weights.get(skill, 1.0)) if skill else 1.0,
                keywords=tuple(str(k).lower() for k in q.get("keywords") or ()),
                probes=tuple(q.get("probes") or ()),
                rubric=_rubric(q),
            ))
    return InterviewPlan(questions=tuple(questions), source="prompts")


def _rubric(bank_question: dict[str, Any]) -> Rubric | None:
    data = bank_question.get("rubric")
    if not data:
        return None
    skill = bank_question.get("skill_name")
    return Rubric.from_dict(data, skill=skill) if skill else Rubric.from_dict(data)


def skills_from_role(role: str) -> list[tuple[str, float]]:
    """Practice interviews have no job: find skills with a question bank named in the target role."""
    words = re.findall(r"[a-z0-9+#.-]+", role.lower())
    found: list[tuple[str, float]] = []
    candidates = set(words) | {f"{a}-{b}" for a, b in itertools.pairwise(words)}
    for word in sorted(candidates):
        bank = prompts.bank_for_skill(word)
        label = prompts.load_bank(bank).get("skill", bank) if bank else None
        if label and label not in {s for s, _ in found}:
            found.append((label, 2.0))
    return [*found, ("Communication", 1.0)] if found else []


class InterviewNotFound(LookupError):
    pass


def _stored_plan(interview: Interview) -> InterviewPlan | None:
    """The plan stored with the interview (e.g. by the API), or None when there is none or it is unusable."""
    if not interview.question_plan:
        return None
    try:
        return InterviewPlan.from_json(interview.question_plan)
    except ValueError:
        return None


async def _company(session: AsyncSession, company_id: uuid.UUID, default_name: str) -> tuple[str, bool]:
    """The company's name and whether it hides delivery signals."""
    company = await session.get(Company, company_id)
    return (company.name, bool(company.hide_delivery_signals)) if company else (default_name, False)


async def _page_scopes(session: AsyncSession, interview_id: uuid.UUID) -> tuple[str, ...]:
    scopes = await session.scalar(
        sa.select(InterviewConsent.scopes).where(InterviewConsent.interview_id == interview_id,
                                                 InterviewConsent.method == ConsentMethod.PAGE,
                                                 InterviewConsent.decision == ConsentDecision.GIVEN)
        .order_by(InterviewConsent.recorded_at.desc()).limit(1))
    return tuple(scopes or ())


async def _application(session: AsyncSession, application_id: uuid.UUID
                       ) -> tuple[Job, str, list[tuple[str, float]]] | None:
    """The job applied to, the candidate's name and the job's weighted skills."""
    row = (await session.execute(
        sa.select(Job, Candidate.full_name)
        .join(Application, Application.job_id == Job.id)
        .join(Candidate, Candidate.id == Application.candidate_id)
        .where(Application.id == application_id)
    )).first()
    if row is None:
        return None
    job, candidate_name = row
    skill_rows = (await session.execute(sa.select(JobSkill.name, JobSkill.weight).where(JobSkill.job_id == job.id)
                                        )).all()
    return job, candidate_name, [(name, float(weight)) for name, weight in skill_rows]


async def load_context(session: AsyncSession, interview_id: uuid.UUID, *, n_questions: int) -> InterviewContext:
    """Read the interview, its job, skills and candidate; build (and store) the plan when there is none."""
    interview = await session.get(Interview, interview_id)
    if interview is None:
        raise InterviewNotFound(f"interview {interview_id} does not exist")

    company_name, job_title, candidate_name = "Interviewly", "the role", ""
    hide_delivery = False
    skills: list[tuple[str, float]] = []
    practice_session_id: uuid.UUID | None = None

    if interview.company_id is not None:
        company_name, hide_delivery = await _company(session, interview.company_id, company_name)
    if interview.application_id is not None:
        applied = await _application(session, interview.application_id)
        if applied is not None:
            job, candidate_name, skills = applied
            job_title = job.title
            if interview.company_id is None:
                company_name, hide_delivery = await _company(session, job.company_id, company_name)
    if interview.mode == InterviewMode.PRACTICE:
        practice = (await session.execute(
            sa.select(InterviewSession).where(InterviewSession.interview_id == interview.id)
        )).scalars().first()
        if practice is not None:
            practice_session_id = practice.id
            job_title = practice.target_role
            skills = skills or skills_from_role(practice.target_role)
        company_name = "Interviewly"
    if not candidate_name and interview.candidate_user_id is not None:
        user = await session.get(User, interview.candidate_user_id)
        candidate_name = (user.full_name or "") if user else ""

    plan = _stored_plan(interview) or build_plan(skills, n_questions, seed=str(interview.id))

    return InterviewContext(
        interview_id=interview.id,
        status=InterviewStatus(interview.status),
        mode=InterviewMode(interview.mode),
        company_name=company_name,
        job_title=job_title,
        candidate_name=candidate_name or "",
        duration_minutes=int(interview.duration_minutes or 30),
        plan=plan,
        skills=skills,
        practice_session_id=practice_session_id,
        room_name=interview.room_name,
        kind=InterviewKind(interview.kind),
        note_taker=bool(interview.note_taker),
        hide_delivery_signals=hide_delivery,
        video_analysis=bool(interview.video_analysis),
        video_analysis_off_reason=interview.video_analysis_off_reason,
        page_scopes=await _page_scopes(session, interview.id),
        resumed_from=interview.started_at if interview.resumes and interview.started_at else None,
        resumes=int(interview.resumes or 0),
    )
