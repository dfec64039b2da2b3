"""Bias monitoring for NYC LL144-style audits: per job, how many applications reached each stage, the selection
rate from the stage before, the score distributions of those who reached it, and, where candidates voluntarily
self-reported demographics (never inferred), each group's selection rate and impact ratio (its rate over the
highest group's rate) for every stage from SHORTLISTED on."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.common.schemas import Schema
from db.models import Application, CandidateDemographics, Interview, InterviewReport, Job, PipelineFact

STAGES = ("APPLIED", "SCREENING", "SHORTLISTED", "INTERVIEW_SCHEDULED", "OFFERED", "HIRED")  # furthest = index + 1
SELECTION_STAGES = STAGES[2:]
CATEGORIES = ("gender", "race_ethnicity", "age_band")
# groups this small make ratios that mean little: flagged, as LL144 audits may exclude them
SMALL_GROUP = 5


class Distribution(Schema):
    n: int
    mean: float | None
    min: float | None
    p25: float | None
    median: float | None
    p75: float | None
    max: float | None


class StageOut(Schema):
    stage: str
    reached: int
    selection_rate: float | None  # reached / reached the stage before
    screening_score: Distribution
    interview_score: Distribution


class GroupOut(Schema):
    group: str
    applicants: int
    selected: int
    selection_rate: float | None
    impact_ratio: float | None
    small_group: bool


class CategoryStageOut(Schema):
    category: str
    stage: str
    groups: list[GroupOut]


class BiasReportOut(Schema):
    job_id: str
    job_title: str
    applications: int
    self_reported: int  # applications with any demographic answer
    stages: list[StageOut]
    impact_ratios: list[CategoryStageOut]  # empty when nobody self-reported
    note: str


def _dist(values: list[float]) -> Distribution:
    if not values:
        return Distribution(n=0, mean=None, min=None, p25=None, median=None, p75=None, max=None)
    v = sorted(values)

    def q(p: float) -> float:  # linear interpolation, as Postgres' percentile_cont
        k = (len(v) - 1) * p
        lo, hi = int(k), min(int(k) + 1, len(v) - 1)
        return round(v[lo] + (v[hi] - v[lo]) * (k - lo), 2)

    return Distribution(n=len(v), mean=round(sum(v) / len(v), 2), min=v[0], p25=q(0.25), median=q(0.5),
                        p75=q(0.75), max=v[-1])


async def _rows(session: AsyncSession, job: Job) -> list[Any]:
    latest_report = (select(InterviewReport.overall_score).join(Interview, Interview.id == InterviewReport.interview_id)
                     .where(Interview.application_id == Application.id, InterviewReport.overall_score.is_not(None))
                     .order_by(Interview.scheduled_at.desc()).limit(1).scalar_subquery())
    return list((await session.execute(
        select(PipelineFact.furthest, Application.screening_score, latest_report.label("interview_score"),
               CandidateDemographics.gender, CandidateDemographics.race_ethnicity, CandidateDemographics.age_band)
        .join(Application, Application.id == PipelineFact.application_id)
        .outerjoin(CandidateDemographics, CandidateDemographics.application_id == Application.id)
        .where(PipelineFact.job_id == job.id))).all())


def _stages(rows: list[Any]) -> list[StageOut]:
    out, before = [], None
    for k, stage in enumerate(STAGES, start=1):
        reached = [r for r in rows if r.furthest >= k]
        out.append(StageOut(
            stage=stage, reached=len(reached),
            selection_rate=round(len(reached) / before, 4) if before else None,
            screening_score=_dist([r.screening_score for r in reached if r.screening_score is not None]),
            interview_score=_dist([r.interview_score for r in reached if r.interview_score is not None])))
        before = len(reached)
    return out


def _impact(rows: list[Any]) -> list[CategoryStageOut]:
    out = []
    for category in CATEGORIES:
        answered = [r for r in rows if getattr(r, category)]
        if not answered:
            continue
        groups = sorted({getattr(r, category) for r in answered})
        for k, stage in enumerate(STAGES, start=1):
            if stage not in SELECTION_STAGES:
                continue
            counts = {g: (sum(1 for r in answered if getattr(r, category) == g),
                          sum(1 for r in answered if getattr(r, category) == g and r.furthest >= k)) for g in groups}
            rates = {g: sel / n for g, (n, sel) in counts.items() if n}
            top = max(rates.values(), default=0.0)
            out.append(CategoryStageOut(category=category, stage=stage, groups=[GroupOut(
                group=g, applicants=n, selected=sel, selection_rate=round(rates[g], 4),
                impact_ratio=round(rates[g] / top, 4) if top else None, small_group=n < SMALL_GROUP)
                for g, (n, sel) in counts.items()]))
    return out


async def bias_report(session: AsyncSession, job: Job) -> BiasReportOut:
    rows = await _rows(session, job)
    self_reported = sum(1 for r in rows if any(getattr(r, c) for c in CATEGORIES))
    return BiasReportOut(
        job_id=str(job.id), job_title=job.title, applications=len(rows), self_reported=self_reported,
        stages=_stages(rows), impact_ratios=_impact(rows),
        note="Demographics are optional and self-reported by candidates, never inferred. A rejected application "
             "counts at the furthest stage it reached. Impact ratio: a group's selection rate over the highest "
             "group's; groups under 5 are flagged small.")


