"""Domain enums shared by the API and the agent (stored as checked VARCHARs, not PG enum types,
so adding a value is a plain migration rather than an ALTER TYPE dance)."""

from enum import StrEnum


class Role(StrEnum):
    RECRUITER = "RECRUITER"
    CANDIDATE = "CANDIDATE"


class JobStatus(StrEnum):
    DRAFT = "DRAFT"
    OPEN = "OPEN"
    PAUSED = "PAUSED"
    CLOSED = "CLOSED"


class ApplicationStatus(StrEnum):
    APPLIED = "APPLIED"
    SCREENING = "SCREENING"
    SHORTLISTED = "SHORTLISTED"
    INTERVIEW_SCHEDULED = "INTERVIEW_SCHEDULED"
    OFFERED = "OFFERED"
    REJECTED = "REJECTED"
    HIRED = "HIRED"


class InterviewKind(StrEnum):
    HUMAN = "HUMAN"
    AI = "AI"


class InterviewMode(StrEnum):
    """RECRUITING interviews belong to an application; PRACTICE ones are a candidate's mock interviews."""

    RECRUITING = "RECRUITING"
    PRACTICE = "PRACTICE"


class InterviewStatus(StrEnum):
    SCHEDULED = "SCHEDULED"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    INTERRUPTED = "INTERRUPTED"
    NO_SHOW = "NO_SHOW"
    CANCELLED = "CANCELLED"
    DECLINED = "DECLINED"  # the candidate did not consent when the interviewer asked


class Speaker(StrEnum):
    AGENT = "AGENT"
    CANDIDATE = "CANDIDATE"
    INTERVIEWER = "INTERVIEWER"  # a person from the hiring team, in a HUMAN interview


class ConsentMethod(StrEnum):
    SPOKEN = "SPOKEN"  # answered the interviewer's consent question in the room
    PAGE = "PAGE"  # accepted on the join page


class ConsentDecision(StrEnum):
    GIVEN = "GIVEN"
    DECLINED = "DECLINED"


class Plan(StrEnum):
    FREE = "FREE"
    PRO = "PRO"


class RewriteStyle(StrEnum):
    MODERN = "MODERN"
    MINIMAL = "MINIMAL"
    EXECUTIVE = "EXECUTIVE"
    ATS_OPTIMIZED = "ATS_OPTIMIZED"


TERMINAL_INTERVIEW_STATUSES = frozenset(
    {
        InterviewStatus.COMPLETED,
        InterviewStatus.INTERRUPTED,
        InterviewStatus.NO_SHOW,
        InterviewStatus.CANCELLED,
        InterviewStatus.DECLINED,
    }
)


class ApplicationSource(StrEnum):
    """How an application entered the pipeline (the dashboards count each)."""

    APPLIED = "APPLIED"  # the candidate applied on the job page
    IMPORTED = "IMPORTED"  # a recruiter's CSV/XLSX import
    MANUAL = "MANUAL"  # added by hand by a recruiter


class ImportStatus(StrEnum):
    PREVIEW = "PREVIEW"  # uploaded and checked (dry run); nothing written to the pipeline yet
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"


class EmailStatus(StrEnum):
    PENDING = "PENDING"  # waiting for its (next) attempt
    SENDING = "SENDING"  # claimed by a sender until locked_until; a sender killed mid-way leaves it to expire
    SENT = "SENT"  # the SMTP server accepted it (250 after DATA)
    FAILED = "FAILED"  # refused for good (a 5xx for the recipient); never retried
    SUPPRESSED = "SUPPRESSED"  # non-essential mail to an address that unsubscribed: kept as a record, not sent


class CompanyRole(StrEnum):
    """A member's role inside one company (issue 20). Hiring managers read and leave feedback and notes only."""

    OWNER = "OWNER"
    ADMIN = "ADMIN"
    RECRUITER = "RECRUITER"
    HIRING_MANAGER = "HIRING_MANAGER"


class WebhookDeliveryStatus(StrEnum):
    PENDING = "PENDING"  # waiting for its (next) attempt
    SENDING = "SENDING"  # claimed by a sender until locked_until
    DELIVERED = "DELIVERED"  # the receiver answered 2xx
    FAILED = "FAILED"  # retried for the whole retry window (3 days) without a 2xx, or its endpoint was disabled


class RecordingStatus(StrEnum):
    RECORDING = "RECORDING"  # a recorder process holds it (joined, writing once the interview runs)
    UPLOADING = "UPLOADING"
    READY = "READY"  # the file is in storage
    FAILED = "FAILED"  # nothing usable was kept (see error)
