"""Each media stream gets only its own frames from the LiveKit FFI.

livekit-rtc hands every FFI event to every subscriber whose filter accepts its type, and a VideoStream's or an
AudioStream's filter checks only the type: with several interviews in one worker process (the thread executor),
every candidate's every video and audio frame woke every interview's event loop (``call_soon_threadsafe`` across
threads), which then threw the frame away. The cost grew with the square of the interviews a process holds. After
a stream is created its subscription's filter is narrowed to the stream's own handle, so a frame wakes one loop.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from typing import Any

from livekit import rtc
from livekit.rtc._ffi_client import FfiClient

logger = logging.getLogger("interviewly.ffi")

_installed = False


def _own_frames_only(stream: Any, kind: str) -> None:
    queue, handle = getattr(stream, "_ffi_queue", None), getattr(getattr(stream, "_ffi_handle", None), "handle", None)
    if queue is None or handle is None:
        return

    def mine(event: Any) -> bool:
        return event.WhichOneof("message") == kind and getattr(event, kind).stream_handle == handle

    ffi = FfiClient.instance.queue
    with ffi._lock:
        ffi._subscribers = [(q, loop, mine if q is queue else f) for q, loop, f in ffi._subscribers]


def _narrowing(init: Callable[..., None], kind: str) -> Callable[..., None]:
    @functools.wraps(init)
    def wrapped(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        try:
            _own_frames_only(self, kind)
        except Exception:  # a livekit-rtc whose internals moved: streams still work, only less efficiently
            logger.debug("could not narrow a stream's FFI subscription", exc_info=True)

    return wrapped


def route_frames_by_stream() -> None:
    """Once per process, before any stream exists. AGENT_FFI_ROUTING=0 leaves livekit-rtc as it is (for a
    livekit-rtc whose internals changed, and to measure the difference: bench/bench_agent_concurrency.py)."""
    global _installed
    if _installed or os.environ.get("AGENT_FFI_ROUTING", "1").strip().lower() in {"0", "false", "no", "off"}:
        return
    ffi = FfiClient.instance.queue
    if not (hasattr(ffi, "_subscribers") and hasattr(ffi, "_lock")):
        logger.warning("livekit-rtc's FFI queue changed: frames are not routed by stream")
        return
    rtc.VideoStream.__init__ = _narrowing(rtc.VideoStream.__init__, "video_stream_event")  # type: ignore[method-assign]
    rtc.AudioStream.__init__ = _narrowing(rtc.AudioStream.__init__, "audio_stream_event")  # type: ignore[method-assign]
    _installed = True
