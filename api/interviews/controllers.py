from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

import msgspec
from advanced_alchemy.extensions.litestar.providers import create_service_provider
from advanced_alchemy.filters import BeforeAfter
from litestar import Controller, Request, Response, get, patch, post
from litestar.background_tasks import BackgroundTask
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, HeaderParameter, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from api.auth.deps import HIRING_MANAGER_WRITES, Principal
from api.common.db import READ_ONLY
from api.common.filters import Filters, keyset, listing
from api.common.keyset import KeysetPage
from api.common.openapi import BEARER
from api.common.ratelimit import BOOKING, rate_limited
from api.config import Settings
from api.interviews.schemas import (
    CancelIn,
    CapacityOut,
    FeedbackIn,
    FeedbackOut,
    InterviewCreate,
    InterviewDetail,
    InterviewOut,
    InterviewReschedule,
    MetricsPage,
    ScheduleChangeOut,
    TranscriptSegmentOut,
)
from api.interviews.services import FeedbackService, InterviewService
from api.livekit_tokens.gateway import LiveKitGateway
from db.enums import InterviewKind, InterviewStatus
from db.models import Interview

provide_interview_service = create_service_provider(InterviewService)
provide_feedback_service = create_service_provider(FeedbackService)


class InterviewSort(StrEnum):
    scheduled_at = "scheduled_at"
    created_at = "created_at"
    status = "status"


INTERVIEW_LISTING = listing(sortable=InterviewSort, default_sort=InterviewSort.scheduled_at,
                            choices={"status": InterviewStatus, "kind": InterviewKind, "application_id": uuid.UUID})


def join_url(interview: Interview, settings: Settings) -> str | None:
    return f"{settings.public_base_url}/interview/{interview.join_code}" if interview.join_code else None


def to_out(
    interview: Interview, settings: Settings, cls: type[InterviewOut] = InterviewOut, **extra: object
) -> InterviewOut:
    fields = {
        f: getattr(interview, f)
        for f in InterviewOut.__struct_fields__
        if f not in {"join_url", "candidate_name", "job_title", "delivery_signals_hidden"} and f not in extra
    }
    return cls(**fields, join_url=join_url(interview, settings), **extra)


def _convert(obj: object, schema: type) -> object:
    return msgspec.convert(obj, schema, from_attributes=True)


def _close_room(request: Request, interview: Interview) -> BackgroundTask | None:
    """Close the interview's room once the response (and with it the transaction) is done."""
    if not interview.room_name:
        return None
    livekit: LiveKitGateway = request.app.state.livekit
    return BackgroundTask(livekit.delete_room, interview.room_name)


