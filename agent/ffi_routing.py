"""Each media stream gets only its own frames from the LiveKit FFI.

livekit-rtc hands every FFI event to every subscriber whose filter accepts its type, and a VideoStream's or an
AudioStream's filter checks only the type: with several interviews in one worker process (the thread executor),
every candidate's every video and audio frame woke every interview's event loop (``call_soon_threadsafe`` across
threads), which then threw the frame away. The cost grew with the square of the interviews a process holds. After
a stream is created its subscription's filter is narrowed to the stream's own handle, so a frame wakes one loop.

The same holds for the room and for each awaited request. A room's subscription took every event but media frames,
and each awaited request (every 50 ms of the interviewer's voice handed to its audio source, every live message,
every caption) subscribed to every event until its callback came: all of them, from every room of the process,
woke the interview's loop, and each went through the room's own queue with a task switch. A room now takes its own
room's events, and an awaited request the callbacks of its own kind.

A video stream can also be gated (``gate_video_frames``): the camera sends 15 frames a second and the eye-contact
analysis takes two. A frame the gate refuses is released in the FFI's callback thread, where the filter runs: it
is never copied out of LiveKit's buffer, and never wakes the interview's event loop.
"""

from __future__ import annotations

import contextvars
import functools
import logging
import os
from collections.abc import Callable
from typing import Any

from livekit import rtc
from livekit.rtc._ffi_client import FfiClient, FfiHandle
from livekit.rtc.data_stream import BaseStreamWriter

logger = logging.getLogger("interviewly.ffi")

_installed = False

# the callback kind an awaited request is waiting for, while it waits (set around the request's coroutine)
_awaiting: contextvars.ContextVar[str | None] = contextvars.ContextVar("ffi_awaiting", default=None)
# callbacks that their requests await through their own subscriptions: no room has any use for them
_AWAITED = frozenset({"capture_audio_frame", "publish_data", "publish_transcription", "send_stream_header",
                      "send_stream_chunk", "send_stream_trailer", "text_stream_open", "text_stream_writer_write",
                      "text_stream_writer_close", "byte_stream_open", "byte_stream_writer_write",
                      "byte_stream_writer_close", "send_text", "send_bytes", "set_local_attributes"})
_MEDIA = frozenset({"audio_stream_event", "video_stream_event"})


def _enabled() -> bool:
    return os.environ.get("AGENT_FFI_ROUTING", "1").strip().lower() not in {"0", "false", "no", "off"}


def _set_filter(stream: Any, make: Callable[[int], Callable[[Any], bool]]) -> bool:
    """Replace the filter of ``stream``'s FFI subscription with ``make(its handle)``; False if it has none."""
    queue, handle = getattr(stream, "_ffi_queue", None), getattr(getattr(stream, "_ffi_handle", None), "handle", None)
    ffi = FfiClient.instance.queue
    if queue is None or handle is None or not hasattr(ffi, "_subscribers"):
        return False
    accept = make(handle)
    with ffi._lock:
        ffi._subscribers = [(q, loop, accept if q is queue else f) for q, loop, f in ffi._subscribers]
    return True


def _own_frames_only(stream: Any, kind: str) -> None:
    def mine(handle: int) -> Callable[[Any], bool]:
        return lambda event: event.WhichOneof("message") == kind and getattr(event, kind).stream_handle == handle

    _set_filter(stream, mine)


def _room_events_only(handle: int) -> Callable[[Any], bool]:
    """What a room's listener uses: its own room's events, RPC invocations and the publish/unpublish callbacks its
    participants await through it (livekit-rtc's filter took every event but media frames)."""

    def accept(event: Any) -> bool:
        kind = event.WhichOneof("message")
        if kind == "room_event":
            return event.room_event.room_handle == handle
        return kind not in _MEDIA and kind not in _AWAITED

    return accept


