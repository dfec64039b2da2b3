"""Real-time paths first: analysis and transcription threads run at a lower CPU priority.

An interview's event loop (audio in and out, turn handling, the live tick) and LiveKit's WebRTC threads
must never wait behind frame analysis or Whisper. Those run in their own threads with a higher nice
value, so on a busy machine the scheduler serves the latency-sensitive threads first: the video sampler
then drops frames (counted) and a transcript comes a little later, instead of every live update being
late. Linux applies nice per thread, and threads inherit it from the thread that creates them, which is
how MediaPipe's and CTranslate2's own worker threads get it (the models are created in a lowered thread).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")

#: frame analysis (elastic: frames are dropped when it falls behind)
ANALYSIS_NICE = 10
#: speech-to-text (not elastic: a late transcript delays the interviewer's reply)
TRANSCRIPTION_NICE = 5


def lower_thread_priority(nice: int) -> None:
    """Raise this thread's nice value to ``nice`` (never lowers it; needs no privilege)."""
    if nice <= 0 or not hasattr(os, "setpriority"):
        return
    with contextlib.suppress(OSError):
        tid = threading.get_native_id()
        if os.getpriority(os.PRIO_PROCESS, tid) < nice:
            os.setpriority(os.PRIO_PROCESS, tid, nice)


_PR_SET_NAME = 15


@functools.cache
def _libc() -> ctypes.CDLL | None:
    return ctypes.CDLL(None) if sys.platform.startswith("linux") else None


def name_os_thread(name: str) -> None:
    """This thread's name as Linux shows it (``top -H``, /proc/<pid>/task/<tid>/comm: 15 bytes); threads it
    starts (MediaPipe's, CTranslate2's) inherit it. Python leaves every thread named after the program, so the
    worker's CPU split by thread (bench/bench_agent_concurrency.py) could not tell an interview's parts apart."""
    libc = _libc()
    if libc is not None:
        with contextlib.suppress(Exception):
            libc.prctl(_PR_SET_NAME, name.encode()[:15], 0, 0, 0)


def _background_thread(nice: int) -> None:
    name_os_thread(threading.current_thread().name)
    lower_thread_priority(nice)


def single_threaded_blas() -> None:
    """NumPy's BLAS runs in the calling thread (so at its priority), not in a pool started at nice 0.

    OpenBLAS starts its worker threads when NumPy is imported, from the main thread; Whisper's feature
    extraction would otherwise run its matrix products there, ahead of the real-time paths. With several
    interviews per process there is nothing to gain from a second BLAS thread anyway.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def background_executor(name: str, nice: int) -> ThreadPoolExecutor:
    """A one-thread executor whose thread (and every thread it starts) runs at ``nice``."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix=name, initializer=_background_thread,
                              initargs=(nice,))


def create_in_background(factory: Callable[[], T], nice: int, name: str = "model-load") -> T:
    """``factory()`` run in a short-lived thread at ``nice`` named ``name``, so the threads the object starts
    inherit both."""
    result: list[T] = []
    error: list[BaseException] = []

    def run() -> None:
        name_os_thread(name)
        lower_thread_priority(nice)
        try:
            result.append(factory())
        except BaseException as e:  # re-raised in the caller
            error.append(e)

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    thread.join()
    if error:
        raise error[0]
    return result[0]
