"""Simulated people for end-to-end runs: a candidate (real face video, espeak-ng speech) and a recruiter.

Both are plain ``livekit`` SDK participants talking to a real livekit-server. Used by tests/agent and by
bench/bench_agent*.py.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from livekit import api, rtc
from livekit.rtc._proto import track_pb2, video_frame_pb2

from db import contract
from db.enums import InterviewKind, InterviewMode
from db.models import Application, Company, Interview, InterviewSession, Job, JobSkill, User
from db.models import Candidate as CandidateRow
from tests.rooms import new_room

REPO = Path(__file__).resolve().parents[2]
LIVE_TOPIC = contract.LIVE_TOPIC
VIDEO_W, VIDEO_H = 640, 480


def token(key: str, secret: str, identity: str, room: str, *, hidden: bool = False, publish: bool = True) -> str:
    grants = api.VideoGrants(room_join=True, room=room, hidden=hidden, can_publish=publish,
                             can_subscribe=True, can_publish_data=publish)
    return api.AccessToken(key, secret).with_identity(identity).with_grants(grants).to_jwt()


# --- database rows ---------------------------------------------------------------------------------------

async def create_interview(sessionmaker: Any, *, skills: list[tuple[str, float]] | None = None,
                           questions: list[str] | None = None, candidate_name: str = "Ada Lovelace",
                           duration_minutes: int = 30, practice: bool = False) -> uuid.UUID:
    """Company, job with skills, candidate, application and a SCHEDULED AI interview in room interview-<id>."""
    suffix = uuid.uuid4().hex[:8]
    async with sessionmaker() as s, s.begin():
        interview_id = uuid.uuid4()
        plan = {"questions": [{"text": q} for q in questions]} if questions else None
        if practice:
            user = User(clerk_id=f"user_{suffix}", email=f"{suffix}@example.com", full_name=candidate_name)
            s.add(user)
            await s.flush()
            s.add(Interview(id=interview_id, kind=InterviewKind.AI, mode=InterviewMode.PRACTICE,
                            candidate_user_id=user.id, room_name=f"interview-{interview_id}",
                            scheduled_at=datetime.now(UTC), duration_minutes=duration_minutes, question_plan=plan))
            await s.flush()
            s.add(InterviewSession(user_id=user.id, interview_id=interview_id, target_role="Python developer"))
            return interview_id
        company = Company(name="Acme Robotics", slug=f"acme-{suffix}")
        s.add(company)
        await s.flush()
        job = Job(company_id=company.id, title="Backend Engineer", description="APIs", status="OPEN")
        s.add(job)
        await s.flush()
        for name, weight in skills or [("Python", 2.0), ("SQL", 1.0)]:
            s.add(JobSkill(job_id=job.id, name=name, weight=weight))
        candidate = CandidateRow(full_name=candidate_name, email=f"cand-{suffix}@example.com")
        s.add(candidate)
        await s.flush()
        application = Application(job_id=job.id, candidate_id=candidate.id)
        s.add(application)
        await s.flush()
        s.add(Interview(id=interview_id, application_id=application.id, company_id=company.id, kind=InterviewKind.AI,
                        mode=InterviewMode.RECRUITING, room_name=f"interview-{interview_id}",
                        scheduled_at=datetime.now(UTC), duration_minutes=duration_minutes, question_plan=plan))
    return interview_id


async def dispatch(info: Any, interview_id: uuid.UUID, agent_name: str = "interviewer") -> float:
    """Create the room and an explicit dispatch to the interviewer, as the API does; returns the time."""
    room = f"interview-{interview_id}"
    async with api.LiveKitAPI(info.http_url, info.api_key, info.api_secret) as lk:
        await lk.room.create_room(api.CreateRoomRequest(name=room, empty_timeout=120, departure_timeout=60))
        await lk.agent_dispatch.create_dispatch(api.CreateAgentDispatchRequest(
            agent_name=agent_name, room=room, metadata=contract.dispatch_metadata(interview_id)))
    return time.monotonic()


# --- the worker process ----------------------------------------------------------------------------------

@dataclass
class WorkerProcess:
    proc: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    async def wait_registered(self, within: float = 90.0) -> None:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"worker exited with {self.proc.returncode}:\n{self.log()[-3000:]}")
            if "registered worker" in self.log():
                return
            await asyncio.sleep(0.2)
        raise TimeoutError(f"worker did not register within {within}s:\n{self.log()[-3000:]}")

    async def wait_for_log(self, text: str, within: float = 30.0) -> None:
        deadline = time.monotonic() + within
        while text not in self.log():
            if time.monotonic() > deadline:
                raise TimeoutError(f"{text!r} not in the worker log after {within}s:\n{self.log()[-3000:]}")
            await asyncio.sleep(0.2)

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Signal the worker process only (its job processes die with it: PR_SET_PDEATHSIG)."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, sig)
            self.proc.wait(30)

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM the worker (it drains and stops its job processes), then clear anything left behind."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def worker_env(info: Any, database_url: str, **overrides: Any) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "LIVEKIT_", "AVATAR_"))}
    env.update({
        "DATABASE_URL": database_url,
        "LIVEKIT_URL": info.url,
        "LIVEKIT_API_KEY": info.api_key,
        "LIVEKIT_API_SECRET": info.api_secret,
        "PYTHONUNBUFFERED": "1",
        "LIVEKIT_LOG_LEVEL": "info",
    })
    env.update({k: str(v) for k, v in overrides.items()})
    return env


def start_worker(env: dict[str, str], log_path: Path, *, command: str = "start") -> WorkerProcess:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    out = open(log_path, "wb")
    proc = subprocess.Popen([sys.executable, "-m", "agent.worker", command], cwd=REPO, env=env, stdout=out,
                            stderr=subprocess.STDOUT, start_new_session=True)
    return WorkerProcess(proc, log_path)


# --- media -----------------------------------------------------------------------------------------------

def rgb_to_frame(rgb: np.ndarray) -> rtc.VideoFrame:
    h, w = rgb.shape[:2]
    rgba = np.empty((h, w, 4), np.uint8)
    rgba[..., :3], rgba[..., 3] = rgb, 255
    return rtc.VideoFrame(w, h, rtc.VideoBufferType.RGBA, rgba.tobytes())


async def analyses_back(sampler: Any, within: float = 10.0) -> None:
    """Until every sampled frame's analysis has come back (or was dropped). The analysis runs in a thread at lowered
    priority, which a loaded 2-core runner can leave waiting for tens of milliseconds (34 ms at the 99th percentile
    here with four busy processes): a fixed sleep is not enough there."""
    deadline = time.monotonic() + within
    while sampler.frames_analyzed + sampler.frames_dropped + sampler.analysis_errors < sampler.frames_sampled:
        assert time.monotonic() < deadline, "an analysis never came back"
        await asyncio.sleep(0.001)


def wav_frames(path: Path, rate: int = 48000, frame_ms: int = 50) -> list[rtc.AudioFrame]:
    """A WAV as livekit frames of ``frame_ms`` at ``rate`` (few, large frames: cheap to push from Python)."""
    import wave

    with wave.open(str(path), "rb") as wf:
        src_rate, data = wf.getframerate(), wf.readframes(wf.getnframes())
    frame = rtc.AudioFrame(data, src_rate, 1, len(data) // 2)
    resampler = rtc.AudioResampler(src_rate, rate, num_channels=1)
    pcm = b"".join(bytes(f.data) for f in [*resampler.push(frame), *resampler.flush()])
    n = rate * frame_ms // 1000
    step = n * 2
    return [rtc.AudioFrame(pcm[i:i + step].ljust(step, b"\0"), rate, 1, n) for i in range(0, len(pcm), step)]


def rms(frame: rtc.AudioFrame) -> float:
    x = np.frombuffer(frame.data, dtype=np.int16).astype(np.float32) / 32768.0
    return float(np.sqrt(np.mean(x * x))) if x.size else 0.0


# --- participants ----------------------------------------------------------------------------------------

@dataclass
class Received:
    messages: list[tuple[float, dict[str, Any]]] = field(default_factory=list)  # (monotonic, payload)
    other_topics: list[tuple[str, bytes]] = field(default_factory=list)
    agent_audio_peak: float = 0.0
    agent_audio_first_voice: float | None = None  # monotonic time the agent's audio first had energy
    agent_joined: float | None = None


class Participant:
    def __init__(self, info: Any, room_name: str, identity: str, *, hidden: bool = False,
                 publish: bool = True, auto_subscribe: bool = True, jwt: str | None = None,
                 listen: bool = True) -> None:
        self.info = info
        self.room_name = room_name
        self.identity = identity
        self.room = new_room()
        self.received = Received()
        # a token the API issued (as the pages get it), or one made here
        self._token = jwt or token(info.api_key, info.api_secret, identity, room_name, hidden=hidden, publish=publish)
        self._tasks: list[asyncio.Task[Any]] = []
        self.auto_subscribe = auto_subscribe
        # listen=False: subscribed (the interviewer speaks only once someone is), but the audio is not pulled into
        # Python: 100 frames a second per participant, a real cost with a dozen of them in one test process
        self.listen = listen
        self.room.on("data_received", self._on_data)
        self.room.on("track_subscribed", self._on_track)
        self.room.on("participant_connected", self._on_participant)

    async def connect(self) -> None:
        await self.room.connect(self.info.url, self._token, rtc.RoomOptions(auto_subscribe=self.auto_subscribe))
        for p in self.room.remote_participants.values():
            self._on_participant(p)

    def _on_participant(self, p: rtc.RemoteParticipant) -> None:
        if p.identity.startswith("interviewer-") and self.received.agent_joined is None:
            self.received.agent_joined = time.monotonic()

    def _on_data(self, packet: rtc.DataPacket) -> None:
        if packet.topic == LIVE_TOPIC:
            msg = json.loads(packet.data)
            msg["_received_wall"] = time.time()
            self.received.messages.append((time.monotonic(), msg))
        else:
            self.received.other_topics.append((packet.topic or "", bytes(packet.data)))

    def _on_track(self, track: rtc.Track, pub: rtc.RemoteTrackPublication, p: rtc.RemoteParticipant) -> None:
        if self.listen and track.kind == rtc.TrackKind.KIND_AUDIO and p.identity.startswith("interviewer-"):
            self._tasks.append(asyncio.create_task(self._listen(track)))

    async def _listen(self, track: rtc.Track) -> None:
        async for ev in rtc.AudioStream.from_track(track=track, sample_rate=16000, num_channels=1):
            level = rms(ev.frame)
            self.received.agent_audio_peak = max(self.received.agent_audio_peak, level)
            if level > 0.01 and self.received.agent_audio_first_voice is None:
                self.received.agent_audio_first_voice = time.monotonic()

    async def disconnect(self) -> None:
        for t in self._tasks:
            t.cancel()
        await self.room.disconnect()


class Candidate(Participant):
    """Publishes a camera (a real face photo at 15 fps, switchable) and a microphone (espeak-ng speech)."""

    def __init__(self, info: Any, room_name: str, identity: str | None = None, *, fps: float = 15.0,
                 size: tuple[int, int] = (VIDEO_W, VIDEO_H), auto_subscribe: bool = True,
                 jwt: str | None = None, listen: bool = True) -> None:
        super().__init__(info, room_name, identity or f"candidate-{uuid.uuid4().hex[:6]}",
                         auto_subscribe=auto_subscribe, jwt=jwt, listen=listen)
        self.fps = fps
        self.size = size
        self.video = rtc.VideoSource(*size)
        self.audio = rtc.AudioSource(48000, 1)
        self._current: rtc.VideoFrame | None = None
        self.label = ""
        self.labels: dict[int, str] = {}  # frame id -> what the camera showed
        self.frame_id = 0
        self.published: dict[int, float] = {}  # frame id -> monotonic publish time
        self.speaking = asyncio.Event()
        self._utterances: asyncio.Queue[tuple[list[rtc.AudioFrame], asyncio.Future[None]]] = asyncio.Queue()

    def show(self, rgb: np.ndarray | None, label: str = "") -> None:
        """What the camera shows from now on (None: a muted camera sends nothing)."""
        self._current = None if rgb is None else rgb_to_frame(rgb)
        self.label = label

    async def publish(self, rgb: np.ndarray, label: str = "frontal") -> None:
        self.show(rgb, label)
        cam = rtc.LocalVideoTrack.create_video_track("camera", self.video)
        # one layer: the agent receives a single one anyway, and the simulation's VP8 encoding stays cheap
        opts = rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_CAMERA, simulcast=False)
        opts.frame_metadata_features.extend([track_pb2.FMF_USER_TIMESTAMP, track_pb2.FMF_FRAME_ID])
        await self.room.local_participant.publish_track(cam, opts)
        mic = rtc.LocalAudioTrack.create_audio_track("microphone", self.audio)
        await self.room.local_participant.publish_track(
            mic, rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_MICROPHONE))
        self._tasks.append(asyncio.create_task(self._pump_video()))
        self._tasks.append(asyncio.create_task(self._pump_audio()))

    async def _pump_video(self) -> None:
        loop = asyncio.get_running_loop()
        start = loop.time()
        n = 0
        while True:
            n += 1
            frame = self._current
            if frame is not None:
                self.frame_id += 1
                now_us = int(time.time() * 1e6)
                md = video_frame_pb2.FrameMetadata(user_timestamp=now_us, frame_id=self.frame_id)
                self.published[self.frame_id] = time.monotonic()
                self.labels[self.frame_id] = self.label
                self.video.capture_frame(frame, metadata=md)
            await asyncio.sleep(max(0.0, start + n / self.fps - loop.time()))

    async def _pump_audio(self) -> None:
        """The one writer of the microphone: queued utterances, silence in between (real time)."""
        silence = rtc.AudioFrame(b"\0" * 4800, 48000, 1, 2400)  # 50 ms
        while True:
            if self._utterances.empty():
                await self.audio.capture_frame(silence)
                continue
            frames, done = self._utterances.get_nowait()
            self.speaking.set()
            try:
                for f in frames:
                    await self.audio.capture_frame(f)
            finally:
                self.speaking.clear()
                if not done.done():  # the speaker may have stopped waiting (cancelled at shutdown)
                    done.set_result(None)

    def interviewer_attributes(self, key: str) -> list[str]:
        """``key`` of each interviewer in the room that has it, oldest first. A room can hold two for a moment (a
        lost host's, until it is taken out, or a retried dispatch's, until it leaves)."""
        values = [p.attributes.get(key) for p in self.room.remote_participants.values()
                  if p.identity.startswith("interviewer-")]
        return [v for v in values if v]

    def agent_state(self) -> str | None:
        """The interviewer's state: one speaking wins, otherwise the newest one says."""
        states = self.interviewer_attributes("lk.agent.state")
        if "speaking" in states:
            return "speaking"
        return states[-1] if states else None

    async def wait_for_my_turn(self, *, quiet_s: float = 1.0, within: float = 90.0) -> None:
        """Until the interviewer has spoken and then listened for ``quiet_s`` (as a person would wait)."""
        deadline = time.monotonic() + within
        spoke, listening_since = False, None
        while time.monotonic() < deadline:
            state = self.agent_state()
            if state == "speaking":
                spoke, listening_since = True, None
            elif state == "listening" and spoke:
                listening_since = listening_since or time.monotonic()
                if time.monotonic() - listening_since >= quiet_s:
                    return
            else:
                listening_since = None
            await asyncio.sleep(0.05)
        raise TimeoutError(f"the interviewer did not hand over the turn (state {self.agent_state()!r})")

    async def say(self, frames: list[rtc.AudioFrame]) -> None:
        """Speak a prepared utterance in real time; returns when it has been sent."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._utterances.put_nowait((frames, done))
        await done


class Recruiter(Participant):
    """Hidden, subscribe-only: listens to the agent and collects live scores."""

    def __init__(self, info: Any, room_name: str, identity: str | None = None, *, auto_subscribe: bool = True) -> None:
        super().__init__(info, room_name, identity or f"recruiter-{uuid.uuid4().hex[:6]}", hidden=True,
                         publish=False, auto_subscribe=auto_subscribe)
