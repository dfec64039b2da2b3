"""The interviewer worker: ``python -m agent.worker start`` (or ``dev``).

A livekit-agents AgentServer registered under the contract's agent name (AGENT_NAME, default "interviewer"):
explicit dispatch only, sent by the API when a candidate arrives. The dispatch metadata names the interview
(``{"interview_id": "<uuid>"}``); everything else comes from Postgres. An AI interview runs the interviewer
(``agent/run.py``); a HUMAN one with the note-taker runs ``agent/note_taker.py``. By default
AGENT_WORKER_PROCESSES worker processes (one per core, at most 4; agent/supervisor.py) each run several
interviews as threads (prewarmed: VAD and Whisper loaded before a job arrives); AGENT_JOB_EXECUTOR=process gives
every interview its own process instead. Each worker process reports itself and its free slots in
``agent_workers`` (``agent/worker_registry.py``).
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import logging
import os
import signal
import sys
import threading
from collections.abc import Awaitable, Callable
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing is ever downloaded at run time
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# livekit-agents watches every job's event loop with a heartbeat and a watchdog thread that tick at a fifth of
# the warning threshold: 20 ms at its 100 ms default, i.e. 100 wake-ups a second in every interview process.
# Warning from 250 ms stalls instead ticks every 50 ms, and still catches the stalls that hurt live audio.
os.environ.setdefault("LIVEKIT_AGENTS_LOOP_BLOCK_WARN_MS", "250")

from livekit.agents import (
    NOT_GIVEN,
    AgentServer,
    JobContext,
    JobExecutorType,
    JobProcess,
    JobRequest,
    NotGivenOr,
    cli,
)
from livekit.plugins import openai  # noqa: F401  (plugins must register on the main thread)

from agent import metrics as agent_metrics
from agent.avatar import AvatarConfigError, check_provider
from agent.caption_pacing import batch_caption_pacing
from agent.config import ConfigError, Settings
from agent.ffi_routing import route_frames_by_stream
from agent.priority import name_os_thread, single_threaded_blas
from agent.sentry import init_sentry
from agent.worker_registry import WorkerRegistry
from db.contract import AGENT_PREFIX, agent_name, interview_id_from_metadata
from db.engine import make_engine, make_sessionmaker
from db.models import Interview  # noqa: F401  (SQLAlchemy models: imported before the loop starts)

logger = logging.getLogger("interviewly.worker")

#: after a drain timed out, how long the interviews it ended get to write their reports and leave their rooms
ENDING_TIMEOUT_S = 10.0


def _die_with_parent() -> None:
    """Job processes must not outlive a killed worker (they would keep an interview half alive)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except OSError:
            pass


def prewarm(proc: JobProcess) -> None:
    _die_with_parent()
    single_threaded_blas()
    route_frames_by_stream()
    batch_caption_pacing()
    settings = Settings.from_env()
    from agent.pipeline import load_vad

    proc.userdata["vad"] = load_vad()
    if settings.pipeline == "offline":
        from agent.offline.stt_whisper import load_model
        from agent.offline.tts_espeak import espeak_binary

        espeak_binary()
        # the packaged model's files are checked against their pinned sha256 here, before any job
        load_model(settings.whisper_model, name=settings.offline_stt_model, cpu_threads=settings.whisper_threads,
                   min_window_s=settings.whisper_min_window_s)
    # the answer scorer's embedding model (checked against its sha256 on load): loaded now, not at the first answer;
    # one thread, like the rest of the agent's model work
    os.environ.setdefault("EMBEDDING_THREADS", "1")
    from nlp.embeddings import get_embedder

    get_embedder().embed(["warm up"])
    # import everything an interview needs now, not on the job's event loop
    import scipy.signal  # noqa: F401  (the fluency summary's peaks: ~2 s of imports under the GIL on first use)

    import agent.note_taker
    import agent.run  # noqa: F401
    import analytics.eye_contact  # noqa: F401  (MediaPipe)

    logging.getLogger("faster_whisper").setLevel(logging.WARNING)
    _freeze_startup_heap()


_heap_frozen = False


def _freeze_startup_heap() -> None:
    """Keep the models' and libraries' objects out of every later full garbage collection.

    A full collection over them held the GIL for ~250 ms of CPU (every interview of the process stalls
    meanwhile); frozen, they are never scanned and a full collection takes ~30 ms (bench, 4 interviews).
    Done once, before the first interview: a later freeze would pin objects of running interviews.
    """
    global _heap_frozen
    if not _heap_frozen:
        gc.collect()
        gc.freeze()
        _heap_frozen = True


