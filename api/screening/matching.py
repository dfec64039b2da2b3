"""One CV against one job, from texts to the score, without a database: `interviewly screen` runs exactly this, and
the API runs the same steps with its profiles cached in Postgres (api/screening/services.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from api.screening.cv_parser import ParsedCV
from api.screening.profiles import TextProfile, job_profile
from api.screening.scoring import ScreeningResult, score_cv
from api.screening.skills import suggest_skills
from api.screening.text import job_text
from nlp.embeddings import Embedder


@dataclass
class JobPosting:
    title: str
    description: str = ""
    requirements: str = ""
    skills: list[tuple[str, float]] = field(default_factory=list)  # (name, weight) as the recruiter set them

    def __post_init__(self) -> None:
        # one order whatever the source (the API reads job_skills by name, a JOBS.json lists them as written):
        # the job's text, hash and embedding batches, and so its scores, do not depend on it
        self.skills = sorted(((n, float(w)) for n, w in self.skills), key=lambda s: (s[0].casefold(), s[0]))

    @property
    def text(self) -> str:
        """The text a job is embedded and analysed from (its skills included)."""
        return job_text(self.title, self.description, self.requirements, [name for name, _ in self.skills])

    def scoring_skills(self) -> tuple[list[tuple[str, float]], str]:
        """The recruiter's skills; a job without any is matched on the skills its text names, weighted as they are
        suggested to the recruiter."""
        if self.skills:
            return list(self.skills), "job_skills"
        suggested = suggest_skills(self.title, self.description, self.requirements)
        return [(s["name"], s["weight"]) for s in suggested], "job_description"


def profile_of_job(embedder: Embedder, job: JobPosting) -> TextProfile:
    skills, _ = job.scoring_skills()
    return job_profile(embedder, job.title, job.description, job.requirements, [n for n, _ in skills], job.text)


def score(parsed: ParsedCV, cv: TextProfile, job: JobPosting, job_profile_: TextProfile) -> ScreeningResult:
    skills, source = job.scoring_skills()
    return score_cv(cv, parsed.text, job_profile_, skills, source)
