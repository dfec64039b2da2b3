"""Mock (practice) interviews: an AI interview with no company or application, run by the same agent in
practice mode (it reads interview_sessions.target_role, and writes interview_sessions.feedback at the end)."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.candidate_tools.plans import PlanUsage, reserve_mock_interview
from api.config import Settings
from api.interviews.services import InterviewService
from api.livekit_tokens.gateway import LiveKitGateway, room_name_for
from db.enums import InterviewKind, InterviewMode, InterviewStatus
from db.models import Interview, InterviewSession


async def start_mock_interview(
    session: AsyncSession,
    candidate: Principal,
    target_role: str,
    duration_minutes: int,
    settings: Settings,
    livekit: LiveKitGateway,
) -> tuple[Interview, InterviewSession, PlanUsage]:
    """Check the plan, create the practice interview and its session, and dispatch the agent (the way
    recruiter-scheduled AI interviews are dispatched). A LiveKit failure raises 503 and nothing is kept."""
    usage = await reserve_mock_interview(session, candidate.user_id)
    interviews = InterviewService(session=session)
    interview_id = uuid.uuid4()
    interview = await interviews.create(
        Interview(
            id=interview_id,
            application_id=None,
            company_id=None,
            candidate_user_id=candidate.user_id,
            kind=InterviewKind.AI,
            mode=InterviewMode.PRACTICE,
            status=InterviewStatus.SCHEDULED,
            scheduled_at=datetime.now(UTC),
            duration_minutes=duration_minutes,
            room_name=room_name_for(interview_id),
            join_code=secrets.token_urlsafe(24),
        )
    )
    practice = InterviewSession(user_id=candidate.user_id, interview_id=interview.id, target_role=target_role.strip())
    session.add(practice)
    await session.flush()  # the agent reads the session row when it joins
    await interviews._dispatch(interview, settings, livekit)  # the interviews domain's own dispatch
    return interview, practice, usage