def _narrowing_room(connect: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(connect)
    async def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = await connect(self, *args, **kwargs)
        try:
            _set_filter(self, _room_events_only)
        except Exception:
            logger.debug("could not narrow a room's FFI subscription", exc_info=True)
        return result

    return wrapped


def _awaiting_callback(method: Callable[..., Any], kind: Callable[..., str]) -> Callable[..., Any]:
    """``method`` subscribes to the FFI queue, sends a request and awaits its callback: its subscription takes only
    callbacks of ``kind(*args)``."""

    @functools.wraps(method)
    async def wrapped(*args: Any, **kwargs: Any) -> Any:
        token = _awaiting.set(kind(*args, **kwargs))
        try:
            return await method(*args, **kwargs)
        finally:
            _awaiting.reset(token)

    return wrapped


def _subscribing_to_awaited(subscribe: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(subscribe)
    def wrapped(loop: Any = None, filter_fn: Callable[[Any], bool] | None = None) -> Any:
        kind = _awaiting.get()
        if filter_fn is None and kind is not None:
            filter_fn = functools.partial(_is_kind, kind)
        return subscribe(loop, filter_fn)

    return wrapped


def _is_kind(kind: str, event: Any) -> bool:
    return event.WhichOneof("message") == kind


def gate_video_frames(stream: rtc.VideoStream, admit: Callable[[], bool]) -> bool:
    """Deliver only the frames of ``stream`` for which ``admit()`` (called in the FFI's callback thread, as each
    frame arrives) says True; the others are released at once. False: the gate could not be set (AGENT_FFI_ROUTING=0
    or a livekit-rtc whose internals moved), every frame is delivered and the reader must choose itself."""
    if not _enabled():
        return False

    def gated(handle: int) -> Callable[[Any], bool]:
        def accept(event: Any) -> bool:
            if event.WhichOneof("message") != "video_stream_event":
                return False
            ev = event.video_stream_event
            if ev.stream_handle != handle:
                return False
            if ev.WhichOneof("message") == "frame_received" and not admit():
                FfiHandle(ev.frame_received.buffer.handle.id).dispose()  # the native frame, never copied
                return False
            return True  # a sampled frame, or the end of the stream

        return accept

    try:
        return _set_filter(stream, gated)
    except Exception:
        logger.debug("could not gate a video stream's frames", exc_info=True)
        return False


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
    if _installed or not _enabled():
        return
    ffi = FfiClient.instance.queue
    if not (hasattr(ffi, "_subscribers") and hasattr(ffi, "_lock")):
        logger.warning("livekit-rtc's FFI queue changed: frames are not routed by stream")
        return
    rtc.VideoStream.__init__ = _narrowing(rtc.VideoStream.__init__, "video_stream_event")  # type: ignore[method-assign]
    rtc.AudioStream.__init__ = _narrowing(rtc.AudioStream.__init__, "audio_stream_event")  # type: ignore[method-assign]
    rtc.Room.connect = _narrowing_room(rtc.Room.connect)  # type: ignore[method-assign]
    ffi.subscribe = _subscribing_to_awaited(ffi.subscribe)  # type: ignore[method-assign]
    for cls, name, kind in ((rtc.AudioSource, "capture_frame", "capture_audio_frame"),
                            (rtc.LocalParticipant, "publish_data", "publish_data"),
                            (rtc.LocalParticipant, "publish_transcription", "publish_transcription"),
                            (rtc.LocalParticipant, "set_attributes", "set_local_attributes")):
        setattr(cls, name, _awaiting_callback(getattr(cls, name), lambda *a, kind=kind, **k: kind))
    # a text or byte stream's requests (header, chunks, trailer) name the callback they wait for
    BaseStreamWriter._wait_for_callback = _awaiting_callback(  # type: ignore[method-assign]
        BaseStreamWriter._wait_for_callback,
        lambda self, req, callback_field, *a, **k: callback_field)
    _installed = True