async def on_request(req: JobRequest) -> None:
    if interview_id_from_metadata(req.job.metadata) is None:
        logger.warning("rejecting a dispatch without an interview_id in its metadata: %r", req.job.metadata)
        await req.reject()
        return
    await req.accept(name="Interviewer", identity=f"{AGENT_PREFIX}{req.job.id}")


async def entrypoint(ctx: JobContext) -> None:
    from agent.plan import InterviewContext, InterviewNotFound, load_context
    from db.enums import InterviewKind, InterviewStatus

    settings = Settings.from_env()
    interview_id = interview_id_from_metadata(ctx.job.metadata)
    assert interview_id is not None  # on_request rejected the others
    if threading.current_thread() is not threading.main_thread():  # the thread executor: this job's own loop
        name_os_thread("interview-loop")
    # no ping before each checkout: the recorder uses a connection every second (a ping was two more round trips
    # a second per interview), and a write that meets a dropped connection is buffered and retried by it
    engine = make_engine(settings.database_url, pool_size=2, max_overflow=2, pool_pre_ping=False)

    async def dispose_engine() -> None:
        await engine.dispose()

    ctx.add_shutdown_callback(dispose_engine)
    sessionmaker = make_sessionmaker(engine)

    context: InterviewContext | None = None
    for attempt in range(10):
        try:
            async with sessionmaker() as session:
                context = await load_context(session, interview_id, n_questions=settings.questions_per_interview)
            break
        except InterviewNotFound:
            logger.error("dispatched for interview %s, which does not exist", interview_id)
            ctx.shutdown("unknown interview")
            return
        except Exception as e:
            logger.warning("loading interview %s failed (attempt %d): %s", interview_id, attempt + 1, e)
            await asyncio.sleep(1.0)
    if context is None:
        ctx.shutdown("database unavailable")
        return
    if context.room_name and ctx.job.room.name != context.room_name:
        # a dispatch into another room must not write into this interview
        logger.error("interview %s belongs to room %s, dispatched to %s: not running it", interview_id,
                     context.room_name, ctx.job.room.name)
        ctx.shutdown("wrong room")
        return
    if context.status != InterviewStatus.SCHEDULED:
        logger.warning("interview %s is %s, not SCHEDULED: not running it", interview_id, context.status.value)
        ctx.shutdown("interview not schedulable")
        return

    if context.kind == InterviewKind.HUMAN:
        from agent.note_taker import NoteTakerRun

        await NoteTakerRun(ctx=ctx, settings=settings, context=context, sessionmaker=sessionmaker,
                           stt_model=_note_taker_stt(settings), vad_model=ctx.proc.userdata.get("vad")).run()
        return
    from agent.pipeline import build_models
    from agent.run import InterviewRun

    models = build_models(settings, vad=ctx.proc.userdata.get("vad"))
    await InterviewRun(ctx=ctx, settings=settings, context=context, models=models, sessionmaker=sessionmaker).run()


def _note_taker_stt(settings: Settings) -> Any:
    from agent.pipeline import build_stt

    return build_stt(settings)


