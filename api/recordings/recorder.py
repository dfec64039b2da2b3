"""The recorder participant: joins an interview's room hidden, subscribes to the candidate's camera and every
voice (the candidate, the AI interviewer or the hiring team's panelists), and writes one fragmented MP4.

It runs in its own process (api/recordings/job.py), so encoding never costs the agent's real-time work: video is
written at a fixed rate from the latest camera frame (black while there is none), audio is mixed in step with the
wall clock (api/recordings/mixer.py), and both are encoded on one thread beside the event loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from livekit import api, rtc

from api.recordings.encoder import AUDIO_RATE, FragmentedMp4Writer
from api.recordings.mixer import AudioMixer

logger = logging.getLogger("interviewly.recorder")

AUDIO_LATENCY_S = 0.25  # audio is written this far behind the clock, so late packets still land in the mix
RECORDER_PREFIX = "recorder-"


def recorder_token(key: str, secret: str, room: str, identity: str) -> str:
    """Hidden and subscribe-only: nobody in the room sees the recorder, and it can publish nothing."""
    grants = api.VideoGrants(room_join=True, room=room, hidden=True, can_publish=False, can_subscribe=True,
                             can_publish_data=False)
    return api.AccessToken(key, secret).with_identity(identity).with_grants(grants).to_jwt()


@dataclass
class RecordingStats:
    seconds: float = 0.0
    video_frames: int = 0
    camera_frames: int = 0  # of those, frames that showed the candidate's camera (not black)
    audio_sources: int = 0


class RoomRecorder:
    def __init__(self, out: Path, candidate_identity: str, *, fps: int = 15, height: int = 480) -> None:
        self.out, self.candidate_identity, self.fps = out, candidate_identity, fps
        self.height, self.width = height, (height * 4 // 3) // 2 * 2
        self.room = rtc.Room()
        self.mixer = AudioMixer()
        self.stats = RecordingStats()
        self._latest: rtc.VideoFrame | None = None
        self._readers: dict[str, asyncio.Task[None]] = {}
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="recorder-encode")
        self.room.on("track_published", self._on_published)
        self.room.on("track_subscribed", self._on_track)
        self.room.on("track_unsubscribed", self._on_untrack)

    async def join(self, url: str, token: str) -> None:
        # only what goes in the file: every voice and the candidate's camera (a video track not taken is one
        # WebRTC stream less to receive and decode)
        await self.room.connect(url, token, rtc.RoomOptions(auto_subscribe=False))
        for p in self.room.remote_participants.values():
            for pub in p.track_publications.values():
                self._on_published(pub, p)

    def _wanted(self, pub: rtc.RemoteTrackPublication, p: rtc.RemoteParticipant) -> bool:
        return pub.kind == rtc.TrackKind.KIND_AUDIO or (
            p.identity == self.candidate_identity and pub.source == rtc.TrackSource.SOURCE_CAMERA)

    def _on_published(self, pub: rtc.RemoteTrackPublication, p: rtc.RemoteParticipant) -> None:
        if self._wanted(pub, p):
            pub.set_subscribed(True)

    def _on_track(self, track: rtc.Track, pub: rtc.RemoteTrackPublication, p: rtc.RemoteParticipant) -> None:
        if track.kind == rtc.TrackKind.KIND_AUDIO:
            self.stats.audio_sources += 1
            self._readers[track.sid] = asyncio.create_task(self._read_audio(track))
        elif track.kind == rtc.TrackKind.KIND_VIDEO and self._wanted(pub, p):
            self._readers[track.sid] = asyncio.create_task(self._read_video(track))

    def _on_untrack(self, track: rtc.Track, pub: rtc.RemoteTrackPublication, p: rtc.RemoteParticipant) -> None:
        task = self._readers.pop(track.sid, None)
        if task is not None:
            task.cancel()
        if track.kind == rtc.TrackKind.KIND_AUDIO:
            self.mixer.remove(track.sid)
        else:
            self._latest = None

    async def _read_audio(self, track: rtc.Track) -> None:
        async for ev in rtc.AudioStream.from_track(track=track, sample_rate=AUDIO_RATE, num_channels=1):
            self.mixer.push(track.sid, np.frombuffer(ev.frame.data, dtype=np.int16))

    async def _read_video(self, track: rtc.Track) -> None:
        async for ev in rtc.VideoStream(track):
            self._latest = ev.frame

    def _yuv(self) -> np.ndarray | None:
        """The latest camera frame as I420 planes (what WebRTC decodes to: no colour conversion)."""
        frame = self._latest
        if frame is None:
            return None
        i420 = frame if frame.type == rtc.VideoBufferType.I420 else frame.convert(rtc.VideoBufferType.I420)
        w, h = i420.width // 2 * 2, i420.height // 2 * 2
        if (w, h) != (i420.width, i420.height):  # odd sizes: take the even part (a pixel row or column)
            i420 = i420.convert(rtc.VideoBufferType.RGB24)
            rgb = np.frombuffer(i420.data, np.uint8).reshape(i420.height, i420.width, 3)[:h, :w]
            return np.ascontiguousarray(rgb)
        return np.frombuffer(i420.data, np.uint8)[:w * h * 3 // 2].reshape(h * 3 // 2, w)

    def _encode(self, writer: FragmentedMp4Writer, rgb: np.ndarray | None, audio: np.ndarray) -> None:
        writer.write_video(rgb)
        writer.write_audio(audio)

    async def record(self, stop: asyncio.Event) -> RecordingStats:
        """Writes from now until ``stop`` is set; the file is complete (and closed) when this returns."""
        loop = asyncio.get_running_loop()
        writer = await loop.run_in_executor(
            self._pool, lambda: FragmentedMp4Writer(self.out, width=self.width, height=self.height, fps=self.fps))
        t0 = time.monotonic()
        written = 0
        try:
            while not stop.is_set():
                n = self.stats.video_frames
                rgb = self._yuv()
                due = int((time.monotonic() - t0 - AUDIO_LATENCY_S) * AUDIO_RATE) - written
                audio = self.mixer.pull(max(0, due))
                written += audio.size
                await loop.run_in_executor(self._pool, self._encode, writer, rgb, audio)
                self.stats.video_frames += 1
                self.stats.camera_frames += rgb is not None
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), max(0.0, t0 + (n + 1) / self.fps - time.monotonic()))
        finally:
            # the last AUDIO_LATENCY_S of sound, then the encoders' tails
            tail = self.mixer.pull(max(0, int(self.stats.video_frames / self.fps * AUDIO_RATE) - written))
            await loop.run_in_executor(self._pool, lambda: (writer.write_audio(tail), writer.close()))
            self.stats.seconds = self.stats.video_frames / self.fps
        return self.stats

    async def leave(self) -> None:
        for task in self._readers.values():
            task.cancel()
        with contextlib.suppress(Exception):
            await self.room.disconnect()
        self._pool.shutdown(wait=True)
