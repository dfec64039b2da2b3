"""One VAD pass per interview: the session's VAD stream, its speech segments also handed to the STT.

livekit-agents runs a non-streaming STT (offline Whisper, OpenAI's batch transcription) behind a
``stt.StreamAdapter`` that opens a *second* VAD stream over the same audio to cut it into segments.
Both streams see identical frames and reach identical decisions, so the second one only costs CPU:
a Silero inference every 32 ms, per interview. ``VADEventTap`` wraps the
session's VAD and lets the interviewer's ``stt_node`` listen to the events of the one stream the
session runs (END_OF_SPEECH carries the segment's audio, exactly what the adapter would transcribe).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import time
from collections.abc import AsyncIterable, AsyncIterator, Callable
from typing import Any

from livekit import rtc
from livekit.agents import APIConnectOptions, stt, utils, vad

logger = logging.getLogger("interviewly.stt")


class VADEventTap(vad.VAD):
    """A VAD that is the inner one, plus listeners on every event of the streams it opens."""

    def __init__(self, inner: vad.VAD) -> None:
        super().__init__(capabilities=inner.capabilities)
        self.inner = inner
        self._listeners: set[asyncio.Queue[vad.VADEvent]] = set()
        # (the inner VAD's inference-time metrics are not forwarded: it is shared between interviews, and the
        # session only logs them)

    @property
    def model(self) -> str:
        return self.inner.model

    @property
    def provider(self) -> str:
        return self.inner.provider

    def stream(self) -> vad.VADStream:
        return _TappedStream(self.inner.stream(), self)  # type: ignore[return-value]

    @contextlib.contextmanager
    def listen(self) -> Any:
        """A queue receiving every event from now on, until the block ends."""
        queue: asyncio.Queue[vad.VADEvent] = asyncio.Queue()
        self._listeners.add(queue)
        try:
            yield queue
        finally:
            self._listeners.discard(queue)

    def _publish(self, event: vad.VADEvent) -> None:
        for queue in self._listeners:
            queue.put_nowait(event)


class InlineExecutor(concurrent.futures.Executor):
    """Runs each call at once, in the caller's thread, and hands back a finished future.

    The VAD scores each 32 ms window in ~27 µs of CPU (livekit-local-inference's native Silero, the GIL
    released); sending every window to a thread pool would cost more than that again (a thread hop, a future, a
    wake-up of the event loop: ~31 a second per interview), for work that never blocks.
    """

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> concurrent.futures.Future[Any]:
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as e:  # the caller's await raises it, as a pool's future would
            future.set_exception(e)
        return future


class _TappedStream:
    """The inner stream as the session uses it (push, flush, close go straight through), events copied to
    listeners."""

    def __init__(self, inner: vad.VADStream, tap: VADEventTap) -> None:
        self._inner = inner
        self._tap = tap

    def __aiter__(self) -> AsyncIterator[vad.VADEvent]:
        return self

    async def __anext__(self) -> vad.VADEvent:
        event = await self._inner.__anext__()
        if event.type != vad.VADEventType.INFERENCE_DONE:
            self._tap._publish(event)
        return event

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


async def transcribe_vad_segments(
    model: stt.STT, tap: VADEventTap, audio: AsyncIterable[rtc.AudioFrame], *, conn_options: APIConnectOptions
) -> AsyncIterator[stt.SpeechEvent]:
    """What ``stt.StreamAdapter`` yields (start, end, final transcript per VAD segment), from the tap's events.

    ``audio`` is consumed (and so flows on to whatever it feeds) but not analysed again: the segments come
    with the session VAD's END_OF_SPEECH events. A segment whose transcription fails is logged and skipped,
    so one failure does not end the transcription of the rest of the interview.
    """
    with tap.listen() as events:
        async def drain() -> None:
            async for _ in audio:
                pass

        drained = asyncio.create_task(drain(), name="stt-audio-drain")
        try:
            while True:
                nxt = asyncio.ensure_future(events.get())
                await asyncio.wait({nxt, drained}, return_when=asyncio.FIRST_COMPLETED)
                if not nxt.done():  # the audio input ended: so does this stream
                    nxt.cancel()
                    return
                event = nxt.result()
                if event.type == vad.VADEventType.START_OF_SPEECH:
                    yield stt.SpeechEvent(type=stt.SpeechEventType.START_OF_SPEECH)
                elif event.type == vad.VADEventType.END_OF_SPEECH:
                    speech_end = time.time() - event.silence_duration - event.inference_duration
                    yield stt.SpeechEvent(type=stt.SpeechEventType.END_OF_SPEECH, speech_end_time=speech_end)
                    try:
                        result = await model.recognize(buffer=utils.merge_frames(event.frames),
                                                       conn_options=conn_options)
                    except Exception:
                        logger.exception("transcribing a speech segment failed")
                        continue
                    if result.alternatives and result.alternatives[0].text:
                        yield stt.SpeechEvent(
                            type=stt.SpeechEventType.FINAL_TRANSCRIPT,
                            alternatives=[result.alternatives[0]],
                            speech_end_time=result.speech_end_time if result.speech_end_time is not None
                            else speech_end,
                        )
        finally:
            drained.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await drained