class InterviewerServer(AgentServer):
    """Capacity counted in interviews: AGENT_MAX_CONCURRENT_INTERVIEWS at once, whatever else runs on the box.

    livekit-agents estimates the load of a job it has accepted but not launched yet as
    ``load_threshold / num_idle_processes`` while no job runs, so a burst of dispatches to an idle worker
    was refused after the first ``num_idle_processes`` (and LiveKit does not retry them). Counting jobs
    (running + accepted) against the maximum fixes that.

    A job is launched before its request's reserved slot is released, so for a while it is both running and
    reserved; counted twice, four jobs of a burst made the fifth look over capacity and LiveKit left it
    unassigned. Requests being answered are tracked by job id so each job counts once.

    The LiveKit server sends no job to a worker whose reported load has reached its ``agents.target_load`` (0.7 by
    default). Reported as a plain fraction of max_jobs, a host of 6 took no sixth interview (5/6 > 0.7) while the
    dispatcher, counting free slots, kept sending it one. So the load is scaled: all slots held reads as the target
    load, and that is also this worker's threshold.
    """

    def __init__(self, *, max_jobs: int, full_load: float = 1.0, **kwargs: Any) -> None:
        super().__init__(load_threshold=full_load, **kwargs)
        self.max_jobs = max_jobs
        self.full_load = full_load
        self._answering: set[str] = set()  # job requests in on_request, each holding a reserved slot
        self.registry: WorkerRegistry | None = None
        self._draining_requested = False

    def tracking_requests(self, on_request: Callable[[JobRequest], Awaitable[None]]
                          ) -> Callable[[JobRequest], Awaitable[None]]:
        async def answer(req: JobRequest) -> None:
            job_id = req.id
            self._answering.add(job_id)
            # runs right after livekit-agents' own done callback, which releases the reserved slot
            task = asyncio.current_task()
            assert task is not None
            task.add_done_callback(lambda _: self._answering.discard(job_id))
            await on_request(req)
            if self.registry is not None:
                self.registry.changed()

        return answer

    def held_slots(self) -> int:
        """Interviews running or being accepted, each counted once."""
        running = {job.job.id for job in self.active_jobs}
        not_yet_answering = max(0, self._reserved_slots - len(self._answering))
        return len(running | self._answering) + not_yet_answering

    def load_of(self, slots: int) -> float:
        """What LiveKit is told ``slots`` held interviews weigh: ``full_load`` when all are held."""
        return slots / self.max_jobs * self.full_load

    def _get_effective_load(self) -> float:
        return self.load_of(self.held_slots())

    async def drain(self, timeout: NotGivenOr[int | None] = NOT_GIVEN) -> None:  # noqa: ASYNC109 (the base's)
        """SIGTERM: take no new interviews (LiveKit hears "full", the dispatcher sees ``draining`` in the
        registry at once, not at the next refresh) and finish the ones running."""
        self._draining_requested = True
        if self.registry is not None:
            self.registry.changed()
        try:
            await super().drain(timeout)
        except TimeoutError:
            from agent.room_run import end_running_interviews

            told = end_running_interviews("worker shutdown: drain timed out")
            if not told:
                raise
            logger.warning("drain timed out: %d interview(s) end now (INTERRUPTED, or given back when their "
                           "candidate has not come yet)", told)
            # their reports and the room's goodbye; the job shutdown that follows would wait 15 s for each
            for _ in range(int(ENDING_TIMEOUT_S / 0.1)):
                if not self.active_jobs:
                    break
                await asyncio.sleep(0.1)

    @property
    def draining(self) -> bool:
        return self._draining_requested or super().draining

    async def aclose(self) -> None:
        if self.registry is not None:
            await self.registry.aclose()
        await super().aclose()


def build_server(settings: Settings) -> AgentServer:
    def load(server: InterviewerServer) -> float:
        return server.load_of(len(server.active_jobs))

    server = InterviewerServer(
        max_jobs=settings.max_concurrent_interviews,
        full_load=settings.livekit_target_load,
        setup_fnc=prewarm,
        load_fnc=load,
        num_idle_processes=settings.idle_processes,
        initialize_process_timeout=120.0,
        shutdown_process_timeout=60.0,
        drain_timeout=settings.drain_timeout_s,
        job_memory_warn_mb=1500,
        port=settings.http_port,
        job_executor_type=JobExecutorType(settings.job_executor),
        ws_url=settings.livekit_url,
        api_key=settings.livekit_api_key,
        api_secret=settings.livekit_api_secret,
    )
    name = agent_name()
    server.rtc_session(entrypoint, agent_name=name, on_request=server.tracking_requests(on_request))

    def on_registered(worker_id: str, _server_info: Any) -> None:
        if server.registry is None:
            engine = make_engine(settings.database_url, pool_size=1, max_overflow=1)
            server.registry = WorkerRegistry(make_sessionmaker(engine), agent_name=name,
                                             max_jobs=settings.max_concurrent_interviews,
                                             active_jobs=server.held_slots, draining=lambda: server.draining,
                                             interval_s=settings.registry_interval_s)
        server.registry.registered(worker_id)

    server.on("worker_registered", on_registered)
    return server


def main() -> None:
    try:
        settings = Settings.from_env()
        check_provider(settings.avatar_provider)
        if not settings.database_url:
            raise ConfigError("DATABASE_URL is not set")
    except (ConfigError, AvatarConfigError) as e:
        print(f"interviewly agent: {e}", file=sys.stderr)
        raise SystemExit(2) from None
    from agent.supervisor import supervise, supervised

    if sys.argv[1:2] == ["start"] and supervised(settings):
        raise SystemExit(supervise(settings, sys.argv[1:]))
    if "AGENT_WORKER_INDEX" in os.environ:
        _die_with_parent()  # a supervised worker goes with its supervisor, even one killed with SIGKILL
    server = build_server(settings)
    if sys.argv[1:2] in (["start"], ["dev"]):
        init_sentry()  # only with SENTRY_DSN
        agent_metrics.serve(settings.metrics_port, server.held_slots, settings.max_concurrent_interviews)
    cli.run_app(server)


if __name__ == "__main__":
    main()
