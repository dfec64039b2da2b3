"""All tables. Importing this module registers every model on the shared metadata (Alembic needs that)."""

from advanced_alchemy.base import orm_registry

from db.models._types import EMBEDDING_DIM
from db.models.ats import (
    Application,
    ApplicationStatusChange,
    CachedTextProfile,
    Candidate,
    Company,
    Job,
    JobSkill,
    RecruiterProfile,
    Screening,
    User,
)
from db.models.candidate_tools import CoachMessage, CVAnalysis, CVRewrite, Subscription
from db.models.dashboards import PipelineFact
from db.models.email import CompanyEmailSettings, EmailOutbox, EmailTemplate, EmailUnsubscribe
from db.models.idempotency import IdempotencyKey
from db.models.imports import ImportBatch
from db.models.interviews import (
    Interview,
    InterviewConsent,
    InterviewFeedback,
    InterviewMetric,
    InterviewReport,
    InterviewSession,
    InterviewUsage,
    QuestionScore,
    ScheduleChange,
    TranscriptSegment,
)
from db.models.privacy import AuditEvent, CandidateDemographics, ErasureRequest, RetentionRun
from db.models.recordings import Recording
from db.models.shared_state import JWKSCacheEntry, RateLimitBucket
from db.models.teams import ApiKey, CompanyInvitation, CompanyMembership, JobScorecard, Note
from db.models.webhooks import WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEvent
from db.models.workers import AgentWorker

metadata = orm_registry.metadata

__all__ = [
    "EMBEDDING_DIM",
    "AgentWorker",
    "ApiKey",
    "Application",
    "ApplicationStatusChange",
    "AuditEvent",
    "CVAnalysis",
    "CVRewrite",
    "CachedTextProfile",
    "Candidate",
    "CandidateDemographics",
    "CoachMessage",
    "Company",
    "CompanyEmailSettings",
    "CompanyInvitation",
    "CompanyMembership",
    "EmailOutbox",
    "EmailTemplate",
    "EmailUnsubscribe",
    "ErasureRequest",
    "IdempotencyKey",
    "ImportBatch",
    "Interview",
    "InterviewConsent",
    "InterviewFeedback",
    "InterviewMetric",
    "InterviewReport",
    "InterviewSession",
    "InterviewUsage",
    "JWKSCacheEntry",
    "Job",
    "JobScorecard",
    "JobSkill",
    "Note",
    "PipelineFact",
    "QuestionScore",
    "RateLimitBucket",
    "Recording",
    "RecruiterProfile",
    "RetentionRun",
    "ScheduleChange",
    "Screening",
    "Subscription",
    "TranscriptSegment",
    "User",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
    "metadata",
]