class InterviewController(Controller):
    path = "/api/ats/v1"
    tags = ["interviews"]
    security = BEARER
    dependencies = {
        "interviews_service": Provide(provide_interview_service),
        "feedback_service": Provide(provide_feedback_service),
    }

    @post(
        "/applications/{application_id:uuid}/interviews",
        status_code=HTTP_201_CREATED,
        middleware=[rate_limited(BOOKING)],
        summary="Book an interview. Nothing joins its room until the candidate arrives inside the join window. "
        "Send an Idempotency-Key header to make retries safe: a repeated request returns the first booking.",
    )
    async def schedule(
        self,
        recruiter: NamedDependency[Principal],
        interviews_service: NamedDependency[InterviewService],
        settings: NamedDependency[Settings],
        application_id: FromPath[uuid.UUID],
        data: JSONBody[InterviewCreate],
        idempotency_key: Annotated[str | None, HeaderParameter(name="Idempotency-Key", required=False,
                                                               max_length=255)] = None,
    ) -> Response[InterviewOut]:
        interview, replayed = await interviews_service.schedule(application_id, recruiter, data, idempotency_key)
        headers = {"Idempotent-Replayed": "true"} if replayed else {}
        return Response(to_out(interview, settings), status_code=HTTP_201_CREATED, headers=headers)

    @patch(
        "/interviews/{interview_id:uuid}",
        summary="Move an interview that has not started (new time, optionally a new length); the move is kept in "
        "its schedule history and the candidate's link tells the new time",
    )
    async def reschedule(self, request: Request, recruiter: NamedDependency[Principal],
                         interviews_service: NamedDependency[InterviewService], settings: NamedDependency[Settings],
                         interview_id: FromPath[uuid.UUID], data: JSONBody[InterviewReschedule]
                         ) -> Response[InterviewOut]:
        interview, had_arrival = await interviews_service.reschedule(interview_id, recruiter, data)
        # a candidate (and an agent) in the room for the old time leave it; after the commit
        background = _close_room(request, interview) if had_arrival else None
        return Response(to_out(interview, settings), background=background)

    @get("/interviews/{interview_id:uuid}/schedule-history", summary="Every move of an interview, oldest first")
    async def schedule_history(self, member: NamedDependency[Principal],
                               interviews_service: NamedDependency[InterviewService],
                               interview_id: FromPath[uuid.UUID]) -> list[ScheduleChangeOut]:
        return [_convert(c, ScheduleChangeOut) for c in await interviews_service.schedule_history(interview_id, member)]

    @get(
        "/interviewers/capacity",
        summary="The interviewer workers, their free slots, and the candidates waiting for one (yours by name)",
    )
    async def capacity(self, recruiter: NamedDependency[Principal],
                       interviews_service: NamedDependency[InterviewService],
                       settings: NamedDependency[Settings]) -> CapacityOut:
        return await interviews_service.capacity(settings, recruiter.company_id)

    @get("/interviews", operation_id="listInterviews", dependencies=INTERVIEW_LISTING, opt=READ_ONLY,
         summary="Interviews I may see (e.g. ?status=IN_PROGRESS for the live list)")
    async def list_interviews(
        self,
        member: NamedDependency[Principal],
        interviews_service: NamedDependency[InterviewService],
        settings: NamedDependency[Settings],
        filters: Filters,
        scheduled_after: FromQuery[datetime | None] = None,
        scheduled_before: FromQuery[datetime | None] = None,
    ) -> KeysetPage[InterviewOut]:
        window = BeforeAfter("scheduled_at", scheduled_before, scheduled_after)
        found, labels = await interviews_service.list_visible(member, [*filters, window])
        return keyset([to_out(i, settings, **labels.get(i.id, {})) for i in found.rows], found, filters)

    @get("/interviews/{interview_id:uuid}", operation_id="getInterview",
         summary="An interview, with its metrics summary and report once present")
    async def get_interview(self, member: NamedDependency[Principal],
                            interviews_service: NamedDependency[InterviewService], settings: NamedDependency[Settings],
                            interview_id: FromPath[uuid.UUID]) -> InterviewDetail:
        interview = await interviews_service.get_visible(interview_id, member)
        labels = (await interviews_service.labels([interview])).get(interview.id, {})
        # the advisory scores are for the hiring team
        team_view = await interviews_service.team_view(interview) if member.is_recruiter else {}
        return to_out(interview, settings, InterviewDetail, **labels, **team_view)  # type: ignore[return-value]

    @post("/interviews/{interview_id:uuid}/cancel", status_code=HTTP_200_OK, summary="Cancel an interview")
    async def cancel(self, request: Request, recruiter: NamedDependency[Principal],
                     interviews_service: NamedDependency[InterviewService], settings: NamedDependency[Settings],
                     interview_id: FromPath[uuid.UUID], data: JSONBody[CancelIn | None] = None
                     ) -> Response[InterviewOut]:
        interview = await interviews_service.cancel(interview_id, recruiter, data.reason if data else None)
        return Response(to_out(interview, settings), background=_close_room(request, interview))

    @get("/interviews/{interview_id:uuid}/metrics", operation_id="listInterviewMetrics",
         summary="Per-second metrics after `since_t` (poll with it)")
    async def metrics(
        self, recruiter: NamedDependency[Principal], interviews_service: NamedDependency[InterviewService],
        interview_id: FromPath[uuid.UUID],
        since_t: Annotated[int, QueryParameter(ge=-1, le=10_000_000,
                                               description="return rows with t_s > since_t")] = -1,
        limit: Annotated[int, QueryParameter(ge=1, le=1000)] = 300,
    ) -> MetricsPage:
        return await interviews_service.metrics_page(interview_id, recruiter, since_t, limit)

    @get("/interviews/{interview_id:uuid}/transcript", operation_id="listInterviewTranscript",
         summary="Transcript segments in order")
    async def transcript(self, recruiter: NamedDependency[Principal],
                         interviews_service: NamedDependency[InterviewService], interview_id: FromPath[uuid.UUID],
                         since_s: Annotated[float, QueryParameter(ge=-1, le=10_000_000)] = -1,
                         limit: Annotated[int, QueryParameter(ge=1, le=5000)] = 2000) -> list[TranscriptSegmentOut]:
        rows = await interviews_service.visible_transcript(interview_id, recruiter, since_s, limit)
        return [_convert(r, TranscriptSegmentOut) for r in rows]  # type: ignore[misc]

    @post(
        "/interviews/{interview_id:uuid}/feedback",
        status_code=HTTP_201_CREATED,
        summary="A recruiter's rating (1-5) and notes",
        opt={HIRING_MANAGER_WRITES: True},
    )
    async def add_feedback(self, recruiter: NamedDependency[Principal],
                           feedback_service: NamedDependency[FeedbackService], interview_id: FromPath[uuid.UUID],
                           data: JSONBody[FeedbackIn]) -> FeedbackOut:
        feedback = await feedback_service.add(interview_id, recruiter, data)
        return feedback_service.to_schema(feedback, schema_type=FeedbackOut)

    @get("/interviews/{interview_id:uuid}/feedback", summary="Feedback on an interview, oldest first")
    async def list_feedback(self, recruiter: NamedDependency[Principal],
                            feedback_service: NamedDependency[FeedbackService],
                            interview_id: FromPath[uuid.UUID]) -> list[FeedbackOut]:
        rows = await feedback_service.of_interview(interview_id, recruiter)
        return feedback_service.to_schema(rows, schema_type=FeedbackOut).items
