"""Prometheus metrics of an agent host (issue 22), served on AGENT_METRICS_PORT (+ the worker index when the
supervisor runs several worker processes: each process serves its own, like AGENT_HTTP_PORT).

The series are process-wide: with the thread executor (the default) every interview of a worker process counts here.
With AGENT_JOB_EXECUTOR=process the interviews run in job processes of their own and only the host-level series
(active interviews, free slots) are exported. The hooks in the interview code are one line each and never raise.
"""

from __future__ import annotations

import logging
import time
import weakref
from collections.abc import Callable
from typing import Any

from prometheus_client import Counter, Gauge, Histogram, start_http_server

logger = logging.getLogger(__name__)

LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0)

ACTIVE_INTERVIEWS = Gauge("interviewly_agent_active_interviews", "Interviews this worker process holds")
FREE_SLOTS = Gauge("interviewly_agent_free_slots", "Interviews this worker process may still take")
LIVE_MESSAGE_LAG = Histogram(
    "interviewly_agent_live_message_lag_seconds",
    "From a second's live update being composed to LiveKit acknowledging its delivery to the watchers",
    buckets=LATENCY_BUCKETS)
FRAMES_ANALYSED = Counter("interviewly_agent_frames_analysed", "Camera frames analysed (eye contact)")
FRAMES_DROPPED = Counter("interviewly_agent_frames_dropped", "Sampled frames dropped because analysis was behind")
STT_LATENCY = Histogram("interviewly_agent_stt_latency_seconds", "Speech-to-text time per recognition",
                        buckets=LATENCY_BUCKETS)
TTS_LATENCY = Histogram("interviewly_agent_tts_ttfb_seconds", "Text-to-speech time to the first audio",
                        buckets=LATENCY_BUCKETS)
DB_WRITE_LAG = Histogram(
    "interviewly_agent_db_write_lag_seconds",
    "Age of the oldest buffered row when a write to Postgres succeeded (outages show as lag)",
    buckets=(0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 300.0))
DB_FAILED_WRITES = Counter("interviewly_agent_db_failed_writes", "Writes to Postgres that failed (rows kept)")
DB_BUFFER_DEPTH = Gauge("interviewly_agent_db_buffered_rows", "Rows waiting to be written to Postgres")
DB_DROPPED_ROWS = Counter("interviewly_agent_db_dropped_rows", "Per-second rows dropped past DB_MAX_BUFFERED_ROWS")

_recorders: weakref.WeakSet[Any] = weakref.WeakSet()
_hooked_models: weakref.WeakSet[Any] = weakref.WeakSet()


def _safely(read: Callable[[], float]) -> Callable[[], float]:
    last = [0.0]

    def value() -> float:
        try:  # read from the scrape thread while the event loop changes it: keep the last value on a race
            last[0] = float(read())
        except Exception:
            pass
        return last[0]

    return value


def serve(port: int, held_slots: Callable[[], int], max_jobs: int) -> None:
    """Starts the /metrics server of this worker process (0: none)."""
    if port <= 0:
        return
    ACTIVE_INTERVIEWS.set_function(_safely(held_slots))
    FREE_SLOTS.set_function(_safely(lambda: max(0, max_jobs - held_slots())))
    DB_BUFFER_DEPTH.set_function(_safely(lambda: sum(r.pending_rows for r in list(_recorders))))
    start_http_server(port, addr="0.0.0.0")
    logger.info("metrics on :%d/metrics", port)


def track_recorder(recorder: Any) -> None:
    _recorders.add(recorder)


def live_message_sent(composed_at: float) -> None:
    LIVE_MESSAGE_LAG.observe(max(0.0, time.monotonic() - composed_at))


def frames(analysed: int, dropped: int) -> None:
    if analysed:
        FRAMES_ANALYSED.inc(analysed)
    if dropped:
        FRAMES_DROPPED.inc(dropped)


def db_written(oldest_pending_at: float | None) -> None:
    if oldest_pending_at is not None:
        DB_WRITE_LAG.observe(max(0.0, time.monotonic() - oldest_pending_at))


def watch_models(stt: Any, tts: Any) -> None:
    """STT and TTS latency from the models' own metrics events; each model (shared by the interviews of a process)
    is watched once."""
    for model, on in ((stt, _on_stt), (tts, _on_tts)):
        if model is None or model in _hooked_models or not hasattr(model, "on"):
            continue
        try:
            model.on("metrics_collected", on)
            _hooked_models.add(model)
        except (TypeError, ValueError) as e:  # a model that cannot be watched: no series for it, nothing else
            logger.debug("model metrics not watched: %s", e)


def _on_stt(m: Any) -> None:
    duration = getattr(m, "duration", None)
    if isinstance(duration, int | float) and duration > 0:
        STT_LATENCY.observe(duration)


def _on_tts(m: Any) -> None:
    ttfb = getattr(m, "ttfb", None)
    if isinstance(ttfb, int | float) and ttfb >= 0 and not getattr(m, "cancelled", False):
        TTS_LATENCY.observe(ttfb)
