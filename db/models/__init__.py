"""All tables. Importing this module registers every model on the shared metadata (Alembic needs that)."""

from advanced_alchemy.base import orm_registry

from db.models._types import EMBEDDING_DIM
from db.models.ats import (
    Application,
    ApplicationStatusChange,
    Candidate,
    Company,
    Job,
    JobSkill,
    RecruiterProfile,
    Screening,
    User,
)
from db.models.candidate_tools import CVAnalysis, CVRewrite, Subscription
from db.models.interviews import (
    Interview,
    InterviewFeedback,
    InterviewMetric,
    InterviewReport,
    InterviewSession,
    InterviewUsage,
    QuestionScore,
    TranscriptSegment,
)

metadata = orm_registry.metadata

__all__ = [
    "EMBEDDING_DIM",
    "Application",
    "ApplicationStatusChange",
    "CVAnalysis",
    "CVRewrite",
    "Candidate",
    "Company",
    "Interview",
    "InterviewFeedback",
    "InterviewMetric",
    "InterviewReport",
    "InterviewSession",
    "InterviewUsage",
    "Job",
    "JobSkill",
    "QuestionScore",
    "RecruiterProfile",
    "Screening",
    "Subscription",
    "TranscriptSegment",
    "User",
    "metadata",
]
