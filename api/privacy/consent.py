"""Consent on record before a candidate token (issue 17).

The join page shows the consent text and one line per scope; the candidate's acceptance comes back with the token
request as `{version, scopes}`. The version is the sha256 of exactly what was shown (text and scope lines), so a
text changed in between is refused (409) rather than recorded as agreed. No consent, no token: the answer is 403
`consent_required`. `video_analysis` may be left out: the interview is then audio only (the token cannot publish a
camera, the agent analyses no video, and those metrics are stored as not collected).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

import msgspec
from litestar import Request
from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.common.errors import BadRequest, Conflict, Forbidden
from api.common.schemas import Input, Schema
from db.enums import ApplicationStatus, ConsentDecision, ConsentMethod, InterviewKind
from db.models import Application, ApplicationStatusChange, Company, Interview, InterviewConsent

AI_INTERVIEWER = "ai_interviewer"
HUMAN_INTERVIEW = "interview"  # a HUMAN interview: people from the hiring team interview
AI_NOTE_TAKER = "ai_note_taker"  # ... with the agent as a silent note-taker
RECORDING = "recording"
VIDEO_ANALYSIS = "video_analysis"

# the configured CONSENT_TEXT describes an AI interview; an interview with people says what happens in it instead
HUMAN_TEXT = "This interview is with people from the hiring company, in a video room."
NOTE_TAKER_TEXT = ("An AI note-taker joins silently: it transcribes the conversation and measures your speech "
                   "fluency; if you agree below, it also analyses your camera for eye contact and face in view. These "
                   "signals are advisory: a person at the hiring company makes every decision.")
NO_AI_TEXT = "No AI takes part: nothing is transcribed or analysed."

SCOPE_TEXT = {
    AI_INTERVIEWER: "I agree to be interviewed by an AI interviewer, to my answers being transcribed and scored and "
                    "my speech fluency measured, for a person at the hiring company to review.",
    HUMAN_INTERVIEW: "I agree to take part in this video interview with the hiring team.",
    AI_NOTE_TAKER: "I agree to the AI note-taker transcribing the interview and measuring my speech fluency, for the "
                   "hiring team to review.",
    RECORDING: "I agree to the interview's audio and video being recorded and kept for the company's retention "
               "period.",
    VIDEO_ANALYSIS: "I agree to my camera being analysed for eye contact and face in view (optional: without it the "
                    "interview is audio only and these measurements are not collected).",
}
REQUIRED = frozenset({AI_INTERVIEWER, HUMAN_INTERVIEW, AI_NOTE_TAKER})
# shortlisting (or anything after it) is what a company that analyses "shortlisted only" means
SHORTLISTED_OR_LATER = (ApplicationStatus.SHORTLISTED, ApplicationStatus.OFFERED, ApplicationStatus.HIRED)


class ConsentScopeOut(Schema):
    scope: str
    text: str
    required: bool


class ConsentOut(Schema):
    version: str  # sha256 of the text and the scope lines as shown: send it back with the acceptance
    text: str
    scopes: list[ConsentScopeOut]


class ConsentIn(Input):
    version: Annotated[str, msgspec.Meta(min_length=64, max_length=64, pattern="^[0-9a-f]{64}$")]
    scopes: Annotated[list[Annotated[str, msgspec.Meta(max_length=40)]], msgspec.Meta(max_length=8)]


@dataclass(frozen=True)
class Offer:
    text: str
    scopes: tuple[str, ...]
    # why video analysis is not offered at all (None: it is offered): not_shortlisted, or no_note_taker (a HUMAN
    # interview without the agent: nothing is analysed)
    video_off_reason: str | None

    @property
    def version(self) -> str:
        lines = [self.text, *(f"[{s}] {SCOPE_TEXT[s]}" for s in self.scopes)]
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()

    def out(self) -> ConsentOut:
        return ConsentOut(version=self.version, text=self.text, scopes=[
            ConsentScopeOut(scope=s, text=SCOPE_TEXT[s], required=s in REQUIRED) for s in self.scopes])


def recording_enabled(company: Company | None) -> bool:
    """Whether the company records interviews (issue 21's setting, off by default)."""
    return bool(company is not None and company.recording_enabled)


async def _was_shortlisted(session: AsyncSession, application_id: object) -> bool:
    now = select(Application.id).where(Application.id == application_id,
                                       Application.status.in_(SHORTLISTED_OR_LATER))
    history = select(ApplicationStatusChange.id).where(ApplicationStatusChange.application_id == application_id,
                                                       ApplicationStatusChange.to_status.in_(SHORTLISTED_OR_LATER))
    return bool(await session.scalar(select(exists(now) | exists(history))))


async def offer_for(session: AsyncSession, interview: Interview, consent_text: str) -> Offer:
    """What this interview's candidate is asked to agree to."""
    company = await session.get(Company, interview.company_id) if interview.company_id else None
    human = interview.kind == InterviewKind.HUMAN
    if human:
        text = f"{HUMAN_TEXT} {NOTE_TAKER_TEXT if interview.note_taker else NO_AI_TEXT}"
        scopes = [HUMAN_INTERVIEW, *([AI_NOTE_TAKER] if interview.note_taker else [])]
    else:
        text, scopes = consent_text, [AI_INTERVIEWER]
    if recording_enabled(company):
        scopes.append(RECORDING)
    off_reason = None
    if human and not interview.note_taker:
        off_reason = "no_note_taker"
    elif company is not None and company.video_analytics_scope == "SHORTLISTED" and not (
            interview.application_id and await _was_shortlisted(session, interview.application_id)):
        off_reason = "not_shortlisted"
    else:
        scopes.append(VIDEO_ANALYSIS)
    return Offer(text=text, scopes=tuple(scopes), video_off_reason=off_reason)


def _client(request: Request) -> tuple[str | None, str | None]:
    ip = request.client.host if request.client else None
    agent = request.headers.get("user-agent")
    return (ip[:64] if ip else None), (agent[:400] if agent else None)


async def record_or_require(session: AsyncSession, request: Request, interview: Interview, consent: ConsentIn | None,
                            consent_text: str) -> None:
    """Store the page consent sent with this token request, or find one on record; refuse the token otherwise.
    Sets the interview's video analysis from what was agreed (and the company's analytics setting)."""
    offer = await offer_for(session, interview, consent_text)
    if consent is None:
        given = await session.scalar(
            select(InterviewConsent.id).where(InterviewConsent.interview_id == interview.id,
                                              InterviewConsent.method == ConsentMethod.PAGE,
                                              InterviewConsent.decision == ConsentDecision.GIVEN).limit(1))
        if given is None:
            raise Forbidden("accept the consent on the join page first", extra={"code": "consent_required"})
        return
    if consent.version != offer.version:
        raise Conflict("the consent text has changed since the page was loaded: reload and read it again",
                       extra={"code": "consent_changed", "version": offer.version})
    unknown = sorted(set(consent.scopes) - set(offer.scopes))
    if unknown:
        raise BadRequest(f"scopes not offered for this interview: {', '.join(unknown)}",
                         extra={"code": "unknown_scope", "offered": list(offer.scopes)})
    missing = sorted((REQUIRED & set(offer.scopes)) - set(consent.scopes))
    if missing:
        raise Forbidden(f"the interview needs your agreement to: {', '.join(missing)}",
                        extra={"code": "consent_required", "missing": missing})
    ip, agent = _client(request)
    session.add(InterviewConsent(interview_id=interview.id, method=ConsentMethod.PAGE,
                                 decision=ConsentDecision.GIVEN, text_sha256=offer.version,
                                 scopes=sorted(set(consent.scopes)), ip=ip, user_agent=agent,
                                 recorded_at=datetime.now(UTC)))
    video = VIDEO_ANALYSIS in consent.scopes
    interview.video_analysis = video
    interview.video_analysis_off_reason = None if video else (offer.video_off_reason or "declined")
