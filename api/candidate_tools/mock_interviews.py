"""Mock (practice) interviews: an AI interview with no company or application, run by the same agent in
practice mode (it reads interview_sessions.target_role, and writes interview_sessions.feedback at the end)."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import Principal
from api.candidate_tools.plans import PlanUsage, reserve_mock_interview
from api.interviews.services import InterviewService
from db.contract import room_name_for
from db.enums import InterviewKind, InterviewMode, InterviewStatus
from db.models import Interview, InterviewSession


async def start_mock_interview(
    session: AsyncSession,
    candidate: Principal,
    target_role: str,
    duration_minutes: int,
) -> tuple[Interview, InterviewSession, PlanUsage]:
    """Check the plan, and create the practice interview (scheduled now) and its session."""
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
    await session.flush()
    # the interviewer is sent when the candidate joins (their token), as for every interview
    return interview, practice, usage
