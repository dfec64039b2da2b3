"""The follow-up decision, computed before the candidate's turn ends, so the reply does not wait for it.

Scoring an answer against its rubric (the follow-up picker, ``follow_up.py``) costs a model run. Done after the turn
ended, it delayed every reply (issue 23). The interviewer therefore hands this runner

- the question as it is asked (``warm``): the picker embeds the question's anchors (rubric points, siblings,
  off-topic speech), which never change, while the candidate listens and answers;
- the answer so far at each final transcript (``speculate``): during the end-of-turn silence the picker scores it,
  and its result lands in the picker's own cache, keyed by the exact (question, answer);
- the turn's real request when the turn ends (``decide``): the same request finds its computation done or under
  way and waits for it; a different text (speech that overlapped the interviewer, ...) is computed anew.

The flow then calls the picker as always and reads the cached result: the decision is the one the picker makes for
that exact text, whichever path computed it. Per interview one computation runs at a time, in a thread at lowered
priority; a newer request replaces one still waiting (its result would be stale), one already running finishes.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Executor, ThreadPoolExecutor

from agent.flow import FollowUpPicker
from agent.priority import TRANSCRIPTION_NICE, lower_thread_priority
from agent.scoring.rubric import Rubric

logger = logging.getLogger("interviewly.follow_up_ahead")

# not elastic, like transcription: a late result delays the reply; the event loop and WebRTC still come first
FOLLOW_UP_NICE = TRANSCRIPTION_NICE
# the question's anchors are embedded this long after it starts to be asked: not while the reply's speech is synthesised
WARM_AFTER_S = 1.5
KEEP_RESULTS = 8  # finished requests remembered per interview (the picker caches the results themselves)

Request = tuple[str, Rubric, str]  # (question text, its rubric, the answer so far): flow.follow_up_request()

_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


def shared_executor() -> ThreadPoolExecutor:
    """The process's follow-up threads (two: one interview's scoring need not wait for another's)."""
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="follow-up",
                                           initializer=lower_thread_priority, initargs=(FOLLOW_UP_NICE,))
        return _executor


class FollowUpsAhead:
    """One interview's follow-up computations: at most one running, at most one waiting (the newest)."""

    def __init__(self, picker: FollowUpPicker, executor: Executor | None = None) -> None:
        self.picker = picker
        self._executor = executor
        self._running: asyncio.Future[None] | None = None
        self._waiting: tuple[Hashable, Callable[[], object], asyncio.Future[None]] | None = None
        self._jobs: OrderedDict[Hashable, asyncio.Future[None]] = OrderedDict()  # running, waiting or done
        self.hits = 0  # turns whose request was already computed or under way when the turn ended
        self.misses = 0

    def warm(self, question: str, rubric: Rubric | None, *, after_s: float = WARM_AFTER_S) -> None:
        """The question is being asked: embed what its answers will be compared with."""
        warm = getattr(self.picker, "warm", None)
        if warm is None or rubric is None:
            return

        def start() -> None:
            # an answer already being scored embeds the anchors itself: never put off its computation for this
            if self._waiting is None and (self._running is None or self._running.done()):
                self._submit(("warm", question, None), lambda: warm(question, rubric))

        asyncio.get_running_loop().call_later(after_s, start)

    def speculate(self, request: Request) -> None:
        """The answer so far, if the turn ended now: compute its follow-up in the background."""
        key = _key(request)
        if key not in self._jobs:
            self._submit(key, lambda: self.picker(*request))

    async def decide(self, request: Request) -> None:
        """The turn ended with ``request``: return once the picker has its result (computed ahead, or now)."""
        job = self._jobs.get(_key(request))
        if job is None or job.cancelled():
            self.misses += 1
            how = "computed after the turn"
            job = self._submit(_key(request), lambda: self.picker(*request))
        else:
            self.hits += 1
            how = "ready" if job.done() else "under way"
        start = time.monotonic()
        await asyncio.shield(job)
        logger.info("follow-up decision %s at the end of the turn: waited %.3f s", how, time.monotonic() - start)

    # --- one at a time --------------------------------------------------------------------------------------

    def _submit(self, key: Hashable, fn: Callable[[], object]) -> asyncio.Future[None]:
        job: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if self._waiting is not None:  # not started yet, and a newer request makes it stale
            stale_key, _, stale = self._waiting
            stale.cancel()
            self._jobs.pop(stale_key, None)
        self._waiting = (key, fn, job)
        self._jobs[key] = job
        while len(self._jobs) > KEEP_RESULTS and next(iter(self._jobs.values())).done():
            self._jobs.popitem(last=False)
        self._start_next()
        return job

    def _start_next(self) -> None:
        if self._waiting is None or (self._running is not None and not self._running.done()):
            return
        _, fn, job = self._waiting
        self._waiting = None
        running = asyncio.get_running_loop().run_in_executor(self._executor or shared_executor(), _logged, fn)
        self._running = running
        running.add_done_callback(lambda _: self._finished(job))

    def _finished(self, job: asyncio.Future[None]) -> None:
        if not job.done():
            job.set_result(None)
        self._start_next()


def _key(request: Request) -> Hashable:
    question, _, answer = request
    return question, answer  # the picker's own cache key


def _logged(fn: Callable[[], object]) -> None:
    # a failure is the flow's to handle (it falls back to the plain follow-ups when the picker raises again)
    try:
        fn()
    except Exception:
        logger.exception("choosing a follow-up ahead failed")
