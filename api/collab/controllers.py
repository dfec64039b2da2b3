"""Collaboration: notes on candidates and applications (with @mentions), per-job scorecards, and team feedback
side by side. Hiring managers may write notes and their own feedback; nothing else here changes for them."""

from __future__ import annotations

import uuid

from advanced_alchemy.extensions.litestar.providers import create_service_provider
from litestar import Controller, delete, get, patch, post, put
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth.deps import HIRING_MANAGER_WRITES, Principal
from api.collab import feedback, notes
from api.collab.schemas import (
    FeedbackRow,
    MyFeedbackIn,
    NoteIn,
    NoteOut,
    NotePatch,
    ScorecardIn,
    ScorecardOut,
    TeamFeedbackOut,
)
from api.common.openapi import BEARER
from api.config import Settings
from api.interviews.services import InterviewService
from api.screening.services import company_application, company_job

HM_WRITES = {HIRING_MANAGER_WRITES: True}


class CollaborationController(Controller):
    path = "/api/ats/v1"
    tags = ["collaboration"]
    security = BEARER
    dependencies = {"interviews_service": Provide(create_service_provider(InterviewService))}

    @post("/candidates/{candidate_id:uuid}/notes", status_code=HTTP_201_CREATED, opt=HM_WRITES,
          summary="A note on a candidate, for the team (mentions are mailed)")
    async def add_candidate_note(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                                 settings: NamedDependency[Settings], candidate_id: FromPath[uuid.UUID],
                                 data: JSONBody[NoteIn]) -> NoteOut:
        await notes.company_candidate(db_session, candidate_id, recruiter.company_id)  # type: ignore[arg-type]
        note = await notes.add_note(db_session, recruiter, data, candidate_id=candidate_id, application_id=None,
                                    link_url=f"{settings.public_base_url}/recruiter")
        return notes.to_out(note, recruiter.name)

    @get("/candidates/{candidate_id:uuid}/notes", summary="The team's notes on a candidate, oldest first")
    async def candidate_notes(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                              candidate_id: FromPath[uuid.UUID]) -> list[NoteOut]:
        await notes.company_candidate(db_session, candidate_id, recruiter.company_id)  # type: ignore[arg-type]
        return await notes.notes_of(db_session, recruiter.company_id, candidate_id=candidate_id)  # type: ignore

    @post("/applications/{application_id:uuid}/notes", status_code=HTTP_201_CREATED, opt=HM_WRITES,
          summary="A note on an application, for the team (mentions are mailed)")
    async def add_application_note(self, recruiter: NamedDependency[Principal],
                                   db_session: NamedDependency[AsyncSession], settings: NamedDependency[Settings],
                                   application_id: FromPath[uuid.UUID], data: JSONBody[NoteIn]) -> NoteOut:
        app = await company_application(db_session, application_id, recruiter.company_id)  # type: ignore[arg-type]
        note = await notes.add_note(db_session, recruiter, data, candidate_id=None, application_id=application_id,
                                    link_url=f"{settings.public_base_url}/recruiter/jobs/{app.job_id}")
        return notes.to_out(note, recruiter.name)

    @get("/applications/{application_id:uuid}/notes", summary="The team's notes on an application, oldest first")
    async def application_notes(self, recruiter: NamedDependency[Principal],
                                db_session: NamedDependency[AsyncSession],
                                application_id: FromPath[uuid.UUID]) -> list[NoteOut]:
        await company_application(db_session, application_id, recruiter.company_id)  # type: ignore[arg-type]
        return await notes.notes_of(db_session, recruiter.company_id, application_id=application_id)  # type: ignore

    @patch("/notes/{note_id:uuid}", opt=HM_WRITES, summary="Edit my note (only its author)")
    async def edit_note(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                        note_id: FromPath[uuid.UUID], data: JSONBody[NotePatch]) -> NoteOut:
        return notes.to_out(await notes.edit_note(db_session, recruiter, note_id, data.body), recruiter.name)

    @delete("/notes/{note_id:uuid}", status_code=HTTP_204_NO_CONTENT, opt=HM_WRITES,
            summary="Delete my note (only its author)")
    async def delete_note(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                          note_id: FromPath[uuid.UUID]) -> None:
        await notes.delete_note(db_session, recruiter, note_id)

    @get("/jobs/{job_id:uuid}/scorecard", summary="The job's scorecard: the criteria feedback rates 1-5")
    async def get_scorecard(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                            job_id: FromPath[uuid.UUID]) -> ScorecardOut:
        await company_job(db_session, job_id, recruiter.company_id)  # type: ignore[arg-type]
        return await feedback.scorecard(db_session, job_id)

    @put("/jobs/{job_id:uuid}/scorecard", status_code=HTTP_200_OK, summary="Set the job's scorecard")
    async def put_scorecard(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                            job_id: FromPath[uuid.UUID], data: JSONBody[ScorecardIn]) -> ScorecardOut:
        await company_job(db_session, job_id, recruiter.company_id)  # type: ignore[arg-type]
        return await feedback.save_scorecard(db_session, job_id, data)

    @put("/interviews/{interview_id:uuid}/feedback/mine", status_code=HTTP_200_OK, opt=HM_WRITES,
         summary="My rating, notes and scorecard scores for an interview (one per interviewer; replaces mine)")
    async def put_my_feedback(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                              interviews_service: NamedDependency[InterviewService],
                              interview_id: FromPath[uuid.UUID], data: JSONBody[MyFeedbackIn]) -> FeedbackRow:
        interview = await interviews_service.get_visible(interview_id, recruiter)
        row = await feedback.save_mine(db_session, recruiter, interview, data)
        return FeedbackRow(id=row.id, author_id=row.author_id, author_name=recruiter.name, rating=row.rating,
                           notes=row.notes, scores=dict(row.scores), updated_at=row.updated_at, mine=True)

    @delete("/interviews/{interview_id:uuid}/feedback/{feedback_id:uuid}", status_code=HTTP_204_NO_CONTENT,
            opt=HM_WRITES, summary="Delete my feedback (only its author)")
    async def delete_feedback(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                              interviews_service: NamedDependency[InterviewService],
                              interview_id: FromPath[uuid.UUID], feedback_id: FromPath[uuid.UUID]) -> None:
        await interviews_service.get_visible(interview_id, recruiter)
        await feedback.delete_own_feedback(db_session, recruiter, interview_id, feedback_id)

    @get("/interviews/{interview_id:uuid}/team-feedback",
         summary="Every interviewer's feedback side by side, with the scorecard's means")
    async def team_feedback(self, recruiter: NamedDependency[Principal], db_session: NamedDependency[AsyncSession],
                            interviews_service: NamedDependency[InterviewService],
                            interview_id: FromPath[uuid.UUID]) -> TeamFeedbackOut:
        interview = await interviews_service.get_visible(interview_id, recruiter)
        return await feedback.team_feedback(db_session, recruiter, interview)
